"""What index.html shows: stories ranked by departing findings, the outlets that depart most
across stories, and the inputs that lack publication dates or titles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from checker.report.view import severity_sort_key

TOP_OUTLETS = 20  # outlets listed under "depart most"; the story pages have every one


def ranked_stories(headers: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most departing findings first, then the worst severity, then the story's name; each
    check pill links to the story page filtered on that check."""

    def worst(header: dict[str, Any]) -> int:
        return min((severity_sort_key(s) for s in header["by_severity"]), default=1)

    ranked = sorted(headers, key=lambda h: (-h["departing_findings"], worst(h), h["story"]))
    return [
        {
            **header,
            "check_links": [
                (check, n, f"stories/{header['slug']}.html#check={quote(check)}")
                for check, n in header["by_check"].items()
            ],
        }
        for header in ranked
    ]


def top_outlets(headers: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Outlets by the number of findings, across stories, in which they depart."""
    totals: dict[str, dict[str, Any]] = {}
    for header in headers:
        for outlet, count in header["departing_by_outlet"].items():
            entry = totals.setdefault(outlet, {"outlet": outlet, "departing": 0, "stories": []})
            entry["departing"] += count
            entry["stories"].append(
                (header["story"], count, f"stories/{header['slug']}.html#outlet={quote(outlet)}")
            )
    ranked = sorted(totals.values(), key=lambda e: (-e["departing"], e["outlet"]))
    return ranked[:TOP_OUTLETS]


def input_problems(headers: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per story with any: how many articles have no publication date and no title."""
    return [
        {
            "story": h["story"],
            "slug": h["slug"],
            "documents": h["documents"],
            "undated": len(h["undated"]),
            "untitled": len(h["untitled"]),
        }
        for h in sorted(headers, key=lambda h: h["story"])
        if h["undated"] or h["untitled"]
    ]
