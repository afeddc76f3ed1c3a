"""Readers by file suffix: the built-in readers register here exactly as an extension would.

    from checker.ingest.registry import register_reader
    register_reader([".warc"], read_warc)   # read_warc(source, problems) -> list[Record]

or, from an installed package, an entry point `warc = "my_pkg:read_warc"` in the group
`checker.readers` (checker.plugins). The registry fills itself on first use: the built-in
readers (checker.ingest.readers.BUILTIN_READERS), then the plugins, which may add suffixes
but not replace a built-in reader.

A reader raises CheckerError when the whole source is unusable, and reports a bad record
(one JSONL line, one CSV row) with `problems.error(...)` while returning the good ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from checker.errors import Problems
from checker.ingest.model import Record, Source

Reader = Callable[[Source, Problems], list[Record]]
PLUGIN_GROUP = "checker.readers"

_READERS: dict[str, Reader] = {}
_ONE_DOCUMENT: set[str] = set()  # suffixes whose whole file is one document (size-capped)
_loaded = False


def _suffix(name: str) -> str:
    return name.lower() if name.startswith(".") else f".{name.lower()}"


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True  # first, so that registering below does not come back here
    from checker.ingest.readers import BUILTIN_READERS, ONE_DOCUMENT_READERS
    from checker.plugins import load_plugins

    for suffixes, reader in BUILTIN_READERS:
        register_reader(suffixes, reader, one_document=reader in ONE_DOCUMENT_READERS)
    load_plugins(PLUGIN_GROUP, _register_plugin)


def _register_plugin(name: str, reader: object) -> None:
    suffix = _suffix(name)
    if not callable(reader):
        raise TypeError(f"expected a reader function, got {type(reader).__name__}")
    if suffix in _READERS:
        raise ValueError(f"{suffix} already has a reader; a plugin may only add suffixes")
    _READERS[suffix] = reader  # type: ignore[assignment]  (callable, checked above)


def register_reader(suffixes: Iterable[str], reader: Reader, one_document: bool = False) -> None:
    """Make `reader` handle files ending in each suffix (".txt"); a later call overrides.

    `one_document`: the whole file is one article, so the per-document size cap applies to
    the file itself, before it is parsed."""
    _load()
    for suffix in suffixes:
        key = _suffix(suffix)
        _READERS[key] = reader
        if one_document:
            _ONE_DOCUMENT.add(key)
        else:
            _ONE_DOCUMENT.discard(key)


def is_one_document(suffix: str) -> bool:
    _load()
    return suffix.lower() in _ONE_DOCUMENT


def reader_for(suffix: str) -> Reader | None:
    _load()
    return _READERS.get(suffix.lower())


def known_suffixes() -> list[str]:
    _load()
    return sorted(_READERS)
