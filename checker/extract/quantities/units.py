"""The unit written right after a candidate number ("60-day", "two hours", "%"), its money or
ordinal family, and compound durations ("2 hours and 15 minutes") merged into one."""

from __future__ import annotations

import re

from checker.extract.numbers.span import NumberSpan
from checker.extract.quantities.candidates import Candidate
from checker.extract.quantities.lexicon import QuantityLexicon, norm_phrase

_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)  # "an hour and a half"
_COMPOUND_GAP = re.compile(r"\s*,?\s*(?:and\s+)?", re.IGNORECASE)  # "2 hours and 15 minutes"


def attach_unit(sentence: str, cand: Candidate, lexicon: QuantityLexicon) -> None:
    """Set the candidate's family (and unit, extending its end) from what follows it."""
    number = cand.number
    if number.currency is not None:
        cand.family = "money"
        return
    if number.ordinal:
        cand.family = "ordinal"
        return
    match = lexicon.unit_after.match(sentence, cand.end)
    if match is None:
        return
    written = match.group().strip().lstrip("-‑").strip()
    unit = lexicon.unit_words.get("%" if written == "%" else norm_phrase(written))
    if unit is None:
        return
    cand.unit, cand.family, cand.end = unit, unit.family, match.end()
    if unit.family == "duration" and not cand.vague:
        half = _AND_A_HALF.match(sentence, cand.end)
        if half is not None and number.value == int(number.value):
            value = number.value + 0.5
            cand.number = NumberSpan(value, value, value, number.start, number.end, spelled=True)
            cand.end = half.end()
            cand.weak = False  # "an hour and a half" is a deliberate amount


def merge_compound_durations(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """ "2 hours and 15 minutes" -> one duration of 135 minutes."""
    merged: list[Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.unit is not None
            and cand.unit is not None
            and prev.family == cand.family == "duration"
            and cand.unit.factor < prev.unit.factor
            and not prev.number.is_range
            and _COMPOUND_GAP.fullmatch(sentence, prev.end, cand.start) is not None
        ):
            total = prev.number.value * prev.unit.factor / cand.unit.factor + cand.number.value
            prev.number = NumberSpan(total, total, total, prev.number.start, cand.number.end)
            prev.unit, prev.end = cand.unit, cand.end
            continue
        merged.append(cand)
    return merged
