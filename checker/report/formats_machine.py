"""Machine formats: findings.json (always), the JSON schema, Markdown, CSV and JUnit XML.

Each is a pure function of the tables, written in a stable order so that the same run gives
byte-identical files.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl

from checker.report.json_findings import findings_json
from checker.report.registry import ReportInput, register_format
from checker.report.view import (
    count_by,
    severity_sort_key,
    story_header,
    story_partitions,
    story_slug,
)
from checker.severity import SEVERITY_NAMES, at_or_above

SCHEMA_FILE = Path(__file__).with_name("findings.schema.json")
_LIST_SEPARATOR = "; "
# XML 1.0 cannot hold most control characters; article text may carry them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MARKDOWN_FINDINGS_LIMIT = 50  # a PR comment stays readable; the HTML report has the rest


@register_format("json", "findings.json: every finding, stable and versioned", always=True)
def render_json(report: ReportInput) -> dict[str, str]:
    return {"findings.json": findings_json(report.tables["findings"])}


@register_format("json-schema", "findings.schema.json: the JSON Schema findings.json follows")
def render_json_schema(report: ReportInput) -> dict[str, str]:
    return {"findings.schema.json": SCHEMA_FILE.read_text(encoding="utf-8")}


def _md_cell(text: object) -> str:
    """Article text inside a Markdown table: no HTML, no pipes, one line."""
    cleaned = html.escape(" ".join(str(text or "").split()), quote=False)
    return cleaned.replace("|", "\\|")


@register_format("md", "findings.md: a summary for PR comments and $GITHUB_STEP_SUMMARY")
def render_markdown(report: ReportInput) -> dict[str, str]:
    findings = report.tables["findings"]
    by_severity = count_by(findings, "severity")
    lines = ["# checker findings", ""]
    lines.append(
        f"**{findings.height}** findings: "
        + (", ".join(f"{n} {s}" for s, n in by_severity.items()) or "none")
    )
    lines += ["", "| story | " + " | ".join(reversed(SEVERITY_NAMES)) + " | total |"]
    lines.append("|---" * (len(SEVERITY_NAMES) + 2) + "|")
    for story, tables in story_partitions(report.tables).items():
        header = story_header(story, tables)
        counts = [str(header["by_severity"].get(s, 0)) for s in reversed(SEVERITY_NAMES)]
        lines.append(f"| {_md_cell(story)} | " + " | ".join(counts) + f" | {header['findings']} |")
    if not findings.is_empty():
        # the writer hands the findings over in the one order (checker/report/order.py)
        ordered = findings.select(
            "severity", "story", "rule_id", "message", "outlets", "finding_id"
        ).to_dicts()
        places = _first_places(report)
        lines += [
            "",
            "| severity | story | rule | finding | where | outlets |",
            "|---|---|---|---|---|---|",
        ]
        for row in ordered[:MARKDOWN_FINDINGS_LIMIT]:
            outlets = ", ".join(row["outlets"] or [])
            page = f"stories/{story_slug(row['story'])}.html#f-{row['finding_id']}"
            where = " · ".join(
                part for part in (places.get(row["finding_id"], ""), f"[report]({page})") if part
            )
            lines.append(
                f"| {row['severity']} | {_md_cell(row['story'])} | {_md_cell(row['rule_id'])} "
                f"| {_md_cell(row['message'])} | {_md_cell(where)} | {_md_cell(outlets)} |"
            )
        if len(ordered) > MARKDOWN_FINDINGS_LIMIT:
            lines.append(
                f"\n…and {len(ordered) - MARKDOWN_FINDINGS_LIMIT} more in the HTML report."
            )
    return {"findings.md": "\n".join(lines) + "\n"}


def _first_places(report: ReportInput) -> dict[str, str]:
    """finding id -> `file:line` of its first offending place, as SARIF places it."""
    from checker.report.formats_sarif import FINGERPRINT_KEY, sarif_results, sarif_rules

    rules = sarif_rules(report.tables["findings"])
    results = sarif_results(report, {rule["id"]: i for i, rule in enumerate(rules)})
    places: dict[str, str] = {}
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        if uri.startswith("file:"):
            continue  # outside the working folder: no useful relative place
        place = f"{uri}:{location['region']['startLine']}"
        places.setdefault(result["partialFingerprints"][FINGERPRINT_KEY], place)
    return places


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
# `=HYPERLINK(...)` as an outlet name would run when the file is opened.
_FORMULA_START = "=+-@\t\r"


def _csv(frame: pl.DataFrame) -> str:
    """Lists joined into one cell, text cells a spreadsheet would evaluate neutralised with a
    leading apostrophe; polars writes the rest (quoting, escaping)."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    joined = frame.with_columns(pl.col(name).list.join(_LIST_SEPARATOR) for name in lists)
    texts = [name for name, dtype in joined.schema.items() if dtype == pl.String]
    return joined.with_columns(_neutralised(name) for name in texts).write_csv()


