"""Everything one story page shows, as plain data for templates/story.html.

The page answers "who deviates, on what" on its first screen: a table of the outlets that
depart, by check (each cell a link that filters the findings), then the findings in the one
order (checker/report/order.py), each card leading with its departing side(s). Below them:
the statements outlets share, each as the sentence of its most central claim, and the
documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

import polars as pl

from checker.report.cards import finding_card
from checker.report.order import lead_expr, ordered_findings
from checker.report.view import documents_list, severity_sort_key, story_header

FIRST_SCREEN_OUTLETS = 8  # rows of the who-deviates table shown before "more outlets"
_MIN_WORD = 4  # shorter words ("the", "and", "said") say little about what a claim states


def filter_link(**state: str) -> str:
    """The page's own link to a filtered view (the hash report.js reads)."""
    return "#" + urlencode({k: v for k, v in state.items() if v}, quote_via=quote)


def who_deviates(findings: pl.DataFrame) -> dict[str, Any]:
    """Outlets by check, counting only findings where the outlet is on a departing side.

    `findings` are one story's rows of order.ordered_findings. An outlet that only appears in
    findings on the agreeing side is not listed; `appears` is how many findings (leads aside)
    name it on any side, so "departs in 1 of 7" can be read off one row."""
    pairs = (
        findings.select("check", "departing_outlets")
        .explode("departing_outlets")
        .drop_nulls("departing_outlets")
        .rename({"departing_outlets": "outlet"})
    )
    if pairs.is_empty():
        return {"checks": [], "rows": [], "more": []}
    per_check = dict(pairs.group_by("check").len().iter_rows())
    checks = sorted(per_check, key=lambda c: (-per_check[c], c))
    counts = {(o, c): n for o, c, n in pairs.group_by("outlet", "check").len().iter_rows()}
    appears = dict(
        findings.filter(~lead_expr())
        .select("finding_id", "outlets")
        .explode("outlets")
        .drop_nulls("outlets")
        .group_by("outlets")
        .agg(pl.col("finding_id").n_unique())
        .iter_rows()
    )
    rows = []
    for outlet in sorted({o for o, _ in counts}):
        cells = [
            {
                "check": c,
                "count": counts.get((outlet, c), 0),
                "href": filter_link(outlet=outlet, check=c),
            }
            for c in checks
        ]
        total = sum(cell["count"] for cell in cells)
        rows.append(
            {
                "outlet": outlet,
                "href": filter_link(outlet=outlet),
                "cells": cells,
                "total": total,
                "appears": appears.get(outlet, total),
            }
        )
    rows.sort(key=lambda r: (-r["total"], r["outlet"]))
    shown = FIRST_SCREEN_OUTLETS if len(rows) > FIRST_SCREEN_OUTLETS + 1 else len(rows)
    return {
        "checks": [
            {"check": c, "count": per_check[c], "href": filter_link(check=c)} for c in checks
        ],
        "rows": rows[:shown],
        "more": rows[shown:],
    }


def statements(story: str, tables: Mapping[str, pl.DataFrame], total: int) -> list[dict[str, Any]]:
    """Statement facts as readable sentences: per fact, the member claim sharing the most
    words with the other members (the most central), and the outlets that carry it.

    Linear in the story's statement members: words are counted per fact with polars."""
    members = (
        tables["facts"]
        .filter((pl.col("story") == story) & pl.col("key").str.starts_with("statement:"))
        .select("fact_id", "claim_id")
        .join(tables["claims"].select("claim_id", "outlet", "text", "norm"), on="claim_id")
    )
    if members.is_empty():
        return []
    words = (
        members.select(
            "fact_id",
            "claim_id",
            pl.col("norm")
            .fill_null("")
            .str.split(" ")
            .list.eval(pl.element().filter(pl.element().str.len_chars() >= _MIN_WORD))
            .list.unique()
            .alias("word"),
        )
        .explode("word")
        .drop_nulls("word")
    )
    shared = (
        words.join(words.group_by("fact_id", "word").len("df"), on=["fact_id", "word"])
        .group_by("fact_id", "claim_id")
        .agg((pl.col("df") - 1).sum().alias("shared"))
    )
    central = (
        members.join(shared, on=["fact_id", "claim_id"], how="left")
        .with_columns(pl.col("shared").fill_null(0), pl.col("text").str.len_chars().alias("len"))
        .sort(["fact_id", "shared", "len", "claim_id"], descending=[False, True, False, False])
        .group_by("fact_id", maintain_order=True)
        .agg(
            pl.col("text").first(),
            pl.col("outlet").first().alias("said_by"),
            pl.col("outlet").drop_nulls().unique().sort().alias("carried"),
        )
    )
    rows = [
        {
            "fact_id": fact_id,
            "sentence": text or "",
            "said_by": said_by or "",
            "carried": carried,
            "count": len(carried),
            "total": total,
        }
        for fact_id, text, said_by, carried in central.iter_rows()
    ]
    return sorted(rows, key=lambda r: (-r["count"], r["sentence"], r["fact_id"]))


def input_warnings(header: Mapping[str, Any]) -> list[str]:
    """What about the inputs weakens the findings: no publication dates, no titles."""
    warnings = []
    documents = header["documents"]
    if header["undated"]:
        n = len(header["undated"])
        warnings.append(
            f"{n} of {documents} articles have no publication date: an update between two "
            "articles cannot be told from a contradiction."
        )
    if header["untitled"]:
        n = len(header["untitled"])
        warnings.append(f"{n} of {documents} articles have no title.")
    return warnings


def story_view(
    story: str, tables: Mapping[str, pl.DataFrame], header: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything one story page shows. `tables` may be the run's or the story's partition;
    findings that already carry order.ordered_findings' columns are taken in their order."""
    header = header or story_header(story, tables)
    findings = tables["findings"].filter(pl.col("story") == story)
    if "departing" not in findings.columns:
        findings = ordered_findings(findings)
    cards = [finding_card(row) for row in findings.iter_rows(named=True)]
    index = [
        {
            "id": card["finding_id"],
            "severity": card["severity"],
            "check": card["check"],
            "rule": card["rule_id"],
            "outlets": card["departing_outlets"],
        }
        for card in cards
    ]
    documents = documents_list(story, tables["documents"])
    copy_outlet = {d["doc_id"]: d["outlet"] for d in documents}
    for doc in documents:
        doc["copy_of_outlet"] = copy_outlet.get(doc["copy_of"], doc["copy_of"])
    deviates = who_deviates(findings)
    return {
        **header,
        "cards": cards,
        "index": index,
        "deviates": deviates,
        "warnings": input_warnings(header),
        "filters": {
            "severity": sorted(
                {c["severity"] for c in cards}, key=lambda s: (severity_sort_key(s), s)
            ),
            "check": sorted({c["check"] for c in cards if c["check"]}),
            "rule": sorted({c["rule_id"] for c in cards if c["rule_id"]}),
            "outlet": sorted({o for c in cards for o in c["departing_outlets"]}),
        },
        "statements": statements(story, tables, len(header["outlets"])),
        "documents_list": documents,
    }
