"""Syndication: an outlet that runs another outlet's article with cosmetic edits only.

The copy keeps every fact of its source (a planted discrepancy travels with it), so the
checker must count the pair once; the edits are what real republishers change: the byline,
the adverts and footer, and a word or two of house style.
"""

from __future__ import annotations

import re
from random import Random

from bench.synth.article import Article
from bench.synth.outlets import Outlet
from bench.synth.template import fill_entities

MAX_SWAPS = 2


def _swap_words(rng: Random, blocks: list[tuple[str, str]], swaps: list[list[str]]) -> None:
    """Replace a few generic words (never facts or names) in the body, in place."""
    pairs = [tuple(pair) if rng.random() < 0.5 else tuple(reversed(pair)) for pair in swaps]
    rng.shuffle(pairs)
    done = 0
    for old, new in pairs:
        pattern = re.compile(rf"\b{re.escape(old)}\b")
        for position, (kind, text) in enumerate(blocks):
            if kind == "body" and pattern.search(text):
                blocks[position] = (kind, pattern.sub(new, text, count=1))
                done += 1
                break
        if done == MAX_SWAPS:
            return


def near_copy(source: Article, source_outlet: Outlet, outlet: Outlet, rng: Random,
              vocab: dict) -> Article:
    common = vocab["common"]
    names = {"reporter": source.reporters[0], "reporter2": source.reporters[1],
             "source_name": source_outlet.name, "outlet_name": outlet.name, "year": ""}
    blocks = [(kind, text) for kind, text in source.blocks if kind not in ("ad", "footer")]
    blocks[0] = ("byline", fill_entities(rng.choice(common["syndicated_bylines"]), names))
    _swap_words(rng, blocks, common["syndication_swaps"])
    if rng.random() < 0.5:
        blocks.append(("footer", f"Originally published by {source_outlet.name}."))
    return Article(source.title, blocks, source.reporters, dict(source.first_seen))
