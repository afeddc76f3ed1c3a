"""The output folder, written as a whole.

A run writes every file into a staging folder beside the target (`.NAME.staging-*`), then
swaps it in with one rename. So a reader (`checker explain`, a web server) sees the old folder
or the new one, never a mix; files an earlier run wrote and this one did not are gone; a run
killed half-way leaves the old folder as it was. A lock file beside the target (`.NAME.lock`)
makes a second run into the same folder fail at once instead of interleaving with the first.
Files and folders get the modes the umask gives, like any other program's output.

The target is checked before any work: it must be a folder (or not exist yet), and an existing
one must be empty (READMEs aside) or carry the marker of a folder checker wrote, since it is
replaced whole.
The marker lists the files the run wrote; anything else found in the old folder (a README a
user keeps there) is copied into the new one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fnmatch
import os
import secrets
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from checker.errors import CheckerError
from checker.schema import SCHEMA_VERSION
from checker.tables_io import MARKER

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; runs there are not guarded
    fcntl = None  # type: ignore[assignment]

_MARKER_HEAD = f"written by checker; schema_version={SCHEMA_VERSION}"


class StagedOutput:
    """A locked, staged output folder: write into `path`, then `commit()` to swap it in.

    Made by `output_folder`; leaving its `with` block without a commit throws the staging away.
    """

    def __init__(self, target: Path, shown: str, staging: Path) -> None:
        self.target = target
        self.shown = shown  # the folder as the user named it, for messages
        self.path = staging
        self.committed = False

    def final(self, path: Path) -> Path:
        """Where a file written into the staging folder ends up after the commit."""
        return Path(self.shown) / path.relative_to(self.path)

    def commit(self) -> None:
        """Write the marker, carry over files checker did not write, swap the folders."""
        written = sorted(
            item.relative_to(self.path).as_posix()
            for item in self.path.rglob("*")
            if item.is_file() and item.name != MARKER
        )
        (self.path / MARKER).write_text(
            "\n".join([_MARKER_HEAD, "files:", *written]) + "\n", encoding="utf-8"
        )
        if self.target.is_dir():
            _carry(self.target, self.path, _not_ours(self.target))
            _swap(self.path, self.target)
        else:
            os.rename(self.path, self.target)
        self.committed = True


@contextlib.contextmanager
def output_folder(target: Path, keep: Sequence[str] = ()) -> Iterator[StagedOutput]:
    """Check and lock `target`, and stage a new folder for it.

    `keep`: glob patterns of files in the old folder to copy into the new one first (the
    tables `checker report` re-renders from). OS errors while writing into the staging folder
    become one CheckerError naming the file as it will be called.
    """
    shown = str(target)
    target = Path(os.path.realpath(target))
    check_output_folder(target, shown)
    with _locked(target, shown):
        staging = _stage(target, shown)
        staged = StagedOutput(target, shown, staging)
        try:
            if target.is_dir():
                _carry(target, staging, [p for p in _entries(target) if _matches(p, keep)])
            yield staged
        except OSError as exc:
            where, verb = str(exc.filename or shown), "cannot read or write"
            with contextlib.suppress(ValueError):
                where, verb = str(staged.final(Path(where))), "cannot write"
            raise CheckerError(where, f"{verb}: {exc.strerror or exc}") from exc
        finally:
            if not staged.committed:
                shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def output_to(target: Path | None) -> Iterator[StagedOutput | None]:
    """`output_folder(target)`, or nothing when no output folder was asked for."""
    if target is None:
        yield None
        return
    with output_folder(target) as staged:
        yield staged


def check_output_folder(target: Path, shown: str | None = None) -> None:
    """Raise CheckerError unless `target` can become checker's output folder."""
    shown = shown or str(target)
    if target.exists() and not target.is_dir():
        raise CheckerError(shown, "is a file, not a folder: --out needs a folder")
    if target.is_dir():
        try:
            entries = list(target.iterdir())
        except OSError as exc:
            raise CheckerError(shown, f"cannot read folder: {exc.strerror or exc}") from exc
        foreign = [e for e in entries if not e.name.upper().startswith("README")]
        if foreign and not (target / MARKER).is_file():
            raise CheckerError(
                shown,
                f"holds files checker did not write (no {MARKER} marker); it would be "
                "replaced whole, so choose a new or empty folder",
            )


