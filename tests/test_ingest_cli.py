"""`checker ingest` end to end through the real CLI."""

from __future__ import annotations

import polars as pl
from typer.testing import CliRunner

from checker.cli import app
from checker.schema import TABLES
from checker.tables_io import MARKER


def test_ingest_writes_documents_and_prints_a_summary(tmp_path, write, articles):
    write("corpus/harbour/gazette.txt", "---\noutlet: Gazette\n---\n" + articles["harbour"])
    write("corpus/harbour/herald.txt", "---\noutlet: Herald\n---\n" + articles["harbour"])
    write("corpus/rail/courier.txt", articles["train"])
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "corpus"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 documents, 3 outlets, 2 stories" in result.stdout
    assert "harbour: 2 documents from 2 outlets, 1 duplicates" in result.stdout
    documents = pl.read_parquet(out / "documents.parquet")
    assert documents.schema == TABLES["documents"]
    assert documents.height == 3
    assert (out / MARKER).exists()


def test_a_bad_file_exits_2_but_the_good_documents_are_written(tmp_path, write, articles):
    write("corpus/rail/courier.txt", articles["train"])
    bad = write("corpus/rail/broken.md", "---\ntitle: never closed\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "corpus"), "--out", str(out)])
    assert result.exit_code == 2
    assert f"error: {bad.as_posix()}:1: front matter" in result.stderr
    assert "1 documents" in result.stdout
    documents = pl.read_parquet(out / "documents.parquet")
    assert documents["path"].to_list() == [(tmp_path / "corpus/rail/courier.txt").as_posix()]


def test_story_option(tmp_path, write):
    write("a/x.txt", "Body.")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a"), "--story", "given"])
    assert result.exit_code == 0
    assert "given: 1 documents" in result.stdout
