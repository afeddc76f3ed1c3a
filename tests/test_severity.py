"""The one severity scale: ordering, parsing, thresholds and the great-expectations mapping."""

from __future__ import annotations

import polars as pl
import pytest

from checker.severity import (
    Severity,
    SeverityError,
    any_at_or_above,
    at_or_above,
    from_great_expectations,
    parse_severity,
    parse_threshold,
    severity_rank,
)


def test_scale_is_ordered_info_minor_major_critical() -> None:
    assert Severity.INFO < Severity.MINOR < Severity.MAJOR < Severity.CRITICAL
    assert sorted([Severity.CRITICAL, Severity.INFO, Severity.MAJOR]) == [
        Severity.INFO,
        Severity.MAJOR,
        Severity.CRITICAL,
    ]
    assert str(Severity.MAJOR) == "major"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("info", Severity.INFO), ("Minor", Severity.MINOR), (" MAJOR ", Severity.MAJOR)],
)
def test_parse_severity_accepts_names_in_any_case(text: str, expected: Severity) -> None:
    assert parse_severity(text) is expected


@pytest.mark.parametrize("bad", ["huge", "", "none", "warning", 2, None])
def test_parse_severity_rejects_everything_else_listing_the_scale(bad: object) -> None:
    with pytest.raises(SeverityError, match="expected one of info, minor, major, critical"):
        parse_severity(bad)  # type: ignore[arg-type]


def test_threshold_none_never_fails_and_others_compare_inclusively() -> None:
    assert parse_threshold("none") is None
    assert parse_threshold("NONE") is None
    assert not at_or_above("critical", "none")
    assert at_or_above("major", "major")
    assert at_or_above("critical", Severity.MAJOR)
    assert not at_or_above("minor", "major")
    assert at_or_above(Severity.INFO, "info")


def test_bad_threshold_names_none_among_the_choices() -> None:
    with pytest.raises(SeverityError, match="none"):
        parse_threshold("sometimes")


def test_vectorized_rank_and_threshold_over_a_severity_column() -> None:
    column = pl.Series(["minor", "info", "major"])
    assert severity_rank(column).to_list() == [1, 0, 2]
    assert any_at_or_above(column, "major")
    assert not any_at_or_above(column, "critical")
    assert not any_at_or_above(column, "none")
    assert not any_at_or_above(pl.Series([], dtype=pl.String), "info")
    with pytest.raises(pl.exceptions.InvalidOperationError):
        severity_rank(pl.Series(["minor", "severe"]))


def test_great_expectations_levels_map_onto_the_scale() -> None:
    from great_expectations.expectations.metadata_types import FailureSeverity

    assert from_great_expectations(FailureSeverity.CRITICAL) is Severity.CRITICAL
    assert from_great_expectations(FailureSeverity.WARNING) is Severity.MINOR
    assert from_great_expectations(FailureSeverity.INFO) is Severity.INFO
    assert from_great_expectations("warning") is Severity.MINOR
    with pytest.raises(SeverityError):
        from_great_expectations("major")
