"""Reading a YAML file while remembering the line of every key, for errors that point there.

PyYAML's safe_load forgets positions, so the text is composed to a node tree first (each node
keeps its start mark), the line of every key path is recorded, and the same nodes are then
constructed to plain Python values with the safe constructor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.errors import CheckerError
from checker.safe_yaml import NoAliasLoader

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LocatedYaml:
    """Plain data plus the 1-based line of each key path: ("params", "tolerance") -> 7."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """Line of the longest prefix of `path` that exists (a missing key -> its parent's)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(_normalize(path[:end]))
            if line is not None:
                return line
        return None


def _normalize(path: KeyPath) -> KeyPath:
    return tuple(part if isinstance(part, int) else str(part) for part in path)


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], source: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                # safe_load would silently keep the last one; a rule author meant one of them.
                raise CheckerError(source, f"duplicate key {key!r}", line)
            seen.add(key)
            lines[(*path, key)] = line
            _record_lines(value_node, (*path, key), lines, source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _record_lines(item, (*path, index), lines, source)


def _describe_yaml_error(exc: yaml.YAMLError) -> tuple[str, int | None]:
    """PyYAML's message and line; where the trouble began elsewhere (an unclosed quote),
    that line is named too, since the problem line is then often the end of the file."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}"
    started_elsewhere = (
        context_mark is not None
        and problem_mark is not None
        and context_mark.line != problem_mark.line
    )
    if context and started_elsewhere:
        message += f" ({context} started on line {context_mark.line + 1})"
    mark = problem_mark or context_mark
    return message, (mark.line + 1 if mark is not None else None)


def parse_located_yaml(text: str, source: str) -> LocatedYaml:
    """Parse one YAML document; a syntax error raises CheckerError naming `source` and the line."""
    loader = NoAliasLoader(text)  # aliases refused: see checker/safe_yaml.py
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedYaml(None, {})
        lines: dict[KeyPath, int] = {(): node.start_mark.line + 1}
        _record_lines(node, (), lines, source)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise CheckerError(source, *_describe_yaml_error(exc)) from exc
    finally:
        loader.dispose()
    return LocatedYaml(data, lines)


def read_located_yaml(path: Path) -> LocatedYaml:
    """Read and parse a YAML file; unreadable files raise CheckerError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckerError(str(path), f"cannot read: {exc}") from exc
    return parse_located_yaml(text, str(path))
