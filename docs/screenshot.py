"""Take docs/report-story.png: a story page of the report on the bundled seed corpus.

Runs the whole pipeline on seeds/, writes the report to a temporary folder and photographs one
story page (the one with the most findings, or --story NAME) in headless Debian chromium.
Usage: .venv/bin/python docs/screenshot.py [--story NAME] [--out docs/report-story.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ lives in the checkout

from bench.headless import start_chromium, stop_chromium
from checker.errors import Problems
from checker.pipeline import run_pipeline
from checker.report.view import story_slug
from checker.report.writer import write_report
from checker.resources import seeds_dir


def photograph(page: Path, out: Path, width: int, height: int) -> None:
    driver = start_chromium(width, height, extra_flags=("--hide-scrollbars",))
    try:
        started = time.perf_counter()
        driver.get(page.resolve().as_uri())
        print(f"page loaded in {time.perf_counter() - started:.2f} s")
        out.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(out))
    finally:
        stop_chromium(driver)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", help="story to photograph (default: most findings)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("report-story.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1700)
    args = parser.parse_args()

    tables = run_pipeline([str(seeds_dir())], problems=Problems())
    findings = tables["findings"]
    story = (
        args.story
        or findings.group_by("story")
        .len()
        .sort(["len", "story"], descending=[True, False])["story"][0]
    )
    with tempfile.TemporaryDirectory(prefix="checker-report-") as folder:
        write_report(Path(folder), tables, [], "none")
        photograph(
            Path(folder) / "stories" / f"{story_slug(story)}.html",
            args.out,
            args.width,
            args.height,
        )
    print(f"wrote {args.out} ({story})")


if __name__ == "__main__":
    main()
