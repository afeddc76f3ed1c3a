"""The engine's command-line options, shared by `checker compare` and `checker gate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.engine import EngineOptions, check_options

JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        help="Processes to run stories in (default: every core; 1: this process only).",
    ),
]
EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine",
        metavar="ENGINE",
        help="local (a process pool) or dask (an existing cluster, with --scheduler).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", metavar="ADDRESS", help="The Dask scheduler, e.g. tcp://host:8786."
    ),
]
CacheOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        metavar="DIR",
        help="Extraction cache folder (default: the user cache folder, ~/.cache/checker).",
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Extract every article again; read no cache.")
]


def engine_options(
    jobs: int | None, engine: str, scheduler: str | None, cache: Path | None, no_cache: bool
) -> EngineOptions:
    """The options, checked (a bad one is a usage error, exit 2, before any work)."""
    from checker.engine.cache import default_cache_dir

    check_options(engine, scheduler, jobs)
    cache_dir = None if no_cache else (cache or default_cache_dir())
    return EngineOptions(jobs=jobs, engine=engine, scheduler=scheduler, cache_dir=cache_dir)
