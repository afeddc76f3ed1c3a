"""find_times on real sentences (tests/cases/times.yaml) and the zone helpers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from checker.errors import CheckerError
from checker.extract.times import (
    build_zone_lexicon,
    calendar_spans,
    find_times,
    load_zone_lexicon,
    zone_fits_date,
    zone_offset_hours,
)
from checker.extract.times.context import day_context
from checker.lexicons import load_lexicon

_DATA = yaml.safe_load((Path(__file__).parent / "cases" / "times.yaml").read_text("utf-8"))
CASES = _DATA["cases"]
FIELDS = ("kind", "text", "local", "zone", "utc", "date")


def _published(case: dict) -> datetime | None:
    raw = case.get("published", _DATA["published"])
    return None if raw is None else datetime.fromisoformat(str(raw))


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{i:02d}-{c['sentence'][:40]}" for i, c in enumerate(CASES)]
)
def test_time_case(case: dict) -> None:
    sentence = case["sentence"]
    found = find_times(sentence, _published(case), load_zone_lexicon())
    got = [{key: getattr(m, key) for key in FIELDS} for m in found]
    want = [
        {key: (None if e[key] is None else str(e[key])) for key in FIELDS} for e in case["expect"]
    ]
    assert got == want
    for mention in found:
        assert sentence[mention.start : mention.end] == mention.text


def test_enough_cases() -> None:
    assert len(CASES) >= 25


def test_conversion_written_inside_one_sentence_gives_both_readings() -> None:
    found = find_times("It began at 17:00 EST (21:00 GMT).", None, load_zone_lexicon())
    assert [(m.local, m.zone, m.utc) for m in found] == [
        ("17:00", "EST", "22:00"),
        ("21:00", "GMT", "21:00"),
    ]


@pytest.mark.parametrize(
    ("label", "on", "fits"),
    [
        ("EST", date(2025, 7, 8), False),  # standard-time label in summer
        ("EDT", date(2025, 7, 8), True),
        ("EST", date(2025, 1, 8), True),
        ("EDT", date(2025, 1, 8), False),
        ("ET", date(2025, 7, 8), True),  # generic label fits any date
        ("BST", date(2025, 12, 1), False),
        ("GMT", date(2025, 7, 8), True),
        ("XYZ", date(2025, 7, 8), None),  # unknown label
        ("EST", None, None),  # no date
    ],
)
def test_zone_fits_date(label: str, on: date | None, fits: bool | None) -> None:
    assert zone_fits_date(label, on, load_zone_lexicon()) is fits


@pytest.mark.parametrize(
    ("label", "on", "hours"),
    [
        ("EST", date(2025, 7, 8), -5.0),  # the label means -5 whatever the date
        ("ET", date(2025, 7, 8), -4.0),
        ("ET", date(2025, 1, 8), -5.0),
        ("PT", date(2025, 7, 8), -7.0),
        ("CEST", None, 2.0),
        ("ET", None, None),
        ("Eastern Time", date(2025, 1, 8), -5.0),
        ("XYZ", date(2025, 7, 8), None),
    ],
)
def test_zone_offset_hours(label: str, on: date | None, hours: float | None) -> None:
    assert zone_offset_hours(label, on, load_zone_lexicon()) == hours


def test_zone_reading_is_data(tmp_path: Path) -> None:
    """A story where IST means Israel Standard Time overrides the label in its rule folder."""
    data = dict(load_lexicon("zones"))
    data["zones"] = {**data["zones"], "IST": {"offset": 2}}
    folder = tmp_path / "rules"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "lexicons" / "zones.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    sentence = "Sirens sounded at 7 a.m. IST."
    (shipped,) = find_times(sentence, None, load_zone_lexicon())
    (custom,) = find_times(sentence, None, load_zone_lexicon([folder]))
    assert (shipped.utc, custom.utc) == ("01:30", "05:00")


def test_unknown_iana_region_is_rejected() -> None:
    with pytest.raises(CheckerError, match="Mars/Olympus"):
        build_zone_lexicon({"zones": {"MOT": {"region": "Mars/Olympus"}}})


def test_calendar_spans_cover_clock_and_date_digits() -> None:
    sentence = "At 5 PM EST on October 7, 2023, about 12 people died."
    covered = [sentence[s:e] for s, e in sorted(calendar_spans(sentence))]
    assert covered == ["5 PM", "October 7, 2023"]


@pytest.mark.parametrize(
    ("sentence", "day", "context"),
    [
        # A short bracketed aside is read past, before and after the day.
        (
            "The capsule undocked from the International Space Station (ISS) on Monday evening.",
            "Monday evening",
            "capsule undocked from the international space station on |",
        ),
        (
            "The final was played on Saturday (local time) in front of a full stadium.",
            "Saturday",
            "the final was played on | in front of a full stadium",
        ),
        # A long one is a clause of its own: the window stops there.
        (
            "The talks ended (after a night of sharp exchanges with no agreement) on Friday.",
            "Friday",
            "on |",
        ),
        # A day that opens its clause reads on past the comma.
        (
            "On March 19, they splashed down off the coast.",
            "March 19",
            "on | they splashed down off the coast",
        ),
    ],
)
def test_day_context_reads_past_short_asides(sentence: str, day: str, context: str) -> None:
    start = sentence.index(day)
    assert day_context(sentence, start, start + len(day)) == context
