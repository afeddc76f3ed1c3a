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
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.extract.numbers import NumberSpan, latin_words, might_hold_numbers, scan_numbers
from checker.extract.times import calendar_spans
from checker.lexicons import load_lexicon

_SOURCE = "lexicons/quantities.yaml"
_TOKEN = re.compile(r"[^\W_]+|[,;:()\[\]\"“”—]")
_NAME_BEFORE = re.compile(r"[A-Z][\w&.'’-]*\s+\Z")
_PERCENT_FAMILIES = frozenset({"percent", "percent_points"})
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)  # "an hour and a half"
_COMPOUND_GAP = re.compile(r"\s*,?\s*(?:and\s+)?", re.IGNORECASE)  # "2 hours and 15 minutes"
_DASH_ONLY = re.compile(r"\s*[-–—]\s*")
# How far after a number its head-noun cue may be for the quantity's text to include it.
_TEXT_REACH = 3


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


# --------------------------------------------------------------------------- lexicon


def _norm(phrase: str) -> str:
    """Lower-case, hyphens and apostrophes as spaces, single spaces: how cues are compared."""
    return " ".join(re.sub(r"[-‑'’]", " ", phrase.lower()).split())


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_norm(phrase).split())


def _phrase_regex(phrases: Sequence[str]) -> str:
    """Alternation of phrases, longest first; spaces and hyphens inside match either."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        words = phrase.split()
        parts.append(r"[\s\-‑]+".join(re.escape(w) for w in words))
    return "|".join(parts)


def _string_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise CheckerError(_SOURCE, f"{where}: expected a list of words")
    return [str(v) for v in value]


def _interval(value: Any, where: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise CheckerError(_SOURCE, f"{where}: expected [low, high]")
    low, high = float(value[0]), float(value[1])
    if not low <= high:
        raise CheckerError(_SOURCE, f"{where}: low is above high")
    return low, high


def _cue_variants(phrase: str) -> list[tuple[str, ...]]:
    """The cue as words, plus plural forms of its last word ("issue" -> "issues")."""
    words = _words(phrase)
    if not words:
        return []
    variants = [words]
    if not words[-1].endswith("s"):
        variants.append((*words[:-1], words[-1] + "s"))
        variants.append((*words[:-1], words[-1] + "es"))
    return variants


def _build_kinds(
    raw: Mapping[str, Any], default_window: tuple[int, int], families: set[str]
) -> tuple[tuple[KindRule, ...], dict, dict]:
    kinds: list[KindRule] = []
    after: dict[str, list] = {}
    before: dict[str, list] = {}
    for index, (name, spec) in enumerate(sorted(raw.items())):
        if not isinstance(spec, Mapping):
            raise CheckerError(_SOURCE, f"kind {name!r} must be a mapping")
        family = spec.get("family", "count")
        kind_families = frozenset(_string_list(family, f"kind {name!r} family"))
        unknown = kind_families - families - {"ordinal", "count", "money"}
        if unknown:
            raise CheckerError(_SOURCE, f"kind {name!r}: unknown family {sorted(unknown)}")
        kinds.append(
            KindRule(
                name=str(name),
                families=kind_families,
                unit=spec.get("unit"),
                requires=tuple(_words(p) for p in _string_list(spec.get("requires"), name)),
                sentence=frozenset(_norm(w) for w in _string_list(spec.get("sentence"), name)),
                priority=int(spec.get("priority", 10)),
                window_before=int(spec.get("window_before", default_window[0])),
                window_after=int(spec.get("window_after", default_window[1])),
                not_preceded_by=frozenset(
                    _norm(w) for w in _string_list(spec.get("not_preceded_by"), name)
                ),
            )
        )
        for side, table in (("after", after), ("before", before)):
            for phrase in _string_list(spec.get(side), f"kind {name!r} {side}"):
                for words in _cue_variants(phrase):
                    table.setdefault(words[0], []).append((words, index))
    freeze = lambda table: {k: tuple(v) for k, v in table.items()}  # noqa: E731
    return tuple(kinds), freeze(after), freeze(before)


def _build_units(raw: Mapping[str, Any]) -> tuple[dict[str, UnitSpec], dict[str, UnitSpec], list]:
    units: dict[str, UnitSpec] = {}
    words: dict[str, UnitSpec] = {}
    article_words: list[str] = []
    for name, spec in raw.items():
        if not isinstance(spec, Mapping) or "family" not in spec:
            raise CheckerError(_SOURCE, f"unit {name!r} needs a family")
        unit = UnitSpec(str(name), str(spec["family"]), float(spec.get("factor", 1)))
        units[unit.name] = unit
        for word in _string_list(spec.get("words"), f"unit {name!r}"):
            words[_norm(word) if word.strip() != "%" else "%"] = unit
            if spec.get("article") and " " not in word.strip() and not word.endswith("s"):
                article_words.append(_norm(word))
    return units, words, article_words


def build_quantity_lexicon(data: Mapping[str, Any]) -> QuantityLexicon:
    """Compile the quantities lexicon mapping; errors name the lexicon and the bad entry."""
    window = data.get("window") or {}
    default_window = (int(window.get("before", 6)), int(window.get("after", 6)))
    units, unit_words, article_words = _build_units(data.get("units") or {})
    families = {u.family for u in units.values()}
    kinds, cues_after, cues_before = _build_kinds(data.get("kinds") or {}, default_window, families)
    qualifier_names: dict[str, str] = {}
    for name, phrases in (data.get("qualifiers") or {}).items():
        for phrase in _string_list(phrases, f"qualifier {name!r}"):
            qualifier_names[_norm(phrase)] = str(name)
    after_names: dict[str, str] = {}
    for name, phrases in (data.get("qualifiers_after") or {}).items():
        for phrase in _string_list(phrases, f"qualifier {name!r}"):
            after_names[phrase.strip().lower() if phrase.strip() == "+" else _norm(phrase)] = name
    intervals = {
        str(k): _interval(v, f"interval {k!r}") for k, v in (data.get("intervals") or {}).items()
    }
    for name in [*qualifier_names.values(), *after_names.values(), "exact"]:
        if name not in intervals:
            raise CheckerError(_SOURCE, f"qualifier {name!r} has no entry under `intervals`")
    vague = {_norm(k): _interval(v, f"vague {k!r}") for k, v in (data.get("vague") or {}).items()}
    for kind in kinds:
        if kind.unit is not None and "duration" in kind.families and kind.unit not in units:
            raise CheckerError(_SOURCE, f"kind {kind.name!r}: unit {kind.unit!r} is not a unit")
    fillers = frozenset(_norm(f) for f in _string_list(data.get("fillers"), "fillers"))

    unit_alts = _phrase_regex([w for w in unit_words if w != "%"])
    unit_after = re.compile(
        rf"(?:\s*%|(?:\s*[-‑]\s*|\s+)(?:{unit_alts})(?![^\W_]))"
        if unit_alts
        else r"\s*%",
        re.IGNORECASE,
    )
    article_units = (
        re.compile(
            rf"\b(?P<lead>half\s+an?|an?)\s+(?=(?:{_phrase_regex(article_words)})\b)",
            re.IGNORECASE,
        )
        if article_words
        else None
    )
    vague_amounts = (
        re.compile(rf"\b(?:{_phrase_regex(list(vague))})\b", re.IGNORECASE) if vague else None
    )
    filler_alts = _phrase_regex(sorted(fillers))
    qualifier_before = (
        re.compile(
            rf"(?<![^\W_])(?P<q>{_phrase_regex(list(qualifier_names))})\s+"
            rf"(?:(?:{filler_alts})\s+)?\Z",
            re.IGNORECASE,
        )
        if qualifier_names
        else None
    )
    after_alts = "|".join(
        re.escape(p) if p == "+" else _phrase_regex([p]) for p in sorted(after_names)
    )
    qualifier_after = (
        re.compile(rf"\s*(?P<q>{after_alts})(?![^\W_])", re.IGNORECASE) if after_names else None
    )
    qualifier_names.update(after_names)
    glue = {"a", "an", "of", "the"}
    return QuantityLexicon(
        kinds=kinds,
        cues_after=cues_after,
        cues_before=cues_before,
        stops=frozenset(_norm(w) for w in _string_list(data.get("window_stops"), "window_stops")),
        clause_links=frozenset(
            _norm(w) for w in _string_list(data.get("clause_links"), "clause_links")
        ),
        head_nouns=frozenset(_norm(w) for w in _string_list(data.get("head_nouns"), "head_nouns")),
        fillers=fillers,
        intervals=intervals,
        vague=vague,
        units=units,
        unit_words=unit_words,
        currency_symbols={str(k): str(v) for k, v in (data.get("currency_symbols") or {}).items()},
        family_units={str(k): str(v) for k, v in (data.get("family_units") or {}).items()},
        fallback_kinds={str(k): str(v) for k, v in (data.get("fallback_kinds") or {}).items()},
        weak=frozenset(_norm(w) for w in _string_list(data.get("weak_numbers"), "weak_numbers")),
        window_before=max([default_window[0], *(k.window_before for k in kinds)]),
        window_after=max([default_window[1], *(k.window_after for k in kinds)]),
        unit_after=unit_after,
        article_units=article_units,
        vague_amounts=vague_amounts,
        qualifier_before=qualifier_before,
        qualifier_after=qualifier_after,
        qualifier_names=qualifier_names,
        article_words=frozenset(article_words),
        vague_words=frozenset(w for phrase in vague for w in phrase.split() if w not in glue),
    )


@lru_cache(maxsize=16)
def _cached_lexicon(rule_dirs: tuple[str, ...]) -> QuantityLexicon:
    return build_quantity_lexicon(load_lexicon("quantities", rule_dirs))


def load_quantity_lexicon(rule_dirs: Sequence[str | Path] = ()) -> QuantityLexicon:
    """The shipped quantities lexicon, overridden by `lexicons/quantities.yaml` in `rule_dirs`."""
    return _cached_lexicon(tuple(str(d) for d in rule_dirs))


# --------------------------------------------------------------------------- finding


@dataclass(slots=True)
class _Candidate:
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


def _extra_numbers(
    sentence: str, words: frozenset[str], lexicon: QuantityLexicon
) -> list[_Candidate]:
    """Numbers only the lexicon knows: "an hour", "half an hour", "several", "dozens of"."""
    extra = []
    if lexicon.article_units is not None and not lexicon.article_words.isdisjoint(words):
        for match in lexicon.article_units.finditer(sentence):
            value = 0.5 if match.group("lead").lower().startswith("half") else 1.0
            start, end = match.span("lead")
            number = NumberSpan(value, value, value, start, end, spelled=True)
            extra.append(_Candidate(number, start, end, weak=value == 1.0))
    if lexicon.vague_amounts is not None and not lexicon.vague_words.isdisjoint(words):
        for match in lexicon.vague_amounts.finditer(sentence):
            low, high = lexicon.vague[_norm(match.group())]
            mid = (low + high) / 2
            number = NumberSpan(mid, low, high, match.start(), match.end(), spelled=True)
            extra.append(
                _Candidate(number, match.start(), match.end(), vague=(low, high), qualifier="vague")
            )
    return extra


def _candidates(sentence: str, words: frozenset[str], lexicon: QuantityLexicon) -> list[_Candidate]:
    skip = calendar_spans(sentence, words)
    weak = lexicon.weak
    found = [
        _Candidate(n, n.start, n.end, weak=n.spelled and _norm(sentence[n.start : n.end]) in weak)
        for n in scan_numbers(sentence, words)
    ]
    found.extend(_extra_numbers(sentence, words, lexicon))
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Candidate] = []
    for cand in found:
        if any(s < cand.end and cand.start < e for s, e in skip):
            continue
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept


def _attach_unit(sentence: str, cand: _Candidate, lexicon: QuantityLexicon) -> None:
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
    unit = lexicon.unit_words.get("%" if written == "%" else _norm(written))
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


def _merge_compound_durations(sentence: str, cands: list[_Candidate]) -> list[_Candidate]:
    """ "2 hours and 15 minutes" -> one duration of 135 minutes."""
    merged: list[_Candidate] = []
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


def _attach_qualifiers(sentence: str, cand: _Candidate, lexicon: QuantityLexicon) -> None:
    if cand.vague is not None or cand.number.is_range:
        cand.qualifier = "vague" if cand.vague is not None else "range"
        return
    if lexicon.qualifier_before is not None:
        match = lexicon.qualifier_before.search(sentence, max(0, cand.start - 40), cand.start)
        if match is not None:
            cand.qualifier = lexicon.qualifier_names[_norm(match.group("q"))]
            cand.start = match.start()
    if lexicon.qualifier_after is not None:
        match = lexicon.qualifier_after.match(sentence, cand.end)
        if match is not None:
            written = match.group("q")
            cand.qualifier = lexicon.qualifier_names[written if written == "+" else _norm(written)]
            cand.end = match.end()


def _window_floor(cands: list[_Candidate], index: int) -> int:
    """Where the words before a number stop: at the previous number, unless that one is a
    percentage change ("revenue rose 9% to $4.2 billion" still names revenue)."""
    previous = index - 1
    while previous >= 0 and cands[previous].family in _PERCENT_FAMILIES:
        previous -= 1
    return cands[previous].end if previous >= 0 else 0


def _read_windows(sentence: str, cands: list[_Candidate], lexicon: QuantityLexicon) -> None:
    """Fill each candidate's before/after word windows, stopping at clauses and other numbers."""
    reach = 16 * max(lexicon.window_before, lexicon.window_after)  # characters, generously
    for index, cand in enumerate(cands):
        floor = _window_floor(cands, index)
        ceiling = cands[index + 1].start if index + 1 < len(cands) else len(sentence)
        before = _TOKEN.findall(sentence, max(floor, cand.start - reach), cand.start)
        position = len(before) - 1
        while position >= 0 and len(cand.before) < lexicon.window_before:
            word = before[position].lower()
            if word in lexicon.clause_links and position > 0 and before[position - 1] == ",":
                # "The talks, which lasted two hours": read on past the relative clause.
                cand.before.append(word)
                position -= 2
                continue
            if not word[0].isalnum() or word in lexicon.stops:
                break
            cand.before.append(word)
            position -= 1
        for match in _TOKEN.finditer(sentence, cand.end, min(ceiling, cand.end + reach)):
            word = match.group().lower()
            if len(cand.after) >= lexicon.window_after or not word[0].isalnum():
                break
            if word in lexicon.stops:
                break
            cand.after.append((word, match.end()))
            if len(cand.after) == 1 and word in lexicon.head_nouns:
                break  # "the two sides had narrowed their differences": it counts sides


