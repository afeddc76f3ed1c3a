"""Output formats, registered by name (the shipped ones use the same hook a user's would;
installed packages add theirs as `checker.formats` entry points, see checker.plugins).

A format is a pure function of the report's tables: it returns the files it wants written as
{relative path: text}; the writer does the (atomic) writing. Formats marked `always` are written
on every run whatever `--format` asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import polars as pl

from checker.errors import CheckerError
from checker.progress import Advance, no_advance


@dataclass(frozen=True)
class ReportInput:
    """What every format reads: the run's tables (by schema name) and the --fail-on threshold.

    `advance` (checker.progress) is called once per story page the HTML format renders.
    """

    tables: Mapping[str, pl.DataFrame]
    fail_on: str | None = "none"
    advance: Advance = field(default=no_advance, compare=False, repr=False)
    sarif_min_severity: str = "info"  # SARIF leaves out findings below this


Render = Callable[[ReportInput], dict[str, str]]


@dataclass(frozen=True)
class OutputFormat:
    name: str
    render: Render
    always: bool
    description: str


FORMATS: dict[str, OutputFormat] = {}


def register_format(
    name: str, description: str, always: bool = False
) -> Callable[[Render], Render]:
    """Decorator: make `render` available as `--format NAME`."""

    def decorate(render: Render) -> Render:
        FORMATS[name] = OutputFormat(name, render, always, description)
        return render

    return decorate


PLUGIN_GROUP = "checker.formats"
_loaded = False


def load_builtin_formats() -> None:
    """The shipped formats (importing their modules registers them), then the formats of
    installed plugins (`checker.formats` entry points, checker.plugins); once per process."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from checker.plugins import load_plugins
    from checker.report import (  # noqa: F401
        formats_github,
        formats_html,
        formats_machine,
        formats_sarif,
    )

    load_plugins(PLUGIN_GROUP, _register_plugin)


def _register_plugin(name: str, loaded: object) -> None:
    """A plugin's format: a render function (its docstring's first line describes it), or
    an OutputFormat of the same name. A plugin may add formats, not replace one."""
    if name in FORMATS:
        raise ValueError(f"format {name!r} already exists; a plugin may only add formats")
    if isinstance(loaded, OutputFormat):
        if loaded.name != name:
            raise ValueError(f"the entry point is named {name!r} but its format {loaded.name!r}")
        FORMATS[name] = loaded
    elif callable(loaded):
        description = (loaded.__doc__ or name).strip().splitlines()[0]
        register_format(name, description)(loaded)  # type: ignore[arg-type]
    else:
        raise TypeError(f"expected a render function, got {type(loaded).__name__}")


def resolve_formats(names: list[str] | tuple[str, ...]) -> list[OutputFormat]:
    """The always-on formats plus the requested ones, in registry order; unknown names fail."""
    load_builtin_formats()
    wanted = {n.strip().lower() for name in names for n in name.split(",") if n.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown:
        raise CheckerError(
            "--format", f"unknown format {', '.join(unknown)}: expected one of {', '.join(FORMATS)}"
        )
    return [fmt for fmt in FORMATS.values() if fmt.always or fmt.name in wanted]
