"""One finding card of a story page: who departs first, then one line per agreeing value.

A reviewer on deadline reads the departing side(s) of a finding before anything else; the
outlets that agree are summed up as "38 outlets: 60-day truce" and open to their rows on
demand. Where dated rows give different values, the card also lists the values by publication
time, so an update reads as an update rather than a contradiction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from checker.report.order import DEPARTING_SIDES, is_lead
from checker.report.view import fold_copies, time_label
from checker.sides import SIDE_ORDER, Side

VALUE_LINES = 3  # agreeing values listed one line each; the rest behind "N more values"
_SIDE_RANK = {side: i for i, side in enumerate(SIDE_ORDER)}


def _outlet_count(rows: Iterable[Mapping[str, Any]]) -> int:
    return sum(1 + len(row["also"]) for row in rows)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _sentence(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return row["before"], row["marked"], row["after"]


def agreeing_groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows on no departing side, one group per side and value (case and spacing
    folded), most outlets first. A side whose values are whole sentences (a statement some
    outlets carry) is one group: listing each sentence as a value would say nothing."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    whole_sentences = {
        row["side"]
        for row in rows
        if row["value"]
        and row["value"].strip() == (row["before"] + row["marked"] + row["after"]).strip()
    }
    for row in rows:
        side = row["side"]
        folded = "" if side in whole_sentences else " ".join(row["value"].split()).casefold()
        group = groups.setdefault(
            (side, folded),
            {"side": side, "value": row["value"], "whole": side in whole_sentences, "rows": []},
        )
        group["rows"].append(row)
    result = []
    for group in groups.values():
        count = _outlet_count(group["rows"])
        noun = _plural(count, "outlet")
        where = "" if group["side"] == Side.MAJORITY else f" ({group['side']})"
        label = f"{noun}{where}: " + ("carry the statement" if group["whole"] else group["value"])
        result.append({**group, "count": count, "label": label})
    return sorted(
        result,
        key=lambda g: (-g["count"], _SIDE_RANK.get(g["side"], len(SIDE_ORDER)), g["value"]),
    )


def timeline(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The finding's values in order of publication, consecutive equal values as one step.

    None unless dated rows give at least two different values. `update` is true when every
    value holds one period only (all articles before some moment say A, all after it say B):
    the figure most likely changed over time."""
    dated = sorted(
        (row for row in rows if row["published_at"] and row["value"]),
        key=lambda r: (r["published_at"], r["outlet"]),
    )
    if len({" ".join(r["value"].split()).casefold() for r in dated}) < 2:
        return None
    steps: list[dict[str, Any]] = []
    for row in dated:
        folded = " ".join(row["value"].split()).casefold()
        if steps and steps[-1]["folded"] == folded:
            step = steps[-1]
            step["last"] = row["published_at"]
            step["outlets"].append(row["outlet"])
            continue
        steps.append(
            {
                "folded": folded,
                "value": row["value"],
                "first": row["published_at"],
                "last": row["published_at"],
                "outlets": [row["outlet"]],
            }
        )
    values = [s["folded"] for s in steps]
    return {
        "steps": [
            {
                "value": s["value"],
                "first": time_label(s["first"]),
                "last": time_label(s["last"]) if s["last"] != s["first"] else "",
                "outlets": s["outlets"],
            }
            for s in steps
        ],
        "update": len(values) == len(set(values)),
        "undated": len(rows) - len(dated),
    }


def finding_card(finding: Mapping[str, Any]) -> dict[str, Any]:
    """What one finding's card shows; `finding` is a row of order.ordered_findings."""
    rows = fold_copies(finding["evidence"] or [])
    if is_lead(finding["key"]):
        departing: list[dict[str, Any]] = []
        count = len(rows)
        groups = [
            {
                "side": Side.MINORITY,
                "value": "",
                "whole": True,
                "rows": rows,
                "count": count,
                "label": f"{_plural(count, 'claim')} each made by one outlet only",
            }
        ]
    else:
        departing = [row for row in rows if row["side"] in DEPARTING_SIDES]
        groups = agreeing_groups([row for row in rows if row["side"] not in DEPARTING_SIDES])
    shown = VALUE_LINES if len(groups) > VALUE_LINES + 1 else len(groups)
    return {
        **finding,
        "outlets": finding["outlets"] or [],
        "departing_rows": departing,
        "agreeing": groups[:shown],
        "more_agreeing": groups[shown:],
        "more_outlets": sum(g["count"] for g in groups[shown:]),
        "lead": is_lead(finding["key"]),
        "timeline": timeline(rows),
    }
