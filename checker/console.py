"""Where a command's words go: `-q`/`-v`, stdout kept for data, and when colour is allowed.

Three kinds of output, as ruff and pytest separate them:

- data (`data`): what a script reads on stdout, always printed: GitHub annotations and, with
  `--format json`, the findings JSON;
- messages (`say`): summaries, verdicts, "wrote ..."; hidden by `-q`; on stderr when stdout
  carries JSON, so that stdout stays parseable;
- notes and details (`note`, `detail`): stderr only; notes are hidden by `-q`, details shown
  only with `-v` (the config file used, timings).

Errors never go through here: they are printed whatever the level (checker.runner).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Annotated, TextIO

import typer

from checker.errors import CheckerError

QUIET, NORMAL, VERBOSE = -1, 0, 1


@dataclass
class _Settings:
    level: int = NORMAL
    data_on_stdout: bool = False  # stdout is reserved for machine-readable data
    said_once: set[str] = field(default_factory=set)


_settings = _Settings()


def configure(quiet: bool = False, verbose: bool = False, data_on_stdout: bool = False) -> None:
    """Set the level for the command about to run (each command calls this first)."""
    if quiet and verbose:
        raise CheckerError("-q/-v", "--quiet and --verbose cannot be used together")
    level = QUIET if quiet else VERBOSE if verbose else NORMAL
    _settings.level, _settings.data_on_stdout = level, data_on_stdout
    _settings.said_once.clear()


def level() -> int:
    return _settings.level


def data_on_stdout() -> bool:
    return _settings.data_on_stdout


def say(text: str) -> None:
    """A message for the person running the command (hidden by -q)."""
    if _settings.level > QUIET:
        typer.echo(text, err=_settings.data_on_stdout)


def note(text: str) -> None:
    """A side remark on stderr (hidden by -q)."""
    if _settings.level > QUIET:
        typer.echo(text, err=True)


def detail(text: str, once: bool = False) -> None:
    """Shown only with -v, on stderr. `once`: the same text is printed once per command."""
    if _settings.level < VERBOSE or (once and text in _settings.said_once):
        return
    _settings.said_once.add(text)
    typer.echo(text, err=True)


def data(text: str) -> None:
    """Machine-readable output on stdout, printed at every level."""
    typer.echo(text, nl=False)


def color_allowed(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or
    the terminal says it cannot show it."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):
        return False


def configure_for_formats(
    formats: list[str] | tuple[str, ...] | None, quiet: bool = False, verbose: bool = False
) -> None:
    """configure() for a command that writes report formats: `--format json` reserves stdout
    for the findings JSON, which cannot share it with `--format github`'s annotations."""
    wanted = set(formats or ())
    if {"json", "github"} <= wanted:
        raise CheckerError(
            "--format", "json and github both print on stdout; ask for one of them per run"
        )
    configure(quiet, verbose, data_on_stdout="json" in wanted)


QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="Print only errors and annotations.")]
VerboseOpt = Annotated[
    bool,
    typer.Option("-v", "--verbose", help="Also print the config file used and the timings."),
]