def check_output_file(target: Path) -> None:
    """Raise CheckerError unless a file can be written at `target` (a baseline)."""
    if target.is_dir():
        raise CheckerError(str(target), "is a folder: --out needs a file name")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CheckerError(str(parent), f"cannot create folder: {exc.strerror or exc}") from exc
    if not os.access(parent, os.W_OK | os.X_OK):
        raise CheckerError(str(target), "cannot write here: permission denied")


@contextlib.contextmanager
def _locked(target: Path, shown: str) -> Iterator[None]:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CheckerError(shown, f"cannot create folder: {exc.strerror or exc}") from exc
    if fcntl is None:
        yield
        return
    lock_path = target.parent / f".{target.name}.lock"
    try:
        handle = _acquire(lock_path)
    except BlockingIOError:
        raise CheckerError(
            shown,
            f"another checker run is writing this folder (lock {lock_path}); wait for it to "
            "finish or choose another --out",
        ) from None
    except OSError as exc:
        raise CheckerError(shown, f"cannot write here: {exc.strerror or exc}") from exc
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)  # while still held: the next run makes a fresh one
        os.close(handle)


def _acquire(lock_path: Path) -> int:
    """An open, exclusively locked lock file; BlockingIOError if another run holds it."""
    while True:
        handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # The holder before us may have unlinked the file after we opened it: then our
            # lock is on an orphan, and a third run could lock a new file. Retry until the
            # file we hold is the one at the path.
            if os.path.exists(lock_path) and os.path.samestat(os.fstat(handle), os.stat(lock_path)):
                return handle
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)


def _stage(target: Path, shown: str) -> Path:
    """A fresh staging folder beside `target`, after removing those of killed runs (the lock
    says no other run is using them)."""
    for pattern in (f".{target.name}.staging-*", f".{target.name}.old-*"):
        for stale in target.parent.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)
    staging = target.parent / f".{target.name}.staging-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        staging.mkdir()  # mode 0o777 minus the umask, unlike tempfile.mkdtemp's 0o700
    except OSError as exc:
        raise CheckerError(shown, f"cannot write here: {exc.strerror or exc}") from exc
    return staging


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def _matches(path: Path, patterns: Sequence[str]) -> bool:
    return path.name != MARKER and any(fnmatch.fnmatch(path.name, p) for p in patterns)


def _not_ours(folder: Path) -> list[Path]:
    """Top-level entries of an output folder that checker did not write: not in the file list
    of its marker. A marker without a list (older versions) vouches for all but READMEs."""
    marker = folder / MARKER
    if not marker.is_file():  # it was empty when checked: whatever is there now is not ours
        return [p for p in _entries(folder)]
    lines = marker.read_text(encoding="utf-8", errors="replace").splitlines()
    if "files:" in lines:
        listed = lines[lines.index("files:") + 1 :]
        ours = {line.split("/", 1)[0] for line in listed if line}
        return [p for p in _entries(folder) if p.name != MARKER and p.name not in ours]
    return [p for p in _entries(folder) if p.name.upper().startswith("README")]


def _carry(source: Path, staging: Path, entries: list[Path]) -> None:
    """Copy `entries` of the old folder into the staging one, unless the run wrote them."""
    for entry in entries:
        destination = staging / entry.name
        if destination.exists() or entry.is_symlink():
            continue
        if entry.is_dir():
            shutil.copytree(entry, destination, symlinks=True)
        else:
            shutil.copy2(entry, destination)


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` where `target` is, in one step where the system allows it."""
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old folder
        return
    old = target.parent / f".{target.name}.old-{secrets.token_hex(4)}"
    os.rename(target, old)  # a reader between these two renames finds no folder, never a mix
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where that is not available."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    status = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if status == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
