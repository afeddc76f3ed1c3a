"""The `attribution` check: the same quoted words given to different speakers.

Quoted passages are cut from quote claims (quote=true, a speaker known) with the extract
stage's quote finder; passages of at least `min_quote_words` words are normalized and, within a
story, grouped when rapidfuzz finds them at least `min_quote_similarity` alike (one cdist per
story over its distinct quotes). Inside a group the speaker most independent copies name is
the majority; copies naming only someone else are the minority.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from checker.checks.context import CheckContext
from checker.checks.dates import param, side_names, split_by_support
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.extract.quotes import quote_spans
from checker.match.facts import connected_groups
from checker.ruleset.registry import register_check

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def quote_key(passage: str) -> str:
    """Quoted words for comparison: lower case, no punctuation or quote marks."""
    return " ".join(w.replace("’", "'") for w in _WORD.findall(passage.lower()))


def quoted_passages(claims: pl.DataFrame, min_words: int) -> pl.DataFrame:
    """One row per quoted passage of a quote claim: the claim plus quote_key, q_start, q_end."""
    rows = []
    for row in claims.iter_rows(named=True):
        for start, end in quote_spans(row["text"]):
            key = quote_key(row["text"][start:end])
            if len(key.split()) >= min_words:
                rows.append({"claim_id": row["claim_id"], "quote_key": key,
                             "q_start": start, "q_end": end})
    schema = {"claim_id": pl.String, "quote_key": pl.String, "q_start": pl.Int64,
              "q_end": pl.Int64}
    passages = pl.DataFrame(rows, schema=schema)
    return passages.join(claims, on="claim_id").sort("story", "quote_key", "claim_id")


def quote_groups(keys: list[str], min_similarity: float) -> dict[str, str]:
    """quote_key -> the representative key of its group of near-identical quotes."""
    representative = {k: k for k in keys}
    if len(keys) < 2:
        return representative
    scores = process.cdist(
        keys, keys, scorer=fuzz.ratio, score_cutoff=min_similarity * 100, dtype=np.uint8
    )
    rows, cols = np.nonzero(np.triu(scores, k=1))
    pairs = [(keys[i], keys[j]) for i, j in zip(rows.tolist(), cols.tolist(), strict=True)]
    for group in connected_groups(pairs):
        for key in group:
            representative[key] = group[0]  # groups are sorted: the first key stands for all
    return representative


@register_check("attribution")
def attribution_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    min_words = int(param(rule, "min_quote_words", 3))
    min_similarity = float(param(rule, "min_quote_similarity", 0.85))
    # Named speakers only: "a senior nurse" or "the ministry" may be the same person as a
    # named one, so an unnamed source never counts as a different speaker.
    claims = context.claim_view.filter(
        pl.col("quote").fill_null(False)
        & pl.col("speaker_key").is_not_null()
        & pl.col("speaker").str.contains(r"^\p{Lu}")
    )
    passages = quoted_passages(claims, min_words)
    found = []
    for (story,), story_rows in passages.group_by(["story"], maintain_order=True):
        groups = quote_groups(sorted(set(story_rows["quote_key"].to_list())), min_similarity)
        by_group: dict[str, list[dict[str, Any]]] = {}
        for row in story_rows.iter_rows(named=True):
            by_group.setdefault(groups[row["quote_key"]], []).append(row)
        for quote, rows in sorted(by_group.items()):
            support: dict[str, set[str]] = {}
            for row in rows:
                support.setdefault(row["speaker_key"], set()).add(row["copy_root"])
            majority, minority = split_by_support(support)
            if not minority:
                continue
            found.append(_finding(rule, context, story, quote, rows, majority, minority))
    return findings_frame(found)


def _finding(
    rule: Any,
    context: CheckContext,
    story: str,
    quote: str,
    rows: list[dict[str, Any]],
    majority: str | None,
    minority: list[str],
) -> dict[str, Any]:
    major_side, minor_side = side_names(majority)
    shown = {r["speaker_key"]: r["speaker"] for r in reversed(rows)}
    evidence, seen = [], set()
    for row in rows:
        person = row["speaker_key"]
        side = major_side if person == majority else minor_side if person in minority else None
        if side is None or (row["copy_root"], person) in seen:
            continue
        seen.add((row["copy_root"], person))
        evidence.append(
            evidence_entry(row, side, row["speaker"], (row["q_start"], row["q_end"]),
                           context.copy_outlets)
        )
    names = [shown[majority]] if majority else []
    names += [shown[m] for m in minority]
    values = {
        "quote": quote,
        "speakers": " and ".join(names),
        "majority": shown.get(majority or "", "no majority"),
        "minority": ", ".join(shown[m] for m in minority),
    }
    return make_finding(rule, story, None, f"quote:{quote[:60]}", quote, evidence, values)
