"""`--format github`: workflow-command annotations printed to stdout at the changed line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.report.formats_github import annotation

SAID = "At least 23 people were killed when the bridge collapsed, police said."


def article(outlet: str, body: str) -> str:
    front = f"---\noutlet: {outlet}\nstory: bridge\n---\n"
    return f"{front}The bridge over the river fell at dawn.\n\n{body}\n"


@pytest.fixture
def drifted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reference and a rewrite that changed its figure, in the working folder."""
    monkeypatch.chdir(tmp_path)
    Path("wire").mkdir()
    Path("wire/reference.txt").write_text(article("wireline", SAID), encoding="utf-8")
    Path("site").mkdir()
    Path("site/rewrite.txt").write_text(
        article("rewritenews", SAID.replace("23", "32")), encoding="utf-8"
    )


def test_a_drifted_rewrite_is_annotated_at_its_file_and_line(drifted: None) -> None:
    result = CliRunner().invoke(
        app,
        ["compare", "site", "--reference", "wire", "--format", "github", "--out", "out"],
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("::")]
    assert lines, result.output
    assert lines[0].startswith("::error file=site/rewrite.txt,line=7,")  # the changed figure
    assert "32" in lines[0]
    assert Path("out/annotations.txt").read_text(encoding="utf-8").splitlines() == lines


def test_properties_and_messages_are_escaped() -> None:
    result = {
        "level": "warning",
        "ruleId": "name-spelling",
        "message": {"text": "50% said: a,b\nnext"},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": "a,b:c.txt"},
                                  "region": {"startLine": 3}}}
        ],
        "properties": {},
    }
    line = annotation(result)
    assert line == (
        "::warning file=a%2Cb%3Ac.txt,line=3,title=checker name-spelling"
        "::50%25 said: a,b%0Anext"
    )
    assert annotation({**result, "level": "note"}) is None


def test_findings_md_gives_each_finding_its_file_line_and_report_link(drifted: None) -> None:
    result = CliRunner().invoke(
        app, ["compare", "site", "--reference", "wire", "--format", "md", "--out", "out"]
    )
    assert result.exit_code == 0, result.output
    markdown = Path("out/findings.md").read_text(encoding="utf-8")
    row = next(line for line in markdown.splitlines() if "quantity-mismatch" in line)
    assert "site/rewrite.txt:7" in row
    assert "[report](stories/bridge.html#f-" in row


def test_sarif_leaves_info_out_unless_asked(tmp_path: Path) -> None:
    import json

    from checker.resources import seeds_dir

    runner = CliRunner()
    for name, extra in [("default", []), ("all", ["--sarif-min-severity", "info"])]:
        result = runner.invoke(
            app,
            ["compare", str(seeds_dir()), "--out", str(tmp_path / name), "--format", "sarif",
             *extra],
        )
        assert result.exit_code == 0, result.output
    levels = {
        name: {r["level"] for r in json.loads((tmp_path / name / "findings.sarif").read_text())[
            "runs"][0]["results"]}
        for name in ("default", "all")
    }
    assert "note" not in levels["default"] and "note" in levels["all"]
