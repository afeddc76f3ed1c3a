"""Readers by file suffix: the built-in readers register here exactly as an extension would.

    from checker.ingest.registry import register_reader
    register_reader([".warc"], read_warc)   # read_warc(source, problems) -> list[Record]

A reader raises CheckerError when the whole source is unusable, and reports a bad record
(one JSONL line, one CSV row) with `problems.error(...)` while returning the good ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from checker.errors import Problems
from checker.ingest.model import Record, Source

Reader = Callable[[Source, Problems], list[Record]]

_READERS: dict[str, Reader] = {}
_ONE_DOCUMENT: set[str] = set()  # suffixes whose whole file is one document (size-capped)


def register_reader(suffixes: Iterable[str], reader: Reader, one_document: bool = False) -> None:
    """Make `reader` handle files ending in each suffix (".txt"); a later call overrides.

    `one_document`: the whole file is one article, so the per-document size cap applies to
    the file itself, before it is parsed."""
    for suffix in suffixes:
        key = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
        _READERS[key] = reader
        if one_document:
            _ONE_DOCUMENT.add(key)
        else:
            _ONE_DOCUMENT.discard(key)


def is_one_document(suffix: str) -> bool:
    return suffix.lower() in _ONE_DOCUMENT


def reader_for(suffix: str) -> Reader | None:
    return _READERS.get(suffix.lower())


def known_suffixes() -> list[str]:
    return sorted(_READERS)
