"""One story partition through extract, match, check and its report page: the unit of work.

Stories are independent: dedupe, matching, checks and reference mode all work within one story
(docs/ARCHITECTURE.md, "Scale"). So the run splits the documents table by story and hands each
partition to `run_story`, in this process, in a process pool or on a Dask worker alike. What a
worker needs besides the partition travels in a `RunSpec`, which is small and picklable; the
worker rebuilds the rule pack from it once and keeps it for the next stories.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from checker.errors import CheckerError
from checker.progress import StageClock

if TYPE_CHECKING:
    from checker.rulepack import RulePack
    from checker.ruleset.config import Config


@dataclass(frozen=True)
class RunSpec:
    """Everything a story's run depends on besides its documents."""

    rule_dirs: tuple[str, ...]  # absolute, so a worker elsewhere reads the same folders
    config: Config
    cache_dir: str | None = None  # the extraction cache (checker.engine.cache); None: off
    cache_salt: str = ""
    code: str = ""  # checker.engine.cache.code_hash() of the client: workers must match it
    min_confidence: float = 0.0  # findings under it are dropped before the page is drawn
    render_pages: bool = False  # draw the story's page, index row and findings.json rows
    story_salt: str = ""  # the story result cache (checker.engine.story_cache); "": off
    # The caller reads files on this machine: a story's tables in the story cache are handed
    # back as paths (StoryResult.table_files), not read and sent (compare, local engine).
    tables_by_file: bool = False

    @property
    def token(self) -> str:
        return hashlib.sha1(pickle.dumps(self)).hexdigest()


@dataclass
class StoryTask:
    seq: int  # position in sorted story order: results are merged in this order
    story: str | None
    documents: pl.DataFrame
    raw: bool = False  # rows as read (ingest.rows_frame): the worker sorts and dedupes them


@dataclass
class StoryResult:
    seq: int
    story: str | None
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    page: tuple[str, str] | None = None  # (relative path, html)
    header: dict[str, Any] | None = None  # the story's row on index.html
    findings_json: str = ""  # the story's rows of findings.json (report.json_findings)
    table_files: dict[str, str] = field(default_factory=dict)  # tables not in `tables`: files
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds in the worker
    cache_hits: int = 0
    cache_misses: int = 0
    reused: bool = False  # read whole from the story result cache
    error: tuple[str, str, int | None] | None = None  # a CheckerError, as data (picklable)

    def raise_error(self) -> None:
        if self.error is not None:
            raise CheckerError(*self.error)


def story_order(story: str | None) -> tuple[bool, str]:
    """Sorted story order as polars sorts the story column: null first, then by code point."""
    return (story is not None, story or "")


def split_stories(documents: pl.DataFrame) -> list[StoryTask]:
    """One task per story, in sorted story order, each with its rows in their run order."""
    if documents.is_empty():
        return []
    parts = documents.partition_by("story", as_dict=True, maintain_order=True)
    ordered = sorted(parts.items(), key=lambda item: story_order(item[0][0]))
    return [StoryTask(seq, story, frame) for seq, ((story,), frame) in enumerate(ordered)]


_packs: dict[str, RulePack] = {}
_packs_lock = threading.Lock()


def worker_pack(spec: RunSpec) -> RulePack:
    """The spec's rule pack, built once per process (Dask runs several tasks per worker)."""
    token = spec.token
    with _packs_lock:
        pack = _packs.get(token)
        if pack is None:
            from checker.engine.cache import code_hash
            from checker.rulepack import RulePack

            if spec.code and spec.code != code_hash():
                raise CheckerError(
                    "worker", "runs another version of checker than the client (install the same)"
                )
            pack = RulePack.load([Path(d) for d in spec.rule_dirs], spec.config)
            _packs[token] = pack
    return pack


def run_story(spec: RunSpec, task: StoryTask) -> StoryResult:
    """Every table of one story, its page when asked; a CheckerError comes back as data."""
    reused = reused_story(spec, task)
    if reused is not None:  # nothing the story's results depend on has changed
        return reused
    result = StoryResult(task.seq, task.story)
    try:
        _run(spec, task, result)
    except CheckerError as exc:
        result.tables = {}
        result.error = (exc.source, exc.message, exc.line)
    return result


def reused_story(spec: RunSpec, task: StoryTask) -> StoryResult | None:
    """The story's result from the story cache, when it holds it (no stage runs)."""
    from checker.engine.story_cache import StoryCache

    if not (spec.cache_dir and spec.story_salt):
        return None
    stored = StoryCache(Path(spec.cache_dir), spec.story_salt)
    key = stored.key(task.documents)  # raw rows decide their finished table: either will do
    entry = stored.get(key, as_files=spec.tables_by_file)
    if entry is None:
        return None
    result = StoryResult(task.seq, task.story, reused=True)
    result.tables = {"documents": _finished(task, entry.duplicate_of), **entry.tables}
    result.table_files = {name: str(path) for name, path in entry.files.items()}
    result.page, result.header = entry.page, entry.header
    result.findings_json = entry.findings_json
    return result


def _run(spec: RunSpec, task: StoryTask, result: StoryResult) -> None:
    from checker.engine.cache import ExtractionCache
    from checker.engine.story_cache import StoryCache, StoryEntry
    from checker.pipeline import run_stages

    pack = worker_pack(spec)
    stored = None
    if spec.cache_dir and spec.story_salt:
        stored = StoryCache(Path(spec.cache_dir), spec.story_salt)
        key = stored.key(task.documents)
    clock = StageClock()
    documents = _finished(task)
    cache = ExtractionCache(Path(spec.cache_dir), spec.cache_salt) if spec.cache_dir else None
    tables = run_stages(documents, pack, clock, cache)
    if spec.min_confidence > 0:
        findings = tables["findings"]
        tables["findings"] = findings.filter(findings["confidence"] >= spec.min_confidence)
    if spec.render_pages:
        clock.stage("report")
        if task.story is not None:
            result.page, result.header = story_page(task.story, tables)
        from checker.report.json_findings import findings_rows_json

        result.findings_json = findings_rows_json(tables["findings"])
    result.seconds = dict(clock.seconds())
    result.tables = tables
    if cache is not None:
        result.cache_hits, result.cache_misses = cache.stats.hits, cache.stats.misses
    if stored is not None:
        computed = {name: frame for name, frame in tables.items() if name != "documents"}
        entry = StoryEntry(computed, result.page, result.header, result.findings_json)
        entry.duplicate_of = documents["duplicate_of"].to_list()
        files = stored.put(key, entry)
        if files and spec.tables_by_file:
            result.tables = {"documents": tables["documents"]}
            result.table_files = {name: str(path) for name, path in files.items()}


def _finished(task: StoryTask, duplicate_of: list | None = None) -> pl.DataFrame:
    """The task's documents table (raw rows finished as ingest finishes them)."""
    if not task.raw:
        return task.documents
    from checker.ingest import finish_documents

    return finish_documents(task.documents, duplicate_of)


def story_page(story: str, tables: dict[str, pl.DataFrame]) -> tuple[tuple[str, str], dict]:
    """The story's page and index row, drawn exactly as the html format draws them."""
    from checker.report.formats_html import render_story
    from checker.report.view import story_header, story_slug
    from checker.report.writer import report_tables

    conformed = report_tables(tables)
    page = (f"stories/{story_slug(story)}.html", render_story(story, conformed))
    return page, story_header(story, conformed)
