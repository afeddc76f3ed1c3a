"""What the HTML pages show, computed from the tables: plain dicts and lists for the templates.

Everything here is data, never markup: the templates escape every string (autoescape is on), so
article text stays inert however hostile it is. Counts are computed with polars per table; the
only Python loops run over one story's findings and their evidence (linear, never pairwise).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import polars as pl

from checker.report.order import departures
from checker.severity import SEVERITY_NAMES, parse_severity
from checker.sides import SIDE_ORDER, UNTAGGED_SIDES

SEVERITIES_HIGH_FIRST = tuple(reversed(SEVERITY_NAMES))
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


_SLUG_MAX = 80  # characters kept from the story name; file systems allow 255 bytes


def story_slug(story: str) -> str:
    """A file name for a story page: safe characters only and at most about 90 characters.

    A name kept as it is must be safe, short and lower case; any other gets a hash of the full
    name, so two stories never share a page, not even on a case-insensitive file system.
    """
    slug = _SLUG_UNSAFE.sub("-", story).strip(".-")
    if slug == story and slug and len(slug) <= _SLUG_MAX and slug == slug.lower():
        return slug
    digest = hashlib.sha1(story.encode("utf-8")).hexdigest()[:8]
    return f"{slug[:_SLUG_MAX].rstrip('.-') or 'story'}-{digest}"


def severity_sort_key(severity: str | None) -> int:
    """Higher severity sorts first; an unknown name sorts last instead of failing the report."""
    try:
        return -int(parse_severity(severity or ""))
    except ValueError:
        return 1


def safe_link(url: str | None) -> str | None:
    """Only http(s) links become clickable: a `javascript:` URL in an article stays text."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in {"http", "https"} else None


def sentence_parts(entry: Mapping[str, Any]) -> tuple[str, str, str]:
    """(before, marked, after) of the sentence, so each part is escaped on its own.

    The span comes from start/end; when it is missing or does not fit the sentence, the value
    is looked up in the sentence instead, and failing that nothing is marked.
    """
    sentence = entry.get("sentence") or ""
    start, end = entry.get("start"), entry.get("end")
    if start is None or end is None or not (0 <= start < end <= len(sentence)):
        value = (entry.get("value") or "").strip()
        found = sentence.lower().find(value.lower()) if value else -1
        if found < 0:
            return sentence, "", ""
        start, end = found, found + len(value)
    return sentence[:start], sentence[start:end], sentence[end:]


def time_label(moment: datetime | None) -> str:
    """A publication time as the pages show it: UTC, to the minute."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def fold_copies(evidence: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per distinct copy: syndicated outlets saying the same thing are folded together."""
    rows: dict[tuple, dict[str, Any]] = {}
    for entry in evidence:
        copies = tuple(sorted(set(entry.get("outlets") or []) | {entry.get("outlet") or ""}))
        key = (copies, entry.get("side"), entry.get("value"), entry.get("sentence"))
        if key in rows:
            continue
        before, marked, after = sentence_parts(entry)
        outlet = entry.get("outlet") or ""
        rows[key] = {
            "outlet": outlet,
            "also": [o for o in copies if o and o != outlet],
            "side": entry.get("side") or "",
            "tagged": entry.get("side") not in UNTAGGED_SIDES,  # named next to the outlet
            "value": entry.get("value") or "",
            "before": before,
            "marked": marked,
            "after": after,
            "speaker": entry.get("speaker") or "",
            "url": entry.get("url") or "",
            "link": safe_link(entry.get("url")),
            "published_at": entry.get("published"),
            "published": time_label(entry.get("published")),
        }
    side_rank = {side: i for i, side in enumerate(SIDE_ORDER)}
    return sorted(
        rows.values(), key=lambda r: (side_rank.get(r["side"], len(SIDE_ORDER)), r["outlet"])
    )


def count_by(frame: pl.DataFrame, column: str) -> dict[str, int]:
    """Counts of each value of one column, in a stable order (severity: highest first)."""
    if frame.is_empty():
        return {}
    counts = dict(frame.group_by(column).len().sort(column).iter_rows())
    if column == "severity":
        return {
            name: counts[name] for name in sorted(counts, key=lambda s: (severity_sort_key(s), s))
        }
    return counts


def stories_of(tables: Mapping[str, pl.DataFrame]) -> list[str]:
    names = set(tables["documents"]["story"].drop_nulls()) | set(
        tables["findings"]["story"].drop_nulls()
    )
    return sorted(names)


def story_partitions(
    tables: Mapping[str, pl.DataFrame],
) -> dict[str, dict[str, pl.DataFrame]]:
    """Each story's rows of every table, split in one pass per table.

    Pages then filter a story's few rows instead of the whole run's tables, so rendering all
    stories stays linear in the run's size (filtering the full tables per story is quadratic).
    Every story of stories_of() gets every table, empty where it has no rows.
    """
    parts: dict[str, dict[str, pl.DataFrame]] = {
        story: {name: frame.clear() for name, frame in tables.items()}
        for story in stories_of(tables)
    }
    for name, frame in tables.items():
        if "story" not in frame.columns:
            continue
        for (story,), rows in frame.partition_by("story", as_dict=True).items():
            if story in parts:
                parts[story][name] = rows
    return parts


def story_header(story: str, tables: Mapping[str, pl.DataFrame]) -> dict[str, Any]:
    """The counts shown at the top of a story page and in its row on the index."""
    documents = tables["documents"].filter(pl.col("story") == story)
    findings = tables["findings"].filter(pl.col("story") == story)
    claims = tables["claims"].filter(pl.col("story") == story)
    # order.ordered_findings already added who departs (render_html does it once per run)
    departed = findings if "departing" in findings.columns else departures(findings)
    by_outlet = (
        departed.select("departing_outlets")
        .explode("departing_outlets")
        .drop_nulls()
        .group_by("departing_outlets")
        .len()
        .sort("departing_outlets")
    )
    return {
        "story": story,
        "slug": story_slug(story),
        "outlets": sorted(set(documents["outlet"].drop_nulls())),
        "documents": documents.height,
        "claims": claims.height,
        "findings": findings.height,
        "departing_findings": int((departed["departing"] > 0).sum()),
        "departing_by_outlet": dict(by_outlet.iter_rows()),
        "by_severity": count_by(findings, "severity"),
        "by_check": count_by(findings, "check"),
        "undated": documents.filter(pl.col("published").is_null())["outlet"].to_list(),
        "untitled": documents.filter(pl.col("title").fill_null("").str.strip_chars() == "")[
            "outlet"
        ].to_list(),
    }


def documents_list(story: str, documents: pl.DataFrame) -> list[dict[str, Any]]:
    rows = documents.filter(pl.col("story") == story).sort("outlet", "doc_id").to_dicts()
    return [
        {
            "outlet": row["outlet"] or "",
            "title": row["title"] or "",
            "url": row["url"] or "",
            "link": safe_link(row["url"]),
            "published": time_label(row["published"]) if row["published"] else "",
            "copy_of": row["duplicate_of"] or "",
            "doc_id": row["doc_id"],
        }
        for row in rows
    ]
