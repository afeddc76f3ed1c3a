"""The `stance` check: optimism and pessimism that cannot both describe the same matter.

Two modes (`params.mode`):
- topic: one finding per story and topic, every outlet's optimistic claims on one side (an
  official saying talks are "going very well"), the pessimistic ones on the other (a source
  reporting no progress). Evidence sides are `optimistic` and `pessimistic`; the pessimistic
  side is the dissent a reader should weigh.
- speaker: one person sounds upbeat in most outlets and downbeat in others (or the reverse):
  someone's position was misreported. Evidence sides are majority / minority.
Syndicated copies count once.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.ruleset.params import StanceParams
from checker.ruleset.registry import CheckType
from checker.sides import Side

SIDES = {1: Side.OPTIMISTIC, -1: Side.PESSIMISTIC}
MOOD = {1: "upbeat", -1: "downbeat"}
LONE_FLIP_SEVERITY = "info"  # one outlet against one, no topic: a lead


def _speakers(rows: list[dict[str, Any]]) -> str:
    names = sorted({r["speaker"] for r in rows if r["speaker"]})
    return ", ".join(names) or "unattributed"


def _cue_entry(row: dict[str, Any], side: Side, context: CheckContext) -> dict[str, Any]:
    """Evidence for one stance claim: its cue, highlighted where it sits in the sentence."""
    cue = row["stance_cue"] or ""
    offset = row["text"].find(cue) if cue else -1
    span = (offset, offset + len(cue)) if offset >= 0 else None
    return evidence_entry(row, side, cue, span, context.copy_outlets)


def stance_claims(rule: Any, context: CheckContext) -> pl.DataFrame:
    """Claims with a stance, filtered as the rule asks, with `topic` = their first topic."""
    topics = rule.params.topics
    claims = context.claim_view.filter(pl.col("stance").is_in([1, -1])).with_columns(
        pl.col("topics").list.first().alias("topic")
    )
    if rule.params.mode == "topic":  # a person's mood needs no topic to compare
        claims = claims.filter(pl.col("topic").is_not_null())
    if bool(rule.params.require_speaker):
        claims = claims.filter(pl.col("speaker").is_not_null())
    if topics != "all":
        claims = claims.filter(pl.col("topic").is_in(list(topics)))
    return claims.sort("story", "topic", "outlet", "text", "claim_id", nulls_last=True)


def stance_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    claims = stance_claims(rule, context)
    if rule.params.mode == "speaker":
        return speaker_flips(rule, context, claims)
    return topic_conflicts(rule, context, claims)


def topic_conflicts(rule: Any, context: CheckContext, claims: pl.DataFrame) -> pl.DataFrame:
    min_per_side = int(rule.params.min_outlets_per_side)
    found = []
    for (story, topic), group in claims.group_by(["story", "topic"], maintain_order=True):
        by_side: dict[int, list[dict[str, Any]]] = {1: [], -1: []}
        for row in group.iter_rows(named=True):
            by_side[row["stance"]].append(row)
        optimistic, pessimistic = by_side[1], by_side[-1]
        if any(len({r["copy_root"] for r in side}) < min_per_side for side in by_side.values()):
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
                if marker not in seen:
                    seen.add(marker)
                    evidence.append(_cue_entry(row, SIDES[stance], context))
        values = {
            "majority": _speakers(optimistic),
            "minority": _speakers(pessimistic),
            "topic": topic,
        }
        found.append(make_finding(rule, story, None, f"stance:{topic}", topic, evidence, values))
    return findings_frame(found)


def speaker_flips(rule: Any, context: CheckContext, claims: pl.DataFrame) -> pl.DataFrame:
    """One person upbeat in some outlets and downbeat in others: majority against minority."""
    min_per_side = int(rule.params.min_outlets_per_side)
    found = []
    named = claims.filter(pl.col("speaker_key").is_not_null()).sort(
        "story", "speaker_key", "outlet", "text", "claim_id"
    )
    for (story, person), group in named.group_by(["story", "speaker_key"], maintain_order=True):
        first: dict[tuple[str, int], dict[str, Any]] = {}
        for row in group.iter_rows(named=True):
            first.setdefault((row["copy_root"], row["stance"]), row)
        roots = {sign: {root for root, s in first if s == sign} for sign in (1, -1)}
        mixed = roots[1] & roots[-1]  # a copy that reports both moods takes no side
        sides = {sign: roots[sign] - mixed for sign in (1, -1)}
        if min(len(sides[1]), len(sides[-1])) < min_per_side:
            continue
        if len(sides[1]) == len(sides[-1]):
            names = {1: Side.DISPUTED, -1: Side.DISPUTED}
        else:
            major = 1 if len(sides[1]) > len(sides[-1]) else -1
            names = {major: Side.MAJORITY, -major: Side.MINORITY}
        evidence = [
            _cue_entry(row, names[sign], context)
            for (root, sign), row in sorted(first.items())
            if root in sides[sign]
        ]
        outlets = {
            sign: sorted({o for r in sides[sign] for o in context.copy_outlets.get(r, [])})
            for sign in (1, -1)
        }
        by_name = {name: sign for sign, name in names.items()}
        major_sign = by_name.get(Side.MAJORITY, 1)
        values = {
            "speaker": group["speaker"][0],
            "majority": f"{MOOD[major_sign]} in {', '.join(outlets[major_sign])}",
            "minority": f"{MOOD[-major_sign]} in {', '.join(outlets[-major_sign])}",
            "topic": group["topic"][0],
        }
        key = f"stance-speaker:{person}"
        # One outlet against one other about no named topic: two quotes of one person may be
        # about two matters (grief and resolve in one speech), a lead, not a finding.
        lone = max(len(sides[1]), len(sides[-1])) < 2 and group["topic"].is_null().all()
        severity = LONE_FLIP_SEVERITY if lone else None
        found.append(make_finding(rule, story, None, key, "speaker", evidence, values, severity))
    return findings_frame(found)


STANCE = CheckType("stance", StanceParams, stance_check, frozenset({"topic", "speaker"}))
