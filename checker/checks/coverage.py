"""The `coverage` check: a fact most outlets carry that one omits, or claims only one makes
(summarised once per story).

Works on statement facts (groups of matched claims). Syndicated copies count once, and only
full-length articles can be said to omit something: a three-line brief omits most facts.
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.ruleset.params import CoverageParams
from checker.ruleset.registry import CheckType
from checker.sides import Side

# Rows are picked by what they say before their ids, which hash file paths.
CONTENT_ORDER = ["outlet", "text", "claim_id"]


def full_length_roots(claims: pl.DataFrame, share_of_median: float) -> pl.DataFrame:
    """story, copy_root of documents long enough to be expected to carry the main facts."""
    sizes = claims.group_by("story", "copy_root").agg(pl.len().alias("n"))
    medians = sizes.group_by("story").agg(pl.col("n").median().alias("median"))
    return sizes.join(medians, on="story").filter(pl.col("n") >= pl.col("median") * share_of_median)


def coverage_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    if rule.params.mode == "single_source":
        return single_source_findings(rule, context)
    return omission_findings(rule, context)


def single_source_findings(rule: Any, context: CheckContext) -> pl.DataFrame:
    """Substantive claims (a number or a named speaker) that no other outlet matched: one
    summary per story, each such claim an evidence entry, so a reviewer sees one line to look
    into rather than dozens of "only X reports this"."""
    min_outlets = int(rule.params.min_outlets)
    claims = context.claim_view
    in_facts = context.facts.filter(pl.col("key").str.starts_with("statement:"))["claim_id"]
    with_numbers = context.quantities["claim_id"]
    candidates = claims.filter(
        ~pl.col("claim_id").is_in(in_facts.implode())
        & (pl.col("claim_id").is_in(with_numbers.implode()) | pl.col("speaker").is_not_null())
    ).sort("story", "claim_id")
    found = []
    for (story,), group in candidates.group_by(["story"], maintain_order=True):
        if context.story_voices.get(story, 0) < min_outlets:
            continue
        rows = list(group.iter_rows(named=True))
        evidence = [
            evidence_entry(row, Side.MINORITY, row["text"], None, context.copy_outlets)
            for row in rows
        ]
        outlets = sorted({row["outlet"] for row in rows})
        values = {
            "majority": "no other outlet",
            "minority": ", ".join(outlets),
            "topic": f"{len(rows)} claims with a figure or a named source",
            "count": len(rows),
        }
        found.append(
            make_finding(rule, story, None, "single:summary", "single_source", evidence, values)
        )
    return findings_frame(found)


def omission_findings(rule: Any, context: CheckContext) -> pl.DataFrame:
    majority_share = float(rule.params.majority_share)
    min_outlets = int(rule.params.min_outlets)
    share_of_median = float(rule.params.full_length_share)
    claims = context.claim_view
    full = full_length_roots(claims, share_of_median)
    full_by_story: dict[str, set[str]] = {}
    for story, root in full.select("story", "copy_root").iter_rows():
        full_by_story.setdefault(story, set()).add(root)
    # Any claim of an omitting document stands in for it in the evidence (outlet, URL).
    stand_in = {
        row["copy_root"]: row
        for row in claims.sort(CONTENT_ORDER, descending=True).iter_rows(named=True)
    }
    facts = context.facts.filter(pl.col("key").str.starts_with("statement:")).join(
        claims, on=["claim_id", "story"]
    )
    found = []
    for (story, fact_id, key), group in facts.sort("story", "fact_id", "claim_id").group_by(
        ["story", "fact_id", "key"], maintain_order=True
    ):
        voices = context.story_voices.get(story, 0)
        carriers = set(group["copy_root"].to_list())
        needed = max(min_outlets, math.ceil(majority_share * voices))
        if len(carriers) < needed:
            continue
        omitted = sorted(full_by_story.get(story, set()) - carriers)
        if not omitted:
            continue
        claim_rows = {
            row["copy_root"]: row
            for row in group.sort(CONTENT_ORDER, descending=True).iter_rows(named=True)
        }
        evidence = [
            evidence_entry(row, Side.MAJORITY, row["text"], None, context.copy_outlets)
            for row in claim_rows.values()
        ]
        for root in omitted:
            absent = dict(stand_in[root], text="", speaker=None)
            evidence.append(evidence_entry(absent, Side.MINORITY, "", None, context.copy_outlets))
        omitting_outlets = sorted({o for r in omitted for o in context.copy_outlets.get(r, [])})
        values = {
            "majority": f"{len(carriers)} of {voices} outlets",
            "minority": ", ".join(omitting_outlets),
            "topic": key.removeprefix("statement:"),
        }
        found.append(make_finding(rule, story, fact_id, key, "omission", evidence, values))
    return findings_frame(found)


COVERAGE = CheckType("coverage", CoverageParams, coverage_check, frozenset({"topic"}))
