"""Writing and reading the output folder's tables, atomically.

A folder `checker` wrote carries a marker file so that a later run over a parent folder skips
it instead of reading its outputs back in as articles.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from checker.errors import CheckerError
from checker.schema import SCHEMA_VERSION, TABLES, conform

MARKER = ".checker-output"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename over the target.

    The file gets the mode the umask gives (mkstemp alone would leave it 0600). An OS error
    is a CheckerError naming `path`.
    """
    atomic_write_chunks(path, (data,))


def atomic_write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """`atomic_write_bytes` for content that comes in pieces (a file too big to hold whole)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temp_beside(path)
    except OSError as exc:
        raise CheckerError(str(path), f"cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CheckerError(str(path), f"cannot write: {exc.strerror or exc}") from exc
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _temp_beside(path: Path) -> tuple[int, str]:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(fd, 0o666 & ~current_umask())
    return fd, tmp


def current_umask() -> int:
    """The process umask (read from /proc where possible: setting it to read it is racy)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def mark_output_dir(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    marker = out_dir / MARKER
    if not marker.exists():
        marker.write_text(f"written by checker; schema_version={SCHEMA_VERSION}\n")


def write_tables(out_dir: Path, tables: dict[str, pl.DataFrame]) -> None:
    """Write each table as `<name>.parquet` in the output folder."""
    mark_output_dir(out_dir)
    for name, frame in tables.items():
        target = out_dir / f"{name}.parquet"
        fd, tmp = _temp_beside(target)
        os.close(fd)
        try:
            conform(frame, name).write_parquet(tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def read_table(out_dir: Path, name: str) -> pl.DataFrame:
    """Read one saved table back, checking it has the columns this version expects."""
    path = out_dir / f"{name}.parquet"
    if not path.is_file():
        raise CheckerError(str(path), f"missing table {name!r}: is this a checker output folder?")
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # polars raises several types for corrupt files
        raise CheckerError(str(path), f"cannot read Parquet: {exc}") from exc
    missing = [col for col in TABLES[name] if col not in frame.columns]
    if missing:
        raise CheckerError(str(path), f"missing columns: {', '.join(missing)}")
    return conform(frame, name)
