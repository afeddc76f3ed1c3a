"""Typed quantities in a sentence: what a number counts, its unit, and how exact it is.

Pipeline for one sentence (regexes first; nothing runs on a sentence without a number):
1. numbers.scan_numbers finds numbers; clock times and dates (times.calendar_spans) are skipped;
   the lexicon adds "an hour", "half an hour" and vague amounts ("several", "dozens of");
2. a unit is read right after each number ("60-day", "two hours", "%"), a qualifier right
   before or after it ("more than", "or more");
3. the kind comes from cue words in a few words either side (rules/lexicons/quantities.yaml);
   a bare number in "from four issues to just one" inherits the kind of the other number;
4. numbers nobody claims are kept under a fallback kind, or dropped when they are too common as
   words ("one"), years, ordinals or vague.
Durations are converted to minutes (or to the unit a kind names, e.g. days for ceasefires).

Each step has its own module; this one runs them in order and re-exports the public names:
    lexicon        the compiled lexicon records (QuantityLexicon, KindRule, UnitSpec)
    lexicon_build  build_quantity_lexicon / load_quantity_lexicon from the YAML
    candidates     step 1: candidate numbers (Candidate)
    units          step 2: units, compound durations
    qualifiers     step 2: qualifiers and the interval each allows
    windows        step 3: the words either side of each number
    kinds          step 3: kind classification and inheritance
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.numbers import latin_words, might_hold_numbers
from checker.extract.quantities.candidates import Candidate, find_candidates
from checker.extract.quantities.kinds import classify, inherit_kinds, subject_kind
from checker.extract.quantities.lexicon import KindRule, QuantityLexicon, UnitSpec
from checker.extract.quantities.lexicon_build import build_quantity_lexicon, load_quantity_lexicon
from checker.extract.quantities.qualifiers import attach_qualifiers, qualified_bounds, scaled
from checker.extract.quantities.units import attach_unit, merge_compound_durations
from checker.extract.quantities.windows import read_windows

__all__ = [
    "KindRule",
    "Quantity",
    "QuantityLexicon",
    "UnitSpec",
    "build_quantity_lexicon",
    "find_quantities",
    "load_quantity_lexicon",
]

AFTER_MARK = "|"  # in a figure's context, where the words before it end and those after begin
_CONVERTED = frozenset({"duration", "distance"})  # families whose units convert by a factor
_NAME_BEFORE = re.compile(r"[A-Z][\w&.'’-]*\s+\Z")
# Whose or where a figure is: a proper name after a place preposition or before a possessive
# ("killed nine people in Vellmar", "Carrow's toll"), not any name near it (a ship, a port
# of departure, a speaker).
_ENTITY = re.compile(
    r"\b(?:in|of|across|near|outside|at)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][^\W_]+(?:[-\s][A-Z][^\W_]+)*)"
    r"|(?P<owner>[A-Z][^\W_]+(?:\s[A-Z][^\W_]+)*)['’]s?\b(?=\s)"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity as a sentence states it; offsets are relative to that sentence.

    unit: "minutes" (or the kind's unit, e.g. "days") for durations, a currency code ("usd")
    for money, "percent", "percentage_points", "years" for ages, "count" or "ordinal".
    low/high: the interval the wording allows; math.inf for an open upper bound.
    """

    kind: str
    value: float
    low: float
    high: float
    unit: str | None
    qualifier: str
    text: str
    start: int
    end: int
    context: str = ""  # window words before, "|", window words after (what is counted)
    names: str = ""  # names of the places or owners in the number's clause (whose it is)


_THAT = re.compile(r"\bthat\s+")

# A person's age is theirs: "Jane Roe, 70," / "Jane Roe (70)" (the name before), "the
# 70-year-old retired teacher Jane Roe" (the name after, past up to three lower-case words).
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’.-]+){0,3}"
_NAME_BEFORE_AGE = re.compile(rf"(?P<name>{_NAME})\s*[,(]\s*\Z")
_AGE_CLOSE = re.compile(r"\s*[,)]")
_NAME_AFTER_AGE = re.compile(rf"\A(?:\s+[a-z][\w-]*){{0,3}}\s+(?P<name>{_NAME})")
MAX_AGE = 120


