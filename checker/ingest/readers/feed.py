"""RSS and Atom feeds (.xml/.rss/.atom): one document per entry.

The text is the entry's full content when the feed carries it, else its summary; feedparser
has already sanitized the HTML, and we keep only its visible text.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import feedparser

from checker.errors import CheckerError, Problems
from checker.ingest.cleanup import clean_text, html_to_text
from checker.ingest.model import Record, Source

_EXTRA_KEYS = ("id", "author")


def read_feed(source: Source, problems: Problems) -> list[Record]:
    headers = {"content-location": source.url} if source.url else {}
    if source.charset:
        headers["content-type"] = f"application/xml; charset={source.charset}"
    # A stream, never a str: feedparser fetches a str that looks like a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(source.data), response_headers=headers)
    if not parsed.entries:
        if parsed.bozo:
            reason = parsed.get("bozo_exception", "unknown error")
            raise CheckerError(source.name, f"not an RSS or Atom feed: {reason}")
        raise CheckerError(source.name, "feed has no entries")
    language = parsed.feed.get("language")
    feed_title = parsed.feed.get("title")
    return [
        _record(entry, index, language, feed_title) for index, entry in enumerate(parsed.entries)
    ]


def _record(entry: Any, index: int, language: str | None, feed_title: str | None) -> Record:
    extra = {key: entry[key] for key in _EXTRA_KEYS if entry.get(key)}
    if feed_title:
        extra["feed_title"] = feed_title
    return Record(
        text=_entry_text(entry),
        index=index,
        label=f"entry {index + 1}",
        url=entry.get("link"),
        # An aggregator's feed names each item's outlet in <source>: that is its site name.
        site_name=(entry.get("source") or {}).get("title") or None,
        title=entry.get("title"),
        published=_entry_date(entry),
        language=language,
        extra=extra,
    )


def _entry_text(entry: Any) -> str:
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    for detail in candidates:
        if detail and (detail.get("value") or "").strip():
            if detail.get("type") == "text/plain":
                return clean_text(detail["value"])
            return html_to_text(detail["value"])
    return ""


def _entry_date(entry: Any) -> Any:
    """feedparser's parsed date (a UTC struct_time) when it read one, else the date as written."""
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC)
        if entry.get(key):
            return entry[key]
    return None
