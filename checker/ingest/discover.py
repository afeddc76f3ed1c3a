"""From the command line's arguments to the list of sources to read, in a stable order.

Folders are walked recursively in sorted order. What is not an article is skipped: README*,
expected.yaml, hidden files and folders, folders `checker` wrote (they hold a marker file),
and files no reader handles. A file named explicitly is read whatever its name.
A folder argument that holds no article is an error, even next to good ones; a sub-folder that
cannot be listed is one error naming it, and the rest of the walk goes on.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from checker.errors import Problems
from checker.ingest.registry import known_suffixes, reader_for
from checker.tables_io import MARKER

_NOT_DOCUMENTS = frozenset({"expected.yaml", "expected.yml"})


@dataclass(frozen=True, order=True)
class SourceRef:
    """Where one source is; `name` is the path as given (posix, normalized) or the URL."""

    name: str
    is_url: bool = False
    folder: str | None = None  # the parent folder's name: the story when nothing else says

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix.lower()


def is_url(argument: str) -> bool:
    return argument.lower().startswith(("http://", "https://"))


def discover(arguments: Sequence[str], problems: Problems) -> list[SourceRef]:
    """Every source named by `arguments`, each once, in argument order then sorted walk order."""
    found: dict[str, SourceRef] = {}
    for argument in arguments:
        for ref in _expand(argument, problems):
            found.setdefault(ref.name, ref)
    return list(found.values())


def _expand(argument: str, problems: Problems) -> Iterable[SourceRef]:
    if is_url(argument):
        yield SourceRef(argument, is_url=True)
        return
    name = normalize_path(argument)
    path = Path(argument)
    if path.is_dir():
        if (path / MARKER).exists():
            problems.warning(name, "skipped: a folder checker wrote (it holds " + MARKER + ")")
            return
        found = False
        for ref in _walk(name, path, problems):
            found = True
            yield ref
        if not found:
            readers = ", ".join(known_suffixes())
            problems.error(name, f"no articles found in this folder (readers exist for {readers})")
    elif path.is_file():
        if reader_for(path.suffix) is None:
            readers = ", ".join(known_suffixes())
            problems.error(
                name,
                f"no reader for {path.suffix or 'files without a suffix'} "
                f"(readers exist for {readers})",
            )
            return
        yield SourceRef(name, folder=_folder_name(path))
    else:
        problems.error(name, "no such file or folder")


def _walk(name: str, root: Path, problems: Problems) -> Iterable[SourceRef]:
    def shown_path(path: Path) -> str:
        relative = path.relative_to(root).as_posix()
        return posixpath.normpath(posixpath.join(name, relative))

    def unreadable(exc: OSError) -> None:
        where = shown_path(Path(exc.filename)) if exc.filename else name
        problems.error(where, f"cannot read folder: {exc.strerror or exc}")

    for current, folders, files in os.walk(root, onerror=unreadable):
        # Prune in place so os.walk never descends into skipped folders.
        folders[:] = sorted(
            folder
            for folder in folders
            if not folder.startswith(".") and not _is_output(Path(current) / folder, problems)
        )
        relative = Path(current).relative_to(root).as_posix()
        for file_name in sorted(files):
            if _is_document(file_name):
                path = Path(current) / file_name
                shown = posixpath.normpath(posixpath.join(name, relative, file_name))
                yield SourceRef(shown, folder=_folder_name(path))


def _is_output(folder: Path, problems: Problems) -> bool:
    """Did checker write this folder? One that cannot be looked into is reported, skipped."""
    try:
        return (folder / MARKER).exists()
    except OSError as exc:
        problems.error(normalize_path(str(folder)), f"cannot read folder: {exc.strerror or exc}")
        return True


def _is_document(file_name: str) -> bool:
    if file_name.startswith(".") or file_name.lower() in _NOT_DOCUMENTS:
        return False
    if file_name.upper().startswith("README"):
        return False
    return reader_for(PurePath(file_name).suffix) is not None


def normalize_path(argument: str) -> str:
    """The path as the user gave it, in posix form without `./` or trailing slashes."""
    return PurePath(os.path.normpath(argument)).as_posix()


def _folder_name(path: Path) -> str:
    # abspath, not resolve: a symlinked file belongs to the folder it was found in
    return Path(os.path.abspath(path)).parent.name or "default"