def _neutralised(column: str) -> pl.Expr:
    risky = pl.col(column).str.contains(f"^[{re.escape(_FORMULA_START)}]")
    return pl.when(risky).then(pl.lit("'") + pl.col(column)).otherwise(pl.col(column)).alias(column)


FINDINGS_CSV_COLUMNS = (
    "finding_id",
    "story",
    "severity",
    "check",
    "rule_id",
    "key",
    "fact_id",
    "message",
    "outlets",
    "claim_ids",
    "status",
    "explanation",
)


@register_format("csv", "findings.csv and claims.csv for spreadsheets")
def render_csv(report: ReportInput) -> dict[str, str]:
    findings = report.tables["findings"]  # already in the one order
    claims = report.tables["claims"].sort("story", "doc_id", "start", "claim_id")
    return {
        "findings.csv": _csv(findings.select(FINDINGS_CSV_COLUMNS)),
        "claims.csv": _csv(claims),
    }


def _xml_text(text: object) -> str:
    return _XML_INVALID.sub("", str(text or ""))


def _junit_line(finding: dict) -> str:
    outlets = ", ".join(finding["outlets"] or [])
    return f"[{finding['severity']}] {finding['message']} ({outlets}) #{finding['finding_id']}"


@register_format("junit", "junit.xml: one test case per rule and fact, failed at --fail-on")
def render_junit(report: ReportInput) -> dict[str, str]:
    """Test suites are stories; a case is one rule on one fact, failed if any finding reaches
    the threshold. Findings below it are listed in the case's output, not as failures."""
    findings = report.tables["findings"].with_columns(
        pl.coalesce("fact_id", "key", "finding_id").alias("case")
    )
    root = ET.Element("testsuites", name="checker")
    total_tests = total_failures = 0
    by_story = findings.drop_nulls("story").partition_by("story", as_dict=True)
    for (story,), rows in sorted(by_story.items()):
        # cases in the order of their first finding, findings in the one order within a case
        suite = ET.SubElement(root, "testsuite", name=_xml_text(story))
        tests = failures = 0
        for (rule_id, case), group in rows.group_by(["rule_id", "case"], maintain_order=True):
            items = group.to_dicts()
            key = items[0]["key"] or case
            testcase = ET.SubElement(
                suite, "testcase", classname=_xml_text(f"{story}.{rule_id}"), name=_xml_text(key)
            )
            tests += 1
            failing = [f for f in items if at_or_above(f["severity"], report.fail_on)]
            lines = [_junit_line(f) for f in items]
            if failing:
                failures += 1
                worst = min(failing, key=lambda f: severity_sort_key(f["severity"]))
                failure = ET.SubElement(
                    testcase, "failure", message=_xml_text(worst["message"]), type=worst["severity"]
                )
                failure.text = _xml_text("\n".join(lines))
            else:
                ET.SubElement(testcase, "system-out").text = _xml_text("\n".join(lines))
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return {"junit.xml": '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"}
