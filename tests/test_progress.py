"""Progress reporting: bars on a terminal, silence in pipes and CI logs, every stage counted."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import polars as pl

from checker.pipeline import run_from_documents, run_pipeline
from checker.progress import Advance, progress
from checker.report.writer import write_report
from checker.schema import from_rows

STAGES = ("ingest", "extract", "match", "checks")


class TerminalStream(io.StringIO):
    """A text stream that says it is a terminal, as stderr does in an interactive shell."""

    def isatty(self) -> bool:
        return True


class Recorder:
    """A reporter that remembers each stage's total and how far it was advanced."""

    def __init__(self) -> None:
        self.totals: dict[str, int | None] = {}
        self.done: dict[str, int] = {}

    def stage(self, name: str, total: int | None = None) -> Advance:
        self.totals[name] = total
        self.done[name] = 0

        def advance(step: int = 1) -> None:
            self.done[name] += step

        return advance


def _run_stages(stream: io.StringIO, enabled: bool | None) -> None:
    with progress(enabled=enabled, stream=stream) as reporter:
        for name, total in (("extract", 3), ("report", 2)):
            advance = reporter.stage(name, total)
            for _ in range(total):
                advance()


def test_quiet_when_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()  # a pipe or a CI log: isatty() is False
    _run_stages(stream, enabled=None)
    assert stream.getvalue() == ""


def test_forced_reporter_writes_every_stage_name() -> None:
    stream = io.StringIO()
    _run_stages(stream, enabled=True)
    output = stream.getvalue()
    assert "extract" in output and "report" in output
    assert "3/3" in output and "2/2" in output  # the final counts of each bar


def test_draws_on_a_terminal_unless_disabled() -> None:
    terminal = TerminalStream()
    _run_stages(terminal, enabled=None)
    assert "extract" in terminal.getvalue()
    off = TerminalStream()
    _run_stages(off, enabled=False)
    assert off.getvalue() == ""


def _documents(articles: dict[str, str]) -> pl.DataFrame:
    rows = [
        {"doc_id": f"doc-{name}-{i}", "story": "local", "outlet": f"{name}-{i}", "text": text}
        for name, text in articles.items()
        for i in range(2)
    ]
    rows.append({"doc_id": "doc-empty", "story": "local", "outlet": "empty", "text": " "})
    return from_rows(rows, "documents")


def test_pipeline_counts_every_document_and_finishes_every_stage(
    articles: dict[str, str],
) -> None:
    documents = _documents(articles)
    recorder = Recorder()
    tables = run_from_documents(documents, reporter=recorder)
    assert list(recorder.totals) == ["extract", "match", "checks"]
    assert recorder.totals["extract"] == recorder.done["extract"] == documents.height
    assert all(recorder.done[name] == recorder.totals[name] for name in recorder.totals)
    # the hook changes nothing in what the run computes
    assert tables["claims"].equals(run_from_documents(documents)["claims"])


def test_pipeline_from_files_reports_ingest_first(
    write: Callable[[str, str], Path], articles: dict[str, str]
) -> None:
    for name, text in articles.items():
        write(f"corpus/local/{name}.txt", text)
    recorder = Recorder()
    root = write("corpus/README.md", "not an article").parent
    tables = run_pipeline([str(root)], reporter=recorder)
    assert tuple(recorder.totals) == STAGES
    assert recorder.done["extract"] == tables["documents"].height == len(articles)


def test_report_counts_one_step_per_story_page(tmp_path: Path, articles: dict[str, str]) -> None:
    documents = _documents(articles).with_columns(
        pl.when(pl.col("outlet").str.ends_with("-1"))
        .then(pl.lit("second"))
        .otherwise(pl.col("story"))
        .alias("story")
    )
    tables = run_from_documents(documents)
    recorder = Recorder()
    written = write_report(tmp_path, tables, reporter=recorder)
    pages = [p for p in written if p.parent.name == "stories"]
    assert recorder.totals == {"report": 2}
    assert recorder.done["report"] == len(pages) == 2
