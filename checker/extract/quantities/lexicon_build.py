"""Build the quantities lexicon from its YAML mapping, validating as it goes, and load the
shipped one (rules/lexicons/quantities.yaml, overridable per rule folder).

Errors name the lexicon file and the bad entry (CheckerError).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.extract.quantities.lexicon import KindRule, QuantityLexicon, UnitSpec, norm_phrase
from checker.lexicons import load_lexicon

_SOURCE = "lexicons/quantities.yaml"


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(norm_phrase(phrase).split())


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
                sentence=frozenset(
                    norm_phrase(w) for w in _string_list(spec.get("sentence"), name)
                ),
                priority=int(spec.get("priority", 10)),
                window_before=int(spec.get("window_before", default_window[0])),
                window_after=int(spec.get("window_after", default_window[1])),
                not_preceded_by=frozenset(
                    norm_phrase(w) for w in _string_list(spec.get("not_preceded_by"), name)
                ),
                owned_by_actor=_owner(spec.get("owner"), str(name)),
            )
        )
        for side, table in (("after", after), ("before", before)):
            for phrase in _string_list(spec.get(side), f"kind {name!r} {side}"):
                for words in _cue_variants(phrase):
                    table.setdefault(words[0], []).append((words, index))
    freeze = lambda table: {k: tuple(v) for k, v in table.items()}  # noqa: E731
    return tuple(kinds), freeze(after), freeze(before)


def _partitive(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(rf"\s+(?:{_phrase_regex(sorted(phrases))})\b", re.IGNORECASE)


def _owner(value: Any, kind: str) -> bool:
    if value in (None, "clause"):
        return False
    if value == "actor":
        return True
    raise CheckerError(_SOURCE, f"kind {kind!r}: owner must be 'actor' or 'clause', not {value!r}")


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
            words[norm_phrase(word) if word.strip() != "%" else "%"] = unit
            if spec.get("article") and " " not in word.strip() and not word.endswith("s"):
                article_words.append(norm_phrase(word))
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
            qualifier_names[norm_phrase(phrase)] = str(name)
    after_names: dict[str, str] = {}
    for name, phrases in (data.get("qualifiers_after") or {}).items():
        for phrase in _string_list(phrases, f"qualifier {name!r}"):
            after_names[
                phrase.strip().lower() if phrase.strip() == "+" else norm_phrase(phrase)
            ] = name
    intervals = {
        str(k): _interval(v, f"interval {k!r}") for k, v in (data.get("intervals") or {}).items()
    }
    for name in [*qualifier_names.values(), *after_names.values(), "exact"]:
        if name not in intervals:
            raise CheckerError(_SOURCE, f"qualifier {name!r} has no entry under `intervals`")
    vague = {
        norm_phrase(k): _interval(v, f"vague {k!r}") for k, v in (data.get("vague") or {}).items()
    }
    for kind in kinds:
        if kind.unit is not None and "duration" in kind.families and kind.unit not in units:
            raise CheckerError(_SOURCE, f"kind {kind.name!r}: unit {kind.unit!r} is not a unit")
    fillers = frozenset(norm_phrase(f) for f in _string_list(data.get("fillers"), "fillers"))

    unit_alts = _phrase_regex([w for w in unit_words if w != "%"])
    unit_after = re.compile(
        rf"(?:\s*%|(?:\s*[-‑]\s*|\s+)(?:{unit_alts})(?![^\W_]))" if unit_alts else r"\s*%",
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
        stops=frozenset(
            norm_phrase(w) for w in _string_list(data.get("window_stops"), "window_stops")
        ),
        clause_links=frozenset(
            norm_phrase(w) for w in _string_list(data.get("clause_links"), "clause_links")
        ),
        head_nouns=frozenset(
            norm_phrase(w) for w in _string_list(data.get("head_nouns"), "head_nouns")
        ),
        fillers=fillers,
        intervals=intervals,
        vague=vague,
        units=units,
        unit_words=unit_words,
        currency_symbols={str(k): str(v) for k, v in (data.get("currency_symbols") or {}).items()},
        family_units={str(k): str(v) for k, v in (data.get("family_units") or {}).items()},
        fallback_kinds={str(k): str(v) for k, v in (data.get("fallback_kinds") or {}).items()},
        weak=frozenset(
            norm_phrase(w) for w in _string_list(data.get("weak_numbers"), "weak_numbers")
        ),
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
        change_verbs=tuple(
            sorted(
                {
                    tuple(norm_phrase(v).split())
                    for v in _string_list(data.get("change_verbs"), "change_verbs")
                },
                key=lambda phrase: (-len(phrase), phrase),
            )
        ),
        not_actors=frozenset(
            norm_phrase(w) for w in _string_list(data.get("not_actors"), "not_actors")
        ),
        partitive=_partitive(_string_list(data.get("partitives"), "partitives")),
    )


@lru_cache(maxsize=16)
def _cached_lexicon(rule_dirs: tuple[str, ...]) -> QuantityLexicon:
    return build_quantity_lexicon(load_lexicon("quantities", rule_dirs))


def load_quantity_lexicon(rule_dirs: Sequence[str | Path] = ()) -> QuantityLexicon:
    """The shipped quantities lexicon, overridden by `lexicons/quantities.yaml` in `rule_dirs`."""
    return _cached_lexicon(tuple(str(d) for d in rule_dirs))
