"""A content-addressed cache of per-document extraction, so a rerun extracts only new articles.

An entry is what the extract stage found in one document, stored without anything that names
the document (doc_id, story, outlet, claim ids): the same text read again, under any path or
story, gives the same claims, and their ids are recomputed from the document at hand.

The key hashes everything extraction reads from a document (text, publication time, which
resolves relative dates, and language, which picks the normalizer) with the salt of the run:
the tool's version, the source of checker/extract and every lexicon file the run reads. A
changed lexicon or a changed extractor gives new keys, so stale entries are never read.

Entries are small JSON files (`DIR/extract/ab/abcdef....json`), written through a temporary
file and a rename, so parallel workers and killed runs never leave half an entry; an entry that
cannot be read is a miss. Nothing is ever evicted: delete the folder to reclaim the space.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

import checker
from checker.extract.stage import claim_id
from checker.schema import TABLES

# Columns that name the document or are computed from its identity; everything else in a
# claim comes from the text alone.
_IDENTITY = ("claim_id", "doc_id", "story", "outlet")
_CLAIM_COLUMNS = tuple(c for c in TABLES["claims"] if c not in _IDENTITY)
# Tables whose rows belong to one claim, stored per claim; mentions are read again from the
# claims frame (extract.mentions), which is cheap and keeps one way of making them.
_CHILDREN = {
    name: tuple(c for c in TABLES[name] if c != "claim_id")
    for name in ("quantities", "times", "quotes")
}
FORMAT = "v2"  # bump when the entry layout changes


def default_cache_dir() -> Path:
    """The user's cache folder: $XDG_CACHE_HOME/checker, else ~/.cache/checker."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "checker"


def _hash_files(digest: Any, files: Iterable[Path], root: Path) -> None:
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")


@cache
def code_hash(package: str = "") -> str:
    """sha256 of the installed source under checker/<package> (the whole package for "")."""
    root = Path(checker.__file__).resolve().parent
    folder = root / package if package else root
    digest = hashlib.sha256(checker.__version__.encode())
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix in {".py", ".j2", ".html"}]
    _hash_files(digest, files, root)
    return digest.hexdigest()


def lexicon_hash(lexicon_dirs: Sequence[Path | str]) -> str:
    """sha256 of every lexicon file a run with these rule folders reads, in load order."""
    from checker.resources import lexicons_dir

    digest = hashlib.sha256()
    folders = [lexicons_dir(), *(Path(d) / "lexicons" for d in lexicon_dirs)]
    for folder in folders:
        digest.update(str(folder).encode() + b"\0")
        if folder.is_dir():
            _hash_files(digest, folder.glob("*.yaml"), folder)
    return digest.hexdigest()


def extraction_salt(lexicon_dirs: Sequence[Path | str]) -> str:
    """What every key of a run shares: tool version, extractor source, lexicons."""
    parts = (checker.__version__, code_hash("extract"), lexicon_hash(lexicon_dirs))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


@dataclass
class ExtractionCache:
    root: Path
    salt: str
    stats: CacheStats = field(default_factory=CacheStats)

    def key(self, text: str, published: datetime | None, language: str | None) -> str:
        when = published.isoformat() if published is not None else ""
        material = "\x1f".join((FORMAT, self.salt, when, language or "", text))
        return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / "extract" / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            entry = json.loads(self._path(key).read_bytes())
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) and entry.get("format") == FORMAT else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Best effort: a cache that cannot be written costs speed, never the run."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(entry, ensure_ascii=False).encode("utf-8"))
            os.replace(tmp, path)
        except OSError:
            Path(locals().get("tmp", path.with_suffix(".tmp"))).unlink(missing_ok=True)


_DOCUMENT_COLUMNS = ("doc_id", "story", "outlet", "text", "published", "language")
# The extract stage's tables an entry holds, and those read again from the claims. Should
# extract return others, the cache passes extraction through uncached (the story result
# cache, which holds any table, still works).
_STORED = ("claims", *_CHILDREN)
_REREAD = ("mentions",)


