"""Progress of a long run: one bar a stage on stderr when a person is watching, silence otherwise.

Stages ask the reporter for an `advance` callable and call it as work gets done:

    with progress() as reporter:
        advance = reporter.stage("extract", total=documents.height)
        for document in ...:
            ...
            advance()

`progress()` draws with rich only when its stream is a terminal (or when forced); in CI logs
and pipes it yields a reporter whose callables do nothing, so stages never need to check.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

from checker import console
from checker.console import color_allowed


class Advance(Protocol):
    def __call__(self, step: int = 1) -> None:
        """Count `step` more units of the stage as done."""
        ...


class Reporter(Protocol):
    def stage(self, name: str, total: int | None = None) -> Advance:
        """Start a stage of `total` steps (None: unknown) and return its advance callable."""
        ...


def no_advance(step: int = 1) -> None:
    """The advance callable of a quiet reporter: counts nothing."""


class QuietReporter:
    """Reports nothing: the default for pipes, CI logs and library callers."""

    def stage(self, name: str, total: int | None = None) -> Advance:
        return no_advance


QUIET = QuietReporter()


def stage_of(reporter: Reporter | None, name: str, total: int | None = None) -> Advance:
    """`reporter.stage(...)`, or a callable that does nothing when there is no reporter."""
    return (reporter or QUIET).stage(name, total)


class RichReporter:
    """One rich progress bar a stage, all kept on screen so the finished stages stay visible."""

    def __init__(self, bars) -> None:  # bars: rich.progress.Progress, imported lazily
        self._bars = bars

    def stage(self, name: str, total: int | None = None) -> Advance:
        task = self._bars.add_task(name, total=total)

        def advance(step: int = 1) -> None:
            self._bars.advance(task, step)

        return advance


class StageClock:
    """Wraps a reporter and notes when each stage starts, for the timing line of `-v`.

    A stage lasts until the next one starts (or until `summary` is called for the last)."""

    def __init__(self, inner: Reporter | None = None) -> None:
        self._inner = inner or QUIET
        self._starts: list[tuple[str, float]] = []

    def stage(self, name: str, total: int | None = None) -> Advance:
        self._starts.append((name, time.perf_counter()))
        return self._inner.stage(name, total)

    def seconds(self) -> list[tuple[str, float]]:
        """(stage, seconds) in the order the stages ran; the last one ends now."""
        ends = [start for _name, start in self._starts[1:]] + [time.perf_counter()]
        return [(name, end - start) for (name, start), end in zip(self._starts, ends, strict=True)]

    def summary(self, summed: dict[str, float] | None = None) -> str:
        """`stage N s, ...`; a "stories" stage (checker.engine) is shown as the stages its
        workers ran, `summed` over every story (in parallel runs, more than the wall time)."""
        own = self.seconds()
        summed = summed or {}
        names = {name for name, _ in own}
        parts = []
        for name, seconds in own:
            if name == "stories" and summed:
                parts.extend((stage, s) for stage, s in summed.items() if stage not in names)
            else:  # a worker's share of a stage the parent also ran (report pages) adds up
                parts.append((name, seconds + summed.get(name, 0.0)))
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in parts)

    def wall(self, name: str) -> float:
        """Seconds the stage `name` took (0 when it did not run)."""
        return sum(seconds for stage, seconds in self.seconds() if stage == name)


@contextmanager
def progress(enabled: bool | None = None, stream: TextIO | None = None) -> Iterator[Reporter]:
    """A reporter drawing on `stream` (default stderr) while the block runs.

    enabled=None draws only when the stream is a terminal; True draws anyway (a non-terminal
    stream then gets the final state once, at the end); False never draws.
    """
    stream = stream if stream is not None else sys.stderr
    if enabled is None:
        enabled = _is_terminal(stream) and console.level() > console.QUIET
    if not enabled:
        yield QUIET
        return
    # rich is only imported when a bar is drawn: quiet runs pay nothing for it.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    bars = Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        # Colour only where it is welcome: a terminal without NO_COLOR (checker.console).
        console=Console(file=stream, no_color=not color_allowed(stream)),
    )
    with bars:
        yield RichReporter(bars)


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed or detached stream is not a terminal
        return False
