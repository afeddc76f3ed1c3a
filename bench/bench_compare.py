"""End-to-end benchmark: extract -> match -> checks on synthetic stories, with matcher recall.

    python bench/bench_compare.py [--stories 50 200] [--articles-per-story 10] [--seed 1]
                                  [--rules DIR]

For each size (default 50 and 200 stories of 10 articles, so linearity is visible), generates
the corpus in memory, runs `checker.pipeline.run_from_documents` once (timed, after a one-story
warm-up that loads lexicons and rules), then measures outside the timing:
- blocked recall: the matcher's pairs against scoring every cross-outlet pair of each story
  with the same scorer, threshold and content strings (bench/blocked_recall.py);
- planted recall per check: the generator's planted discrepancies that a finding reports
  (bench/planted_recall.py).
Peak RSS is the process's peak so far, so run sizes in ascending order (the default).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

if __package__ in (None, ""):  # run as a script: make `bench` (and `checker`) importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_extract import documents_frame, peak_rss_mb
from bench.blocked_recall import BlockedRecall, blocked_recall
from bench.planted_recall import CheckRecall, planted_recall
from bench.synth.corpus import generate_corpus
from checker.match import MatchSettings
from checker.pipeline import run_from_documents


@dataclass(frozen=True)
class CompareFigures:
    articles: int
    stories: int
    claims: int
    findings: int
    seconds: float
    peak_rss_mb: float
    blocking: BlockedRecall
    planted: list[CheckRecall]

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else float("inf")


def synthetic_documents(
    stories: int, articles_per_story: int, seed: int
) -> tuple[pl.DataFrame, list[dict[str, Any]]]:
    docs, truth = generate_corpus(stories, articles_per_story, seed)
    return documents_frame(docs), truth


def warm_up(documents: pl.DataFrame, rule_dirs: tuple[Path, ...]) -> None:
    """One story through every stage: lexicons, rules and compiled patterns load once."""
    first = documents.filter(pl.col("story") == documents["story"].first())
    run_from_documents(first, rule_dirs=rule_dirs)


def measure(
    stories: int,
    articles_per_story: int = 10,
    seed: int = 1,
    rule_dirs: tuple[Path, ...] = (),
    workers: int = -1,
) -> CompareFigures:
    """Run the stages once on a generated corpus and measure speed, memory and recall."""
    documents, truth = synthetic_documents(stories, articles_per_story, seed)
    warm_up(documents, rule_dirs)
    started = time.perf_counter()
    tables = run_from_documents(documents, rule_dirs=rule_dirs)
    seconds = time.perf_counter() - started
    rss = peak_rss_mb()
    settings = MatchSettings.load(rule_dirs)
    return CompareFigures(
        articles=documents.height,
        stories=documents["story"].n_unique(),
        claims=tables["claims"].height,
        findings=tables["findings"].height,
        seconds=seconds,
        peak_rss_mb=rss,
        blocking=blocked_recall(tables, settings, workers),
        planted=planted_recall(tables["findings"], truth),
    )


def summary_line(fig: CompareFigures) -> str:
    b = fig.blocking
    return (
        f"articles {fig.articles:>6}  stories {fig.stories:>5}  claims {fig.claims:>7}  "
        f"seconds {fig.seconds:7.2f}  articles/s {fig.articles_per_second:7.1f}  "
        f"peak RSS {fig.peak_rss_mb:5.0f} MB  pairs scored {b.pairs_scored:>9,} "
        f"(all pairs {b.all_pairs:,})  blocked recall {b.recall:.4f} "
        f"({b.found}/{b.all_matches})"
    )


def planted_lines(fig: CompareFigures) -> list[str]:
    lines = [f"  planted recall ({fig.articles} articles):"]
    for row in fig.planted:
        lines.append(
            f"    {row.check:<12} {row.found:>4}/{row.planted:<4} recall {row.recall:.3f}  "
            f"findings {row.findings}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--articles-per-story", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", type=Path, action="append", default=[], help="rule folder")
    args = parser.parse_args(argv)
    print(f"polars threads: {pl.thread_pool_size()}")
    results = []
    for stories in args.stories:
        fig = measure(stories, args.articles_per_story, args.seed, tuple(args.rules))
        results.append(fig)
        print(summary_line(fig), flush=True)
    for fig in results:
        print("\n".join(planted_lines(fig)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
