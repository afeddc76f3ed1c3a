"""Scopes: what a figure is measured over, from the words just before it (and the first one
after): the period, the comparison basis, the accounting, the trading session, forecast or
result (rules/lexicons/frames.yaml). Figures with two different values of one scope are
different facts; frames.py splits and aligns figures by them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from checker.extract.quantities import AFTER_MARK

SCOPE_WORDS_AFTER = 1  # words after a figure that may give its scope ("$4bn expected by ...")


def uninflect(word: str) -> str:
    """The word with its inflection cut ("forecasted", "forecasts" -> "forecast"; "tolls" ->
    "toll"), so a lexicon lists each word once and a frame sees one word for both forms."""
    if len(word) > 4:
        for ending in ("ing", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
        if word.endswith("e") and len(word) > 4:
            word = word[:-1]
    return word


def _phrase_words(text: str) -> list[str]:
    return [uninflect(w) for w in re.findall(r"[^\W_]+", text.lower().replace("-", " "))]


def dominant_value(documents_by_value: Mapping[str, int], documents: int) -> str | None:
    """The value given in at least half of `documents` and twice as often as any other: what a
    figure means when its own words do not say. None when no value stands out so."""
    if not documents_by_value:
        return None
    ranked = sorted(
        ((n, value) for value, n in documents_by_value.items()), key=lambda r: (-r[0], r[1])
    )
    top, value = ranked[0]
    rival = ranked[1][0] if len(ranked) > 1 else 0
    return value if 2 * top >= documents and top >= 2 * rival else None


@dataclass(frozen=True)
class Scopes:
    """The scope lexicon (rules/lexicons/frames.yaml), compiled: dimension -> value -> phrases."""

    phrases: tuple[tuple[str, str, tuple[str, ...]], ...]  # (dimension, value, words), longest 1st
    absent_is_a_value: frozenset[str]
    sentence_wide: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, data: dict) -> Scopes:
        phrases = [
            (str(dim), str(value), tuple(_phrase_words(str(p))))
            for dim, values in (data.get("scopes") or {}).items()
            for value, listed in (values or {}).items()
            for p in listed or ()
        ]
        phrases.sort(key=lambda p: (-len(p[2]), p))
        absent = frozenset(str(d) for d in data.get("absent_is_a_value") or ())
        wide = frozenset(str(d) for d in data.get("sentence_wide") or ())
        return cls(tuple(phrases), absent, wide)

    def of_sentence(self, context: str | None, sentence: str | None) -> dict[str, str]:
        """Scope values of a sentence's only figure: its own words first, then the
        sentence-wide dimensions the rest of its sentence gives ("On a sequential basis,
        revenue rose 12%")."""
        scopes = self.of(context)
        if not sentence or not self.sentence_wide:
            return scopes
        whole = Scopes(self.phrases, frozenset()).of(sentence)
        for dim in self.sentence_wide:
            if dim in whole and scopes.get(dim, "none") == "none":
                scopes[dim] = whole[dim]
        return scopes

    def of(self, context: str | None) -> dict[str, str]:
        """Scope values a figure's words give it: the words before it and the first after;
        a dimension given two values is left out, one only absence can give is "none"."""
        before, _, after = (context or "").partition(AFTER_MARK)
        words = [*_phrase_words(before), "|", *_phrase_words(after)[:SCOPE_WORDS_AFTER]]
        # Only phrases whose first word the figure has are tried, longest first as listed.
        present = set(words)
        found: dict[str, set[str]] = {}
        taken = [False] * len(words)
        for dim, value, phrase in self.phrases:
            if phrase[0] not in present:
                continue
            size = len(phrase)
            for i in range(len(words) - size + 1):
                if tuple(words[i : i + size]) == phrase and not any(taken[i : i + size]):
                    found.setdefault(dim, set()).add(value)
                    taken[i : i + size] = [True] * size
        scopes = {dim: values.pop() for dim, values in found.items() if len(values) == 1}
        for dim in self.absent_is_a_value - set(found):
            scopes[dim] = "none"
        return scopes


def scopes_clash(a: dict[str, str], b: dict[str, str]) -> bool:
    return any(dim in b and b[dim] != value for dim, value in a.items())


def scope_label(scope: dict[str, str], main: dict[str, str]) -> str:
    """The scope part of a lexicon kind's frame: each scope's value, a figure without one
    taking the value most of its kind's documents give (else it stays with the figures that
    name no scope)."""
    dims = sorted(set(scope) | set(main))
    parts = [f"{dim}={scope.get(dim) or main[dim]}" for dim in dims]
    return "".join(f"/{p}" for p in parts if not p.endswith("=none"))


def main_scopes(
    readings: pl.DataFrame, scoped: list[dict[str, str]], generic_kinds: frozenset[str]
) -> dict[tuple[str, str], dict[str, str]]:
    """(story, kind) -> dimension -> the value given in at least half its documents and twice
    as often as any other: what a figure of that kind means when its own words do not say."""
    votes: dict[tuple[str, str], dict[str, dict[str, set[str]]]] = {}
    documents: dict[tuple[str, str], set[str]] = {}
    for idx, story, kind, doc in readings.select("idx", "story", "kind", "doc_id").iter_rows():
        if kind in generic_kinds:
            continue
        documents.setdefault((story, kind), set()).add(doc)
        for dim, value in scoped[idx].items():
            votes.setdefault((story, kind), {}).setdefault(dim, {}).setdefault(value, set()).add(
                doc
            )
    main: dict[tuple[str, str], dict[str, str]] = {}
    for key, dims in votes.items():
        for dim, values in dims.items():
            by_value = {value: len(docs) for value, docs in values.items()}
            value = dominant_value(by_value, len(documents[key]))
            if value is not None:
                main.setdefault(key, {})[dim] = value
    return main
