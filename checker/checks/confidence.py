"""How much a reviewer can trust each finding, in [0, 1], read from its evidence.

A finding is worth more the more independent outlets stand on each side (a syndicated copy is
one entry whatever its number of outlets): one outlet against ten that agree is almost surely
an error of that outlet; one against one is a lead to check. For a side of n outlets the
support is n / (n + 1). A finding with sides takes the support of its weaker side times that
of its stronger one when it is a dispute (no side holds a majority), and the support of the
side it is judged against otherwise. A finding about one article's own arithmetic (a time-zone
conversion, a weekday that is not the date's) has no other side and stands at ARITHMETIC.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from checker.sides import OFFENDING_SIDES, Side

ARITHMETIC = 0.8  # a sum that does not add up, checked inside one article
SELF_CHECKS = frozenset({"timezone", "date"})  # checks that may judge one article on its own
SPLIT_SIDES = frozenset({Side.DISPUTED})  # sides on which each value stands on its own


def support(outlets: int) -> float:
    return outlets / (outlets + 1)


def confidence(evidence: list[dict[str, Any]] | None, check: str = "") -> float:
    """The confidence of one finding, from who stands where in its evidence."""
    entries = evidence or []
    if not entries:
        return 0.0
    sides: dict[str, set[str]] = {}
    for entry in entries:
        side = str(entry.get("side") or "")
        if side in SPLIT_SIDES:
            side = f"{side}:{entry.get('value') or ''}"
        sides.setdefault(side, set()).add(str(entry.get("claim_id") or entry.get("outlet")))
    sizes = {side: len(members) for side, members in sides.items()}
    if len(sizes) == 1:
        return ARITHMETIC if check in SELF_CHECKS else support(min(sizes.values()))
    disputed = all(side.split(":", 1)[0] in SPLIT_SIDES for side in sizes)
    if disputed:
        ranked = sorted(sizes.values())
        return support(ranked[0]) * support(ranked[-1])
    against = [n for side, n in sizes.items() if side not in OFFENDING_SIDES]
    return support(max(against)) if against else support(max(sizes.values()))


def with_confidence(findings: pl.DataFrame) -> pl.DataFrame:
    """The findings table with its confidence column filled (two decimals, so output is the
    same on every machine)."""
    scores = [
        round(confidence(evidence, check), 2)
        for evidence, check in findings.select("evidence", "check").iter_rows()
    ]
    return findings.with_columns(pl.Series("confidence", scores, dtype=pl.Float64))
