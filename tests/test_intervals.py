"""Interval clustering behind the quantity and duration checks."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from checker.checks.intervals import Reading, cluster_readings, find_disagreements, near_copies


def reading(doc: str, low: float, high: float, value: float | None = None, **extra) -> Reading:
    return Reading(
        claim_id=f"c-{doc}-{low}",
        start=0,
        copy_root=doc,
        outlet=doc,
        low=low,
        high=high,
        value=low if value is None else value,
        text=str(value or low),
        speaker_key=extra.get("speaker"),
        published=extra.get("published"),
    )


def test_open_intervals_that_overlap_are_one_cluster() -> None:
    clusters = cluster_readings(
        [reading("a", 57500, math.inf), reading("b", 57000, math.inf), reading("c", 57500, 57500)],
        0.0,
        0.0,
    )
    assert len(clusters) == 1
    assert find_disagreements(clusters, 0.5, growing=False) == []


def test_minority_value_against_majority_is_one_disagreement() -> None:
    readings = [reading(d, 60, 60) for d in "abcde"] + [reading("f", 42, 42)]
    clusters = cluster_readings(readings, 0.0, 0.0)
    found = find_disagreements(clusters, 0.5, growing=False)
    assert len(found) == 1
    assert {r.outlet for r in found[0].minority[0].readings} == {"f"}
    assert {r.outlet for c in found[0].majority for r in c.readings} == set("abcde")


def test_a_document_that_also_carries_every_majority_value_is_not_a_disagreement() -> None:
    # "from four issues to one" everywhere; one outlet also mentions a third, unrelated count
    readings = [reading(d, 4, 4) for d in "abcd"] + [reading(d, 1, 1) for d in "abcd"]
    readings.append(reading("d", 7, 7))
    found = find_disagreements(cluster_readings(readings, 0.0, 0.0), 0.5, growing=False)
    assert found == []


def test_tolerance_absorbs_small_differences() -> None:
    readings = [reading("a", 120, 120), reading("b", 120, 120), reading("c", 110, 110)]
    assert len(cluster_readings(readings, 0.1, 0.0)) == 1
    assert len(cluster_readings(readings, 0.0, 0.0)) == 2


def test_growth_from_one_source_over_time_is_an_update() -> None:
    early = datetime(2025, 1, 1, 6, tzinfo=UTC)
    late = datetime(2025, 1, 1, 18, tzinfo=UTC)
    readings = [reading("a", 8, 8, speaker="agency", published=early)] + [
        reading(d, 12, 12, speaker="agency", published=late) for d in "bcd"
    ]
    found = find_disagreements(cluster_readings(readings, 0.0, 0.0), 0.5, growing=True)
    assert len(found) == 1 and found[0].is_update
    found_other_source = find_disagreements(
        cluster_readings(
            [reading("a", 8, 8, speaker="hospital", published=early), *readings[1:]], 0.0, 0.0
        ),
        0.5,
        growing=True,
    )
    assert len(found_other_source) == 1 and not found_other_source[0].is_update


def test_two_sources_with_no_majority_are_reported_as_a_dispute() -> None:
    found = find_disagreements(
        cluster_readings([reading("a", 12, 12), reading("b", 21, 21)], 0.0, 0.0), 0.5, False
    )
    assert len(found) == 1 and found[0].majority == [] and len(found[0].minority) == 2


def test_figures_far_apart_are_of_different_things_unless_a_scale_slip() -> None:
    total_seats = [reading(d, 343, 343) for d in ("a", "b", "c")]
    party_seats = [reading("d", 3, 3)]  # "three seats" for a small party
    assert find_disagreements(cluster_readings(total_seats + party_seats, 0, 0), 0.5, False) == []
    market_value = [reading(d, 2.94e12, 2.94e12) for d in ("a", "b", "c")]
    slip = [reading("d", 2.94e9, 2.94e9)]  # "$2.94 billion" for trillion: same digits
    found = find_disagreements(cluster_readings(market_value + slip, 0, 0), 0.5, False)
    assert [[r.outlet for r in c.readings] for c in found[0].minority] == [["d"]]
    near = [reading("d", 30, 30)]  # within a factor of twenty: a plain disagreement
    assert find_disagreements(cluster_readings(total_seats + near, 0, 0), 0.5, False)


def test_two_camps_that_never_carry_each_others_value_are_a_dispute() -> None:
    readings = [reading(d, 30000, 30000) for d in "ab"] + [reading(d, 45000, 45000) for d in "cd"]
    found = find_disagreements(cluster_readings(readings, 0.0, 0.0), 0.5, growing=False)
    assert len(found) == 1 and not found[0].majority
    assert [sorted(r.outlet for r in c.readings) for c in found[0].minority] == [
        ["a", "b"],
        ["c", "d"],
    ]


def test_two_values_every_outlet_carries_are_no_dispute() -> None:
    # "from four issues to one" in every outlet: both values are everyone's
    readings = [reading(d, 4, 4) for d in "abc"] + [reading(d, 1, 1) for d in "abc"]
    assert find_disagreements(cluster_readings(readings, 0.0, 0.0), 0.5, growing=False) == []


@pytest.mark.parametrize(
    ("first", "second", "miscopied"),
    [
        (("2,056", 2056), ("2,065", 2065), True),  # two neighbouring digits swapped
        (("84,217,350", 84217350), ("84,216,350", 84216350), True),  # one digit of many
        (("1,644", 1644), ("1,977", 1977), False),  # two digits changed: not one slip
        (("$3.18 billion", 3.18e9), ("$3.18 trillion", 3.18e12), True),  # another scale
        (("132", 132), ("123", 123), True),  # a swap in three digits
        (("115", 115), ("175", 175), False),  # one of three digits: as often two figures
        (("177", 177), ("127", 127), False),
        (("43.5", 43.5), ("43.7", 43.7), False),  # the last digit: rounding, or a count moved on
    ],
)
def test_near_copies(first: tuple[str, float], second: tuple[str, float], miscopied: bool) -> None:
    a, b = (replace(reading(text, value, value), text=text) for text, value in (first, second))
    assert near_copies(a, b) is miscopied
