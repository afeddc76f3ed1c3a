"""Running a corpus story by story: locally, in a process pool, or on a Dask cluster.

    options = EngineOptions(jobs=0)                     # 0: every core
    tables = run_partitioned(documents, pack, options)  # the same tables as one pass

Stories are independent, so a run is split into story partitions (partition.py), each run
through extract, match and check by the chosen engine (local.py, cluster.py), and the results
merged in sorted story order, which makes findings.json byte-identical whatever the engine,
the number of jobs or the input order. `checker compare` streams instead (output.py): each
story's tables go to disk as they come and are merged at the end.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from checker.engine.partition import RunSpec, StoryResult, StoryTask, split_stories
from checker.errors import CheckerError
from checker.progress import Reporter, stage_of

if TYPE_CHECKING:
    from checker.rulepack import RulePack
    from checker.ruleset.config import Config

ENGINES = ("local", "dask")
# Below this many documents a pool costs more to start (each worker imports checker and
# loads the rules, about a second) than it saves: an unset --jobs then runs in-process.
MIN_POOL_DOCUMENTS = 200


@dataclass(frozen=True)
class EngineOptions:
    jobs: int | None = None  # None: every core when the corpus is big enough; 0: every core
    engine: str = "local"
    scheduler: str | None = None  # the Dask scheduler's address
    cache_dir: Path | None = None  # the extraction cache; None: off

    def workers(self, documents: int, stories: int) -> int:
        """How many local processes to use for this corpus."""
        if self.jobs is None and documents < MIN_POOL_DOCUMENTS:
            return 1
        jobs = self.jobs or cpu_count()
        return max(1, min(jobs, stories))


def cpu_count() -> int:
    """The cores this process may run on (a container's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_options(engine: str, scheduler: str | None, jobs: int | None) -> None:
    """Usage errors, before any work."""
    if engine not in ENGINES:
        raise CheckerError("--engine", f"unknown engine {engine!r}: expected local or dask")
    if engine == "dask" and not scheduler:
        raise CheckerError("--scheduler", "--engine dask needs --scheduler ADDRESS")
    if engine == "local" and scheduler:
        raise CheckerError("--scheduler", "only --engine dask uses a scheduler")
    if jobs is not None and jobs < 0:
        raise CheckerError("--jobs", "expected 0 (every core) or a positive number")


def make_spec(
    pack: RulePack,
    config: Config,
    rule_dirs: Sequence[Path | str],
    options: EngineOptions,
    min_confidence: float = 0.0,
    render_pages: bool = False,
) -> RunSpec:
    from checker.engine.cache import code_hash, extraction_salt
    from checker.engine.story_cache import story_salt

    cache_dir = options.cache_dir
    settings = (config, min_confidence, render_pages)
    return RunSpec(
        rule_dirs=tuple(str(Path(d).resolve()) for d in rule_dirs),
        config=config,
        cache_dir=str(cache_dir.resolve()) if cache_dir is not None else None,
        cache_salt=extraction_salt(pack.lexicon_dirs) if cache_dir is not None else "",
        code=code_hash(),
        min_confidence=min_confidence,
        render_pages=render_pages,
        story_salt=story_salt(pack.rules.rule_dirs, settings) if cache_dir is not None else "",
    )


@dataclass
class RunStats:
    """What the engine did, for `-v` and the benchmarks."""

    stories: int = 0
    workers: int = 1
    engine: str = "local"
    cache_hits: int = 0
    cache_misses: int = 0
    reused: int = 0  # stories read whole from the story result cache
    seconds: dict[str, float] | None = None  # stage -> seconds summed over stories

    def describe(self) -> str:
        where = f"{self.workers} processes" if self.workers > 1 else "this process"
        if self.engine == "dask":
            where = "the Dask cluster"
        line = f"stories: {self.stories} in {where}"
        if self.reused:
            line += f", {self.reused} unchanged (read from the cache)"
        if self.cache_hits or self.cache_misses:
            line += (
                f"; extraction cache: {self.cache_hits} articles read, "
                f"{self.cache_misses} extracted"
            )
        return line

    def add(self, result: StoryResult) -> None:
        self.stories += 1
        self.reused += result.reused
        self.cache_hits += result.cache_hits
        self.cache_misses += result.cache_misses
        self.seconds = self.seconds or {}
        for stage, seconds in result.seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


def run_stories(
    tasks: list[StoryTask] | Iterator[StoryTask],
    spec: RunSpec,
    options: EngineOptions,
    deliver: Callable[[StoryResult], None],
    reporter: Reporter | None = None,
    counts: tuple[int, int] | None = None,
) -> RunStats:
    """Run every task (split_stories, or a stream of them with `counts`, its documents and
    stories) with the chosen engine; `deliver` gets each result in sorted story order. A
    story's CheckerError (a broken lexicon) stops the run. A list is emptied as tasks are
    handed out, so the caller holds no partition longer than needed."""
    if isinstance(tasks, list):
        counts = (sum(task.documents.height for task in tasks), len(tasks))
        tasks = _released(tasks)
    documents, stories = counts or (0, 0)
    stats = RunStats(workers=options.workers(documents, stories), engine=options.engine)
    advance = stage_of(reporter, "stories", stories)

    def take(result: StoryResult) -> None:
        result.raise_error()
        stats.add(result)
        deliver(result)
        advance()

    if options.engine == "dask":
        from checker.engine.cluster import run_dask

        run_dask(tasks, spec, options.scheduler, take)
    else:
        from checker.engine.local import run_local

        run_local(tasks, spec, stats.workers, take)
    return stats


def _released(tasks: list[StoryTask]):
    """Hand out the tasks one by one, dropping our reference to each once it is handed out."""
    tasks.reverse()
    while tasks:
        yield tasks.pop()


def run_partitioned(
    documents: pl.DataFrame,
    spec: RunSpec,
    options: EngineOptions,
    reporter: Reporter | None = None,
) -> tuple[dict[str, pl.DataFrame], RunStats]:
    """Every table of the run, merged in memory (the gate and library callers)."""
    from checker.engine.merge import TableCollector

    collector = TableCollector()
    stats = run_stories(split_stories(documents), spec, options, collector.add, reporter)
    return collector.tables(documents), stats


__all__ = [
    "ENGINES",
    "EngineOptions",
    "RunSpec",
    "RunStats",
    "StoryResult",
    "check_options",
    "cpu_count",
    "make_spec",
    "run_partitioned",
    "run_stories",
]
