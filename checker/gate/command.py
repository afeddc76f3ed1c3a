"""`checker gate` and `checker baseline create`: plain functions returning exit codes, plus
typer wrappers the main CLI mounts (cli.py stays thin).

Exit codes: 0 the gate passed, 1 it failed, 2 bad input or usage (2 wins over 1).
"""

from __future__ import annotations

import importlib.util
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer

from checker import DISTRIBUTION, console
from checker.console import QuietOpt, VerboseOpt
from checker.engine.options import CacheOpt, EngineOpt, JobsOpt, NoCacheOpt, SchedulerOpt
from checker.errors import CheckerError, Problems, printable
from checker.gate.frames import SOURCE_TABLES
from checker.output_folder import StagedOutput, check_output_file, output_to
from checker.progress import Reporter
from checker.runner import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    default_sources,
    echo_stdout_files,
    report_problems,
)
from checker.severity import SEVERITY_NAMES

if TYPE_CHECKING:
    from checker.engine import EngineOptions
    from checker.gate.result import GateResult


def gate_command(
    paths: Sequence[str] | None,
    reference: Sequence[str] = (),
    suites: Sequence[Path] | None = None,
    baseline: Path | None = None,
    fail_on: str | None = None,
    from_dir: Path | None = None,
    out: Path | None = None,
    formats: Sequence[str] = (),
    min_confidence: float = 0.0,
    sarif_min_severity: str = "minor",
    engine: EngineOptions | None = None,
) -> int:
    """Run the pipeline (or read a saved output folder), gate its tables, print the verdict.

    With `out`, the folder also gets the discrepancy report (HTML, findings.json and any
    `formats`), with baselined findings marked, so CI can keep it as one artifact.
    `fail_on` None: the project config's fail_on, else major."""
    from checker.gate.render import blocking_lines, text_table, timing
    from checker.gate.run import run_gate
    from checker.progress import StageClock

    if importlib.util.find_spec("great_expectations") is None:
        # Before any work: a missing extra is a usage problem, not a blocked build. The
        # findings verdict alone needs no extra: `checker compare --fail-on` gives it.
        typer.echo(
            "error: checker gate needs great-expectations, which the gate extra installs: "
            "pip install -e '.[gate]' in a checkout of checker, else add [gate] to the spec "
            f"checker came from (pip install '{DISTRIBUTION}[gate] @ git+URL-of-checker'); "
            "without it, 'checker compare --fail-on major' gives the findings verdict alone",
            err=True,
        )
        return EXIT_BAD_INPUT
    if sarif_min_severity not in SEVERITY_NAMES:
        names = ", ".join(SEVERITY_NAMES)
        typer.echo(
            f"error: --sarif-min-severity: {sarif_min_severity!r} is not one of {names}", err=True
        )
        return EXIT_BAD_INPUT
    problems = Problems()
    if formats and out is None:
        typer.echo("error: --format needs --out (the folder to write the report to)", err=True)
        return EXIT_BAD_INPUT
    clock = StageClock()
    try:
        if fail_on is None:
            from checker.ruleset.config import load_config

            fail_on = load_config().fail_on or "major"
        # An output folder is checked and locked before any work, and replaced as a whole.
        with output_to(out) as output:
            started = time.perf_counter()
            tables = _tables(paths, reference, from_dir, problems, clock, engine)
            pipeline_seconds = None if from_dir is not None else time.perf_counter() - started
            if min_confidence > 0 and "confidence" in tables["findings"].columns:
                # Findings a reviewer would not trust yet never fail the build.
                sure = tables["findings"].filter(tables["findings"]["confidence"] >= min_confidence)
                tables = {**tables, "findings": sure}
            result = run_gate(tables, list(suites or []), baseline, fail_on)
            problems.extend(result.problems)
            table = text_table(result)
            if problems.has_errors:
                # Some inputs were rejected: the rest was gated, but the run did not pass.
                table = table.replace("gate PASSED", "gate INCOMPLETE (inputs rejected, see below)")
            if console.level() == console.QUIET:  # only what made the gate fail
                for line in blocking_lines(result):
                    typer.echo(line, err=console.data_on_stdout())
            console.say(table)
            console.say(timing(result, pipeline_seconds))
            if from_dir is None:
                console.detail(f"took: {clock.summary()} (pipeline stages)")
            if output is not None:
                _write_gate_folder(
                    output, tables, result, formats, fail_on, sarif_min_severity, from_dir
                )
    except (CheckerError, ValueError) as exc:  # SeverityError is a ValueError
        report_problems(problems)
        message = exc.render() if isinstance(exc, CheckerError) else printable(str(exc))
        typer.echo(f"error: {message}", err=True)
        return EXIT_BAD_INPUT
    report_problems(problems)
    return EXIT_BAD_INPUT if problems.has_errors else result.exit_code


