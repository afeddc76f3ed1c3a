"""find_quantities on real sentences (tests/cases/quantities.yaml) and the lexicon as data."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from checker.errors import CheckerError
from checker.extract.numbers import parse_number, scan_numbers
from checker.extract.quantities import (
    Quantity,
    build_quantity_lexicon,
    find_quantities,
    load_quantity_lexicon,
)
from checker.lexicons import load_lexicon

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "quantities.yaml").read_text("utf-8"))[
    "cases"
]


def _describe(found: list[Quantity]) -> list[tuple]:
    return [(q.kind, q.value, q.low, q.high, q.unit, q.qualifier, q.text) for q in found]


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{i:02d}-{c['sentence'][:40]}" for i, c in enumerate(CASES)]
)
def test_quantity_case(case: dict) -> None:
    sentence = case["sentence"]
    found = find_quantities(sentence, load_quantity_lexicon())
    expected = case["expect"]
    assert len(found) == len(expected), _describe(found)
    for quantity, want in zip(found, expected, strict=True):
        assert quantity.kind == want["kind"], _describe(found)
        assert quantity.value == pytest.approx(want["value"]), _describe(found)
        low, high = want.get("low", want["value"]), want.get("high", want["value"])
        assert quantity.low == pytest.approx(low), _describe(found)
        assert quantity.high == pytest.approx(high), _describe(found)
        for key in ("unit", "qualifier", "text"):
            if key in want:
                assert getattr(quantity, key) == want[key], _describe(found)
        assert sentence[quantity.start : quantity.end] == quantity.text


def test_cases_cover_other_domains_and_negatives() -> None:
    domains = [case["domain"] for case in CASES]
    assert len(CASES) >= 45
    assert sum(d not in ("article", "ceasefire") for d in domains) * 3 >= len(CASES)
    assert any(not case["expect"] for case in CASES)


def test_open_bound_is_infinite_and_value_inside() -> None:
    (deaths,) = find_quantities("More than 57,500 people were killed.", load_quantity_lexicon())
    assert deaths.kind == "deaths"
    assert deaths.low == 57500 and math.isinf(deaths.high)


def test_offsets_are_relative_to_the_sentence_passed_in() -> None:
    sentence = "Officials said that 12 people died."
    (quantity,) = find_quantities(sentence, load_quantity_lexicon())
    assert (quantity.start, quantity.end) == (20, 34)
    assert sentence[quantity.start : quantity.end] == "12 people died"


def test_new_domain_is_data_only(tmp_path: Path) -> None:
    """A user rule folder adds a kind without touching Python."""
    data = dict(load_lexicon("quantities"))
    kinds = dict(data["kinds"])
    kinds["goals_conceded"] = {"after": ["goals conceded"], "priority": 15}
    folder = tmp_path / "rules"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "lexicons" / "quantities.yaml").write_text(
        yaml.safe_dump({"kinds": kinds}), encoding="utf-8"
    )
    sentence = "The keeper has 14 goals conceded this season."
    assert [q.kind for q in find_quantities(sentence, load_quantity_lexicon())] == [
        "points_scored"
    ]
    custom = load_quantity_lexicon([folder])
    assert [q.kind for q in find_quantities(sentence, custom)] == ["goals_conceded"]


def test_qualifier_without_interval_is_rejected() -> None:
    data = dict(load_lexicon("quantities"))
    data["qualifiers"] = {**data["qualifiers"], "roughly_half": ["half of"]}
    with pytest.raises(CheckerError, match="roughly_half"):
        build_quantity_lexicon(data)


def test_kind_with_unknown_duration_unit_is_rejected() -> None:
    data = dict(load_lexicon("quantities"))
    data["kinds"] = {"nap": {"family": "duration", "unit": "fortnights", "after": ["nap"]}}
    with pytest.raises(CheckerError, match="fortnights"):
        build_quantity_lexicon(data)


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Liberal challenger Ana Tremblay won 51 per cent of the vote.", "Tremblay"),
        ("With all polls in, Tremblay secured 51 per cent of the vote.", "Tremblay"),
        ("It ended the career of Paul Ortiz, who took 46 per cent of the vote.", "Ortiz"),
        ("The count gave Paul Ortiz's rival 51 per cent of the vote.", ""),
        ("The motion from Ortiz won 62 per cent of the vote.", ""),
        ("In the end, he won 46 per cent of the vote.", ""),
    ],
)
def test_a_kind_owned_by_an_actor_names_the_nearest_acting_name(sentence: str, actor: str) -> None:
    (share,) = find_quantities(sentence, load_quantity_lexicon())
    assert (share.kind, share.names) == ("vote_share", actor)


def test_owner_must_be_actor_or_clause() -> None:
    data = dict(load_lexicon("quantities"))
    data["kinds"] = {"laps": {"family": "count", "after": ["laps"], "owner": "driver"}}
    with pytest.raises(CheckerError, match="owner"):
        build_quantity_lexicon(data)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("57,500", 57500),
        ("4,000,000", 4_000_000),
        ("1.2", 1.2),
        ("1.5 million", 1_500_000),
        ("$12m", 12_000_000),
        ("4bn", 4e9),
        ("twenty-one", 21),
        ("one hundred and five", 105),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("two and a half", 2.5),
        ("twenty-first", 21),
        ("3rd", 3),
    ],
)
def test_parse_number(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written", ["A320", "F-16", "1990s", "5G", "1.2.3", "a 12m wall"])
def test_identifiers_are_not_numbers(written: str) -> None:
    assert scan_numbers(written) == []


def test_ranges_and_pairs() -> None:
    (rng,) = scan_numbers("2–4.8 million")
    assert (rng.low, rng.high, rng.is_range) == (2e6, 4.8e6, True)
    score = scan_numbers("won 3-2")
    assert [(n.value, n.paired) for n in score] == [(3, True), (2, True)]
    change = scan_numbers("from 4 to 6 million")
    assert [n.value for n in change] == [4e6, 6e6]
