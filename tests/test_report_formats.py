"""Machine formats: JSON against its schema, JUnit, CSV, Markdown, re-rendering, determinism."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from test_report_sample import STORY, sample_tables

from checker.errors import CheckerError
from checker.report.commands import explain_command, find_finding, report_command
from checker.report.formats_machine import FINDINGS_CSV_COLUMNS, SCHEMA_FILE
from checker.report.writer import write_report
from checker.tables_io import write_tables

ALL_FORMATS = ["md", "csv", "junit", "json-schema"]


def _written(out: Path, formats=ALL_FORMATS, fail_on="major", hostile=False) -> dict[str, Path]:
    paths = write_report(out, sample_tables(hostile), formats, fail_on)
    return {p.relative_to(out).as_posix(): p for p in paths}


def test_writes_the_always_on_and_asked_for_files(tmp_path: Path) -> None:
    assert sorted(_written(tmp_path, formats=[])) == [
        "findings.json",
        "index.html",
        f"stories/{STORY}.html",
    ]
    assert sorted(_written(tmp_path / "all")) == [
        "claims.csv",
        "findings.csv",
        "findings.json",
        "findings.md",
        "findings.schema.json",
        "index.html",
        "junit.xml",
        f"stories/{STORY}.html",
    ]


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(CheckerError, match="unknown format sarif2"):
        write_report(tmp_path, sample_tables(), ["sarif2"], "none")
    assert not (tmp_path / "findings.json").exists()


@pytest.mark.parametrize("hostile", [False, True])
def test_findings_json_validates_against_the_shipped_schema(tmp_path: Path, hostile: bool) -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(_written(tmp_path, hostile=hostile)["findings.json"].read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["counts"]["findings"] == 4
    # the shipped copy written with --format json-schema is the same schema
    assert json.loads((tmp_path / "findings.schema.json").read_text()) == schema


def test_schema_rejects_a_broken_document(tmp_path: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    document = json.loads(_written(tmp_path)["findings.json"].read_text())
    document["findings"][0]["severity"] = "catastrophic"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    ("fail_on", "failures"), [("info", 4), ("minor", 3), ("major", 2), ("critical", 1), ("none", 0)]
)
def test_junit_counts_match_the_findings(tmp_path: Path, fail_on: str, failures: int) -> None:
    root = ET.parse(_written(tmp_path, ["junit"], fail_on)["junit.xml"]).getroot()
    cases = root.findall("./testsuite/testcase")
    # one case per rule and fact: the sample has four findings on four (rule, fact) pairs
    assert root.get("tests") == str(len(cases)) == "4"
    assert root.get("failures") == str(len(root.findall(".//failure"))) == str(failures)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == STORY
    assert {c.get("classname") for c in cases} == {
        f"{STORY}.{rule}"
        for rule in ("quantity-mismatch", "duration-mismatch", "speaker-conflict", "coverage-gap")
    }


def test_junit_survives_control_characters_in_article_text(tmp_path: Path) -> None:
    tables = sample_tables()
    tables["findings"] = tables["findings"].with_columns(
        tables["findings"]["message"] + "\x00\x07 <b>&"
    )
    path = write_report(tmp_path, tables, ["junit"], "info")
    root = ET.parse(tmp_path / "junit.xml").getroot()
    assert path and all("<b>&" in f.get("message", "") for f in root.iter("failure"))


def test_csv_columns(tmp_path: Path) -> None:
    files = _written(tmp_path, ["csv"])
    findings = list(csv.DictReader(io.StringIO(files["findings.csv"].read_text())))
    assert tuple(findings[0].keys()) == FINDINGS_CSV_COLUMNS
    assert len(findings) == 4
    by_id = {row["finding_id"]: row for row in findings}
    assert by_id["a1b2c3d4e5f60001"]["outlets"] == "east-echo; north-gazette; south-post; west-wire"
    claims = list(csv.DictReader(io.StringIO(files["claims.csv"].read_text())))
    assert len(claims) == 8
    assert {"claim_id", "doc_id", "outlet", "text", "topics"} <= set(claims[0])
    assert claims[0]["topics"] == "budget"


def test_markdown_has_the_counts_and_no_raw_html(tmp_path: Path) -> None:
    text = _written(tmp_path, ["md"], hostile=True)["findings.md"].read_text()
    assert "**4** findings: 1 critical, 1 major, 1 minor, 1 info" in text
    assert f"| {STORY} | 1 | 1 | 1 | 1 | 4 |" in text
    assert "speaker-conflict" in text
    assert "<img" not in text and "&lt;img" in text


def test_report_command_rerenders_the_same_files(tmp_path: Path) -> None:
    first = _written(tmp_path / "run")
    before = {name: path.read_bytes() for name, path in first.items()}
    folder = tmp_path / "saved"
    write_tables(folder, sample_tables())
    again, _ = report_command(folder, ALL_FORMATS, fail_on="major")
    after = {p.relative_to(folder).as_posix(): p.read_bytes() for p in again}
    assert after == before


def test_output_is_byte_identical_twice(tmp_path: Path) -> None:
    one = {n: p.read_bytes() for n, p in _written(tmp_path / "a", hostile=True).items()}
    two = {n: p.read_bytes() for n, p in _written(tmp_path / "b", hostile=True).items()}
    assert one == two


def test_report_command_on_a_folder_without_tables(tmp_path: Path) -> None:
    with pytest.raises(CheckerError, match="missing table"):
        report_command(tmp_path, [])


def test_explain_prints_one_finding_by_prefix(tmp_path: Path, capsys) -> None:
    write_tables(tmp_path, sample_tables())
    explain_command(tmp_path, "a1b2c3d4e5f60001"[:15] + "1")
    out = capsys.readouterr().out
    assert out.startswith("a1b2c3d4e5f60001  [major]  repair_budget: 12 million against 15 million")
    assert "north-gazette (also: south-post)" in out
    assert "[[15 million]]" in out
    with pytest.raises(CheckerError, match="matches 4 findings"):
        find_finding(sample_tables()["findings"], "a1b2")
    with pytest.raises(CheckerError, match="no finding"):
        explain_command(tmp_path, "ffff")