def _holds(window: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(window[i : i + size]) == phrase for i in range(len(window) - size + 1))


def _classify(cand: _Candidate, lexicon: QuantityLexicon, sentence_words: frozenset[str]) -> None:
    """Pick the kind whose cue is found: highest priority, then nearest cue, then name."""
    after_words = [w for w, _ in cand.after]
    before_words = cand.before[::-1]  # left to right, ending next to the number
    next_to = cand.before[0] if cand.before else None
    best: tuple[int, int, str] | None = None
    noun_end: dict[int, int] = {}  # kind -> end of its nearest cue right after the number
    for side, window, table in (
        ("after", after_words, lexicon.cues_after),
        ("before", before_words, lexicon.cues_before),
    ):
        for position, word in enumerate(window):
            for phrase, index in table.get(word, ()):
                if tuple(window[position : position + len(phrase)]) != phrase:
                    continue
                kind = lexicon.kinds[index]
                if side == "after":
                    distance, limit = position + 1, kind.window_after
                else:
                    distance = len(window) - (position + len(phrase)) + 1
                    limit = kind.window_before
                if distance > limit or cand.family not in kind.families:
                    continue
                if next_to in kind.not_preceded_by:
                    continue
                if kind.requires and not any(
                    _holds(after_words, r) or _holds(before_words, r) for r in kind.requires
                ):
                    continue
                if kind.sentence and not kind.sentence & sentence_words:
                    continue
                if side == "after" and distance <= _TEXT_REACH and index not in noun_end:
                    noun_end[index] = cand.after[position + len(phrase) - 1][1]
                key = (-kind.priority, distance, kind.name)
                if best is None or key < best:
                    best = key
                    cand.kind, cand.cue_side = index, side
    if cand.kind is not None:
        cand.cue_end = noun_end.get(cand.kind)


