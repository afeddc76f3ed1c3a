"""The speaker before an attributing verb: "X said", "X, 54, said", "..., and the ministry said".

The subject is read between the last clause boundary and the verb. Asides set off by commas are
skipped ("X, for his part, said", "X, who chairs the committee, said"), and an appositive is
joined to its name ("Tim Cook, Apple's chief executive, said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.attribution.phrases import TOKEN, comma_segments, read_segment
from checker.extract.attribution.rules import FINITE_KEYS, SUBJECT, Attribution, AttributionRules
from checker.extract.patterns import Hit
from checker.extract.speakers import NAME, combine

_PUNCT_BOUNDARY = re.compile(r"[;:()\[\]\"“”«»—]|\s[-–]\s")
_RELATIVE = re.compile(r"\s*(?:who|which|whose|whom|where)\b", re.IGNORECASE)
# An age in apposition: "Jonah Mbeki, 54, said", "a nurse, aged 31, said".
_AGE = re.compile(r"\s*(?:aged\s+)?\d{1,3}\s*$", re.IGNORECASE)
_INNER_COORDINATOR = re.compile(r"\s(?:and|but)\s+", re.IGNORECASE)
_COORDINATOR = re.compile(r"\s*(?:and|or)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Boundary:
    start: int
    end: int
    kind: str  # punct / opener / nested


def clause_boundaries(sentence: str, markers: list[Hit], verbs: list[Hit]) -> list[Boundary]:
    """Where a subject cannot reach back past: punctuation, clause openers and other verbs."""
    return sorted(
        [Boundary(m.start(), m.end(), "punct") for m in _PUNCT_BOUNDARY.finditer(sentence)]
        + [Boundary(h.start, h.end, h.key) for h in markers if h.key in ("opener", "nested")]
        + [Boundary(h.start, h.end, "nested") for h in verbs if h.key in FINITE_KEYS],
        key=lambda b: (b.start, b.end),
    )


def subject(
    sentence: str, verb: Hit, boundaries: list[Boundary], rules: AttributionRules
) -> Attribution | None:
    """The speaker before the verb, between the last clause boundary and the verb."""
    region_end = _before_parenthesis(sentence, verb.start)
    boundary = next((b for b in reversed(boundaries) if b.end <= region_end), None)
    region_start = boundary.end if boundary is not None else 0
    region_end = _strip_fillers(sentence, region_start, region_end, rules.fillers)
    segments = comma_segments(sentence, region_start, region_end)
    while segments and _only_fillers(sentence, *segments[-1], rules.fillers):
        segments.pop()  # "the ministry, however, said"
    # "Smith, who led the talks, said", "Smith, 54, said", "Smith, for his part, said": asides
    # between a speaker and the verb are never the speaker themselves.
    segments = segments[:1] + [s for s in segments[1:] if not _aside(sentence, *s, rules)]
    if not segments:
        return None
    last = len(segments) - 1
    start, end = segments[last]
    coordinator = _COORDINATOR.match(sentence, start, end)
    if coordinator is not None:
        start = coordinator.end()  # "..., and the ministry said"
    speaker = read_segment(sentence, start, end, rules.words)
    if speaker is None and coordinator is None and _described(sentence, segments, last, rules):
        # "Ruiz, a mother of three, told AFP": a name, then a description no word list knows
        speaker = read_segment(sentence, *segments[last - 1], rules.words)
        if speaker is not None and speaker.kind == NAME:
            last -= 1
        else:
            speaker = None
    if speaker is None:
        # "more time was needed and a Palestinian source said": a clause joined without a comma
        coordinator = _last_coordinator(sentence, start, end)
        if coordinator is None:
            return None
        speaker = read_segment(sentence, coordinator.end(), end, rules.words)
        if speaker is None:
            return None
        return Attribution(speaker, SUBJECT, verb.start, verb.end, coordinator.start())
    first_segment = last
    if last > 0 and coordinator is None:
        a, b = segments[last - 1]
        leading = _COORDINATOR.match(sentence, a, b)  # "..., and the company's chief executive,"
        before = read_segment(sentence, leading.end() if leading else a, b, rules.words)
        joined = combine(before, speaker, sentence) if before is not None else None
        if joined is not None:
            speaker, first_segment = joined, last - 1
    if first_segment > 0:
        # A comma clause: "Talks stalled, the ministry said" may split before the speaker.
        clause_start = segments[first_segment][0] if coordinator is None else coordinator.start()
    elif boundary is None:
        clause_start = 0
    elif boundary.kind == "opener":
        clause_start = boundary.start  # "..., though the foreign ministry indicated"
    elif boundary.kind == "punct":
        clause_start = boundary.end
    else:
        clause_start = None  # "X said that Y told ...": Y's words stay inside X's claim
    return Attribution(speaker, SUBJECT, verb.start, verb.end, clause_start)


def _described(
    sentence: str, segments: list[tuple[int, int]], last: int, rules: AttributionRules
) -> bool:
    """Is the last segment an appositive noun phrase ("a mother of three") after another?"""
    first = TOKEN.search(sentence, segments[last][0], segments[last][1])
    return last > 0 and first is not None and first.group(0).lower() in rules.words.determiners


def _aside(sentence: str, start: int, end: int, rules: AttributionRules) -> bool:
    """A comma segment that cannot be (part of) a speaker: a relative clause, an age, a
    prepositional phrase ("for his part", "in a statement") or filler words ("however")."""
    if _RELATIVE.match(sentence, start) or _AGE.match(sentence[start:end]):
        return True
    first = TOKEN.search(sentence, start, end)
    if first is not None and first.group(0).lower() in rules.adverbial_openers:
        return True
    return _only_fillers(sentence, start, end, rules.fillers)


def _only_fillers(sentence: str, start: int, end: int, fillers: frozenset[str]) -> bool:
    return all(t.group(0).lower() in fillers for t in TOKEN.finditer(sentence, start, end))


def _last_coordinator(sentence: str, start: int, end: int) -> re.Match[str] | None:
    found = list(_INNER_COORDINATOR.finditer(sentence, start, end))
    return found[-1] if found else None


def _before_parenthesis(sentence: str, end: int) -> int:
    """Step back over a parenthesis right before the verb: "the Risk Office (PDRO) said"."""
    stripped = sentence[:end].rstrip()
    if stripped.endswith(")"):
        opening = stripped.rfind("(")
        if opening > 0:
            return opening
    return end


def _strip_fillers(sentence: str, start: int, end: int, fillers: frozenset[str]) -> int:
    """Move `end` back over words between a speaker and its verb ("has also", "on Monday")."""
    tokens = list(TOKEN.finditer(sentence, start, end))
    while tokens and tokens[-1].group(0).lower().strip(",") in fillers:
        end = tokens.pop().start()
    return end
