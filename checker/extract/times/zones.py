"""The zones lexicon (rules/lexicons/zones.yaml) compiled, and what a zone label means on a day.

Generic labels (ET, PT) name an IANA region; their offset and season are read through zoneinfo
(tzdata) on the day in question, so daylight saving needs no hand-kept table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from checker.errors import CheckerError
from checker.lexicons import load_lexicon


@dataclass(frozen=True, slots=True)
class ZoneLabel:
    """What a zone label means: a fixed offset, an IANA region, or both (see zones.yaml)."""

    offset: float | None
    region: str | None
    season: str | None  # standard / daylight / None


@dataclass(frozen=True, eq=False)
class ZoneLexicon:
    """The zones lexicon, compiled: labels, written-out aliases and relative-day words."""

    labels: Mapping[str, ZoneLabel]
    aliases: Mapping[str, str]  # lower-cased alias -> label
    relative_days: Mapping[str, int]
    zone_after: re.Pattern[str]  # matched right after a clock time
    relative: re.Pattern[str] | None
    future: re.Pattern[str] | None
    relative_words: frozenset[str]  # last words of the relative-day phrases (a cheap filter)


def _alternation(words: Sequence[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


def _phrase_pattern(phrases: Sequence[str]) -> str:
    """Phrases as one alternation where any run of spaces matches any whitespace."""
    escaped = [r"\s+".join(re.escape(p) for p in phrase.split()) for phrase in phrases]
    return "|".join(sorted(escaped, key=lambda w: (-len(w), w)))


def _zone_labels(raw_zones: object, source: str) -> dict[str, ZoneLabel]:
    """The `zones` mapping as labels, upper-cased; every region must be a known IANA zone."""
    if not isinstance(raw_zones, Mapping):
        raise CheckerError(source, "`zones` must map labels to {offset, region, season}")
    labels: dict[str, ZoneLabel] = {}
    for label, spec in raw_zones.items():
        if not isinstance(spec, Mapping):
            raise CheckerError(source, f"zone {label!r} must be a mapping")
        region = spec.get("region")
        if region is not None:
            try:
                ZoneInfo(str(region))
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise CheckerError(source, f"zone {label!r}: unknown IANA zone {region!r}") from exc
        offset = spec.get("offset")
        labels[str(label).upper()] = ZoneLabel(
            offset=float(offset) if offset is not None else None,
            region=str(region) if region is not None else None,
            season=spec.get("season"),
        )
    return labels


def build_zone_lexicon(data: Mapping[str, object], source: str = "zones") -> ZoneLexicon:
    """Compile the zones lexicon mapping (see rules/lexicons/zones.yaml for its keys)."""
    labels = _zone_labels(data.get("zones") or {}, source)
    aliases = {str(k).lower(): str(v).upper() for k, v in (data.get("aliases") or {}).items()}
    for alias, label in aliases.items():
        if label not in labels:
            raise CheckerError(source, f"alias {alias!r} names unknown zone {label!r}")
    raw_relative = data.get("relative_days") or {}
    relative_days = {" ".join(str(k).lower().split()): int(v) for k, v in raw_relative.items()}
    future_cues = [str(c) for c in data.get("future_cues") or []]
    zone_alts = [f"(?-i:{_alternation(list(labels))})"] if labels else []
    if aliases:
        zone_alts.insert(0, _phrase_pattern(list(aliases)))
    zone_after = re.compile(rf"\s*(?P<zone>{'|'.join(zone_alts) or '(?!)'})(?![\w])", re.IGNORECASE)
    relative = (
        re.compile(rf"(?<![\w'])(?:{_phrase_pattern(list(relative_days))})\b", re.IGNORECASE)
        if relative_days
        else None
    )
    future = (
        re.compile(rf"(?<![\w])(?:{_phrase_pattern(future_cues)})(?![\w])", re.IGNORECASE)
        if future_cues
        else None
    )
    relative_words = frozenset(phrase.split()[-1] for phrase in relative_days)
    return ZoneLexicon(labels, aliases, relative_days, zone_after, relative, future, relative_words)


@lru_cache(maxsize=16)
def _cached_zone_lexicon(rule_dirs: tuple[str, ...]) -> ZoneLexicon:
    return build_zone_lexicon(load_lexicon("zones", rule_dirs), "lexicons/zones.yaml")


def load_zone_lexicon(rule_dirs: Sequence[str | Path] = ()) -> ZoneLexicon:
    """The shipped zones lexicon, overridden by `lexicons/zones.yaml` in `rule_dirs` (cached)."""
    return _cached_zone_lexicon(tuple(str(d) for d in rule_dirs))


def _noon_local(day: date, region: str) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(region))


def _label_spec(zone_label: str, zones: ZoneLexicon) -> ZoneLabel | None:
    """A label as written ("EDT") or a written-out alias ("Eastern time")."""
    return zones.labels.get(zone_label.upper()) or zones.labels.get(
        zones.aliases.get(zone_label.lower(), "")
    )


def zone_offset_hours(zone_label: str, on_date: date | None, zones: ZoneLexicon) -> float | None:
    """Hours from UTC for a label: its fixed offset, or its region's offset on `on_date`."""
    spec = _label_spec(zone_label, zones)
    if spec is None:
        return None
    if spec.offset is not None:
        return spec.offset
    if spec.region is None or on_date is None:
        return None
    offset = _noon_local(on_date, spec.region).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else None


def zone_fits_date(zone_label: str, on_date: date | None, zones: ZoneLexicon) -> bool | None:
    """False when a standard-time label is used on a daylight-time date or the reverse.

    None when the label is unknown or there is no date; True for labels with no season.
    """
    spec = _label_spec(zone_label, zones)
    if spec is None or on_date is None:
        return None
    if spec.region is None or spec.season is None:
        return True
    dst = _noon_local(on_date, spec.region).dst()
    in_daylight = dst is not None and dst != timedelta(0)
    return in_daylight == (spec.season == "daylight")
