"""Merging story results: in memory in a one-pass run's row order, or streamed to a folder.

In memory (`TableCollector`), every table comes out equal to what one pass over the whole
corpus returns, rows in the same order: documents as read, claims in document order, their
figures and times in claim order, matches by claim pair, facts quantity first, then
statements, then dates, as the match stage concatenates them, each sorted by story and key.

Streamed (`PartsWriter`, for `checker compare`), each story's tables are written to a parts
folder the moment they arrive and concatenated at the end without loading them: the merged
tables hold the same rows in story order (a one-pass run orders documents by path, which is
the same order when every story is a folder). findings.json and the report read the findings,
which are sorted either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from checker.engine.partition import StoryResult
from checker.pipeline import TABLE_ORDER
from checker.report import writer as report_writer
from checker.report.json_findings import findings_json_pieces
from checker.schema import TABLES, conform, empty
from checker.tables_io import mark_output_dir

# The match stage's fact kinds, in the order it concatenates them (checker/match/__init__.py).
_FACT_PREFIXES = ("quantity:", "statement:", "date:")


class TableCollector:
    """Keeps every story's tables; `tables()` merges them in a one-pass run's order."""

    def __init__(self) -> None:
        self._parts: dict[str, list[pl.DataFrame]] = {name: [] for name in TABLE_ORDER}

    def add(self, result: StoryResult) -> None:
        for name, frame in result.tables.items():
            self._parts.setdefault(name, []).append(frame)

    def tables(self, documents: pl.DataFrame) -> dict[str, pl.DataFrame]:
        merged = {
            name: conform(pl.concat(parts), name) if parts else empty(name)
            for name, parts in self._parts.items()
        }
        return in_run_order(merged, documents)


def in_run_order(
    tables: dict[str, pl.DataFrame], documents: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    """Story-ordered tables re-sorted into a one-pass run's row order (stable sorts only)."""
    doc_pos = documents.select("doc_id", pl.int_range(pl.len()).alias("_pos"))
    claims = (
        tables["claims"]
        .join(doc_pos, on="doc_id", how="left", maintain_order="left")
        .sort("_pos", maintain_order=True)
        .drop("_pos")
    )
    claim_pos = claims.select("claim_id", pl.int_range(pl.len()).alias("_pos"))
    out = dict(tables)
    out["documents"] = conform(documents, "documents")
    out["claims"] = claims
    for name in ("quantities", "times", "quotes", "mentions"):
        out[name] = (
            tables[name]
            .join(claim_pos, on="claim_id", how="left", maintain_order="left")
            .sort("_pos", maintain_order=True)
            .drop("_pos")
        )
    out["matches"] = tables["matches"].sort("claim_a", "claim_b", maintain_order=True)
    rank = pl.lit(len(_FACT_PREFIXES))
    for index, prefix in reversed(list(enumerate(_FACT_PREFIXES))):
        rank = pl.when(pl.col("key").str.starts_with(prefix)).then(index).otherwise(rank)
    out["facts"] = tables["facts"].sort(rank, maintain_order=True)
    return {name: out[name] for name in (*TABLE_ORDER, *(n for n in out if n not in TABLE_ORDER))}


# The findings columns the command itself reads (summary, --statistics, --fail-on); the
# whole table is in findings.parquet.
SUMMARY_COLUMNS = ("story", "severity", "rule_id", "check")
_ROWS = "findings.rows"  # a story's rows of findings.json, in its parts folder


class PartsWriter:
    """Writes each story's tables (Arrow IPC) and findings.json rows under `out_dir/.parts/`
    and its page under `stories/`, keeping only the index rows and a few columns of the
    findings; tables a story hands over as files (in the story cache) are not copied.
    `finish()` merges every story's files into the tables, `findings_json()` streams
    findings.json."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.parts = out_dir / ".parts"
        self.findings: list[pl.DataFrame] = []
        self.by_severity: dict[str, int] = {}
        self.headers: list[dict] = []
        self.pages: list[Path] = []
        self._files: dict[str, list[Path]] = {}  # table -> its stories' files, in story order
        self._unnamed: str | None = None  # the folder of the story without a name, if any

    def add(self, result: StoryResult) -> None:
        folder = self.parts / f"{result.seq:07d}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, frame in result.tables.items():
            if name not in result.table_files:
                path = folder / f"{name}.arrow"
                (conform(frame, name) if name in TABLES else frame).write_ipc(path)
                self._files.setdefault(name, []).append(path)
        for name, file in result.table_files.items():
            self._files.setdefault(name, []).append(Path(file))
        findings = result.tables.get("findings")
        if findings is None or "findings" in result.table_files:
            findings = pl.read_ipc(result.table_files["findings"], columns=list(SUMMARY_COLUMNS))
        self.findings.append(findings.select(SUMMARY_COLUMNS))
        for severity, count in findings["severity"].value_counts().iter_rows():
            self.by_severity[severity] = self.by_severity.get(severity, 0) + count
        if result.findings_json:
            (folder / _ROWS).write_text(result.findings_json, encoding="utf-8")
            if result.story is None:
                self._unnamed = folder.name
        if result.page is not None and result.header is not None:
            relative, html = result.page
            report_writer.atomic_write_text(self.out_dir / relative, html)
            self.pages.append(self.out_dir / relative)
            self.headers.append(result.header)

    def finish(self) -> pl.DataFrame:
        """Merge the stories' files into `<table>.parquet` (streaming, never all in memory)
        and return the run's findings (SUMMARY_COLUMNS)."""
        mark_output_dir(self.out_dir)
        for name in TABLE_ORDER if not self._files else self._files:
            target = self.out_dir / f"{name}.parquet"
            tmp = target.with_name(f".{target.name}.merge.tmp")
            files = self._files.get(name)
            source = pl.scan_ipc(files) if files else empty(name).lazy()
            source.sink_parquet(tmp)
            tmp.replace(target)
        if self.findings:
            return pl.concat(self.findings)
        return empty("findings").select(SUMMARY_COLUMNS)

    def findings_json(self) -> Iterator[bytes]:
        """findings.json, story by story from the parts (the one order puts a story without
        a name last), equal byte for byte to report.json_findings.findings_json."""
        folders = sorted(self._folders(), key=lambda folder: folder.name == self._unnamed)
        blocks = (
            (folder / _ROWS).read_text(encoding="utf-8")
            for folder in folders
            if (folder / _ROWS).is_file()
        )
        for piece in findings_json_pieces(self.by_severity, blocks):
            yield piece.encode("utf-8")

    def cleanup(self) -> None:
        _remove_tree(self.parts)

    def _folders(self) -> list[Path]:
        if not self.parts.is_dir():
            return []
        return sorted(p for p in self.parts.iterdir() if p.is_dir())


def _remove_tree(folder: Path) -> None:
    """Remove the parts folder (two levels of plain files; no fd-based rmtree needed)."""
    if not folder.is_dir():
        return
    for child in sorted(folder.iterdir()):
        if child.is_dir():
            for path in child.iterdir():
                path.unlink()
            child.rmdir()
        else:
            child.unlink()
    folder.rmdir()
