"""Where the shipped rules, lexicons, templates and seed corpus live.

In a source checkout they are the top-level folders; in an installed wheel they are packaged
under checker/_data. Callers ask here and never build these paths themselves.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _data_dir(name: str) -> Path:
    for candidate in (_CHECKOUT / name, _PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped folder {name!r} is missing from this installation")


def rules_dir() -> Path:
    return _data_dir("rules")


def lexicons_dir() -> Path:
    return rules_dir() / "lexicons"


def seeds_dir() -> Path:
    return _data_dir("seeds")


def templates_dir() -> Path:
    return _PACKAGE / "report" / "templates"
