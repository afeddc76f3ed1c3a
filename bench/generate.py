"""Write a synthetic corpus with planted discrepancies to disk.

    python bench/generate.py --stories 200 --articles-per-story 10 --out DIR --seed 1

DIR/<story>/<outlet>.txt holds each article after YAML front matter (outlet, published,
url, title); DIR/truth.jsonl lists every planted discrepancy, one JSON object a line:
story, check, kind, outlets (the minority side, syndicated copies included), values
(majority, minority), subject, unit, minority_text and minority_sentence (as written in the
minority outlet's article). Same arguments, byte-identical output.

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

__all__ = ["front_matter_text", "generate_corpus", "main", "write_corpus"]


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


def write_corpus(docs: list[dict[str, Any]], truth: list[dict[str, Any]], out: Path) -> None:
    """Write the corpus into `out`, which must be empty or missing (stale stories would mix in)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; choose a new folder")
    for doc in docs:
        path = out / doc["story"] / f"{doc['outlet']}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter_text(doc), encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(entry, ensure_ascii=False) + "\n" for entry in truth]
    (out / "truth.jsonl").write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--articles-per-story", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        docs, truth = generate_corpus(args.stories, args.articles_per_story, args.seed)
        write_corpus(docs, truth, args.out)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(docs)} articles in {args.stories} stories and "
          f"{len(truth)} planted discrepancies to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
