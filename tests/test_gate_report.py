"""`checker gate --out DIR --format ...` keeps the discrepancy report next to the verdict."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from checker.cli import app
from checker.resources import seeds_dir

runner = CliRunner()


def test_gate_writes_report_and_extra_formats_into_out(tmp_path: Path) -> None:
    out = tmp_path / "gate-report"
    story = str(seeds_dir() / "library-reopening")
    result = runner.invoke(
        app, ["gate", story, "--out", str(out), "--format", "md", "--format", "sarif"]
    )
    assert result.exit_code == 0, result.output
    for name in ("gate.html", "gate-results.json", "index.html", "findings.md", "findings.sarif"):
        assert (out / name).is_file(), name
    assert json.loads((out / "findings.sarif").read_text())["version"] == "2.1.0"


def test_gate_format_without_out_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["gate", str(tmp_path), "--format", "md"])
    assert result.exit_code == 2
    assert "--format needs --out" in result.output
