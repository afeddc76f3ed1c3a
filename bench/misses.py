"""Why a label was missed: what the pipeline read from each labelled side's sentences.

    python -m bench.misses [corpus] [--check quantity] [--story S]

For every discrepancy label of the chosen check that the strict scorer does not count as found,
prints each side's outlets and, for every figure of that outlet's sentence holding the side's
value, the figure's kind, value, unit, qualifier, frame key (facts.key) and context. A label
whose values never reach one frame key is a matching miss; a value with no figure at all is an
extraction miss. Reads the tables of one run; writes nothing.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from bench.accuracy import (
    REAL_CORPUS,
    at_or_above,
    load_labels,
    normalise,
    opposes,
    story_dirs,
)
from checker.report.json_findings import findings_json


def _tables(corpus: Path) -> dict[str, pl.DataFrame]:
    from checker.errors import Problems
    from checker.pipeline import run_pipeline

    return run_pipeline([str(d) for d in story_dirs(corpus)], problems=Problems())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REAL_CORPUS)
    parser.add_argument("--check", default="quantity")
    parser.add_argument("--story")
    args = parser.parse_args(argv)
    tables = _tables(args.corpus)
    findings = [
        f
        for f in json.loads(findings_json(tables["findings"]))["findings"]
        if at_or_above(f["severity"], "minor")  # what the scorer counts
    ]
    claims = tables["claims"].select("claim_id", "story", "outlet", "text")
    quantities = tables["quantities"].join(claims, on="claim_id", suffix="_claim")
    facts = tables["facts"].select("claim_id", pl.col("quantity_start").alias("start"), "key")
    quantities = quantities.join(facts, on=["claim_id", "start"], how="left")
    for story_dir in story_dirs(args.corpus):
        if args.story and story_dir.name != args.story:
            continue
        labels = load_labels(story_dir / "expected.yaml")
        for label in labels.discrepancies:
            if label.check != args.check:
                continue
            if any(opposes(f, label) for f in findings):
                continue
            print(f"\n## {label.describe()}")
            for side in label.sides:
                print(f"  side {side.written[0]!r}: {sorted(side.outlets)}")
                rows = quantities.filter(
                    (pl.col("story") == labels.story) & pl.col("outlet").is_in(sorted(side.outlets))
                )
                for row in rows.iter_rows(named=True):
                    sentence = normalise(row["text_claim"])
                    if not any(w in sentence for w in side.written):
                        continue
                    print(
                        f"    {row['outlet']:<22} {row['kind']:<16} {row['value']:<10g} "
                        f"{row['unit'] or '-':<10} {row['qualifier']:<9} key={row['key']} "
                        f"[{row['text']}] ctx={row['context']}"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
