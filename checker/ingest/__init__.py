"""The ingest stage: files, folders, URLs and feeds in, one documents table out.

    discover (which sources) -> load (bytes, from disk or HTTP) -> read (a reader per suffix,
    see registry.py) -> identity (doc_id, outlet, story, role) -> dedupe -> conform

Bad sources never stop the run: each costs one Problem naming it (and the line), the rest
are read. What one input may cost is capped (checker/limits.py): a one-document file larger
than `max_document_mb` is refused before it is parsed, so is any record whose text is, and a
URL gets a whole-request deadline and a size cap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import polars as pl

from checker.errors import CheckerError, Problems
from checker.ingest.dedupe import mark_duplicates
from checker.ingest.discover import SourceRef, discover
from checker.ingest.documents import to_row
from checker.ingest.model import Record, Source
from checker.ingest.readers.url import fetch
from checker.ingest.registry import is_one_document, known_suffixes, reader_for, register_reader
from checker.limits import Limits, megabytes
from checker.progress import Reporter, stage_of
from checker.schema import TABLES, conform, empty

__all__ = ["Record", "Source", "ingest", "known_suffixes", "read_source", "register_reader"]


def ingest(
    sources: Sequence[str],
    story: str | None = None,
    problems: Problems | None = None,
    reference: Sequence[str] = (),
    reporter: Reporter | None = None,
    limits: Limits | None = None,
) -> pl.DataFrame:
    """Read every source into the documents table (schema TABLES["documents"]).

    `story` names the story of every document that does not name its own; documents from
    `reference` sources get role "reference". Problems go to `problems`. `limits` default to
    the project config's.
    """
    problems = problems if problems is not None else Problems()
    read = SourceReading(sources, story, problems, reference, reporter, limits)
    rows = [row for _, batch in read.batches() for row in batch]
    if not rows:
        read.no_articles()
        return empty("documents")
    return finish_documents(rows_frame(rows))


class SourceReading:
    """Every source of a run read in source order, in batches of one folder's sources (the
    unit the streamed ingest, checker.ingest.streamed, spills)."""

    def __init__(
        self,
        sources: Sequence[str],
        story: str | None,
        problems: Problems,
        reference: Sequence[str] = (),
        reporter: Reporter | None = None,
        limits: Limits | None = None,
    ) -> None:
        if limits is None:
            from checker.ruleset.config import load_config

            limits = load_config().limits
        self.sources, self.story, self.problems, self.limits = sources, story, problems, limits
        reference_refs = discover(reference, problems)
        self.reference_names = {ref.name for ref in reference_refs}
        self.refs = {ref.name: ref for ref in [*discover(sources, problems), *reference_refs]}
        self.reporter = reporter

    def batches(self) -> Iterator[tuple[str, list[dict]]]:
        """(folder, the document rows of its sources), in source order."""
        advance = stage_of(self.reporter, "ingest", len(self.refs))
        folder, rows = None, []
        for name in sorted(self.refs):  # source order, whatever the order of the arguments
            advance()
            ref = self.refs[name]
            parent = name.rsplit("/", 1)[0] if "/" in name else ""
            if parent != folder and rows:
                yield folder or "", rows
                rows = []
            folder = parent
            for record in read_source(ref, self.problems, self.limits):
                row = to_row(record, ref, self.story, name in self.reference_names, self.problems)
                if row is not None:
                    rows.append(row)
        if rows:
            yield folder or "", rows

    def no_articles(self) -> None:
        """What a run that read no document says: an empty folder is a usage mistake."""
        if not self.refs and not self.problems.has_errors:
            readers = ", ".join(known_suffixes())
            self.problems.error(
                ", ".join(self.sources) or ".", f"no articles found (readers exist for {readers})"
            )


def rows_frame(rows: list[dict]) -> pl.DataFrame:
    """Document rows as read (with `_index`, the record's place in its source)."""
    return pl.DataFrame(rows, schema={**TABLES["documents"], "_index": pl.Int64}, strict=False)


def finish_documents(frame: pl.DataFrame, duplicate_of: list | None = None) -> pl.DataFrame:
    """The documents table of rows_frame rows: source order, copies marked (per story).
    `duplicate_of` (in source order) is what marking found for these rows before."""
    ordered = frame.sort("path", "_index")
    if duplicate_of is None:
        return conform(mark_duplicates(ordered), "documents")
    marked = pl.Series("duplicate_of", duplicate_of, dtype=pl.String)
    return conform(ordered.with_columns(marked), "documents")


def read_source(ref: SourceRef, problems: Problems, limits: Limits | None = None) -> list[Record]:
    """The records of one source; on failure, one error in `problems` and no records."""
    limits = limits or Limits()
    try:
        source = _load(ref, limits)
        reader = reader_for(source.suffix)
        if reader is None:
            raise CheckerError(ref.name, f"no reader for {source.suffix!r}")
        if is_one_document(source.suffix):
            _check_size(ref.name, len(source.data), limits)
        return _within_cap(reader(source, problems), ref.name, problems, limits)
    except CheckerError as exc:
        problems.add(exc)
    except Exception as exc:  # a parser choking on hostile input must not end the run
        problems.error(ref.name, f"cannot read ({type(exc).__name__}: {exc})")
    return []


def _load(ref: SourceRef, limits: Limits) -> Source:
    if ref.is_url:
        return fetch(
            ref.name,
            timeout=limits.url_timeout_seconds,
            deadline=limits.url_deadline_seconds,
            max_bytes=limits.max_url_bytes,
        )
    path = Path(ref.name)
    try:
        if is_one_document(ref.suffix):  # refused before a byte is read
            _check_size(ref.name, path.stat().st_size, limits)
        data = path.read_bytes()
    except OSError as exc:
        raise CheckerError(ref.name, f"cannot read: {exc.strerror or exc}") from exc
    return Source(ref.name, data, ref.suffix)


def _check_size(name: str, size: int, limits: Limits, line: int | None = None) -> None:
    if size > limits.max_document_bytes:
        raise CheckerError(
            name,
            f"document is {megabytes(size)}, over the {limits.max_document_mb:g} MB cap per "
            "document (max_document_mb under [limits] in checker.toml)",
            line,
        )


def _within_cap(
    records: list[Record], name: str, problems: Problems, limits: Limits
) -> list[Record]:
    """The records whose text is under the cap; each one over it is one error."""
    kept = []
    for record in records:
        try:
            _check_size(name, len(record.text.encode("utf-8")), limits, record.body_line)
        except CheckerError as exc:
            label = f"{record.label}: " if record.label and not record.body_line else ""
            problems.error(exc.source, label + exc.message, exc.line)
        else:
            kept.append(record)
    return kept
