"""What a time-zone finding blames: a winter label on a summer day is the label's error, and
the message must say so instead of calling the correctly converted time wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import Problems
from checker.pipeline import run_pipeline

CASES = [
    # (published, sentence): diplomacy and business, both a summer day with a winter label
    (
        "2025-07-08T22:00:00Z",
        "The delegation arrived shortly after 5 PM EST (21:00 GMT) on Tuesday.",
    ),
    (
        "2025-06-12T10:00:00Z",
        "The company will hold a call with analysts at 8:30 a.m. EST (12:30 GMT).",
    ),
]


@pytest.mark.parametrize(("published", "sentence"), CASES)
def test_a_winter_label_in_summer_blames_the_label(
    tmp_path: Path, published: str, sentence: str
) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(
        f"---\noutlet: alpha\npublished: {published}\n---\n{sentence}\n", encoding="utf-8"
    )
    findings = run_pipeline([str(story)], problems=Problems())["findings"]
    messages = findings.filter(findings["check"] == "timezone")["message"].to_list()
    assert len(messages) == 1, messages
    assert "(season)" in messages[0] and "the label is wrong, not the time" in messages[0]
    assert "conversion" not in messages[0]


def test_a_conversion_off_by_more_than_the_summer_shift_is_still_a_conversion(
    tmp_path: Path,
) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(
        "---\noutlet: alpha\npublished: 2025-11-04T12:00:00Z\n---\n"
        "The company will hold a call with analysts at 8:30 a.m. ET (15:30 GMT).\n",
        encoding="utf-8",
    )
    findings = run_pipeline([str(story)], problems=Problems())["findings"]
    messages = findings.filter(findings["check"] == "timezone")["message"].to_list()
    assert len(messages) == 1 and "(conversion)" in messages[0], messages