def _nearest_word(window: list[str], fillers: frozenset[str]) -> str | None:
    """The closest window word that is not a filler ("to just one" -> "to")."""
    return next((w for w in window if w not in fillers), None)


def _inherit_kinds(sentence: str, cands: list[_Candidate], lexicon: QuantityLexicon) -> None:
    """Share a kind across "from four issues to one" (either order) and across a "3-2" pair."""
    for first, second in pairwise(cands):
        paired = (
            first.number.paired
            and second.number.paired
            and _DASH_ONLY.fullmatch(sentence, first.number.end, second.number.start) is not None
        )
        # "from four issues to just one" and "down to one issue from four"
        links = (
            _nearest_word(first.before, lexicon.fillers),
            _nearest_word(second.before, lexicon.fillers),
        )
        from_to = links in (("from", "to"), ("to", "from"))
        if not (paired or from_to):
            continue
        for source, target in ((first, second), (second, first)):
            if source.kind is None or target.kind is not None:
                continue
            if target.unit is None and source.unit is not None and not target.number.ordinal:
                target.unit, target.family = source.unit, source.family
            if target.family in lexicon.kinds[source.kind].families:
                target.kind, target.cue_side = source.kind, "inherited"


def _names_something(sentence: str, cand: _Candidate) -> bool:
    """A bare number right after a capitalized word inside the sentence is part of a name:
    "Boeing 737", "Section 230", "S&P 500", "Apollo 11" (sentence-initial words do not count)."""
    match = _NAME_BEFORE.search(sentence, max(0, cand.start - 40), cand.start)
    return match is not None and sentence[: match.start()].strip() != ""


