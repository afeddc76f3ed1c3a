"""What readers receive (a Source) and what they hand back (Records).

A reader knows one file format and nothing about identity rules: it reports what the source
itself says (outlet, story, date as written...) and leaves precedence, doc ids and parsing of
dates to the ingest stage, so every format follows the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    """One input handed to a reader: its bytes and where they came from."""

    name: str  # path as given (posix) or URL: used in messages and in doc_id
    data: bytes
    suffix: str  # lower-case, with the dot: picks the reader
    url: str | None = None  # set when the bytes were fetched over HTTP
    charset: str | None = None  # declared by the HTTP server, if any


@dataclass
class Record:
    """One document as a reader found it; text already cleaned (see cleanup.py)."""

    text: str
    index: int = 0  # position within the source; part of doc_id, so never the text
    body_line: int | None = None  # 1-based line of the source where `text` starts
    label: str | None = None  # how messages name the record when there is no line: "record 3"
    meta_line: int | None = None  # line that messages about metadata (dates) point at
    outlet: str | None = None  # as stated by the record itself (front matter, column)
    site_name: str | None = None  # as stated by the page (og:site_name)
    story: str | None = None
    role: str | None = None
    url: str | None = None
    title: str | None = None
    published: Any = None  # as written: str, date, datetime, epoch number; parsed later
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # metadata keys we do not model
