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


def register_reader(suffixes: Iterable[str], reader: Reader) -> None:
    """Make `reader` handle files ending in each suffix (".txt"); a later call overrides."""
    for suffix in suffixes:
        key = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
        _READERS[key] = reader


def reader_for(suffix: str) -> Reader | None:
    return _READERS.get(suffix.lower())


def known_suffixes() -> list[str]:
    return sorted(_READERS)
