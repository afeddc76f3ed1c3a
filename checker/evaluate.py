"""Scoring a run against each story's `expected.yaml`: precision and recall per check.

expected.yaml lists the findings a correct run must produce (check, the minority outlets, the
kind or key) and, under `must_not_find`, look-alikes that must stay silent. A finding counts at
`minor` and above; expected entries marked `info` are scored only when info is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from checker.errors import CheckerError
from checker.lexicons import read_yaml_mapping
from checker.match.aliases import name_key
from checker.severity import SEVERITY_NAMES, at_or_above

KIND_CHECKS = frozenset({"quantity", "duration"})


@dataclass(frozen=True)
class Expected:
    story: str
    check: str
    kind: str
    outlets: tuple[str, ...]
    severity: str = "minor"
    note: str = ""


@dataclass(frozen=True)
class Forbidden:
    """A look-alike that must stay silent: no finding of `check` (and `kind`) that puts one of
    `outlets` (any outlet when empty) on the offending side at `severity_below` or above."""

    story: str
    check: str
    kind: str
    outlets: tuple[str, ...]
    severity_below: str = "info"
    note: str = ""


@dataclass
class Score:
    check: str
    expected: int = 0
    found: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        # Findings that answered an entry expected below the threshold are not extras either.
        return (self.found - len(self.extras)) / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def _entries(path: Path, section: str, severity_key: str, default: str) -> list[dict]:
    """The entries of one section of expected.yaml, each with story, check, kind, outlets,
    note and a validated severity under `severity`."""
    data = read_yaml_mapping(path)
    story = str(data.get("story") or path.parent.name)
    entries = data.get(section) or []
    if not isinstance(entries, list):
        raise CheckerError(str(path), f"`{section}` must be a list")
    parsed = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or "check" not in entry:
            raise CheckerError(str(path), f"{section} #{number} needs at least a `check`")
        severity = str(entry.get(severity_key, default))
        if severity not in SEVERITY_NAMES:
            raise CheckerError(str(path), f"{section} #{number}: unknown severity {severity!r}")
        parsed.append(
            {
                "story": str(entry.get("story", story)),
                "check": str(entry["check"]),
                "kind": str(entry.get("kind") or ""),
                "outlets": tuple(sorted(str(o).lower() for o in entry.get("outlets") or ())),
                "severity": severity,
                "note": str(entry.get("note") or ""),
            }
        )
    return parsed


def load_expected(path: Path) -> list[Expected]:
    return [Expected(**entry) for entry in _entries(path, "findings", "severity", "minor")]


def load_forbidden(path: Path) -> list[Forbidden]:
    entries = _entries(path, "must_not_find", "severity_below", "info")
    return [Forbidden(severity_below=e.pop("severity"), **e) for e in entries]


# Words that say what sort of thing a label names, not which one ("mayor_quote").
_LABEL_NOISE = frozenset({"quote", "quotes"})


def _label_in_values(entry: Forbidden, finding: dict) -> bool:
    """A human label (no outlets given) names a finding when all its words are in its values."""
    if entry.check in KIND_CHECKS or entry.outlets or not entry.kind:
        return True
    words = set(name_key(entry.kind.replace("_", " ")).split()) - _LABEL_NOISE
    values = name_key(" ".join(str(e.get("value") or "") for e in finding["evidence"] or []))
    return words <= set(values.split())


def violations(findings: pl.DataFrame, forbidden: list[Forbidden]) -> list[str]:
    """Every finding that breaks a `must_not_find` entry, described for a test message."""
    broken = []
    for row in findings.iter_rows(named=True):
        for entry in forbidden:
            if (
                at_or_above(row["severity"], entry.severity_below)
                and _fits(entry, row)
                and _label_in_values(entry, row)
            ):
                broken.append(f"{row['story']}: {row['message']} (must not: {entry.note})")
    return broken


def minority_outlets(evidence: list[dict]) -> set[str]:
    """Outlets on the offending side of a finding: minority, candidate, or the dissent of a
    stance finding (its pessimistic side)."""
    sides = {"minority", "candidate", "disputed", "pessimistic"}
    found: set[str] = set()
    for item in evidence or []:
        if item.get("side") in sides:
            found.update(item.get("outlets") or [item.get("outlet")])
    return {o for o in found if o}


def _fits(expected: Expected | Forbidden, finding: dict) -> bool:
    if expected.story != finding["story"] or expected.check != finding["check"]:
        return False
    # Kinds are canonical names only for numbers; for other checks they are human labels.
    if (
        expected.check in KIND_CHECKS
        and expected.kind
        and name_key(expected.kind) not in name_key(finding["key"] or "")
    ):
        return False
    if not expected.outlets:
        return True
    return bool(set(expected.outlets) & minority_outlets(finding["evidence"]))


def score(
    findings: pl.DataFrame, expected: list[Expected], threshold: str = "minor"
) -> list[Score]:
    """Precision and recall per check, matching expected entries to findings one to one.

    Recall counts the expected entries at or above `threshold`; precision counts the findings
    at or above it, and a finding that answers any expected entry (even one expected only at
    a lower severity) is not an extra.
    """
    stories = {e.story for e in expected}
    actual = [
        row
        for row in findings.filter(pl.col("story").is_in(sorted(stories))).iter_rows(named=True)
        if at_or_above(row["severity"], threshold)
    ]
    wanted = [e for e in expected if at_or_above(e.severity, threshold)]
    checks = sorted({e.check for e in wanted} | {row["check"] for row in actual})
    scores = {check: Score(check) for check in checks}
    used: set[int] = set()
    # Entries the run must produce first, so that a lesser entry cannot take their finding.
    for entry in sorted(expected, key=lambda e: not at_or_above(e.severity, threshold)):
        required = at_or_above(entry.severity, threshold)
        if required:
            scores[entry.check].expected += 1
        hit = next((i for i, row in enumerate(actual) if i not in used and _fits(entry, row)), None)
        if hit is not None:
            used.add(hit)
            if required:
                scores[entry.check].matched += 1
        elif required:
            scores[entry.check].misses.append(
                f"{entry.story}: {entry.check} {entry.kind} {list(entry.outlets)} ({entry.note})"
            )
    for index, row in enumerate(actual):
        scores[row["check"]].found += 1
        if index not in used:
            scores[row["check"]].extras.append(f"{row['story']}: {row['message']}")
    return [scores[c] for c in checks]