def extract_cached(
    documents: pl.DataFrame, config: Any, cache: ExtractionCache, advance: Any = None
) -> dict[str, pl.DataFrame]:
    """The extract stage's tables for `documents`, equal to checker.extract.extract's (same
    rows, same order), extracting only the documents the cache does not hold."""
    from checker.extract import extract
    from checker.extract.mentions import find_mentions

    present = [c for c in _DOCUMENT_COLUMNS if c in documents.columns]
    rows = list(documents.select(present).iter_rows(named=True))
    keys: list[str | None] = [
        cache.key(row["text"], row.get("published"), row.get("language"))
        if row.get("text") and row["text"].strip()
        else None
        for row in rows
    ]
    entries: list[dict[str, Any] | None] = [cache.get(k) if k else None for k in keys]
    missing = [i for i, (k, e) in enumerate(zip(keys, entries, strict=True)) if k and e is None]
    cache.stats.hits += sum(1 for k, e in zip(keys, entries, strict=True) if k and e)
    cache.stats.misses += len(missing)
    if missing:
        fresh = extract(documents[missing], config=config)
        if set(fresh) != {*_STORED, *_REREAD}:  # tables an entry cannot hold yet: cache nothing
            reread = len(rows) - len(missing)
            cache.stats.hits, cache.stats.misses = (
                cache.stats.hits - reread,
                cache.stats.misses + reread,
            )
            return fresh if not reread else extract(documents, config=config)
        for i, entry in zip(missing, _entries_of(fresh, [rows[i] for i in missing]), strict=True):
            cache.put(keys[i], entry)  # type: ignore[arg-type]
            entries[i] = entry
    if advance is not None:
        advance(len(rows))
    tables = _assemble(rows, entries)
    tables["mentions"] = find_mentions(tables["claims"], config.mentions)
    return tables


def _entries_of(tables: dict[str, pl.DataFrame], rows: list[dict]) -> list[dict[str, Any]]:
    """One entry per document of `rows`, from the extract stage's tables for them."""
    claims = {d: f for (d,), f in tables["claims"].partition_by("doc_id", as_dict=True).items()}
    by_claim = {
        name: {c: f for (c,), f in tables[name].partition_by("claim_id", as_dict=True).items()}
        for name in _CHILDREN
    }
    entries = []
    for row in rows:
        own = claims.get(row["doc_id"])
        ids = own["claim_id"].to_list() if own is not None else []
        entry: dict[str, Any] = {
            "format": FORMAT,
            "claims": own.select(_CLAIM_COLUMNS).to_dict(as_series=False)
            if own is not None
            else {c: [] for c in _CLAIM_COLUMNS},
        }
        for name, columns in _CHILDREN.items():
            parts = [
                (index, by_claim[name][cid])
                for index, cid in enumerate(ids)
                if cid in by_claim[name]
            ]
            data: dict[str, list] = {"claim": [], **{c: [] for c in columns}}
            for index, frame in parts:
                data["claim"].extend([index] * frame.height)
                for column in columns:
                    data[column].extend(frame[column].to_list())
            entry[name] = data
        entries.append(entry)
    return entries


def _assemble(rows: list[dict], entries: list[dict[str, Any] | None]) -> dict[str, pl.DataFrame]:
    """The per-claim tables from per-document entries, ids recomputed from each document."""
    out = {name: {c: [] for c in TABLES[name]} for name in ("claims", *_CHILDREN)}
    for row, entry in zip(rows, entries, strict=True):
        if entry is None:
            continue
        claims = entry["claims"]
        spans = zip(claims["start"], claims["end"], strict=True)
        ids = [claim_id(row["doc_id"], start, end) for start, end in spans]
        target = out["claims"]
        target["claim_id"].extend(ids)
        for column in ("doc_id", "story", "outlet"):
            target[column].extend([row.get(column)] * len(ids))
        for column in _CLAIM_COLUMNS:
            target[column].extend(claims[column])
        for name, columns in _CHILDREN.items():
            data = entry[name]
            out[name]["claim_id"].extend(ids[i] for i in data["claim"])
            for column in columns:
                out[name][column].extend(data[column])
    return {name: pl.DataFrame(cols, schema=TABLES[name]) for name, cols in out.items()}
