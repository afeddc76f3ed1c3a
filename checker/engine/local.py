"""The local engine: story partitions in this process (one job) or in a pool of processes.

Workers are started with `spawn`, not `fork`: polars keeps a thread pool, and a forked copy of
a process with running threads can deadlock. Each worker builds the rule pack once (from the
RunSpec) and keeps it. Results are handed back in story order whatever order they finish in,
and at most a few partitions per worker are in flight, so the parent never holds the whole
run's partitions at once.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor

from checker.engine.partition import (
    RunSpec,
    StoryResult,
    StoryTask,
    reused_story,
    run_story,
    worker_pack,
)

IN_FLIGHT_PER_WORKER = 2


def run_local(
    tasks: Iterable[StoryTask],
    spec: RunSpec,
    jobs: int,
    deliver: Callable[[StoryResult], None],
) -> None:
    """Run every task, calling `deliver` with each result in task order."""
    if jobs <= 1:
        for task in tasks:
            deliver(run_story(spec, task))
        return
    context = multiprocessing.get_context("spawn")
    pool: ProcessPoolExecutor | None = None
    try:
        pending: deque[Future[StoryResult]] = deque()
        for task in tasks:
            # A story the cache holds is read here: starting workers only pays for stories
            # that have to run (a rerun where nothing changed starts none).
            reused = reused_story(spec, task)
            if reused is not None:
                pending.append(Future())
                pending[-1].set_result(reused)
            else:
                if pool is None:
                    pool = ProcessPoolExecutor(
                        jobs, mp_context=context, initializer=_warm, initargs=(spec,)
                    )
                pending.append(pool.submit(run_story, spec, task))
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                deliver(pending.popleft().result())
        while pending:
            deliver(pending.popleft().result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _warm(spec: RunSpec) -> None:
    """Load rules and lexicons as the worker starts; a broken pack fails in the first story
    instead, where its error is reported as data."""
    try:
        pack = worker_pack(spec)
        pack.extract_config  # noqa: B018  (built on first use: build it now)
        pack.match_settings  # noqa: B018
    except Exception:  # reported by the first run_story that meets it
        return