def _appositive_age(sentence: str, cand: Candidate) -> bool:
    """ "Ruiz, 59, and Holt, 62": a bare whole number in digits up to MAX_AGE set off
    by commas or brackets right after a name is that person's age."""
    if cand.unit is not None or cand.kind is not None or cand.family != "count":
        return False
    value = cand.number.value
    if not 0 < value <= MAX_AGE or value != int(value) or not sentence[cand.start].isdigit():
        return False  # written in digits: "Brandt, three minutes later" gives no age
    before = _NAME_BEFORE_AGE.search(sentence, max(0, cand.start - 80), cand.start)
    return before is not None and _AGE_CLOSE.match(sentence, cand.end) is not None


def _age_owner(sentence: str, cand: Candidate) -> str:
    before = _NAME_BEFORE_AGE.search(sentence, max(0, cand.start - 80), cand.start)
    if before is not None and _AGE_CLOSE.match(sentence, cand.end):
        return before.group("name")
    after = _NAME_AFTER_AGE.match(sentence[cand.end : cand.end + 80])
    return after.group("name") if after else ""


# A run of capitalised words, and the word before it: an actor's name unless a preposition
# or a possessive ties it to something else.
_NAME_RUN = re.compile(
    r"(?:(?P<prev>[^\W\d_]+)\s+)?(?P<name>[A-Z][^\W_]*(?:[\s-][A-Z][^\W_]*)*)(?P<own>['’]s?)?"
)

_WHO = re.compile(r",?\s+who\b")


def _actor(sentence: str, cand: Candidate, not_actors: frozenset[str]) -> str:
    """The surname of the nearest name before the figure that acts in its sentence ("Liberal
    challenger Ana Tremblay won 27 per cent of the vote" -> "Tremblay"), or "" when none
    does. A capitalised common noun opening the sentence ("Voters gave...") passes for a
    name unless `not_actors` lists it: nothing here tells the two apart."""
    actor = ""
    for match in _NAME_RUN.finditer(sentence, 0, cand.start):
        # "the career of Paul Ortiz, who took 46 per cent": a relative clause makes the
        # object of a preposition the actor of its own verb.
        relative = _WHO.match(sentence, match.end())
        if match.group("own") or (
            (match.group("prev") or "").lower() in not_actors and not relative
        ):
            continue
        words = [w for w in re.split(r"[\s-]", match.group("name")) if w]
        words = [w for w in words if w.lower() not in not_actors]
        if words:
            actor = words[-1]
    return actor


def _frame(
    sentence: str, cand: Candidate, kind: KindRule | None, not_actors: frozenset[str]
) -> tuple[str, str]:
    """The words that say what a number is about: its window words, and the names of its
    clause that say whose or where it is (for an age, the person's; for a kind owned by an
    actor, the actor's)."""
    before = " ".join(reversed(cand.before))
    context = f"{before} {AFTER_MARK} {' '.join(word for word, _ in cand.after)}".strip()
    if cand.family == "age":
        owner = _age_owner(sentence, cand)
        if owner:
            return context, owner
    if kind is not None and kind.owned_by_actor:
        return context, _actor(sentence, cand, not_actors)
    start, end = cand.clause or (cand.start, cand.end)
    # "told Ruritania's prime minister that the flood killed 2,065": what was said starts
    # after "that"; the listener before it owns nothing of the figure.
    said = _THAT.search(sentence, start, cand.start)
    while said is not None:
        start = said.end()
        said = _THAT.search(sentence, start, cand.start)
    names = [
        match.group("place") or match.group("owner")
        for span_start, span_end in ((start, cand.start), (cand.end, end))
        for match in _ENTITY.finditer(sentence, span_start, span_end)
    ]
    return context, " ".join(names)


def _names_something(sentence: str, cand: Candidate) -> bool:
    """A bare number right after a capitalized word inside the sentence is part of a name:
    "Boeing 737", "Section 230", "S&P 500", "Apollo 11" (sentence-initial words do not count)."""
    match = _NAME_BEFORE.search(sentence, max(0, cand.start - 40), cand.start)
    return match is not None and sentence[: match.start()].strip() != ""


