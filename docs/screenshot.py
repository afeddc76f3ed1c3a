"""Take the report screenshots in docs/ from a real-corpus story (tests/corpus/real).

Runs the whole pipeline on tests/corpus/real, writes the report to a temporary folder and
photographs it in headless Debian chromium: the index (report-index.png), the first screen of
one story at 1,400 x 900 (report-story.png), that story's first finding card
(report-card.png) and the story at phone width, 400 px (report-phone.png).
Usage: .venv/bin/python docs/screenshot.py [--story alaska-summit] [--out-dir docs]
"""

from __future__ import annotations

import argparse
import base64
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench/ lives in the checkout

from bench.headless import start_chromium, stop_chromium  # noqa: E402
from checker.errors import Problems  # noqa: E402
from checker.pipeline import run_pipeline  # noqa: E402
from checker.report.view import story_slug  # noqa: E402
from checker.report.writer import write_report  # noqa: E402

REAL = ROOT / "tests" / "corpus" / "real"


def capture(driver, out: Path, clip: dict[str, float]) -> None:
    """A PNG of one region of the page (CSS pixels), beyond the window if need be."""
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": {**clip, "scale": 1}},
    )
    out.write_bytes(base64.b64decode(shot["data"]))
    print(f"wrote {out}")


def emulate(driver, width: int, height: int, mobile: bool) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def photograph(report: Path, story: str, out_dir: Path) -> None:
    page = (report / "stories" / f"{story_slug(story)}.html").resolve().as_uri()
    driver = start_chromium(1400, 900, extra_flags=("--hide-scrollbars",))
    try:
        emulate(driver, 1400, 900, mobile=False)
        driver.get((report / "index.html").resolve().as_uri())
        capture(
            driver, out_dir / "report-index.png", {"x": 0, "y": 0, "width": 1400, "height": 900}
        )
        driver.get(page)
        capture(
            driver, out_dir / "report-story.png", {"x": 0, "y": 0, "width": 1400, "height": 900}
        )
        box = driver.execute_script(
            "const r = document.querySelector('article.finding').getBoundingClientRect();"
            "return {x: r.left - 8, y: r.top + window.scrollY - 8, width: r.width + 16,"
            " height: Math.min(r.height + 16, 1200)};"
        )
        capture(driver, out_dir / "report-card.png", box)
        emulate(driver, 400, 860, mobile=True)
        driver.get("about:blank")
        driver.get(page)
        capture(driver, out_dir / "report-phone.png", {"x": 0, "y": 0, "width": 400, "height": 860})
    finally:
        stop_chromium(driver)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", default="alaska-summit", help="a story of tests/corpus/real")
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).parent)
    args = parser.parse_args()

    stories = sorted(p for p in REAL.iterdir() if p.is_dir())
    tables = run_pipeline([str(p) for p in stories], problems=Problems())
    with tempfile.TemporaryDirectory(prefix="checker-report-") as folder:
        write_report(Path(folder), tables, [], "none")
        photograph(Path(folder), args.story, args.out_dir)


if __name__ == "__main__":
    main()
