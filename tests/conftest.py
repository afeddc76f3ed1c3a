"""Shared fixtures: a file writer and a few short invented articles (no real story)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The extraction cache is on by default, in the user's cache folder: tests keep theirs
    in a temporary folder (subprocesses inherit it), never in the home folder."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


HARBOUR = (
    "The city council voted on Monday to approve a new budget for the harbour district after "
    "a debate that lasted nearly four hours.\n"
    "Council members said the plan sets aside 12 million for repairs to the sea wall and a "
    "further 3 million for a new ferry terminal.\n"
    "The mayor told reporters that the vote was a turning point for the district, which has "
    "waited more than a decade for the money.\n"
    "Opponents argued that the spending would raise local taxes by about 4 percent and called "
    "for a public referendum before any work begins.\n"
    "Engineers expect construction to start in the spring and to take two years, with the sea "
    "wall finished first.\n"
    "Residents who attended the meeting were divided, with some applauding the decision and "
    "others leaving before the final count."
)
TRAIN = (
    "A regional train left the rails outside the valley station late on Friday, injuring 14 "
    "passengers, two of them seriously.\n"
    "The operator said the train was travelling at about 60 km/h when the rear carriage "
    "derailed on a bend.\n"
    "Investigators from the national transport agency arrived on Saturday morning and closed "
    "the line in both directions.\n"
    "A spokesperson for the agency said it was too early to name a cause, but that heavy rain "
    "had been reported in the area during the evening."
)
ORCHARD = (
    "Apple growers in the northern hills expect their smallest harvest in twenty years after "
    "a late frost damaged blossom across the region.\n"
    "The growers' association estimates that output will fall by a third, to roughly 80,000 "
    "tonnes.\n"
    "Several family farms have said they will not hire seasonal pickers this autumn."
)


@pytest.fixture
def articles() -> dict[str, str]:
    """Three unrelated article bodies, one paragraph a line."""
    return {"harbour": HARBOUR, "train": TRAIN, "orchard": ORCHARD}


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """write("story/a.txt", content) creates the file (and folders) under tmp_path."""

    def _write(relative: str, content: str | bytes) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _normal_console() -> None:
    """Every test starts at the normal output level: a `-q` or `--format json` run earlier in
    the same worker must not silence a test that calls a command function directly."""
    from checker import console

    console.configure()
