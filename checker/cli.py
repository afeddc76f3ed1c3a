"""The `checker` command line: options in, stage calls, problems out as exit codes.

Exit codes (docs/ARCHITECTURE.md): 0 ran clean, 1 something at or above --fail-on, 2 bad
input or usage.
Bad sources never stop a run: each gets one message and the run exits 2 at the end.
Help is plain text (no colour, no type tags: each value is named by its metavar), and where
each kind of output goes (-q, -v, --format json) is decided in checker/console.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

import checker
from checker import console
from checker.console import QuietOpt, VerboseOpt
from checker.engine.options import CacheOpt, EngineOpt, JobsOpt, NoCacheOpt, SchedulerOpt
from checker.errors import CheckerError, Problems
from checker.runner import (
    EXIT_BAD_INPUT,
    default_sources,
    echo_stdout_files,
    finish,
    os_error_line,
)

app = typer.Typer(
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, pwsh)
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help, as ruff's and pytest's
    help="Compare how news outlets report the same story and flag where they disagree.",
)


def _severity_option(option: str, value: str) -> str:
    """A severity name given on the command line, checked: a bad one is a usage error."""
    from checker.severity import parse_severity

    try:
        return parse_severity(value).label
    except ValueError as exc:
        raise CheckerError(option, str(exc)) from exc


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"checker {checker.__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Compare how news outlets report the same story and flag where they disagree."""
    console.configure()  # each run starts at the normal level; commands set their own


# Arguments are described in each command's docstring and hidden from the option list, where
# typer would print a type tag (<list[str]>) beside them.
PathsArg = Annotated[list[str] | None, typer.Argument(metavar="PATH", hidden=True)]

StoryOpt = Annotated[
    str | None,
    typer.Option(
        "--story", metavar="NAME", help="Story name for every document (else the folder name)."
    ),
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", metavar="DIR", help="Folder to write the tables to.")
]


RulesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        metavar="DIR",
        help="Extra rule folder (repeatable); its rules override shipped ones.",
    ),
]
ReferenceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--reference",
        metavar="PATH",
        help="Source whose documents are the reference (repeatable).",
    ),
]
FormatOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="Extra output format (repeatable): md, csv, junit, sarif, github, json-schema; "
        "json prints the findings JSON on stdout (everything else goes to stderr).",
    ),
]
MinConfidenceOpt = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        metavar="X",
        min=0.0,
        max=1.0,
        help="Keep only findings at least this confident (0-1: independent outlets per side).",
    ),
]
SarifMinOpt = Annotated[
    str,
    typer.Option(
        "--sarif-min-severity",
        metavar="SEVERITY",
        help="Leave findings below this out of SARIF (default minor).",
    ),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        metavar="SEVERITY",
        help="Exit 1 when a finding is at or above: info|minor|major|critical|none.",
    ),
]


