"""write_report: render every asked-for format and write its files atomically."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import polars as pl

from checker.progress import Reporter, stage_of
from checker.report.order import sort_findings
from checker.report.registry import ReportInput, resolve_formats
from checker.report.view import stories_of
from checker.schema import conform, empty
from checker.tables_io import atomic_write_text, mark_output_dir

# The tables the report formats read; any other table in the run is ignored here.
REPORT_TABLES = ("documents", "claims", "facts", "findings")


def report_tables(tables: Mapping[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The tables the formats need, conformed to the schema; a missing one is empty.

    Findings come in the one order every format keeps (checker/report/order.py)."""
    conformed = {
        name: conform(tables[name], name) if name in tables else empty(name)
        for name in REPORT_TABLES
    }
    conformed["findings"] = sort_findings(conformed["findings"])
    return conformed


def write_report(
    out_dir: Path,
    tables: Mapping[str, pl.DataFrame],
    formats: Sequence[str] = (),
    fail_on: str | None = "none",
    reporter: Reporter | None = None,
    sarif_min_severity: str = "minor",
) -> list[Path]:
    """Write findings.json, index.html, stories/*.html and the asked-for formats.

    Returns the written paths, sorted. Unknown format names raise CheckerError before
    anything is written. `reporter` (checker.progress) counts the story pages rendered.
    """
    chosen = resolve_formats(list(formats))
    conformed = report_tables(tables)
    advance = stage_of(reporter, "report", len(stories_of(conformed)))
    report = ReportInput(
        tables=conformed, fail_on=fail_on, advance=advance, sarif_min_severity=sarif_min_severity
    )
    files: dict[str, str] = {}
    for fmt in chosen:
        files.update(fmt.render(report))
    mark_output_dir(out_dir)
    written = []
    for relative in sorted(files):
        target = out_dir / relative
        atomic_write_text(target, files[relative])
        written.append(target)
    return written
