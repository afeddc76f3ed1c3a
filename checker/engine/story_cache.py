"""A content-addressed cache of whole story results, so a rerun recomputes only changed stories.

A story's tables (whatever extract, match and check return), its page, its index row and its
slice of findings.json depend only on its documents and on the run's rules. The key hashes
every column of every document of the story, in run order, with the salt of the run: the tool's
version, the source of the whole checker package, every file of the rule folders (rules and
lexicons), the config, the polars version and the run's options that shape a result
(`--min-confidence`, whether pages are drawn). A story with one new, changed or removed
article, or a run with a changed lexicon, gets a new key; stale entries are never read.

An entry is a folder (`DIR/story/ab/abcdef.../`): one Arrow IPC file per table and
`entry.json` (table names in order, page, index row, findings.json slice). It is written in a
temporary folder and renamed into place, so a reader sees a whole entry or none; an entry that
cannot be read is a miss. Nothing is evicted: delete the folder to reclaim the space.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

import checker
from checker.schema import TABLES, conform

FORMAT = "s1"  # bump when the entry layout changes
_ENTRY = "entry.json"


def rules_hash(rule_dirs: Sequence[Path | str]) -> str:
    """sha256 of every file under the rule folders (rules and lexicons), in load order."""
    digest = hashlib.sha256()
    for folder in map(Path, rule_dirs):
        digest.update(str(folder).encode() + b"\0")
        if not folder.is_dir():
            continue
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
        for path in files:
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def story_salt(rule_dirs: Sequence[Path | str], settings: Sequence[object]) -> str:
    """What every story key of a run shares. `settings` are the run's options that change a
    result (config, --min-confidence, pages), compared by their repr."""
    from checker.engine.cache import code_hash

    parts = (
        checker.__version__,
        code_hash(),
        rules_hash(rule_dirs),
        pl.__version__,
        *(repr(value) for value in settings),
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass
class StoryEntry:
    tables: dict[str, pl.DataFrame]  # every table but documents, in run order
    page: tuple[str, str] | None = None
    header: dict[str, Any] | None = None
    findings_json: str = ""  # the story's findings as they appear in findings.json
    duplicate_of: list | None = None  # documents.duplicate_of, in source order
    files: dict[str, Path] = field(default_factory=dict)  # the tables' files (get(as_files))


@dataclass
class StoryCache:
    root: Path
    salt: str

    def key(self, documents: pl.DataFrame) -> str:
        """sha256 of the story's documents, every column, in run order (repr of each value:
        exact for text, numbers, dates and nulls alike)."""
        digest = hashlib.sha256(f"{FORMAT}\0{self.salt}\0".encode())
        for name in documents.columns:
            digest.update(f"\x1e{name}\x1e".encode())
            for value in documents.get_column(name).to_list():
                text = repr(value).encode()
                digest.update(len(text).to_bytes(8, "little") + text)
        return digest.hexdigest()

    def _folder(self, key: str) -> Path:
        return self.root / "story" / key[:2] / key

    def get(self, key: str, as_files: bool = False) -> StoryEntry | None:
        """The entry, or None; `as_files` gives the paths of its tables instead of reading
        them (a caller on this machine that only copies them on)."""
        folder = self._folder(key)
        try:
            meta = json.loads((folder / _ENTRY).read_bytes())
            if not isinstance(meta, dict) or meta.get("format") != FORMAT:
                return None
            files = {name: folder / f"{name}.arrow" for name in meta["tables"]}
            if as_files:
                if not all(path.is_file() for path in files.values()):
                    return None
                tables = {}
            else:
                tables = {name: pl.read_ipc(path) for name, path in files.items()}
            page = tuple(meta["page"]) if meta.get("page") else None
            entry = StoryEntry(
                tables, page, meta.get("header"), meta["findings_json"], meta["duplicate_of"]
            )  # type: ignore[arg-type]
        except (OSError, ValueError, KeyError, pl.exceptions.PolarsError):
            return None
        entry.files = files if as_files else {}
        return entry

    def put(self, key: str, entry: StoryEntry) -> dict[str, Path]:
        """Store the entry; the paths of its tables, or {} when it could not be stored (a
        cache that cannot be written costs speed, never the run). Tables of the schema are
        stored conformed, as the output folder holds them."""
        folder = self._folder(key)
        files = {name: folder / f"{name}.arrow" for name in entry.tables}
        if folder.is_dir():
            return files if (folder / _ENTRY).is_file() else {}
        tmp: str | None = None
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            tmp = tempfile.mkdtemp(dir=folder.parent, prefix=".")
            for name, frame in entry.tables.items():
                stored = conform(frame, name) if name in TABLES else frame
                stored.write_ipc(Path(tmp) / f"{name}.arrow", compression="lz4")
            meta = {
                "format": FORMAT,
                "tables": list(entry.tables),
                "page": list(entry.page) if entry.page else None,
                "header": entry.header,
                "findings_json": entry.findings_json,
                "duplicate_of": entry.duplicate_of,
            }
            Path(tmp, _ENTRY).write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
            try:
                os.rename(tmp, folder)
            except OSError:  # another worker stored it first: keep theirs
                if not (folder / _ENTRY).is_file():
                    raise
            else:
                tmp = None
            return files
        except (OSError, TypeError, ValueError, pl.exceptions.PolarsError):
            return {}
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
