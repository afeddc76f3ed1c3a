"""`checker extract`: ingest, extract, write the four tables and print a summary."""

from __future__ import annotations

import polars as pl
from typer.testing import CliRunner

from checker.cli import app
from checker.tables_io import read_table

ARTICLE = (
    "---\noutlet: harbour-times\nstory: council-budget\n---\n"
    "The council approved a 12 million budget on Monday after a four-hour debate.\n"
    '"This is a turning point for the district," Mayor Ana Ruiz told reporters.\n'
    "Opponents said the spending would raise taxes by about 4 percent.\n"
)


def test_extract_writes_tables_and_prints_a_summary(tmp_path, write) -> None:
    write("corpus/harbour.txt", ARTICLE)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "corpus"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "council-budget: 1 documents, 3 claims (2 attributed)" in result.output
    claims = read_table(out, "claims")
    assert claims.height == 3
    mayor = claims.filter(pl.col("quote"))
    assert mayor["speaker"].to_list() == ["Ana Ruiz"]
    assert mayor["speaker_role"].to_list() == ["Mayor"]
    for name in ("documents", "quantities", "times", "quotes", "mentions"):
        assert (out / f"{name}.parquet").is_file()


def test_extract_needs_an_output_folder(tmp_path, write) -> None:
    write("corpus/harbour.txt", ARTICLE)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "corpus")])
    assert result.exit_code == 2
