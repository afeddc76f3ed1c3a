"""SARIF output: valid SARIF 2.1.0 (pydantic-sarif's object model, generated from the OASIS
schema) whose results point at the right line and column of the source .txt/.md files."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import polars as pl
import pytest
from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog

from checker.pipeline import run_pipeline
from checker.report.formats_sarif import FINGERPRINT_KEY, SARIF_FILE, artifact_uri, render_sarif
from checker.report.registry import ReportInput
from checker.report.source_lines import SourceLocator
from checker.report.writer import report_tables, write_report
from checker.schema import from_rows

# The candidate's third body line holds the odd figure. The layout defeats counting lines in
# the cleaned text: no blank lines between paragraphs (cleanup adds them), a tab, runs of spaces.
CANDIDATE = (
    "---\noutlet: alpha-news\nrole: candidate\n---\n"
    "A passenger ferry capsized in heavy seas off the island late on Saturday, officials said.\n"
    "Rescuers   worked through the night to pull survivors from the water.\n"
    "\tThe disaster agency said on Sunday that  eight people died when the ferry overturned.\n"
    "The vessel was carrying about 180 people when it overturned.\n"
)
# Markdown: a link and bold markup inside the sentence, a heading, a hard-wrapped paragraph.
CANDIDATE_MD = (
    "---\noutlet: alpha-news\n---\n\n# Ferry capsizes off the island\n\n"
    "A passenger ferry capsized in heavy seas off the island late on Saturday, officials said,\n"
    "and rescuers   worked through the night.\n\n"
    "According to [the agency](https://example.org/agency-2024), **eight people** died when "
    "the ferry overturned, the disaster agency said on Sunday.\n"
)
AGREEING = {
    "beta.txt": "---\noutlet: beta-post\n---\n"
    "A passenger ferry sank in a storm off the island late on Saturday.\n"
    "Eleven people died when the ferry overturned, the disaster agency said on Sunday.\n",
    "gamma.txt": "---\noutlet: gamma-post\n---\n"
    "Storm sinks island ferry. Rescuers searched through the night in rough seas.\n"
    "Eleven people died when the boat overturned, the provincial disaster agency said.\n",
    "delta.txt": "---\noutlet: delta-post\n---\n"
    "Officials confirmed that the ferry capsized off the island.\n"
    "The disaster agency said on Sunday that 11 people died when the ferry overturned.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, pl.DataFrame]]:
    """Two stories (txt and md candidate), each with three outlets agreeing on another figure."""
    root = tmp_path_factory.mktemp("sarif")
    for story, name, text in (
        ("ferry", "alpha.txt", CANDIDATE),
        ("ferry-md", "alpha.md", CANDIDATE_MD),
    ):
        (root / story).mkdir()
        (root / story / name).write_text(text, encoding="utf-8")
        for other, body in AGREEING.items():
            (root / story / other).write_text(body, encoding="utf-8")
    tables = run_pipeline([str(root / "ferry"), str(root / "ferry-md")])
    return root, tables


def _render(root: Path, tables: dict[str, pl.DataFrame], monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.chdir(root)
    written = write_report(root / "out", tables, ["sarif"])
    assert root / "out" / SARIF_FILE in written
    log = json.loads((root / "out" / SARIF_FILE).read_text(encoding="utf-8"))
    SarifLog.model_validate(log)  # raises on anything the SARIF 2.1.0 schema forbids
    return log


def _results(log: dict, rule_id: str, uri: str) -> list[dict]:
    return [
        r
        for r in log["runs"][0]["results"]
        if r["ruleId"] == rule_id
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    ]


def _pointed_text(root: Path, result: dict) -> tuple[int, str]:
    """(line number, the text between startColumn and endColumn) read from the file itself."""
    location = result["locations"][0]["physicalLocation"]
    region = location["region"]
    assert region["startLine"] == region["endLine"]
    lines = (root / location["artifactLocation"]["uri"]).read_text(encoding="utf-8").split("\n")
    line = lines[region["startLine"] - 1]
    return region["startLine"], line[region["startColumn"] - 1 : region["endColumn"] - 1]


def test_a_contradicting_number_is_located_in_the_txt_source(corpus, monkeypatch) -> None:
    root, tables = corpus
    log = _render(root, tables, monkeypatch)
    [result] = _results(log, "quantity-mismatch", "ferry/alpha.txt")
    line, pointed = _pointed_text(root, result)
    assert line == 7  # four lines of front matter, then the third body line
    assert pointed == "eight people died"
    assert result["level"] == "error"  # the rule is major
    assert result["properties"]["location"] == "source"
    finding = (
        tables["findings"]
        .filter((pl.col("rule_id") == "quantity-mismatch") & (pl.col("story") == "ferry"))
        .row(0, named=True)
    )
    assert result["partialFingerprints"][FINGERPRINT_KEY] == finding["finding_id"]
    assert result["message"]["text"] == finding["message"]
    # the three agreeing outlets are the yardstick, not offenders: no annotation for them
    for other in AGREEING:
        assert _results(log, "quantity-mismatch", f"ferry/{other}") == []


def test_markup_inside_the_sentence_is_skipped_in_markdown(corpus, monkeypatch) -> None:
    root, tables = corpus
    log = _render(root, tables, monkeypatch)
    [result] = _results(log, "quantity-mismatch", "ferry-md/alpha.md")
    line, pointed = _pointed_text(root, result)
    assert line == 10
    assert pointed.startswith("eight") and pointed.endswith("died")
    assert pointed.replace("*", "") == "eight people died"


def test_rules_describe_every_rule_with_results(corpus, monkeypatch) -> None:
    root, tables = corpus
    log = _render(root, tables, monkeypatch)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "checker"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(set(tables["findings"]["rule_id"]))
    by_id = {r["id"]: r for r in rules}
    quantity = by_id["quantity-mismatch"]
    assert quantity["defaultConfiguration"]["level"] == "error"
    assert quantity["properties"]["check"] == "quantity"
    assert quantity["shortDescription"]["text"]
    assert quantity["fullDescription"]["text"].split()[:3] == finding_explanation(tables)[:3]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def finding_explanation(tables: dict[str, pl.DataFrame]) -> list[str]:
    rows = tables["findings"].filter(pl.col("rule_id") == "quantity-mismatch")
    return rows["explanation"][0].split()


def test_the_same_run_gives_the_same_bytes(corpus, monkeypatch) -> None:
    root, tables = corpus
    monkeypatch.chdir(root)
    report = ReportInput(tables=report_tables(tables))
    assert render_sarif(report) == render_sarif(report)
    shuffled = {name: frame.reverse() for name, frame in tables.items()}
    assert render_sarif(ReportInput(tables=report_tables(shuffled))) == render_sarif(report)


# --- the locator alone ---------------------------------------------------------------------


def test_columns_count_code_points_in_the_source_spelling() -> None:
    cleaned = "Réunion à Genève.\n\nLe bilan est de 12 morts, dit-il."
    # the source: decomposed accents (NFD), a hard wrap inside the first paragraph, a tab
    source = unicodedata.normalize("NFD", "Réunion à\nGenève.\n\tLe bilan est de 12 morts, dit-il.")
    locator = SourceLocator(cleaned, body_line=3, source=source)
    sentence = (cleaned.index("Le"), len(cleaned))
    number = (cleaned.index("12 morts"), cleaned.index("12 morts") + len("12 morts"))
    region = locator.region(sentence, number)
    assert (region.start_line, region.start_column, region.end_column) == (5, 18, 26)
    accented = (cleaned.index("Genève"), cleaned.index("Genève") + len("Genève"))
    region = locator.region((0, cleaned.index(".") + 1), accented)
    line = source.split("\n")[region.start_line - 3]
    assert line[region.start_column - 1 : region.end_column - 1] == unicodedata.normalize(
        "NFD", "Genève"
    )


def test_signs_around_a_value_are_taken_in_when_the_source_has_them() -> None:
    cleaned = "The council set aside $12 million (about 4%) for the wall."
    source = "The council set aside  $12 million\n(about 4%) for the wall."
    locator = SourceLocator(cleaned, body_line=1, source=source)
    lines = source.split("\n")

    def pointed(value: str) -> tuple[int, str]:
        start = cleaned.index(value)
        region = locator.region((0, len(cleaned)), (start, start + len(value)))
        line = lines[region.start_line - 1]
        return region.start_line, line[region.start_column - 1 : region.end_column - 1]

    assert pointed("$12") == (1, "$12")
    assert pointed("4%)") == (2, "4%)")
    assert pointed("(about") == (2, "(about")


def test_a_repeated_sentence_maps_to_the_same_occurrence() -> None:
    cleaned = "It rained.\n\nIt rained.\n\nThen 3 boats sank. It rained."
    source = "It rained.\nIt rained.\n\n\nThen 3 boats sank.  It rained."
    locator = SourceLocator(cleaned, body_line=10, source=source)
    third = cleaned.rindex("It rained.")
    region = locator.region((third, third + 10), (third, third + 10))
    assert (region.start_line, region.start_column) == (14, 21)


def test_a_file_gone_since_the_run_gets_an_estimated_line(tmp_path: Path) -> None:
    cleaned = "First paragraph.\n\nThe toll rose to 40."
    locator = SourceLocator.for_file(cleaned, body_line=4, path=str(tmp_path / "gone.txt"))
    region = locator.region((18, len(cleaned)), (35, 37))
    assert (region.start_line, region.start_column, region.exact) == (6, None, False)
    assert region.to_sarif() == {"startLine": 6}


def test_artifact_uris_are_relative_posix_and_escaped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("articles/my story/a.txt") == ("articles/my%20story/a.txt", "%SRCROOT%")
    inside = tmp_path / "articles" / "b.md"
    assert artifact_uri(str(inside)) == ("articles/b.md", "%SRCROOT%")
    outside = Path("/somewhere/else/c.txt")
    assert artifact_uri(str(outside)) == ("file:///somewhere/else/c.txt", None)


# --- which evidence becomes a result -------------------------------------------------------


def _synthetic(tmp_path: Path, status: str = "new", severity: str = "minor") -> ReportInput:
    text = "Officials met on Monday.\n\nThe meeting lasted two hours."
    (tmp_path / "a.txt").write_text("---\noutlet: a\n---\n" + text.replace("\n\n", "\n"))
    (tmp_path / "b.txt").write_text("The meeting lasted one hour.\n")
    # a syndicated copy of a.txt, laid out differently: it carries the same error
    (tmp_path / "copy.txt").write_text("Officials met on\nMonday.\n\nThe meeting lasted two hours.")
    documents = from_rows(
        [
            {
                "doc_id": "da",
                "story": "s",
                "outlet": "a",
                "text": text,
                "path": "a.txt",
                "body_line": 4,
            },
            {
                "doc_id": "db",
                "story": "s",
                "outlet": "b",
                "text": "The meeting lasted one hour.",
                "path": "b.txt",
                "body_line": 1,
            },
            {
                "doc_id": "dc",
                "story": "s",
                "outlet": "c",
                "text": "The meeting lasted one hour.",
                "path": "feed.jsonl",
                "body_line": None,
            },
            {
                "doc_id": "dd",
                "story": "s",
                "outlet": "d",
                "text": text,
                "path": "copy.txt",
                "body_line": 1,
                "duplicate_of": "da",
            },
        ],
        "documents",
    )
    claims = from_rows(
        [
            {
                "claim_id": "ca",
                "doc_id": "da",
                "story": "s",
                "start": 26,
                "end": 55,
                "text": "The meeting lasted two hours.",
            },
            {
                "claim_id": "cb",
                "doc_id": "db",
                "story": "s",
                "start": 0,
                "end": 28,
                "text": "The meeting lasted one hour.",
            },
            {
                "claim_id": "cc",
                "doc_id": "dc",
                "story": "s",
                "start": 0,
                "end": 28,
                "text": "The meeting lasted one hour.",
            },
        ],
        "claims",
    )

    def entry(side: str, doc: str, claim: str, sentence: str, value: str) -> dict:
        start = sentence.index(value) if value else None
        return {
            "outlet": doc,
            "outlets": [doc],
            "side": side,
            "value": value,
            "sentence": sentence,
            "start": start,
            "end": start + len(value) if value else None,
            "doc_id": doc,
            "claim_id": claim,
        }

    findings = from_rows(
        [
            {
                "finding_id": "f1",
                "rule_id": "duration-mismatch",
                "check": "duration",
                "severity": severity,
                "story": "s",
                "key": "meeting",
                "message": "two hours vs one",
                "explanation": "",
                "outlets": ["a", "b", "c"],
                "claim_ids": ["ca", "cb", "cc"],
                "status": status,
                "evidence": [
                    entry("majority", "db", "cb", "The meeting lasted one hour.", "one hour"),
                    entry("majority", "dc", "cc", "The meeting lasted one hour.", "one hour"),
                    entry("minority", "da", "ca", "The meeting lasted two hours.", "two hours"),
                ],
            },
            {
                "finding_id": "f2",
                "rule_id": "house-omission",
                "check": "coverage",
                "severity": "info",
                "story": "s",
                "key": "statement:x",
                "message": "omitted by b",
                "explanation": "",
                "outlets": ["a", "b"],
                "claim_ids": ["ca", "cb"],
                "status": status,
                "evidence": [entry("minority", "db", "cb", "", "")],
            },
        ],
        "findings",
    )
    tables = {"documents": documents, "claims": claims, "findings": findings}
    return ReportInput(tables=report_tables(tables))


@pytest.mark.parametrize(
    ("severity", "level"),
    [("critical", "error"), ("major", "error"), ("minor", "warning"), ("info", "note")],
)
def test_levels_follow_severity_and_only_offending_sides_are_annotated(
    tmp_path: Path, monkeypatch, severity: str, level: str
) -> None:
    monkeypatch.chdir(tmp_path)
    log = json.loads(render_sarif(_synthetic(tmp_path, severity=severity))[SARIF_FILE])
    SarifLog.model_validate(log)
    results = log["runs"][0]["results"]
    located = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in results
    ]
    assert located == [  # findings in the one order, each finding's places by file and line
        (
            "duration-mismatch",
            "a.txt",
            {"startLine": 5, "startColumn": 20, "endLine": 5, "endColumn": 29},
        ),
        (
            "duration-mismatch",
            "copy.txt",
            {"startLine": 4, "startColumn": 20, "endLine": 4, "endColumn": 29},
        ),
        ("house-omission", "b.txt", {"startLine": 1}),  # an omission points at the article
    ]  # the majority entries (b.txt, and feed.jsonl which has no lines) are not annotated
    assert {r["ruleId"]: r["level"] for r in results}["duration-mismatch"] == level
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["duration-mismatch"]["defaultConfiguration"]["level"] == level
    # a user's rule the shipped pack does not know: its id for a title, no empty texts
    assert rules["house-omission"]["shortDescription"] == {"text": "House omission"}
    assert "fullDescription" not in rules["house-omission"]


def test_baselined_findings_are_marked_suppressed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    log = json.loads(render_sarif(_synthetic(tmp_path, status="baselined"))[SARIF_FILE])
    SarifLog.model_validate(log)
    for result in log["runs"][0]["results"]:
        assert result["baselineState"] == "unchanged"
        assert result["suppressions"][0]["kind"] == "external"


def test_no_findings_is_a_valid_empty_run(tmp_path: Path) -> None:
    log = json.loads(render_sarif(ReportInput(tables=report_tables({})))[SARIF_FILE])
    SarifLog.model_validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
