"""The strict scorer (bench/accuracy.py) on hand-made findings: what counts as found, what as
explained, and when a trap fires."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.accuracy import (
    LabelError,
    StoryScore,
    load_labels,
    read_readme_table,
    score_story,
    table,
)

LABELS = """
story: harbour-fire
domain: disaster
discrepancies:
  - id: toll
    check: quantity
    fact: deaths in the warehouse fire on Monday
    severity: major
    sides:
      - value: "12 people"
        also: ["twelve people"]
        outlets: [a.com, b.com, c.com]
      - value: "21 people"
        outlets: [d.com]
  - id: chief
    check: role
    fact: Ana Ruiz's office
    severity: minor
    sides:
      - value: "fire chief"
        outlets: [a.com, b.com]
      - value: "former fire chief"
        outlets: [c.com]
  - id: only-one
    check: coverage
    fact: the owner's arrest
    severity: info
    sides:
      - value: "was arrested"
        outlets: [b.com]
      - value: "no mention"
        outlets: [a.com]
traps:
  - id: injured-vs-killed
    check: quantity
    fact: injured against killed
    sides:
      - value: "12 people"
        outlets: [a.com]
      - value: "30 injured"
        outlets: [b.com]
  - id: owners-claims
    check: quantity
    fact: the owner's and the union's figures of workers inside
    allow: disputed
    sides:
      - value: "40 workers"
        outlets: [a.com]
      - value: "70 workers"
        outlets: [b.com]
"""


def row(outlet: str, side: str, sentence: str, value: str = "", copies: tuple = ()) -> dict:
    return {
        "outlet": outlet,
        "outlets": [outlet, *copies],
        "side": side,
        "sentence": sentence,
        "value": value,
    }


def finding(check: str, severity: str, *rows: dict, message: str = "m") -> dict:
    return {
        "story": "harbour-fire",
        "check": check,
        "severity": severity,
        "message": message,
        "evidence": list(rows),
    }


@pytest.fixture
def labels(tmp_path: Path):
    path = tmp_path / "expected.yaml"
    path.write_text(LABELS, encoding="utf-8")
    return load_labels(path)


TOLL_SPLIT = finding(
    "quantity",
    "major",
    row("a.com", "majority", "At least 12 people died in the blaze."),
    row("b.com", "majority", "Twelve people were killed."),
    row("c.com", "majority", "The fire killed 12 people, officials said."),
    row("d.com", "minority", "The fire killed 21 people on Monday."),
)


def test_a_finding_with_the_labelled_values_on_opposite_sides_counts(labels) -> None:
    result = score_story([TOLL_SPLIT], labels)
    assert (result.found, result.labels) == (1, 2)
    assert (result.explained, result.findings) == (1, 1)
    assert result.exact_outlets == 1 and result.exact_severity == 1


def test_a_finding_that_lumps_both_values_on_one_side_does_not_count(labels) -> None:
    lumped = finding(
        "quantity",
        "major",
        row("a.com", "majority", "At least 12 people died in the blaze."),
        row("d.com", "majority", "The fire killed 21 people on Monday."),
        row("e.com", "minority", "Five firefighters were hurt."),
    )
    result = score_story([lumped], labels)
    assert result.found == 0
    assert result.explained == 0 and result.findings == 1


def test_a_side_split_across_both_sides_of_a_finding_does_not_count(labels) -> None:
    mixed = finding(
        "quantity",
        "major",
        row("a.com", "majority", "At least 12 people died in the blaze."),
        row("b.com", "minority", "Twelve people were killed."),
        row("d.com", "minority", "The fire killed 21 people on Monday."),
    )
    assert score_story([mixed], labels).found == 0


def test_the_value_must_be_in_the_row_not_only_the_outlet(labels) -> None:
    # The right outlets on opposite sides, but about another figure: not this label.
    other_fact = finding(
        "quantity",
        "major",
        row("a.com", "majority", "The warehouse covered 12 hectares."),
        row("d.com", "minority", "The warehouse covered 21 hectares."),
    )
    assert score_story([other_fact], labels).found == 0


def test_another_check_type_does_not_answer_the_label(labels) -> None:
    as_duration = dict(TOLL_SPLIT, check="duration")
    assert score_story([as_duration], labels).found == 0


def test_found_but_not_exact_when_an_outlet_is_missing_or_the_severity_differs(labels) -> None:
    partial = finding(
        "quantity",
        "minor",
        row("a.com", "majority", "At least 12 people died in the blaze."),
        row("d.com", "minority", "The fire killed 21 people on Monday."),
    )
    result = score_story([partial], labels)
    assert result.found == 1
    assert result.exact_outlets == 0 and result.exact_severity == 0


def test_copies_count_for_the_outlets_they_stand_for(labels) -> None:
    with_copy = finding(
        "quantity",
        "major",
        row("a.com", "majority", "12 people died.", copies=("b.com", "c.com")),
        row("d.com", "minority", "The fire killed 21 people on Monday."),
    )
    assert score_story([with_copy], labels).exact_outlets == 1


def test_precision_counts_only_findings_at_minor_or_above(labels) -> None:
    noise = finding("coverage", "info", row("e.com", "minority", "Only e.com says this."))
    wrong = finding(
        "spelling", "minor", row("a.com", "majority", "Ruiz"), row("b.com", "minority", "Ruis")
    )
    result = score_story([TOLL_SPLIT, noise, wrong], labels)
    assert (result.explained, result.findings) == (1, 2)
    assert result.precision == 0.5
    assert len(result.unexplained) == 1 and "spelling/minor" in result.unexplained[0]


def test_info_labels_are_scored_apart_and_found_at_any_severity(labels) -> None:
    coverage = finding(
        "coverage",
        "info",
        row("b.com", "minority", "The owner was arrested on Tuesday."),
        row("a.com", "majority", "", value="no mention"),
    )
    result = score_story([coverage], labels)
    assert (result.info_found, result.info_labels) == (1, 1)
    assert result.labels == 2 and result.findings == 0


def test_a_trap_fires_when_a_finding_opposes_its_sides(labels) -> None:
    trap = finding(
        "quantity",
        "minor",
        row("a.com", "majority", "At least 12 people died in the blaze."),
        row("b.com", "minority", "Another 30 injured were taken to hospital."),
    )
    result = score_story([trap], labels)
    assert (result.traps_fired, result.traps) == (1, 2)
    assert "injured-vs-killed" in result.fired[0]


def test_a_trap_at_info_does_not_fire(labels) -> None:
    update = finding(
        "quantity",
        "info",
        row("a.com", "majority", "At least 12 people died in the blaze."),
        row("b.com", "minority", "Another 30 injured were taken to hospital."),
    )
    assert score_story([update], labels).traps_fired == 0


def test_a_dispute_between_parties_shown_as_disputed_does_not_fire_an_allowed_trap(
    labels,
) -> None:
    disputed = finding(
        "quantity",
        "minor",
        row("a.com", "disputed", "The owner said 40 workers were inside.", value="40"),
        row("b.com", "disputed", "The union said 70 workers were inside.", value="70"),
    )
    as_error = finding(
        "quantity",
        "minor",
        row("a.com", "majority", "The owner said 40 workers were inside.", value="40"),
        row("b.com", "minority", "The union said 70 workers were inside.", value="70"),
    )
    assert score_story([disputed], labels).traps_fired == 0
    assert score_story([as_error], labels).traps_fired == 1


def test_disputed_rows_with_two_values_are_two_sides(labels) -> None:
    disputed_toll = finding(
        "quantity",
        "major",
        row("a.com", "disputed", "At least 12 people died.", value="12"),
        row("d.com", "disputed", "The fire killed 21 people on Monday.", value="21"),
    )
    assert score_story([disputed_toll], labels).found == 1


def test_findings_of_another_story_are_ignored(labels) -> None:
    elsewhere = dict(TOLL_SPLIT, story="other-story")
    result = score_story([elsewhere], labels)
    assert result.found == 0 and result.findings == 0


def test_a_malformed_label_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "expected.yaml"
    path.write_text("story: x\ndiscrepancies:\n  - check: colour\n    sides: []\n")
    with pytest.raises(LabelError, match=r"expected\.yaml: discrepancies #1: unknown check"):
        load_labels(path)


def test_the_table_reads_back_as_recorded(labels, tmp_path: Path) -> None:
    result = score_story([TOLL_SPLIT], labels)
    total = StoryScore("all")
    total.add(result)
    readme = tmp_path / "README.md"
    readme.write_text(
        "x\n<!-- accuracy:start -->\n" + table([result], total) + "\n<!-- accuracy:end -->\n"
    )
    recorded = read_readme_table(readme)
    assert recorded["harbour-fire"] == (0.5, 1.0)
    assert recorded["all"] == (0.5, 1.0)


ZONE_LABELS = """
story: harbour-fire
domain: disaster
discrepancies:
  - id: briefing-gmt
    check: time
    fact: the 9 a.m. ET briefing in GMT
    severity: minor
    sides:
      - value: "12:00 GMT"
        outlets: [d.com]
      - value: "13:00 GMT"
        outlets: [a.com, b.com]
