"""run_gate: baseline, the built-in verdict, frames, suites, GX. The gate's one entry point for
code."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl

from checker.errors import Problems
from checker.gate.baseline import apply_baseline, load_baseline
from checker.gate.frames import gate_frames
from checker.gate.result import (
    GateResult,
    exception_message,
    expectation_index,
    outcome_rows,
    outcomes_frame,
)
from checker.gate.suites import SuiteSpec, load_suites
from checker.gate.verdict import blocking_findings
from checker.schema import empty
from checker.severity import parse_threshold


def run_gate(
    tables: dict[str, pl.DataFrame],
    suites: list[Path] | None = None,
    baseline: Path | None = None,
    fail_on: str = "major",
) -> GateResult:
    """Decide the built-in verdict, then validate the tables with the shipped suites plus
    `suites`.

    The baseline is applied first, so findings it lists are "baselined" and never block. The
    verdict on findings (checker.gate.verdict) is plain polars; great-expectations runs only
    the suites, the data-quality part.
    Raises CheckerError (exit 2) for a bad suite, baseline or threshold.
    """
    started = time.perf_counter()
    parse_threshold(fail_on)  # a bad threshold is a usage error before any work
    specs = load_suites(suites)
    known = load_baseline(baseline) if baseline is not None else None
    findings = apply_baseline(tables.get("findings", empty("findings")), known)
    blocking = blocking_findings(findings, fail_on)
    frames = gate_frames({**tables, "findings": findings}, fail_on)

    from checker.gate.engine import validate_suites  # GX is imported here and only here

    runs, gx_import_seconds, gx_validate_seconds = validate_suites(specs, frames)
    problems = Problems()
    rows = [
        row
        for run in runs
        for row in outcome_rows(
            run.spec.document["name"],
            run.spec.table,
            run.spec.document["expectations"],
            _runnable(run.spec, run.result, problems),
            fail_on,
        )
    ]
    return GateResult(
        outcomes=outcomes_frame(rows),
        findings=findings,
        fail_on=fail_on,
        blocking=blocking,
        gx_results=[run.result for run in runs],
        seconds=time.perf_counter() - started,
        gx_import_seconds=gx_import_seconds,
        gx_validate_seconds=gx_validate_seconds,
        problems=problems,
    )


def _runnable(spec: SuiteSpec, result: dict, problems: Problems) -> dict:
    """GX's result without the expectations that could not run (a column the table lacks,
    kwargs GX rejects at run time); each of those is one error naming the suite file and the
    expectation, so the gate exits 2 (bad input) instead of failing the build."""
    kept = []
    for item in result.get("results", []):
        reason = exception_message(item)
        if reason is None:
            kept.append(item)
            continue
        config = item.get("expectation_config") or {}
        index = expectation_index(spec.document["expectations"], config)
        where = f"expectations[{index}]" if index is not None else "an expectation"
        problems.error(
            spec.source,
            f"{where} ({config.get('type')}) cannot run on table {spec.table!r}: {reason}",
        )
    return {**result, "results": kept}
