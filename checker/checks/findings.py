"""Building finding rows: evidence entries, message text and the fingerprint id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from checker.ruleset.fingerprint import finding_fingerprint
from checker.schema import from_rows
from checker.sides import OFFENDING_SIDES, Side


def offending_outlets(evidence: list[dict] | None) -> set[str]:
    """Outlets (copies included) on the offending sides of one finding's evidence."""
    found: set[str] = set()
    for item in evidence or []:
        if item.get("side") in OFFENDING_SIDES:
            found.update(item.get("outlets") or [item.get("outlet")])
    return {o for o in found if o}


def evidence_entry(
    claim: Mapping[str, Any],
    side: Side,
    value: str,
    span: tuple[int, int] | None,
    copy_outlets: Mapping[str, list[str]],
) -> dict[str, Any]:
    """One outlet's side of a finding: its value, the sentence, where the value sits in it."""
    start, end = span if span else (None, None)
    return {
        "outlet": claim["outlet"],
        "outlets": copy_outlets.get(claim["copy_root"], [claim["outlet"]]),
        "side": side,
        "value": value,
        "sentence": claim["text"],
        "start": start,
        "end": end,
        "speaker": claim.get("speaker"),
        "url": claim.get("url"),
        "published": claim.get("published"),
        "doc_id": claim["doc_id"],
        "claim_id": claim["claim_id"],
    }


def make_finding(
    rule: Any,
    story: str,
    fact_id: str | None,
    key: str,
    kind: str,
    evidence: list[dict[str, Any]],
    message_values: Mapping[str, Any],
    severity: str | None = None,
) -> dict[str, Any]:
    evidence = sorted(evidence, key=lambda e: (e["side"], e["outlet"], e["claim_id"]))
    outlets = sorted({o for e in evidence for o in e["outlets"]})
    values = [e["value"] or "" for e in evidence]
    return {
        "finding_id": finding_fingerprint(rule.id, story, key, kind, outlets, values),
        "rule_id": rule.id,
        "check": rule.extends,
        "severity": str(severity or rule.severity),
        "story": story,
        "fact_id": fact_id,
        "key": key,
        "message": rule.render({"kind": kind, "story": story, "key": key, **message_values}),
        "explanation": getattr(rule, "explanation", None) or "",
        "outlets": outlets,
        "claim_ids": sorted({e["claim_id"] for e in evidence}),
        "evidence": evidence,
        "status": "new",
    }


def findings_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Findings in a stable order, one row per fingerprint."""
    unique = {row["finding_id"]: row for row in rows}
    ordered = sorted(
        unique.values(), key=lambda r: (r["story"], r["check"], r["key"], r["finding_id"])
    )
    return from_rows(ordered, "findings")
