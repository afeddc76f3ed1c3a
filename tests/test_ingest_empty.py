"""A folder with no articles in it is a usage mistake: one message naming it, exit 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from checker.cli import app
from checker.errors import Problems
from checker.ingest import ingest


def test_empty_folder_is_reported_once_with_the_readers_available(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("not an article\n", encoding="utf-8")  # skipped
    problems = Problems()
    documents = ingest([str(tmp_path)], problems=problems)
    assert documents.is_empty()
    messages = [p.render() for p in problems]
    assert len(messages) == 1
    assert str(tmp_path) in messages[0] and "no articles found" in messages[0]
    assert ".txt" in messages[0]


def test_compare_on_an_empty_folder_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["compare", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no articles found" in result.output
