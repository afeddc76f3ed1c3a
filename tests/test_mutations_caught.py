"""Small changes that once survived the whole suite now fail it: the sign of a zone conversion,
the wrap at midnight, the halving of an interval tolerance, the alias lexicon, the fingerprint."""

from __future__ import annotations

from checker.checks.intervals import Reading, cluster_readings, widen
from checker.checks.timezone import _apart
from checker.match.aliases import speaker_keys
from checker.ruleset.fingerprint import finding_fingerprint


def reading(value: float) -> Reading:
    return Reading("c", 0, "d", "d", value, value, value, str(value), None, None)


def test_two_times_either_side_of_midnight_are_minutes_apart() -> None:
    assert _apart("23:50", "00:10") == 20
    assert _apart("01:00", "23:00") == 120
    assert _apart("12:00", "12:00") == 0


def test_a_tolerance_is_split_half_each_side() -> None:
    """Two readings overlap when within one tolerance of each other, not two."""
    low, high = widen(reading(100), relative=0.0, absolute=10.0)
    assert (low, high) == (95.0, 105.0)
    assert len(cluster_readings([reading(100), reading(110)], 0.0, 10.0)) == 1
    assert len(cluster_readings([reading(100), reading(111)], 0.0, 10.0)) == 2


def test_the_alias_lexicon_joins_a_nickname_to_the_full_name() -> None:
    aliases = {"bibi": "benjamin netanyahu", "benjamin netanyahu": "benjamin netanyahu"}
    keys = speaker_keys(["Bibi", "Benjamin Netanyahu"], aliases)
    assert keys["Bibi"] == keys["Benjamin Netanyahu"] == "benjamin netanyahu"
    assert speaker_keys(["Bibi", "Benjamin Netanyahu"], {})["Bibi"] == "bibi"  # without it


def test_a_known_finding_keeps_its_fingerprint() -> None:
    """Committed baselines match findings by this id: its payload must not drift."""
    fingerprint = finding_fingerprint(
        "quantity-mismatch", "bus-crash", "quantity:deaths@all", "deaths", ["b.com", "a.com"],
        ["12", "21"],
    )
    assert fingerprint == "31dfbbd5de88a169"


def test_a_wrong_conversion_says_what_the_label_should_read(tmp_path) -> None:
    """17:00 EDT in July is 21:00 UTC, so 23:00 CEST (UTC+2): the sign of the offset shows."""
    from checker.pipeline import run_pipeline

    story = tmp_path / "summit"
    story.mkdir()
    (story / "alpha.txt").write_text(
        "---\noutlet: alpha\npublished: 2025-07-08T12:00:00Z\n---\n"
        "The leaders meet at 5 p.m. EDT (22:00 CEST) on Tuesday.\n",
        encoding="utf-8",
    )
    findings = run_pipeline([str(story)])["findings"]
    messages = findings.filter(findings["check"] == "timezone")["message"].to_list()
    assert any("should read 23:00 CEST" in m for m in messages), messages