def _write_gate_folder(
    output: StagedOutput,
    tables: dict[str, pl.DataFrame],
    result: GateResult,
    formats: Sequence[str],
    fail_on: str,
    sarif_min_severity: str,
    from_dir: Path | None,
) -> None:
    """Tables, verdict and discrepancy report into the staged folder, then swap it in."""
    from checker.gate.render import write_outputs
    from checker.report.writer import write_report
    from checker.tables_io import write_tables

    # The folder is replaced whole, so the tables go in even when they were read (--from),
    # those the gate does not read too: `checker report` re-renders from them later.
    write_tables(output.path, {**tables, "findings": result.findings})
    for table in sorted(Path(from_dir).glob("*.parquet")) if from_dir is not None else []:
        if not (output.path / table.name).exists():
            shutil.copy2(table, output.path / table.name)
    gate_files = write_outputs(result, output.path)
    written = write_report(
        output.path,
        {**tables, "findings": result.findings},
        list(formats),
        fail_on,
        sarif_min_severity=sarif_min_severity,
    )
    echo_stdout_files(written)
    output.commit()
    for path in gate_files:
        console.say(f"wrote {output.final(path)}")
    console.say(f"wrote {output.final(output.path / 'index.html')}")


def baseline_create_command(paths: Sequence[str] | None, out: Path) -> int:
    """Accept every current finding: write their fingerprints to the baseline file `out`.

    A single PATH that is a saved output folder is read back instead of re-running.
    """
    from checker.gate.baseline import create_baseline

    problems = Problems()
    try:
        check_output_file(out)  # before the pipeline: a folder or unwritable place is usage
        saved = _saved_folder(paths)
        tables = _tables(None if saved else paths, (), saved, problems)
        count = create_baseline(tables["findings"], out)
    except CheckerError as exc:
        report_problems(problems)
        typer.echo(f"error: {exc.render()}", err=True)
        return EXIT_BAD_INPUT
    console.say(f"wrote {out}: {count} findings baselined")
    report_problems(problems)
    return EXIT_BAD_INPUT if problems.has_errors else EXIT_OK


def _tables(
    paths: Sequence[str] | None,
    reference: Sequence[str],
    from_dir: Path | None,
    problems: Problems,
    reporter: Reporter | None = None,
    engine: EngineOptions | None = None,
) -> dict[str, pl.DataFrame]:
    if from_dir is not None:
        from checker.tables_io import read_table

        return {name: read_table(Path(from_dir), name) for name in SOURCE_TABLES}
    from checker.pipeline import run_pipeline

    return run_pipeline(
        default_sources(list(paths or [])),
        reference=list(reference),
        problems=problems,
        reporter=reporter,
        engine=engine,
    )


def _saved_folder(paths: Sequence[str] | None) -> Path | None:
    from checker.tables_io import MARKER

    if paths and len(paths) == 1 and (Path(paths[0]) / MARKER).is_file():
        return Path(paths[0])
    return None


# --- typer wrappers: cli.py mounts these -------------------------------------------------------

# Described in the docstrings: a visible argument would carry a type tag in the help.
PathsArg = Annotated[list[str] | None, typer.Argument(metavar="PATH", hidden=True)]


def gate_cli(
    paths: PathsArg = None,
    reference: Annotated[
        list[str] | None,
        typer.Option(
            "--reference", metavar="PATH", help="Source(s) whose documents are the reference copy."
        ),
    ] = None,
    suite: Annotated[
        list[Path] | None,
        typer.Option(
            "--suite",
            metavar="FILE",
            help="Extra great-expectations suite (JSON); meta.checker_table names its table.",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Baseline file: findings listed there never fail the gate.",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            help="info, minor, major, critical or none (default: the config's fail_on, else "
            "major).",
        ),
    ] = None,
    from_dir: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="DIR",
            help="Gate a saved output folder instead of running the pipeline.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Folder for gate-results.json, gate.html and the report.",
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="Extra report format (repeatable): md, csv, junit, sarif, github, "
            "json-schema; json prints the findings JSON on stdout; needs --out.",
        ),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            metavar="X",
            min=0.0,
            max=1.0,
            help="Gate only findings at least this confident (0-1).",
        ),
    ] = 0.0,
    sarif_min_severity: Annotated[
        str,
        typer.Option(
            "--sarif-min-severity",
            metavar="SEVERITY",
            help="Leave findings below this out of SARIF (default minor).",
        ),
    ] = "minor",
    jobs: JobsOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Fail when a new finding reaches --fail-on; validate the run's tables with
    great-expectations suites.

    PATH: the articles under review and their sources (files, folders or URLs); default
    ./seeds, else the bundled demo corpus. Stories run in parallel as in compare."""
    from checker.engine.options import engine_options

    console.configure_for_formats(formats, quiet, verbose)
    options = engine_options(jobs, engine, scheduler, cache, no_cache)
    raise typer.Exit(
        gate_command(
            paths,
            reference or (),
            suite,
            baseline,
            fail_on,
            from_dir,
            out,
            formats or (),
            min_confidence,
            sarif_min_severity,
            options,
        )
    )


baseline_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None, help="Accept the current findings."
)


@baseline_app.command("create")
def baseline_create_cli(
    paths: PathsArg = None,
    out: Annotated[
        Path, typer.Option("--out", metavar="FILE", help="Baseline file to write.")
    ] = Path("checker-baseline.json"),
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Write every current finding's fingerprint to a baseline file.

    PATH: articles to run the pipeline over, or one saved output folder to read back."""
    console.configure(quiet, verbose)
    raise typer.Exit(baseline_create_command(paths, out))
