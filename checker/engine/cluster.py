"""The Dask engine: the same per-story function on an existing Dask distributed cluster.

    dask scheduler                          # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 4 --nthreads 1
    checker compare corpus/ --engine dask --scheduler tcp://HOST:8786

The client (the `checker` command) reads the corpus, splits it by story and submits one task
per story partition; workers run checker.engine.partition.run_story and send the story's
tables (and page) back, which the client merges in story order exactly as the local engine
does. Workers need the same checker installed (checked: a worker whose source differs fails
the run) and the rule folders of `--rules` at the same absolute path; the shipped rules come
with the installed package.

`dask[distributed]` is an optional extra (`pip install 'outlet-checker[dask]'`); without it,
`--engine dask` is one error line with that command.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from checker.engine.partition import RunSpec, StoryResult, StoryTask, run_story
from checker.errors import CheckerError

IN_FLIGHT_PER_THREAD = 2
INSTALL_HINT = "pip install 'outlet-checker[dask]'"


def run_dask(
    tasks: Iterable[StoryTask],
    spec: RunSpec,
    scheduler: str | None,
    deliver: Callable[[StoryResult], None],
) -> None:
    """Run every task on the cluster at `scheduler`, delivering results in task order."""
    if not scheduler:
        raise CheckerError("--scheduler", "--engine dask needs --scheduler ADDRESS")
    try:
        from distributed import Client
    except ImportError as exc:
        raise CheckerError("--engine", f"dask is not installed: {INSTALL_HINT}") from exc
    try:
        client = Client(scheduler, timeout="20s", set_as_default=False)
    except OSError as exc:
        raise CheckerError(scheduler, f"cannot reach the Dask scheduler: {exc}") from exc
    with client:
        threads = max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for task in tasks:
            # pure=False: every task runs, even two stories with equal partitions
            pending.append(client.submit(run_story, spec, task, pure=False))
            while len(pending) >= threads * IN_FLIGHT_PER_THREAD:
                deliver(pending.popleft().result())
        while pending:
            deliver(pending.popleft().result())
