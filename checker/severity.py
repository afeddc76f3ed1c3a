"""The one severity scale used everywhere: info < minor < major < critical.

Rules carry a severity, `--fail-on` takes a threshold on the same scale (or `none`, which
never fails), and great-expectations' own levels are mapped onto it so that gate results and
findings compare directly.
"""

from __future__ import annotations

from enum import IntEnum

import polars as pl


class Severity(IntEnum):
    """Ordered so that plain comparisons work: Severity.MINOR < Severity.MAJOR."""

    INFO = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        """The lower-case name used in YAML, tables and output ("major")."""
        return self.name.lower()

    def __str__(self) -> str:
        return self.label


SEVERITY_NAMES: tuple[str, ...] = tuple(s.label for s in Severity)
NO_THRESHOLD = "none"  # `--fail-on none`: nothing ever fails the run
THRESHOLD_NAMES: tuple[str, ...] = (*SEVERITY_NAMES, NO_THRESHOLD)

# great-expectations (FailureSeverity) has three levels; "warning" is a real but tolerable
# problem, which is what `minor` means here.
_FROM_GX: dict[str, Severity] = {
    "critical": Severity.CRITICAL,
    "warning": Severity.MINOR,
    "info": Severity.INFO,
}


class SeverityError(ValueError):
    """A severity or threshold that is not on the scale; the message lists the valid names."""


def parse_severity(value: str | Severity) -> Severity:
    """'Major', ' major ' or Severity.MAJOR -> Severity.MAJOR; anything else is a SeverityError."""
    if isinstance(value, Severity):
        return value
    if isinstance(value, str):
        name = value.strip().lower()
        if name in SEVERITY_NAMES:
            return Severity[name.upper()]
    raise SeverityError(f"unknown severity {value!r}: expected one of {', '.join(SEVERITY_NAMES)}")


def parse_threshold(value: str | Severity | None) -> Severity | None:
    """A `--fail-on` value: a severity, or 'none' (returned as None: never fail)."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() == NO_THRESHOLD:
        return None
    try:
        return parse_severity(value)
    except SeverityError:
        raise SeverityError(
            f"unknown threshold {value!r}: expected one of {', '.join(THRESHOLD_NAMES)}"
        ) from None


def at_or_above(severity: str | Severity, threshold: str | Severity | None) -> bool:
    """Does `severity` reach `threshold`? A threshold of None or 'none' is never reached."""
    limit = parse_threshold(threshold)
    if limit is None:
        return False
    return parse_severity(severity) >= limit


def any_at_or_above(severities: pl.Series, threshold: str | Severity | None) -> bool:
    """Does any severity in a column (e.g. findings["severity"]) reach the threshold?"""
    limit = parse_threshold(threshold)
    if limit is None or severities.is_empty():
        return False
    return bool((severity_rank(severities) >= int(limit)).any())


def severity_rank(severities: pl.Series | pl.Expr) -> pl.Series | pl.Expr:
    """Severity names -> their rank (0..3), vectorized, for sorting or filtering findings.

    An unknown name raises (polars' replace_strict) rather than silently ranking as lowest.
    """
    ranks = {s.label: int(s) for s in Severity}
    return severities.str.to_lowercase().replace_strict(ranks, return_dtype=pl.Int8)


def from_great_expectations(level: object) -> Severity:
    """Map a great-expectations FailureSeverity (or its string value) onto our scale."""
    name = str(getattr(level, "value", level)).strip().lower()
    if name not in _FROM_GX:
        raise SeverityError(
            f"unknown great-expectations severity {level!r}: expected one of {', '.join(_FROM_GX)}"
        )
    return _FROM_GX[name]
