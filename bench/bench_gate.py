"""Where `checker gate`'s time goes: the pipeline, importing great-expectations, validating.

    python bench/bench_gate.py [--stories 200] [--articles-per-story 10] [--seed 1]

Runs `checker gate` as a user would (a fresh process each time, so the great-expectations
import is paid as in CI) on the bundled seeds and on a synthetic corpus written by
bench/generate.py into a temporary folder, and prints the figures of the gate's own timing
line with the wall time of the whole process (interpreter start and imports included).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` (and `checker`) importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import generate_corpus, write_corpus
from checker.resources import seeds_dir

_TOOK = re.compile(
    r"took: pipeline (?P<pipeline>[\d.]+) s, gate (?P<gate>[\d.]+) s "
    r"\(great-expectations: import (?P<gx_import>[\d.]+) s, validate (?P<gx_validate>[\d.]+) s\)"
)
_COLUMNS = ("pipeline", "gate", "gx_import", "gx_validate")


def gate_figures(paths: list[str]) -> dict[str, float | int]:
    """Run `checker gate PATHS` in a fresh process; its timing figures, exit code and wall."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "checker", "gate", *paths],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    wall = time.perf_counter() - started
    found = _TOOK.search(run.stdout)
    if found is None:
        raise RuntimeError(f"no timing line (exit {run.returncode}): {run.stderr[-2000:]}")
    return {**{k: float(found[k]) for k in _COLUMNS}, "exit": run.returncode, "wall": wall}


def count_articles(folder: Path) -> int:
    """The documents checker reads from the folder (feeds and JSONL hold several)."""
    from checker.errors import Problems
    from checker.ingest import ingest

    return ingest([str(folder)], problems=Problems()).height


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--articles-per-story", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    rows = []
    seeds = seeds_dir()
    rows.append(("seeds", count_articles(seeds), gate_figures([str(seeds)])))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        docs, truth = generate_corpus(args.stories, args.articles_per_story, args.seed)
        write_corpus(docs, truth, corpus)
        rows.append(("synthetic", len(docs), gate_figures([str(corpus)])))

    header = ("corpus", "articles", "pipeline s", "gate s", "GX import s", "GX validate s")
    print("| " + " | ".join([*header, "wall s", "exit"]) + " |")
    print("|---|---|---|---|---|---|---|---|")
    for name, articles, f in rows:
        print(
            f"| {name} | {articles:,} | {f['pipeline']:.2f} | {f['gate']:.2f} | "
            f"{f['gx_import']:.2f} | {f['gx_validate']:.2f} | {f['wall']:.2f} | {f['exit']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
