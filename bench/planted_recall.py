"""How many of the generator's planted discrepancies the run reports, per check.

A planted entry (bench/generate.py's truth) is found when a finding of the same check in the
same story puts one of the entry's minority outlets on its offending side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import polars as pl

from checker.checks.findings import offending_outlets


@dataclass(frozen=True)
class CheckRecall:
    check: str
    planted: int
    found: int
    findings: int  # every finding of this check in the corpus, planted or not

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0


def planted_recall(findings: pl.DataFrame, truth: list[dict[str, Any]]) -> list[CheckRecall]:
    """One row per check that was planted or reported, sorted by check."""
    offenders: dict[tuple[str, str], list[set[str]]] = defaultdict(list)
    for story, check, evidence in findings.select("story", "check", "evidence").iter_rows():
        offenders[story, check].append(offending_outlets(evidence))
    planted: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    for entry in truth:
        planted[entry["check"]] += 1
        wanted = set(entry["outlets"])
        if any(wanted & side for side in offenders.get((entry["story"], entry["check"]), ())):
            found[entry["check"]] += 1
    reported = findings.group_by("check").len()
    counts = dict(zip(reported["check"].to_list(), reported["len"].to_list(), strict=True))
    return [
        CheckRecall(check, planted[check], found[check], counts.get(check, 0))
        for check in sorted(set(planted) | set(counts))
    ]
