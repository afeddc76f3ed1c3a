"""Invented outlets: a display name, a lower-case id (the file stem) and an `.example` host."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import product
from random import Random

from bench.synth.story import slug


@dataclass(frozen=True)
class Outlet:
    id: str  # lower-case, as checker's outlet identity expects
    name: str  # "The Harbor Ledger"

    def url(self, published: dt.datetime, title: str) -> str:
        return f"https://{self.id}.example/{published:%Y/%m/%d}/{slug(title)[:60].strip('-')}"


def pick_outlets(rng: Random, vocab: dict, count: int) -> list[Outlet]:
    """`count` distinct outlets for one story."""
    pairs = list(product(vocab["outlets"]["prefixes"], vocab["outlets"]["nouns"]))
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} articles per story (one per invented outlet)")
    return [Outlet(f"{prefix}{noun}".lower(), f"The {prefix} {noun}")
            for prefix, noun in rng.sample(pairs, count)]
