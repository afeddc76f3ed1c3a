"""Ingest story by story, so the command never holds the whole corpus.

Sources are read as `ingest` reads them (same order, same problems), one folder's sources at a
time; each batch's rows are spilled to the output folder, one Arrow file per story and batch,
and dropped. Once every source is read, the stories come back one at a time in sorted story
order, and its worker finishes it exactly as `ingest` finishes the whole table (source order,
copies marked within the story: dedupe never looks across stories), so every story's
documents equal that story's rows of `ingest`'s table. A story may span folders (a record
can name its story): its batches are read back together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from checker.engine.partition import StoryTask, story_order
from checker.errors import Problems
from checker.ingest import SourceReading, rows_frame
from checker.limits import Limits
from checker.progress import Reporter


@dataclass
class SpilledStories:
    folder: Path
    documents: int = 0
    slots: dict[str | None, Path] = field(default_factory=dict)  # story -> its spill folder

    @property
    def stories(self) -> int:
        return len(self.slots)

    def tasks(self) -> Iterator[StoryTask]:
        """One task per story in sorted story order; each story's files are removed once read."""
        ordered = sorted(self.slots, key=story_order)
        for seq, story in enumerate(ordered):
            slot = self.slots.pop(story)
            files = sorted(slot.iterdir())
            frame = pl.concat([pl.read_ipc(path) for path in files])
            for path in files:
                path.unlink()
            slot.rmdir()
            yield StoryTask(seq, story, frame, raw=True)  # finished in the worker
        if self.folder.is_dir():
            self.folder.rmdir()


def ingest_stories(
    sources: Sequence[str],
    spill: Path,
    story: str | None = None,
    problems: Problems | None = None,
    reference: Sequence[str] = (),
    reporter: Reporter | None = None,
    limits: Limits | None = None,
) -> SpilledStories:
    """Read every source, spilling rows under `spill` (a folder this call creates)."""
    problems = problems if problems is not None else Problems()
    read = SourceReading(sources, story, problems, reference, reporter, limits)
    spilled = SpilledStories(spill)
    for batch, (_, rows) in enumerate(read.batches()):
        frame = rows_frame(rows)
        del rows
        spilled.documents += frame.height
        for (name,), part in frame.partition_by("story", as_dict=True).items():
            slot = spilled.slots.get(name)
            if slot is None:
                slot = spill / hashlib.sha1(repr(name).encode()).hexdigest()
                slot.mkdir(parents=True, exist_ok=True)
                spilled.slots[name] = slot
            part.write_ipc(slot / f"{batch:07d}.arrow")
    if not spilled.documents:
        read.no_articles()
    return spilled