@app.command()
def extract(
    paths: PathsArg = None,
    story: StoryOpt = None,
    rules: RulesOpt = None,
    reference: ReferenceOpt = None,
    out: Annotated[
        Path, typer.Option("--out", metavar="DIR", help="Folder to write the tables to.")
    ] = ...,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Read articles, extract claims, quantities, times, quotes and mentions, write them and
    print a summary.

    PATH: files, folders (read recursively) or http(s) URLs; default ./seeds, else the
    bundled demo corpus."""
    console.configure(quiet, verbose)
    from checker.extract import extract as run_extract
    from checker.ingest import ingest as run_ingest
    from checker.output_folder import output_folder
    from checker.rulepack import RulePack
    from checker.summary import extraction_summary
    from checker.tables_io import write_tables

    problems = Problems()
    pack = RulePack.load(list(rules or []))
    with output_folder(out) as output:  # checked and locked before any work
        documents = run_ingest(
            default_sources(paths), story=story, problems=problems, reference=reference or []
        )
        tables = run_extract(documents, config=pack.extract_config)
        console.say(extraction_summary(documents, tables))
        write_tables(output.path, {"documents": documents, **tables})
        output.commit()
    console.say(f"wrote {out}")
    finish(problems)


@app.command()
def ingest(
    paths: PathsArg = None,
    story: StoryOpt = None,
    reference: ReferenceOpt = None,
    out: OutOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Read articles into the documents table and print a summary.

    PATH: files, folders (read recursively) or http(s) URLs; default ./seeds, else the
    bundled demo corpus."""
    console.configure(quiet, verbose)
    from checker.ingest import ingest as run_ingest
    from checker.output_folder import output_to
    from checker.summary import documents_summary
    from checker.tables_io import write_tables

    problems = Problems()
    with output_to(out) as output:  # checked and locked before any work
        documents = run_ingest(
            default_sources(paths), story=story, problems=problems, reference=reference or []
        )
        console.say(documents_summary(documents))
        if output is not None:
            write_tables(output.path, {"documents": documents})
            output.commit()
            console.say(f"wrote {out}")
    finish(problems)


@app.command()
def compare(
    paths: PathsArg = None,
    story: StoryOpt = None,
    rules: RulesOpt = None,
    reference: ReferenceOpt = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Output folder.")] = Path(
        "reports"
    ),
    fail_on: FailOnOpt = None,
    formats: FormatOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
    sarif_min_severity: SarifMinOpt = "minor",
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print how many findings each rule made.")
    ] = False,
    jobs: JobsOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Compare outlets claim by claim and write findings and the HTML report.

    PATH: files, folders (read recursively) or http(s) URLs; default ./seeds, else the
    bundled demo corpus. Stories run in parallel (--jobs, or on Dask with --engine dask);
    each story's tables are written as it finishes, so memory follows the largest story."""
    from checker.engine.options import engine_options
    from checker.engine.output import compare_to_folder
    from checker.output_folder import output_folder
    from checker.progress import StageClock, progress
    from checker.ruleset.config import load_config
    from checker.severity import any_at_or_above, parse_threshold
    from checker.summary import findings_summary, rule_statistics

    console.configure_for_formats(formats, quiet, verbose)
    try:
        threshold = parse_threshold(fail_on) if fail_on else load_config().threshold("none")
    except ValueError as exc:
        raise CheckerError("--fail-on", str(exc)) from exc
    options = engine_options(jobs, engine, scheduler, cache, no_cache)
    minimum = _severity_option("--sarif-min-severity", sarif_min_severity)
    problems = Problems()
    # The output folder is checked and locked before any work, and replaced as a whole.
    with progress() as bars, output_folder(out) as output:
        clock = StageClock(bars)  # a bar on stderr when it is a terminal, else silent
        run = compare_to_folder(
            default_sources(paths),
            output.path,
            options,
            story=story,
            rule_dirs=rules or [],
            reference=reference or [],
            problems=problems,
            reporter=clock,
            formats=formats or [],
            fail_on=str(threshold or "none"),
            sarif_min_severity=minimum,
            min_confidence=min_confidence,
        )
        echo_stdout_files(run.written)
        output.commit()
    console.say(findings_summary(run.findings))
    if statistics:
        console.say(rule_statistics(run.findings))
    console.say(f"wrote {out / 'index.html'}")
    console.detail(f"took: {clock.summary(run.stats.seconds)}")
    console.detail(run.stats.describe())
    finish(problems, failed=any_at_or_above(run.findings["severity"], threshold))


@app.command()
def report(
    out: Annotated[Path, typer.Argument(metavar="DIR", hidden=True)],
    formats: FormatOpt = None,
    fail_on: FailOnOpt = None,
    sarif_min_severity: SarifMinOpt = "minor",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Re-render the report of a saved output folder from its tables alone.

    DIR: an output folder `checker compare` or `checker gate --out` wrote."""
    from checker.report.commands import report_command
    from checker.ruleset.config import load_config
    from checker.severity import parse_threshold

    console.configure_for_formats(formats, quiet, verbose)
    try:  # the same threshold `compare` takes: the option, else the config's fail_on
        threshold = parse_threshold(fail_on) if fail_on else load_config().threshold("none")
    except ValueError as exc:
        raise CheckerError("--fail-on", str(exc)) from exc
    minimum = _severity_option("--sarif-min-severity", sarif_min_severity)
    _, failed = report_command(out, formats or [], str(threshold or "none"), minimum)
    finish(Problems(), failed=failed)


@app.command()
def explain(
    out: Annotated[Path, typer.Argument(metavar="DIR", hidden=True)],
    finding_id: Annotated[str, typer.Argument(metavar="ID", hidden=True)],
) -> None:
    """Print one finding with its evidence.

    DIR: an output folder `checker compare` wrote. ID: a finding id (a unique prefix will
    do)."""
    from checker.report.commands import explain_command

    explain_command(out, finding_id)


def _mount_subcommands() -> None:
    from checker.gate.command import baseline_app, gate_cli
    from checker.ruleset.cli import rules_app

    app.add_typer(rules_app, name="rules", help="List, show and validate rules.")
    app.command("gate")(gate_cli)
    app.add_typer(baseline_app, name="baseline", help="Accept the current findings.")


_mount_subcommands()


def main() -> None:
    try:
        app()
    except CheckerError as exc:
        typer.echo(f"error: {exc.render()}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except OSError as exc:  # a last guard: an OS error is bad input or usage, never a traceback
        typer.echo(f"error: {os_error_line(exc)}", err=True)
        sys.exit(EXIT_BAD_INPUT)


if __name__ == "__main__":
    main()