def _part_of_a_set(sentence: str, cand: Candidate, lexicon: QuantityLexicon) -> bool:
    """ "One of the survivors": one member of a set, not a count of it. Larger parts stay
    ("179 of the 181 people on board" is the toll)."""
    return (
        lexicon.partitive is not None
        and cand.family == "count"
        and cand.number.value == 1
        and cand.unit is None
        and lexicon.partitive.match(sentence, cand.number.end) is not None
    )


def _keep(sentence: str, cand: Candidate, lexicon: QuantityLexicon) -> bool:
    """Drop numbers that are words more than amounts, years, names, unclaimed ordinals and
    one member of a set ("one of the survivors")."""
    claimed = cand.kind is not None
    if _part_of_a_set(sentence, cand, lexicon):
        return False
    if cand.number.year_like:
        return claimed and cand.cue_side == "after" and cand.unit is None
    if claimed:
        return True
    if cand.weak or (cand.vague is not None and cand.family != "duration"):
        return False
    if cand.family == "count" and (
        _names_something(sentence, cand) or not (cand.before or cand.after)
    ):
        return False  # part of a name, or a bare number with no words around it
    return cand.family in lexicon.fallback_kinds


def _to_quantity(sentence: str, cand: Candidate, lexicon: QuantityLexicon) -> Quantity:
    """The kept candidate as a Quantity: kind name, unit, and the value in that unit."""
    kind = lexicon.kinds[cand.kind] if cand.kind is not None else None
    number = cand.number
    value = number.value
    low, high = qualified_bounds(cand, lexicon)
    unit: str | None
    if cand.family in _CONVERTED and cand.unit is not None:
        # Lengths of time to minutes, distances to kilometres (or the unit a kind names).
        unit = (kind.unit if kind else None) or lexicon.family_units.get(cand.family, "minutes")
        to_unit = lexicon.units[unit].factor if unit in lexicon.units else 1.0
        ratio = cand.unit.factor / to_unit
        value, low, high = value * ratio, low * ratio, scaled(high, ratio)
    elif cand.family == "money":
        symbol = number.currency
        unit = lexicon.currency_symbols.get(symbol) if symbol else None
        unit = unit or (cand.unit.name if cand.unit else None)
    else:
        unit = (kind.unit if kind else None) or lexicon.family_units.get(cand.family)
    end = max(cand.end, cand.cue_end or 0)
    kind_name = kind.name if kind else lexicon.fallback_kinds[cand.family]
    context, names = _frame(sentence, cand, kind, lexicon.not_actors)
    return Quantity(
        kind=kind_name,
        value=value,
        low=min(low, value),
        high=max(high, value),
        unit=unit,
        qualifier=cand.qualifier,
        text=sentence[cand.start : end],
        start=cand.start,
        end=end,
        context=context,
        names=names,
    )


def find_quantities(sentence: str, lexicon: QuantityLexicon) -> list[Quantity]:
    """Every quantity stated in `sentence`, left to right."""
    words = latin_words(sentence)
    if (
        not might_hold_numbers(sentence, words)
        and lexicon.article_words.isdisjoint(words)
        and lexicon.vague_words.isdisjoint(words)
    ):
        return []
    cands = find_candidates(sentence, words, lexicon)
    if not cands:
        return []
    for cand in cands:
        attach_unit(sentence, cand, lexicon)
    cands = merge_compound_durations(sentence, cands)
    for cand in cands:
        attach_qualifiers(sentence, cand, lexicon)
    read_windows(sentence, cands, lexicon)
    for cand in cands:
        classify(cand, lexicon, words, sentence)
        subject_kind(cand, lexicon, sentence)
        if _appositive_age(sentence, cand):
            cand.family = "age"
            cand.kind = next((i for i, k in enumerate(lexicon.kinds) if k.name == "age"), None)
    inherit_kinds(sentence, cands, lexicon)
    return [_to_quantity(sentence, c, lexicon) for c in cands if _keep(sentence, c, lexicon)]
