"""How exact a quantity is: the qualifier written before or after its number ("more than",
"about", "or more", "+") and the interval that qualifier allows around the value."""

from __future__ import annotations

import math

from checker.extract.quantities.candidates import Candidate
from checker.extract.quantities.lexicon import QuantityLexicon, norm_phrase


def attach_qualifiers(sentence: str, cand: Candidate, lexicon: QuantityLexicon) -> None:
    """Set the candidate's qualifier, widening its span over the qualifier's words."""
    if cand.vague is not None or cand.number.is_range:
        cand.qualifier = "vague" if cand.vague is not None else "range"
        return
    if lexicon.qualifier_before is not None:
        match = lexicon.qualifier_before.search(sentence, max(0, cand.start - 40), cand.start)
        if match is not None:
            cand.qualifier = lexicon.qualifier_names[norm_phrase(match.group("q"))]
            cand.start = match.start()
    if lexicon.qualifier_after is not None:
        match = lexicon.qualifier_after.match(sentence, cand.end)
        if match is not None:
            written = match.group("q")
            cand.qualifier = lexicon.qualifier_names[
                written if written == "+" else norm_phrase(written)
            ]
            cand.end = match.end()


def scaled(value: float, factor: float) -> float:
    """value * factor, where an infinite factor stays infinite even for zero."""
    return math.inf if math.isinf(factor) else value * factor


def qualified_bounds(cand: Candidate, lexicon: QuantityLexicon) -> tuple[float, float]:
    """(low, high) the wording allows: a range or vague amount's own, else the qualifier's
    interval (lexicon `intervals`, as factors of the value) around the number."""
    number = cand.number
    if cand.qualifier in ("range", "vague"):
        return number.low, number.high
    factor_low, factor_high = lexicon.intervals[cand.qualifier]
    return scaled(number.value, factor_low), scaled(number.value, factor_high)
