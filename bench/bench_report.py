"""Report benchmark: how big the HTML report of a large run is and how fast a browser loads it.

    python bench/bench_report.py [--stories 200] [--articles-per-story 10] [--seed 1]
                                 [--keep DIR] [--runs 3]

Generates the corpus in memory (bench/synth), runs the pipeline from the documents table,
writes the report with checker.report.writer.write_report into a temporary folder (or DIR
with --keep), then opens index.html and the largest story page in headless Chromium and
prints: the size of all HTML files, of index.html and of the largest story page, and each
page's load time (navigation start to the end of the load event, PerformanceNavigationTiming)
of the first load and the best of --runs loads, and the wall time of `checker report` on the
saved folder in a fresh process. Targets: under 2 s per page, first load; `checker report`
under 10 s.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` (and `checker`) importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_extract import documents_frame
from bench.headless import chromium_available, start_chromium, stop_chromium
from bench.synth.corpus import generate_corpus

TARGET_SECONDS = 2.0
REPORT_TARGET_SECONDS = 10.0
# loadEventEnd is 0 until the load handlers have returned; poll until it is set.
LOAD_TIME_JS = """
const nav = performance.getEntriesByType('navigation')[0];
return nav && nav.loadEventEnd > 0 ? [nav.loadEventEnd - nav.startTime,
    document.getElementsByTagName('*').length] : null;
"""


def load_time(driver, page: Path, runs: int) -> tuple[float, float, int]:
    """Seconds from navigation start to load event end of the first (cold) and the best of
    `runs` loads, and the page's DOM element count."""
    times, nodes = [], 0
    for _ in range(max(1, runs)):
        driver.get("about:blank")
        driver.get(page.resolve().as_uri())
        deadline = time.monotonic() + 60
        result = None
        while result is None and time.monotonic() < deadline:
            result = driver.execute_script(LOAD_TIME_JS)
            if result is None:
                time.sleep(0.01)
        if result is None:
            raise RuntimeError(f"{page}: no load event within 60 s")
        times.append(result[0] / 1000)
        nodes = int(result[1])
    return times[0], min(times), nodes


def html_sizes(out: Path) -> tuple[int, Path]:
    """Total bytes of every HTML file in the report, and the largest story page."""
    pages = sorted(out.rglob("*.html"))
    stories = [p for p in pages if p.parent.name == "stories"]
    if not stories:
        raise RuntimeError(f"{out}: no story pages written")
    largest = max(stories, key=lambda p: (p.stat().st_size, p.name))
    return sum(p.stat().st_size for p in pages), largest


def mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--articles-per-story", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the report here and keep it")
    parser.add_argument("--runs", type=int, default=3, help="page loads per page (best counts)")
    args = parser.parse_args(argv)
    if not chromium_available():
        print("error: chromium and chromedriver are needed (see .ci/run)", file=sys.stderr)
        return 2

    from checker.pipeline import run_from_documents
    from checker.report.writer import write_report
    from checker.tables_io import write_tables

    started = time.perf_counter()
    docs, _truth = generate_corpus(args.stories, args.articles_per_story, args.seed)
    documents = documents_frame(docs)
    print(f"corpus:               {documents.height} articles, {args.stories} stories "
          f"({time.perf_counter() - started:.1f} s)")

    started = time.perf_counter()
    tables = run_from_documents(documents)
    print(f"pipeline:             {time.perf_counter() - started:.1f} s, "
          f"{tables['claims'].height} claims, {tables['findings'].height} findings")

    work = Path(tempfile.mkdtemp(prefix="checker-bench-report-"))
    out = args.keep or work / "report"
    try:
        started = time.perf_counter()
        write_report(out, tables)
        print(f"write_report:         {time.perf_counter() - started:.1f} s")
        total, largest = html_sizes(out)
        index = out / "index.html"
        print(f"HTML, all files:      {mb(total)}")
        print(f"index.html:           {mb(index.stat().st_size)}")
        print(f"largest story page:   {mb(largest.stat().st_size)} ({largest.name})")

        driver = start_chromium()
        try:
            slow = False
            for label, page in (("index.html", index), ("largest story", largest)):
                first, best, nodes = load_time(driver, page, args.runs)
                slow |= first >= TARGET_SECONDS
                print(f"load {label + ':':<17} {first:.3f} s first, {best:.3f} s best "
                      f"({nodes} DOM elements)")
        finally:
            stop_chromium(driver)
        print(f"target < {TARGET_SECONDS:.0f} s per page: {'MISSED' if slow else 'met'}")

        write_tables(out, tables)  # what `checker report` re-renders from
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "checker", "report", str(out), "-q"], check=True)
        took = time.perf_counter() - started
        late = took >= REPORT_TARGET_SECONDS
        print(f"checker report:       {took:.1f} s wall "
              f"(target < {REPORT_TARGET_SECONDS:.0f} s: {'MISSED' if late else 'met'})")
        return 1 if slow or late else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
