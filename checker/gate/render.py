"""The gate's outputs: a plain-text table for the terminal, gate-results.json and gate.html."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from checker.gate.result import GateResult
from checker.report.view import story_slug
from checker.tables_io import atomic_write_text, mark_output_dir

RESULTS_FILE = "gate-results.json"
HTML_FILE = "gate.html"
_COLUMNS = ("table", "expectation", "column", "result", "severity", "observed")
_TEMPLATE = Path(__file__).resolve().parent / "gate.html.j2"


def text_table(result: GateResult) -> str:
    """The blocking findings first (the built-in verdict), then the expectations in aligned
    columns, every blocking line marked "X ", then the verdict line."""
    lines = []
    if not result.blocking_findings.is_empty():
        lines += [
            f"blocking findings (new, at or above {result.fail_on}):",
            *finding_lines(result),
            "",
        ]
    lines += ["expectations:", *expectation_lines(result), verdict(result)]
    return "\n".join(lines)


def blocking_lines(result: GateResult) -> list[str]:
    """Only what made the gate fail (what `checker gate -q` prints)."""
    failing = [line for line in expectation_lines(result) if line.startswith("X ")]
    return [*finding_lines(result), *failing]


def finding_lines(result: GateResult) -> list[str]:
    """One line per blocking finding: severity, rule, story, message and its id."""
    return [
        f"X {row['severity']:<8} {row['rule_id']}  {row['story']}: {row['message']}  "
        f"[{row['finding_id']}]"
        for row in result.blocking_findings.iter_rows(named=True)
    ]


def expectation_lines(result: GateResult) -> list[str]:
    """Aligned columns, one line per expectation, blocking ones marked "X "."""
    rows = [[row[c] or "" for c in _COLUMNS] for row in result.outcomes.iter_rows(named=True)]
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(_COLUMNS)]
    widths[-1] = len(_COLUMNS[-1])  # the last column is not padded

    def line(cells: list[str], mark: str) -> str:
        return (
            mark + "  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True))
        ).rstrip()

    blocking = result.outcomes["blocking"].to_list()
    body = [line(r, "X " if b else "  ") for r, b in zip(rows, blocking, strict=True)]
    return [line(list(_COLUMNS), "  "), *body]


def verdict(result: GateResult) -> str:
    findings = result.blocking_findings.height
    failed = int((result.outcomes["result"] == "fail").sum())
    blocking = int(result.outcomes["blocking"].sum())
    word = "PASSED" if result.passed else "FAILED"
    noun = "finding" if findings == 1 else "findings"
    expectations = f"{len(result.outcomes)} expectations, {failed} failed"
    if failed:
        expectations += f" ({blocking} at or above the threshold)"
    return (
        f"gate {word} (--fail-on {result.fail_on}): {findings} new {noun} at or above the "
        f"threshold; {expectations}"
    )


def timing(result: GateResult, pipeline_seconds: float | None = None) -> str:
    """Where the time went: the pipeline (when the gate ran it) apart from the gate itself,
    and the gate's share in great-expectations."""
    gate = (
        f"gate {result.seconds:.2f} s (great-expectations: import "
        f"{result.gx_import_seconds:.2f} s, validate {result.gx_validate_seconds:.2f} s)"
    )
    if pipeline_seconds is None:
        return f"took: {gate}"
    return f"took: pipeline {pipeline_seconds:.2f} s, {gate}"


def write_outputs(result: GateResult, out_dir: Path) -> list[Path]:
    """gate-results.json (GX's results) and gate.html (our page) into the output folder."""
    mark_output_dir(out_dir)
    results_path, html_path = out_dir / RESULTS_FILE, out_dir / HTML_FILE
    results = json.dumps(result.results_json(), indent=2, sort_keys=True, default=str)
    atomic_write_text(results_path, results + "\n")
    atomic_write_text(html_path, html_page(result))
    return [results_path, html_path]


def html_page(result: GateResult) -> str:
    """A self-contained page (inline CSS, no scripts); every value is escaped."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(_TEMPLATE.read_text(encoding="utf-8"))
    statuses = result.findings["status"]
    blocking = [
        {
            **row,
            "page": f"stories/{story_slug(row['story'])}.html#f-{row['finding_id']}",
            "outlets": ", ".join(row["outlets"] or []),
        }
        for row in result.blocking_findings.select(
            "finding_id", "severity", "rule_id", "story", "message", "outlets"
        ).to_dicts()
    ]
    return template.render(
        passed=result.passed,
        verdict=verdict(result),
        fail_on=result.fail_on,
        blocking=blocking,
        columns=_COLUMNS,
        rows=result.outcomes.to_dicts(),
        new=int((statuses == "new").sum()),
        baselined=int((statuses == "baselined").sum()),
    )
