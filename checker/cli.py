"""The `checker` command line: options in, stage calls, problems out as exit codes.

Exit codes (DESIGN.md): 0 ran clean, 1 something at or above --fail-on, 2 bad input or usage.
Bad sources never stop a run: each gets one message and the run exits 2 at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from checker.errors import CheckerError, Problems

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Compare how news outlets report the same story and flag where they disagree.",
)

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2


@app.callback()
def root() -> None:
    """Compare how news outlets report the same story and flag where they disagree."""

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Files, folders (recursive) or http(s) URLs. Default: ./seeds or the bundled corpus."),
]
StoryOpt = Annotated[
    str | None, typer.Option("--story", help="Story name for every document (else the folder name).")
]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Folder to write the tables to.")]


def default_sources(paths: list[str] | None) -> list[str]:
    """With no PATH: ./seeds if it exists, else the corpus shipped with the package."""
    if paths:
        return paths
    local = Path("seeds")
    if local.is_dir():
        return [str(local)]
    from checker.resources import seeds_dir

    return [str(seeds_dir())]


def report_problems(problems: Problems) -> None:
    for problem in problems:
        typer.echo(problem.render(), err=True)


def finish(problems: Problems, failed: bool = False) -> None:
    """Print every problem, then exit: 2 wins over 1."""
    report_problems(problems)
    if problems.has_errors:
        raise typer.Exit(EXIT_BAD_INPUT)
    raise typer.Exit(EXIT_FAIL if failed else EXIT_OK)


@app.command()
def ingest(paths: PathsArg = None, story: StoryOpt = None, out: OutOpt = None) -> None:
    """Read articles into the documents table and print a summary."""
    from checker.ingest import ingest as run_ingest
    from checker.summary import documents_summary
    from checker.tables_io import write_tables

    problems = Problems()
    documents = run_ingest(default_sources(paths), story=story, problems=problems)
    typer.echo(documents_summary(documents))
    if out is not None:
        write_tables(out, {"documents": documents})
        typer.echo(f"wrote {out}")
    finish(problems)


def _mount_subcommands() -> None:
    from checker.ruleset.cli import rules_app

    app.add_typer(rules_app, name="rules", help="List, show and validate rules.")


_mount_subcommands()


def main() -> None:
    try:
        app()
    except CheckerError as exc:
        typer.echo(f"error: {exc.render()}", err=True)
        sys.exit(EXIT_BAD_INPUT)


if __name__ == "__main__":
    main()
