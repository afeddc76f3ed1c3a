"""Reader records to rows of the documents table: identity, role, date, extra metadata."""

from __future__ import annotations

import json
from typing import Any

from checker.errors import Problems
from checker.ingest.dates import to_utc
from checker.ingest.discover import SourceRef
from checker.ingest.identity import ROLES, doc_id, outlet_of, story_of
from checker.ingest.model import Record


def to_row(
    record: Record,
    ref: SourceRef,
    cli_story: str | None,
    is_reference: bool,
    problems: Problems,
) -> dict[str, Any] | None:
    """One documents row, or None (with an error) when the record has no text."""
    if not record.text:
        where = f"{record.label}: " if record.label and record.body_line is None else ""
        problems.error(ref.name, f"{where}empty text", record.body_line)
        return None
    return {
        "doc_id": doc_id(ref.name, record.index),
        "story": story_of(record, ref, cli_story),
        "outlet": outlet_of(record, ref),
        "role": "reference" if is_reference else _role(record, ref, problems),
        "url": record.url,
        "title": record.title,
        "published": _published(record, ref, problems),
        "text": record.text,
        "path": ref.name,
        "body_line": record.body_line,
        "duplicate_of": None,
        "language": record.language,
        "extra": json.dumps(record.extra, sort_keys=True, default=str) if record.extra else None,
        "_index": record.index,  # sort key: order within the source
    }


def _role(record: Record, ref: SourceRef, problems: Problems) -> str | None:
    if record.role is None:
        return None
    role = record.role.strip().lower()
    if role in ROLES:
        return role
    allowed = ", ".join(ROLES)
    problems.warning(ref.name, f"role {record.role!r} is not one of {allowed}; ignored")
    return None


def _published(record: Record, ref: SourceRef, problems: Problems) -> Any:
    try:
        return to_utc(record.published)
    except ValueError as exc:
        where = f"{record.label}: " if record.label and record.meta_line is None else ""
        problems.warning(ref.name, f"{where}{exc}; published left empty", record.meta_line)
        return None
