"""Loading lexicons: the YAML word lists that adapt `checker` to a story or domain.

Every lexicon is `rules/lexicons/<name>.yaml` in the shipped rule pack; a user rule folder
(`--rules DIR`) may hold `lexicons/<name>.yaml` too, whose top-level keys override the shipped
ones. Loading is safe (checker.safe_yaml: safe types, no aliases) and a broken file raises
one CheckerError naming the file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from checker import safe_yaml
from checker.errors import CheckerError
from checker.resources import lexicons_dir


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """Read a YAML file that must hold a mapping; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckerError(str(path), f"cannot read: {exc}") from exc
    try:
        data = safe_yaml.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CheckerError(str(path), f"invalid YAML: {problem}", line) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CheckerError(str(path), f"expected a mapping at the top, found {type(data).__name__}")
    return data


@lru_cache(maxsize=64)
def _load(name: str, rule_dirs: tuple[str, ...]) -> dict[str, Any]:
    shipped = lexicons_dir() / f"{name}.yaml"
    merged: dict[str, Any] = read_yaml_mapping(shipped) if shipped.is_file() else {}
    for folder in rule_dirs:
        override = Path(folder) / "lexicons" / f"{name}.yaml"
        if override.is_file():
            merged.update(read_yaml_mapping(override))
    if not merged:
        raise CheckerError(str(shipped), f"lexicon {name!r} not found")
    return merged


def load_lexicon(name: str, rule_dirs: Sequence[str | Path] = ()) -> dict[str, Any]:
    """The lexicon `name` (file stem), shipped entries overridden by those in `rule_dirs`.

    Cached: callers must not mutate the returned mapping.
    """
    return _load(name, tuple(str(d) for d in rule_dirs))
