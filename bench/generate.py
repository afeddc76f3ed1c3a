"""Write a synthetic corpus with planted discrepancies to disk.

    python bench/generate.py --stories 200 --articles-per-story 10 --out DIR --seed 1
                             [--truth FILE]

DIR/<story>/<outlet>.txt holds each article after YAML front matter (outlet, published,
url, title). FILE (default DIR.truth.jsonl, beside DIR and not inside it, so that reading DIR
as a corpus finds articles only) lists every planted discrepancy, one JSON object a line:
story, check, kind, outlets (the minority side, syndicated copies included), values
(majority, minority), subject, unit, qualifiers (numbers: majority and minority wording, such
as "more than", "" for a plain value; the two can never both be true), minority_text and
minority_sentence (as written in the minority outlet's article). Same arguments,
byte-identical output.

Import `generate_corpus` from here (or bench.synth.corpus) to get the documents in memory.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

if __package__ in (None, ""):  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synth.corpus import generate_corpus

__all__ = ["default_truth_path", "front_matter_text", "generate_corpus", "main", "write_corpus"]


def front_matter_text(doc: dict[str, Any]) -> str:
    """The article file: YAML front matter, then the text."""
    meta = {
        "outlet": doc["outlet"],
        "published": doc["published"].strftime("%Y-%m-%dT%H:%M:%SZ"),
        "url": doc["url"],
        "title": doc["title"],
    }
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{header}---\n{doc['text']}\n"


def default_truth_path(out: Path) -> Path:
    """DIR.truth.jsonl next to the corpus folder DIR."""
    return out.with_name(out.name + ".truth.jsonl")


def write_corpus(
    docs: list[dict[str, Any]],
    truth: list[dict[str, Any]],
    out: Path,
    truth_path: Path | None = None,
) -> Path:
    """Write the corpus into `out`, which must be empty or missing (stale stories would mix in),
    and the truth to `truth_path` (default: beside `out`), which must lie outside `out`.
    Returns the truth file's path."""
    truth_path = truth_path or default_truth_path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; choose a new folder")
    if truth_path.resolve().is_relative_to(out.resolve()):
        raise ValueError(f"{truth_path} is inside {out}; it would be read as an article")
    for doc in docs:
        path = out / doc["story"] / f"{doc['outlet']}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter_text(doc), encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(entry, ensure_ascii=False) + "\n" for entry in truth]
    truth_path.parent.mkdir(parents=True, exist_ok=True)
    truth_path.write_text("".join(lines), encoding="utf-8")
    return truth_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--articles-per-story", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--truth", type=Path, help="truth file (default: DIR.truth.jsonl)")
    args = parser.parse_args(argv)
    try:
        docs, truth = generate_corpus(args.stories, args.articles_per_story, args.seed)
        truth_path = write_corpus(docs, truth, args.out, args.truth)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(docs)} articles in {args.stories} stories and "
          f"{len(truth)} planted discrepancies to {args.out} (truth: {truth_path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
