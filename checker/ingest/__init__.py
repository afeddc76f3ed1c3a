"""The ingest stage: files, folders, URLs and feeds in, one documents table out.

    discover (which sources) -> load (bytes, from disk or HTTP) -> read (a reader per suffix,
    see registry.py) -> identity (doc_id, outlet, story, role) -> dedupe -> conform

Bad sources never stop the run: each costs one Problem naming it (and the line), the rest
are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from checker.errors import CheckerError, Problems
from checker.ingest.dedupe import mark_duplicates
from checker.ingest.discover import SourceRef, discover
from checker.ingest.documents import to_row
from checker.ingest.model import Record, Source
from checker.ingest.readers.url import fetch
from checker.ingest.registry import known_suffixes, reader_for, register_reader
from checker.progress import Reporter, stage_of
from checker.schema import TABLES, conform, empty

__all__ = ["Record", "Source", "ingest", "known_suffixes", "read_source", "register_reader"]


def ingest(
    sources: Sequence[str],
    story: str | None = None,
    problems: Problems | None = None,
    reference: Sequence[str] = (),
    reporter: Reporter | None = None,
) -> pl.DataFrame:
    """Read every source into the documents table (schema TABLES["documents"]).

    `story` names the story of every document that does not name its own; documents from
    `reference` sources get role "reference". Problems go to `problems`.
    """
    problems = problems if problems is not None else Problems()
    reference_refs = discover(reference, problems)
    reference_names = {ref.name for ref in reference_refs}
    refs = {ref.name: ref for ref in [*discover(sources, problems), *reference_refs]}
    rows = []
    advance = stage_of(reporter, "ingest", len(refs))
    for name in sorted(refs):  # source order, whatever the order of the arguments
        advance()
        ref = refs[name]
        for record in read_source(ref, problems):
            row = to_row(record, ref, story, name in reference_names, problems)
            if row is not None:
                rows.append(row)
    if not rows:
        if not refs and not problems.has_errors:  # an empty folder is a usage mistake, say so
            readers = ", ".join(known_suffixes())
            problems.error(
                ", ".join(sources) or ".", f"no articles found (readers exist for {readers})"
            )
        return empty("documents")
    frame = pl.DataFrame(rows, schema={**TABLES["documents"], "_index": pl.Int64}, strict=False)
    frame = frame.sort("path", "_index")
    return conform(mark_duplicates(frame), "documents")


def read_source(ref: SourceRef, problems: Problems) -> list[Record]:
    """The records of one source; on failure, one error in `problems` and no records."""
    try:
        source = _load(ref)
        reader = reader_for(source.suffix)
        if reader is None:
            raise CheckerError(ref.name, f"no reader for {source.suffix!r}")
        return reader(source, problems)
    except CheckerError as exc:
        problems.add(exc)
    except Exception as exc:  # a parser choking on hostile input must not end the run
        problems.error(ref.name, f"cannot read ({type(exc).__name__}: {exc})")
    return []


def _load(ref: SourceRef) -> Source:
    if ref.is_url:
        return fetch(ref.name)
    try:
        data = Path(ref.name).read_bytes()
    except OSError as exc:
        raise CheckerError(ref.name, f"cannot read: {exc.strerror or exc}") from exc
    return Source(ref.name, data, ref.suffix)
