"""What every command shares: exit codes, the default sources, how problems are printed.

`checker compare`, `extract`, `ingest` (cli.py) and `checker gate` (gate/command.py) all end
the same way: every problem printed on stderr, then exit 0 (clean), 1 (something at or above
the threshold, or a failed gate) or 2 (bad input or usage; 2 wins over 1).
"""

from __future__ import annotations

from pathlib import Path

import typer

from checker import console
from checker.errors import Problems, printable

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2


def default_sources(paths: list[str] | None) -> list[str]:
    """With no PATH: ./seeds if it exists, else the corpus shipped with the package."""
    if paths:
        return paths
    local = Path("seeds")
    if local.is_dir():
        console.note("note: no PATH given: comparing ./seeds")
        return [str(local)]
    from checker.resources import seeds_dir

    console.note("note: no PATH given: comparing the bundled demo corpus")
    return [str(seeds_dir())]


def report_problems(problems: Problems) -> None:
    for problem in problems:
        typer.echo(problem.render(), err=True)


def exit_code(problems: Problems, failed: bool = False) -> int:
    return EXIT_BAD_INPUT if problems.has_errors else EXIT_FAIL if failed else EXIT_OK


def finish(problems: Problems, failed: bool = False) -> None:
    """Print every problem, then exit: 2 wins over 1."""
    report_problems(problems)
    raise typer.Exit(exit_code(problems, failed))


def echo_stdout_files(written: list[Path]) -> None:
    """Print what a report wrote for scripts on stdout: the GitHub annotations (--format
    github), which a workflow step turns into pull-request annotations, and the findings JSON
    when --format json asked for it (checker.console then keeps every other line off stdout)."""
    wanted = {"annotations.txt", *(["findings.json"] if console.data_on_stdout() else [])}
    for path in written:
        if path.name in wanted:
            console.data(path.read_text(encoding="utf-8"))


def os_error_line(exc: OSError) -> str:
    """An OS error as `path: reason`, the shape of every other message."""
    where = exc.filename or "checker"
    return printable(f"{where}: {exc.strerror or exc}")
