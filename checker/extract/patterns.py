"""Turning lexicon word lists into compiled regular expressions.

Lexicon entries are written for people, not regex engines: "positive signs", "negotiat*"
(a prefix), "going (very )?well" (an optional word). This module is the one place that turns
such entries into patterns, so every lexicon reads the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from checker.errors import CheckerError

# A "(" that does not already start a special group: made non-capturing, because callers
# number their own groups to know which entry matched.
_PLAIN_GROUP = re.compile(r"(?<!\\)\((?!\?)")


def entry_pattern(entry: str) -> str:
    """The regex for one lexicon entry: words separated by any whitespace, whole words only.

    A trailing `*` on the entry (or on a word inside it) matches any word ending.
    """
    text = _PLAIN_GROUP.sub("(?:", entry.strip())
    text = re.sub(r"\*", r"\\w*", text)
    text = re.sub(r"\s+", r"\\s+", text)
    start = r"\b" if re.match(r"[\w(]", entry.strip()) else ""
    end = r"\b" if re.search(r"[\w*)?]$", entry.strip()) else ""
    return f"{start}(?:{text}){end}"


def _longest_first(entries: Iterable[str]) -> list[str]:
    # Longer entries first so that "no progress" wins over "progress" at the same position.
    return sorted(set(entries), key=lambda e: (-len(e), e))


def compile_entries(entries: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    """One alternation for a list of entries, or None when the list is empty."""
    ordered = _longest_first(entries)
    if not ordered:
        return None
    return re.compile("|".join(entry_pattern(e) for e in ordered), flags)


class KeyedPattern:
    """One compiled alternation over entries that each belong to a key (a topic, a polarity).

    `keys_at(match)` tells which key the matched entry belongs to; one regex scan serves every
    key instead of one scan per key.
    """

    def __init__(self, entries_by_key: Mapping[str, Sequence[str]], flags: int = re.IGNORECASE):
        pairs = [(entry, key) for key, entries in entries_by_key.items() for entry in entries]
        pairs.sort(key=lambda pair: (-len(pair[0]), pair[0], pair[1]))
        self.key_order = list(entries_by_key)
        self._group_keys = [key for _, key in pairs]
        self.pattern: re.Pattern[str] | None = (
            re.compile("|".join(f"({entry_pattern(e)})" for e, _ in pairs), flags) if pairs else None
        )

    def key_of(self, match: re.Match[str]) -> str:
        return self._group_keys[(match.lastindex or 1) - 1]

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        return self.pattern.finditer(text) if self.pattern is not None else ()


def string_list(lexicon: Mapping[str, Any], key: str, source: str) -> list[str]:
    """A list of strings from a lexicon, or a CheckerError naming the lexicon and key."""
    value = lexicon.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CheckerError(
            source,
            f"{key!r} must be a list of strings (quote words such as 'no' or 'on', "
            "which YAML reads as true/false)",
        )
    return [v for v in value if v.strip()]


def string_lists(lexicon: Mapping[str, Any], key: str, source: str) -> dict[str, list[str]]:
    """A mapping of key -> list of strings (topics, events), validated."""
    value = lexicon.get(key, {})
    if not isinstance(value, dict):
        raise CheckerError(source, f"{key!r} must map names to lists of words")
    return {str(name): string_list(value, name, f"{source}: {key}") for name in value}


def word_set(lexicon: Mapping[str, Any], key: str, source: str) -> frozenset[str]:
    """A lower-cased set of single words or phrases for membership tests."""
    return frozenset(" ".join(v.lower().split()) for v in string_list(lexicon, key, source))
