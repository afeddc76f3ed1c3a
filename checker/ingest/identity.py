"""Who published a document, which story it belongs to, and its stable id (docs/ARCHITECTURE.md).

outlet: the record's own `outlet` > the page's site name > the URL's host without www. >
        the file stem; lower-cased
story:  the record's own `story` > --story > the parent folder's name ("web" for URLs)
doc_id: hash of the source (path as given, or URL) and the record's index in it; never of
        the text, so editing an article keeps its id and reordering arguments changes none
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from checker.ingest.discover import SourceRef
from checker.ingest.model import Record

URL_STORY = "web"
ROLES = ("reference", "candidate")


def doc_id(source_name: str, index: int) -> str:
    return hashlib.sha1(f"{source_name}\n{index}".encode()).hexdigest()[:16]


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url.strip()).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def outlet_of(record: Record, ref: SourceRef) -> str:
    for candidate in (record.outlet, record.site_name, url_host(record.url)):
        if candidate and candidate.strip():
            return candidate.strip().lower()
    if ref.is_url:
        return url_host(ref.name) or ref.name.lower()
    return PurePosixPath(ref.name).stem.lower()


def story_of(record: Record, ref: SourceRef, cli_story: str | None) -> str:
    for candidate in (record.story, cli_story):
        if candidate and candidate.strip():
            return candidate.strip()
    return ref.folder if ref.folder else URL_STORY
