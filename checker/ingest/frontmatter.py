"""YAML front matter (`---` ... `---` at the top of a .txt/.md file) and the metadata keys
that documents model; every other key is kept for `extra`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from checker import safe_yaml
from checker.errors import CheckerError

# Keys the documents table models, and the spellings accepted for them.
KNOWN_KEYS = ("outlet", "url", "title", "published", "story", "role", "language")
ALIASES = {"date": "published"}
_FENCE = "---"
_CLOSERS = ("---", "...")


@dataclass(frozen=True)
class FrontMatter:
    meta: dict[str, Any]
    body: str
    body_start: int  # 1-based line of the source where the body begins
    key_lines: dict[str, int]  # 1-based line of each top-level key, for messages


def split_front_matter(text: str, source: str) -> FrontMatter:
    """Separate front matter from the body; a file without front matter is all body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[0].strip() != _FENCE:
        return FrontMatter({}, "\n".join(lines), 1, {})
    close = next((i for i in range(1, len(lines)) if lines[i].strip() in _CLOSERS), None)
    if close is None:
        raise CheckerError(source, "front matter opened with '---' is never closed", 1)
    block = "\n".join(lines[1:close])
    try:
        meta = safe_yaml.load(block)  # refuses aliases: a 12-line alias bomb is gigabytes
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # +1 for 1-based, +1 for the opening fence; an error found only at the end of the
        # block (an unclosed bracket) is reported on its last line, not on the closing fence
        line = min(mark.line + 2, close) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise CheckerError(source, f"front matter is not valid YAML: {problem}", line) from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CheckerError(
            source, f"front matter must be a mapping of keys, found a {type(meta).__name__}", 2
        )
    key_lines = {
        line.split(":", 1)[0].strip(): number
        for number, line in enumerate(lines[1:close], start=2)
        if ":" in line and not line[:1].isspace()
    }
    return FrontMatter(meta, "\n".join(lines[close + 1 :]), close + 2, key_lines)


def split_known(meta: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(modelled fields, everything else); an alias fills its field only when it is unset."""
    known: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in meta.items():
        name = str(key).strip().lower()
        if name in KNOWN_KEYS:
            known[name] = value
        else:
            extra[str(key)] = value
    for key in list(extra):
        field = ALIASES.get(key.strip().lower())
        if field is not None and field not in known:
            known[field] = extra.pop(key)
    return known, extra


# Metadata keys that become Record fields as text; `published` stays as written (parsed later).
_TEXT_FIELDS = ("outlet", "story", "role", "url", "title", "language")


def record_fields(known: dict[str, Any]) -> dict[str, Any]:
    """The Record keyword arguments a source's modelled metadata sets (see split_known)."""
    fields: dict[str, Any] = {name: as_text(known.get(name)) for name in _TEXT_FIELDS}
    fields["published"] = known.get("published")
    return fields


def as_text(value: Any) -> str | None:
    """A metadata value as a stripped string; blank and missing are None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
