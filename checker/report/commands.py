"""The report's commands, for cli.py to mount: `checker report DIR` and `checker explain DIR ID`.

Both read the saved output folder alone (its Parquet tables), never the original articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl
import typer

from checker import console
from checker.errors import CheckerError, printable
from checker.output_folder import output_folder
from checker.report.view import fold_copies
from checker.report.writer import REPORT_TABLES, write_report
from checker.runner import echo_stdout_files
from checker.severity import any_at_or_above
from checker.tables_io import read_table

# What `checker report` carries into the re-rendered folder: its input and the gate's verdict.
KEPT_BY_REPORT = ("*.parquet", "gate-results.json", "gate.html")


def read_report_tables(out_dir: Path) -> dict[str, pl.DataFrame]:
    """The tables a report needs from a folder `checker` wrote; findings are required."""
    if not out_dir.is_dir():
        raise CheckerError(str(out_dir), "not a folder")
    return {name: read_table(out_dir, name) for name in REPORT_TABLES}


def report_command(
    out_dir: Path,
    formats: Sequence[str] = (),
    fail_on: str | None = "none",
    sarif_min_severity: str = "minor",
) -> tuple[list[Path], bool]:
    """Re-render every report file from the folder's tables; prints what it wrote.

    Returns the written files and whether a finding reaches `fail_on` (the exit code, as
    `compare` sets it). The folder is replaced as a whole: its tables and gate results are
    kept, report files of formats not asked for this time are gone."""
    tables = read_report_tables(out_dir)
    with output_folder(out_dir, keep=KEPT_BY_REPORT) as output:
        written = write_report(
            output.path, tables, formats, fail_on, sarif_min_severity=sarif_min_severity
        )
        echo_stdout_files(written)
        output.commit()
    console.say(f"wrote {len(written)} report files to {out_dir}")
    failed = any_at_or_above(tables["findings"]["severity"], fail_on)
    return [output.final(path) for path in written], failed


def find_finding(findings: pl.DataFrame, finding_id: str) -> dict:
    """The one finding whose id is `finding_id` or starts with it; ambiguity is an error."""
    wanted = finding_id.strip().lstrip("#").removeprefix("f-")
    if not wanted:
        raise CheckerError("explain", "empty finding id")
    exact = findings.filter(pl.col("finding_id") == wanted)
    hits = exact if exact.height else findings.filter(pl.col("finding_id").str.starts_with(wanted))
    if hits.is_empty():
        raise CheckerError("explain", f"no finding with id {wanted!r}")
    if hits.height > 1:
        ids = ", ".join(sorted(hits["finding_id"])[:10])
        raise CheckerError("explain", f"{wanted!r} matches {hits.height} findings: {ids}")
    return hits.row(0, named=True)


def explain_text(finding: dict) -> str:
    """One finding for the terminal: what, why, and every outlet's words."""
    lines = [
        f"{finding['finding_id']}  [{finding['severity']}]  {finding['message']}",
        f"story: {finding['story']}   rule: {finding['rule_id']} ({finding['check']})   "
        f"fact: {finding['key'] or '-'}   status: {finding['status'] or '-'}",
    ]
    if finding["explanation"]:
        lines += ["", finding["explanation"]]
    lines += ["", "evidence:"]
    for row in fold_copies(finding["evidence"] or []):
        also = f" (also: {', '.join(row['also'])})" if row["also"] else ""
        sentence = row["before"] + (f"[[{row['marked']}]]" if row["marked"] else "") + row["after"]
        lines.append(f"  {row['side'] or '-'}: {row['outlet']}{also}  value: {row['value'] or '-'}")
        lines.append(f'    "{" ".join(sentence.split())}"')
        if row["speaker"]:
            lines.append(f"    speaker: {row['speaker']}")
        if row["url"]:
            lines.append(f"    url: {row['url']}")
    return "\n".join(lines) + "\n"


def explain_command(out_dir: Path, finding_id: str) -> None:
    """Print one finding (id or unique prefix) from a saved output folder."""
    findings = read_table(out_dir, "findings")
    text = explain_text(find_finding(findings, finding_id))
    # article text may hold escape sequences: shown, never run by the terminal
    typer.echo("\n".join(printable(line) for line in text.split("\n")), nl=False)
