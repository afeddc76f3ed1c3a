"""Extract benchmark: how fast `checker.extract.extract` reads a large synthetic corpus.

    python bench/bench_extract.py [--stories 500] [--articles-per-story 10] [--seed 1]
                                  [--rules DIR] [--profile]

Generates the corpus in memory (bench/synth), builds the documents table, runs extract once on
a few documents (one-time setup: lexicons, compiled patterns) and then on all of them, and
prints articles, sentences (claims), wall and CPU seconds, sentences/s, sentences per CPU
second (the per-core rate: extract is one process, but polars may use several threads), and
peak resident memory. --profile adds a cProfile top 15 by cumulative time (the timings then
include the profiler's overhead).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import pstats
import resource
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl

if __package__ in (None, ""):  # run as a script: make `bench` (and `checker`) importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synth.corpus import generate_corpus
from checker.schema import from_rows

WARMUP_DOCS = 20


def doc_id(story: str, outlet: str) -> str:
    """Stable id of a synthetic document: a hash of story and outlet."""
    return hashlib.sha1(f"{story}/{outlet}".encode()).hexdigest()[:16]


def documents_frame(docs: list[dict[str, Any]]) -> pl.DataFrame:
    """The documents table for generated docs; syndicated copies point at their source."""
    rows = [
        {
            "doc_id": doc_id(doc["story"], doc["outlet"]),
            "story": doc["story"],
            "outlet": doc["outlet"],
            "url": doc["url"],
            "title": doc["title"],
            "published": doc["published"],
            "text": doc["text"],
            "duplicate_of": doc_id(doc["story"], doc["copy_of"]) if doc["copy_of"] else None,
            "language": "en",
        }
        for doc in docs
    ]
    return from_rows(rows, "documents")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--articles-per-story", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", action="append", default=[], help="extra rule folder")
    parser.add_argument("--profile", action="store_true", help="print a cProfile top 15")
    args = parser.parse_args(argv)

    try:
        from checker.extract import extract
    except ImportError as exc:
        print(f"error: checker.extract.extract is not available: {exc}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    docs, truth = generate_corpus(args.stories, args.articles_per_story, args.seed)
    documents = documents_frame(docs)
    print(f"generated {len(docs)} articles ({len(truth)} planted discrepancies) "
          f"in {time.perf_counter() - started:.1f} s; peak RSS so far {peak_rss_mb():.0f} MB")

    started = time.perf_counter()
    extract(documents.head(WARMUP_DOCS), rule_dirs=tuple(args.rules))
    print(f"setup (first {WARMUP_DOCS} documents): {time.perf_counter() - started:.2f} s")

    profiler = cProfile.Profile() if args.profile else None
    cpu_before, started = cpu_seconds(), time.perf_counter()
    if profiler:
        profiler.enable()
    tables = extract(documents, rule_dirs=tuple(args.rules))
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu_before

    sentences = tables["claims"].height
    print(f"articles:             {documents.height}")
    print(f"sentences (claims):   {sentences}")
    print(f"quantities, times:    {tables['quantities'].height}, {tables['times'].height}")
    print(f"seconds (wall):       {wall:.2f}")
    print(f"seconds (cpu):        {cpu:.2f}  (polars threads: {pl.thread_pool_size()})")
    print(f"sentences/s:          {sentences / wall:,.0f}")
    print(f"sentences/s per core: {sentences / cpu:,.0f}  (per CPU second)")
    print(f"peak memory (RSS):    {peak_rss_mb():.0f} MB")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(15)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