"""


def test_a_one_article_conversion_finding_answers_the_label_on_its_side(tmp_path) -> None:
    path = tmp_path / "expected.yaml"
    path.write_text(ZONE_LABELS, encoding="utf-8")
    labels = load_labels(path)
    wrong = finding("timezone", "minor", row("d.com", "minority", "at 9 a.m. ET (12:00 GMT)"))
    result = score_story([wrong], labels)
    assert (result.found, result.exact_outlets, result.explained) == (1, 1, 1)
    unrelated = finding("timezone", "minor", row("d.com", "minority", "at 10 a.m. ET (15:00 GMT)"))
    assert score_story([unrelated], labels).found == 0  # quotes no labelled value


def test_a_row_states_the_value_it_is_about_not_every_value_in_its_sentence(labels) -> None:
    """'fire chief' is in d.com's sentence, but the row's value is the other person's title."""
    both_in_one_sentence = finding(
        "role",
        "minor",
        row("a.com", "majority", "Ana Ruiz, the fire chief, spoke.", value="fire chief"),
        row(
            "c.com",
            "minority",
            "The fire chief thanked Ben Ode, a former fire chief of the port.",
            value="former fire chief",
        ),
        row(
            "b.com",
            "minority",
            "Ana Ruiz, the fire chief, met Ben Ode, the former mayor.",
            value="former mayor",
        ),
    )
    result = score_story([both_in_one_sentence], labels)
    assert result.found == 1
    assert result.exact_outlets == 0  # b.com's row is about another title, so not on c.com's side
