"""The quantities lexicon as compiled lookup tables: what kinds, units and qualifiers exist.

lexicon_build turns rules/lexicons/quantities.yaml into these records; the finder
modules (quantity_*) only read them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


def norm_phrase(phrase: str) -> str:
    """Lower-case, hyphens and apostrophes as spaces, single spaces: how cues are compared."""
    return " ".join(re.sub(r"[-‑'’]", " ", phrase.lower()).split())


@dataclass(frozen=True, slots=True)
class KindRule:
    """One kind of the lexicon (see quantities.yaml for what each field means)."""

    name: str
    families: frozenset[str]
    unit: str | None
    requires: tuple[tuple[str, ...], ...]
    sentence: frozenset[str]
    priority: int
    window_before: int
    window_after: int
    not_preceded_by: frozenset[str]  # the word right before the number rules the kind out
    owned_by_actor: bool = False  # the figure is whoever acts in its sentence ("owner: actor")


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """A unit word's meaning: its family and, for durations, minutes per unit."""

    name: str
    family: str
    factor: float


@dataclass(frozen=True, eq=False)
class QuantityLexicon:
    """The quantities lexicon compiled into lookup tables and regexes."""

    kinds: tuple[KindRule, ...]
    cues_after: Mapping[str, tuple[tuple[tuple[str, ...], int], ...]]  # first word -> cues
    cues_before: Mapping[str, tuple[tuple[tuple[str, ...], int], ...]]
    stops: frozenset[str]
    clause_links: frozenset[str]  # "which"/"who" after a comma: the clause still names the noun
    head_nouns: frozenset[str]  # "the two sides": right after a number, what it counts
    fillers: frozenset[str]
    intervals: Mapping[str, tuple[float, float]]
    vague: Mapping[str, tuple[float, float]]
    units: Mapping[str, UnitSpec]  # unit name -> spec
    unit_words: Mapping[str, UnitSpec]  # normalized written word -> spec
    currency_symbols: Mapping[str, str]
    family_units: Mapping[str, str]
    fallback_kinds: Mapping[str, str]
    weak: frozenset[str]
    window_before: int  # the widest window any kind reads
    window_after: int
    unit_after: re.Pattern[str]
    article_units: re.Pattern[str] | None
    vague_amounts: re.Pattern[str] | None
    qualifier_before: re.Pattern[str] | None
    qualifier_after: re.Pattern[str] | None
    qualifier_names: Mapping[str, str]  # normalized phrase -> qualifier
    article_words: frozenset[str]  # unit words "an hour" can end in (a cheap filter)
    vague_words: frozenset[str]  # words of the vague phrases (a cheap filter)
    # "has risen to", "stood at": a figure they end names its kind at its clause's subject
    change_verbs: tuple[tuple[str, ...], ...] = ()
    not_actors: frozenset[str] = frozenset()  # capitalised words that name no actor
    partitive: re.Pattern[str] | None = None  # "of the", "of them" right after a count: a part