def _keep(sentence: str, cand: _Candidate, lexicon: QuantityLexicon) -> bool:
    """Drop numbers that are words more than amounts, years, names and unclaimed ordinals."""
    claimed = cand.kind is not None
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


def _scaled(value: float, factor: float) -> float:
    """value * factor, where an infinite factor stays infinite even for zero."""
    return math.inf if math.isinf(factor) else value * factor


def _to_quantity(sentence: str, cand: _Candidate, lexicon: QuantityLexicon) -> Quantity:
    kind = lexicon.kinds[cand.kind] if cand.kind is not None else None
    number = cand.number
    value, low, high = number.value, number.low, number.high
    if cand.qualifier not in ("range", "vague"):
        factor_low, factor_high = lexicon.intervals[cand.qualifier]
        low, high = _scaled(value, factor_low), _scaled(value, factor_high)
    unit: str | None
    if cand.family == "duration" and cand.unit is not None:
        unit = (kind.unit if kind else None) or lexicon.family_units.get("duration", "minutes")
        to_unit = lexicon.units[unit].factor if unit in lexicon.units else 1.0
        ratio = cand.unit.factor / to_unit
        value, low, high = value * ratio, low * ratio, _scaled(high, ratio)
    elif cand.family == "money":
        symbol = number.currency
        unit = lexicon.currency_symbols.get(symbol) if symbol else None
        unit = unit or (cand.unit.name if cand.unit else None)
    else:
        unit = (kind.unit if kind else None) or lexicon.family_units.get(cand.family)
    end = max(cand.end, cand.cue_end or 0)
    kind_name = kind.name if kind else lexicon.fallback_kinds[cand.family]
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
    cands = _candidates(sentence, words, lexicon)
    if not cands:
        return []
    for cand in cands:
        _attach_unit(sentence, cand, lexicon)
    cands = _merge_compound_durations(sentence, cands)
    for cand in cands:
        _attach_qualifiers(sentence, cand, lexicon)
    _read_windows(sentence, cands, lexicon)
    for cand in cands:
        _classify(cand, lexicon, words)
    _inherit_kinds(sentence, cands, lexicon)
    return [_to_quantity(sentence, c, lexicon) for c in cands if _keep(sentence, c, lexicon)]
