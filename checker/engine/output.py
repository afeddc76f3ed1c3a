"""`checker compare` story by story into its output folder, so memory follows the largest story.

Each story's worker returns its tables and its HTML page; the page and the tables are written
at once (merge.PartsWriter) and only the findings and the story's index row are kept. After
the last story the tables are merged on disk, then findings.json, index.html and the formats
asked for are written from the merged findings. A format other than the two always written
(md, csv, sarif, ...) reads the tables it needs back from the folder, the first time it asks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from checker.engine import EngineOptions, RunStats, make_spec, run_stories
from checker.engine.merge import PartsWriter
from checker.errors import Problems
from checker.progress import Reporter, stage_of
from checker.report.writer import REPORT_TABLES


@dataclass
class FolderRun:
    findings: pl.DataFrame
    written: list[Path]  # report files, sorted (story pages included)
    stats: RunStats


class FolderTables(Mapping[str, pl.DataFrame]):
    """The report's tables, read from the folder the first time a format asks for one."""

    def __init__(self, out_dir: Path) -> None:
        self._out_dir = out_dir
        self._loaded: dict[str, pl.DataFrame] = {}

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in REPORT_TABLES:
            raise KeyError(name)
        if name not in self._loaded:
            from checker.tables_io import read_table

            self._loaded[name] = read_table(self._out_dir, name)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(REPORT_TABLES)

    def __len__(self) -> int:
        return len(REPORT_TABLES)


def compare_to_folder(
    sources: Sequence[str],
    out_dir: Path,
    options: EngineOptions,
    story: str | None = None,
    rule_dirs: Sequence[Path] = (),
    reference: Sequence[str] = (),
    problems: Problems | None = None,
    reporter: Reporter | None = None,
    formats: Sequence[str] = (),
    fail_on: str = "none",
    sarif_min_severity: str = "minor",
    min_confidence: float = 0.0,
) -> FolderRun:
    from checker.engine.ingest_stories import ingest_stories
    from checker.report.registry import resolve_formats
    from checker.rulepack import RulePack
    from checker.ruleset.config import load_config

    chosen = resolve_formats(list(formats))  # an unknown format fails before any work
    config = load_config()
    pack = RulePack.load(list(rule_dirs), config)
    spilled = ingest_stories(
        list(sources),
        out_dir / ".ingest",
        story=story,
        problems=problems,
        reference=list(reference),
        reporter=reporter,
        limits=config.limits,
    )
    spec = make_spec(
        pack, config, rule_dirs, options, min_confidence=min_confidence, render_pages=True
    )
    # local workers share this machine's disk: tables in the story cache travel as paths
    spec = replace(spec, tables_by_file=options.engine == "local")
    writer = PartsWriter(out_dir)
    counts = (spilled.documents, spilled.stories)
    stats = run_stories(spilled.tasks(), spec, options, writer.add, reporter, counts)
    stage_of(reporter, "tables")
    findings = writer.finish()
    advance = stage_of(reporter, "report", 1)
    written = _write_report(out_dir, chosen, writer, fail_on, sarif_min_severity)
    writer.cleanup()
    advance()
    return FolderRun(findings, written, stats)


def _write_report(
    out_dir: Path,
    chosen: list,
    writer: PartsWriter,
    fail_on: str,
    sarif_min_severity: str,
) -> list[Path]:
    from checker.report import writer as report_writer
    from checker.report.formats_html import render_index
    from checker.report.registry import ReportInput
    from checker.tables_io import atomic_write_chunks, mark_output_dir

    report = ReportInput(
        tables=FolderTables(out_dir),
        fail_on=fail_on,
        sarif_min_severity=sarif_min_severity,
    )
    files: dict[str, str | None] = {}
    for fmt in chosen:
        if fmt.name == "html":  # the pages are written already, story by story
            files["index.html"] = render_index(writer.headers)
        elif fmt.name == "json":  # streamed from the stories' rows: never whole in memory
            files["findings.json"] = None
        else:
            files.update(fmt.render(report))
    mark_output_dir(out_dir)
    written = list(writer.pages)
    for relative in sorted(files):
        target = out_dir / relative
        text = files[relative]
        if text is None:
            atomic_write_chunks(target, writer.findings_json())
        else:
            report_writer.atomic_write_text(target, text)  # one way to write a report
        written.append(target)
    return sorted(written)
