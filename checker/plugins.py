"""Extensions from installed packages: input readers, report formats and check types.

A package extends `checker` by declaring entry points in its pyproject.toml:

    [project.entry-points."checker.readers"]
    warc = "my_pkg.readers:read_warc"      # name: a file suffix; object: a Reader
    [project.entry-points."checker.formats"]
    rss = "my_pkg.formats:render_rss"      # name: a --format name; object: a Render
    [project.entry-points."checker.checks"]
    headline = "my_pkg.checks:HEADLINE"    # name: a check type; object: a CheckType

Each registry (checker.ingest.registry, checker.report.registry, checker.ruleset.registry)
loads its group once, the first time it is read, right after its built-ins, so nothing is
imported before it is needed. A plugin that fails to load, hands over the wrong kind of
object or takes a name already taken stops the command with one CheckerError naming the entry
point and its package: the CLI prints it as one `error:` line, not a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points

from checker.errors import CheckerError

GROUPS = ("checker.readers", "checker.formats", "checker.checks")

_loaded: set[str] = set()


class PluginError(CheckerError):
    """A plugin that cannot be used; its source names the entry point and package."""


def describe(entry: EntryPoint) -> str:
    """'plugin NAME (GROUP: VALUE, package DIST VERSION)': where a user looks to fix it."""
    dist = getattr(entry, "dist", None)
    package = f", package {dist.name} {dist.version}" if dist is not None else ""
    return f"plugin {entry.name!r} ({entry.group}: {entry.value}{package})"


def load_plugins(group: str, register: Callable[[str, object], None]) -> None:
    """Hand every entry point of `group` to `register(name, loaded object)`, in name order,
    once per process. `register` raises (any exception) to refuse a plugin."""
    if group in _loaded:
        return
    # Marked first: a registry half-filled by a broken plugin is reported once, not retried.
    _loaded.add(group)
    for entry in sorted(entry_points(group=group), key=lambda e: (e.name, e.value)):
        try:
            register(entry.name, entry.load())
        except Exception as exc:  # a plugin's own bug must not surface as our traceback
            raise PluginError(describe(entry), f"{type(exc).__name__}: {exc}") from exc
