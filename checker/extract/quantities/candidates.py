"""Candidates for quantities in a sentence: numbers that are not clock times or dates, plus
amounts only the lexicon knows ("an hour", "half an hour", "several", "dozens of").

A Candidate carries one number through the quantity steps (unit, qualifier, word windows,
kind) until quantities.find_quantities turns it into a Quantity or drops it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.extract.numbers import NumberSpan, scan_numbers
from checker.extract.quantities.lexicon import QuantityLexicon, UnitSpec, norm_phrase
from checker.extract.times import calendar_spans


@dataclass(slots=True)
class Candidate:
    """A number on its way to becoming a Quantity."""

    number: NumberSpan
    start: int  # span start, qualifier included
    end: int  # span end, unit and trailing qualifier included
    unit: UnitSpec | None = None
    family: str = "count"
    qualifier: str = "exact"
    vague: tuple[float, float] | None = None
    weak: bool = False
    kind: int | None = None  # index into lexicon.kinds
    cue_side: str | None = None
    cue_end: int | None = None
    before: list[str] = field(default_factory=list)  # window words, nearest first
    after: list[tuple[str, int]] = field(default_factory=list)  # (word, end offset)
    clause: tuple[int, int] | None = None  # offsets of the clause the number belongs to


def _extra_numbers(
    sentence: str, words: frozenset[str], lexicon: QuantityLexicon
) -> list[Candidate]:
    """Numbers only the lexicon knows: "an hour", "half an hour", "several", "dozens of"."""
    extra = []
    if lexicon.article_units is not None and not lexicon.article_words.isdisjoint(words):
        for match in lexicon.article_units.finditer(sentence):
            value = 0.5 if match.group("lead").lower().startswith("half") else 1.0
            start, end = match.span("lead")
            number = NumberSpan(value, value, value, start, end, spelled=True)
            extra.append(Candidate(number, start, end, weak=value == 1.0))
    if lexicon.vague_amounts is not None and not lexicon.vague_words.isdisjoint(words):
        for match in lexicon.vague_amounts.finditer(sentence):
            low, high = lexicon.vague[norm_phrase(match.group())]
            mid = (low + high) / 2
            number = NumberSpan(mid, low, high, match.start(), match.end(), spelled=True)
            extra.append(
                Candidate(number, match.start(), match.end(), vague=(low, high), qualifier="vague")
            )
    return extra


def find_candidates(
    sentence: str, words: frozenset[str], lexicon: QuantityLexicon
) -> list[Candidate]:
    """Candidates left to right, without overlaps; `words` is latin_words(sentence)."""
    skip = calendar_spans(sentence, words)
    weak = lexicon.weak
    found = [
        Candidate(
            n, n.start, n.end, weak=n.spelled and norm_phrase(sentence[n.start : n.end]) in weak
        )
        for n in scan_numbers(sentence, words)
    ]
    found.extend(_extra_numbers(sentence, words, lexicon))
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[Candidate] = []
    for cand in found:
        if any(s < cand.end and cand.start < e for s, e in skip):
            continue
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept
