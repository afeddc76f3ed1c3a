"""The `stance` check: optimism and pessimism about one topic from different speakers.

One finding per story and topic: every outlet's optimistic claims on one side (an official
saying talks are "going very well"), the pessimistic ones on the other (a source reporting no
progress). Evidence sides are `optimistic` and `pessimistic`; the pessimistic side is the
dissent a reader should weigh.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.ruleset.registry import register_check

SIDES = {1: "optimistic", -1: "pessimistic"}


def _param(rule: Any, name: str, default: Any) -> Any:
    value = getattr(rule.params, name, None)
    return default if value is None else value


def _speakers(rows: list[dict[str, Any]]) -> str:
    names = sorted({r["speaker"] for r in rows if r["speaker"]})
    return ", ".join(names) or "unattributed"


@register_check("stance")
def stance_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    topics = _param(rule, "topics", "all")
    require_speaker = bool(_param(rule, "require_speaker", True))
    claims = context.claim_view.filter(pl.col("stance").is_in([1, -1])).with_columns(
        pl.col("topics").list.first().alias("topic")
    )
    claims = claims.filter(pl.col("topic").is_not_null())
    if require_speaker:
        claims = claims.filter(pl.col("speaker").is_not_null())
    if topics != "all":
        claims = claims.filter(pl.col("topic").is_in(list(topics)))

    found = []
    for (story, topic), group in claims.sort("story", "topic", "claim_id").group_by(
        ["story", "topic"], maintain_order=True
    ):
        rows = group.iter_rows(named=True)
        by_side: dict[int, list[dict[str, Any]]] = {1: [], -1: []}
        for row in rows:
            by_side[row["stance"]].append(row)
        optimistic, pessimistic = by_side[1], by_side[-1]
        if not optimistic or not pessimistic:
            continue
        if (
            {r["speaker_key"] for r in optimistic} == {r["speaker_key"] for r in pessimistic}
            and {r["outlet"] for r in optimistic} == {r["outlet"] for r in pessimistic}
            and len({r["outlet"] for r in optimistic}) == 1
        ):
            continue  # one voice hedging with itself in one outlet is not a conflict
        evidence = []
        for stance, side_rows in by_side.items():
            seen: set[tuple[str, str | None]] = set()
            for row in side_rows:
                marker = (row["copy_root"], row["speaker_key"])
                if marker in seen:
                    continue
                seen.add(marker)
                cue = row["stance_cue"] or ""
                offset = row["text"].find(cue) if cue else -1
                span = (offset, offset + len(cue)) if offset >= 0 else None
                evidence.append(evidence_entry(row, SIDES[stance], cue, span, context.copy_outlets))
        key = f"stance:{topic}"
        values = {
            "majority": _speakers(optimistic),
            "minority": _speakers(pessimistic),
            "topic": topic,
        }
        found.append(make_finding(rule, story, None, key, topic, evidence, values))
    return findings_frame(found)
