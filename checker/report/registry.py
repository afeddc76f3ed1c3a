"""Output formats, registered by name (the shipped ones use the same hook a user's would).

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


def load_builtin_formats() -> None:
    """Import the shipped format modules; importing registers them."""
    from checker.report import (  # noqa: F401
        formats_github,
        formats_html,
        formats_machine,
        formats_sarif,
    )


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
