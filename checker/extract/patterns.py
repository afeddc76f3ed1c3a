"""Turning lexicon word lists into fast matchers.

Lexicon entries are written for people, not regex engines: "positive signs", "negotiat*"
(a prefix), "going (very )?well" (an optional word), "more time (is|was) needed". Each entry
becomes a small regex. One big alternation of hundreds of entries is slow in Python's `re`
(every entry is tried at every position), so `KeyedPattern` gates entries instead: each
entry names a word it cannot match without, and only entries whose gate word occurs in the
text are run. Cost grows with the words of the text, not with the size of the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.errors import CheckerError

# A "(" that does not already start a special group: made non-capturing.
_PLAIN_GROUP = re.compile(r"(?<!\\)\((?!\?)")
_TEXT_WORD = re.compile(r"\w+")
_WORD_CACHE_SIZE = 50_000
_GROUPS = re.compile(r"\([^()]*\)|\[[^\]]*\]|\{[^}]*\}")
_LITERAL_WORD = re.compile(r"[a-z0-9]+")
_WORD_PARTS = re.compile(r"['’\-]")


def entry_pattern(entry: str) -> str:
    """The regex for one lexicon entry: words separated by any whitespace, whole words only.

    A trailing `*` on a word matches any word ending.
    """
    text = _PLAIN_GROUP.sub("(?:", entry.strip())
    text = re.sub(r"(?<=\w)\*", r"\\w*", text)
    text = re.sub(r"\s+", r"\\s+", text)
    start = r"\b" if re.match(r"[\w(]", entry.strip()) else ""
    end = r"\b" if re.search(r"[\w*)?]$", entry.strip()) else ""
    return f"{start}(?:{text}){end}"


def _gate(entry: str) -> tuple[str, bool] | None:
    """A word the entry cannot match without: (word, is_prefix), or None when it has none.

    Only words outside brackets count, as they are never optional: in "more time (is|was)
    needed" any of "more", "time", "needed" will do; the longest is chosen as the rarest.
    """
    top = entry.lower()
    while True:
        reduced = _GROUPS.sub(" ", top)
        if reduced == top:
            break
        top = reduced
    exact, prefixes = [], []
    for raw in top.split():
        parts = _WORD_PARTS.split(raw)
        if len(parts) > 1 and _LITERAL_WORD.fullmatch(parts[0]):
            exact.append(parts[0])  # "cease-fire*": the text's word "cease" is whole
        elif raw.endswith("*") and _LITERAL_WORD.fullmatch(raw[:-1]):
            prefixes.append(raw[:-1])
        elif raw.endswith("?") and _LITERAL_WORD.fullmatch(raw[:-1]) and len(raw) > 2:
            prefixes.append(raw[:-2])  # "signs?": the word without its optional last letter
        elif _LITERAL_WORD.fullmatch(raw):
            exact.append(raw)
    if exact:
        return max(exact, key=len), False
    if prefixes:
        return max(prefixes, key=len), True
    return None


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str
    text: str


class KeyedPattern:
    """Entries grouped under keys (a topic, a polarity); finds every entry in a text.

    `hits(text)` gives non-overlapping matches left to right; where two overlap, the one
    that starts first wins, then the longer one, like a regex alternation ordered longest
    first.
    """

    def __init__(self, entries_by_key: Mapping[str, Sequence[str]], flags: int = re.IGNORECASE):
        self.key_order = list(entries_by_key)
        self._by_word: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        self._by_prefix: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        self._always: list[tuple[re.Pattern[str], str]] = []
        for key, entries in entries_by_key.items():
            for entry in entries:
                compiled = (re.compile(entry_pattern(entry), flags), key)
                gate = _gate(entry)
                if gate is None:
                    self._always.append(compiled)
                elif gate[1]:
                    self._by_prefix.setdefault(gate[0], []).append(compiled)
                else:
                    self._by_word.setdefault(gate[0], []).append(compiled)
        self._prefix_sizes = sorted({len(p) for p in self._by_prefix})
        self._per_word: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {}

    def _gated_by(self, word: str) -> tuple[tuple[re.Pattern[str], str], ...]:
        """Entries a word opens the gate for, remembered: news copy repeats its words."""
        cached = self._per_word.get(word)
        if cached is None:
            found = list(self._by_word.get(word, ()))
            for size in self._prefix_sizes:
                if size > len(word):
                    break
                found.extend(self._by_prefix.get(word[:size], ()))
            cached = tuple(found)
            if len(self._per_word) > _WORD_CACHE_SIZE:
                self._per_word.clear()
            self._per_word[word] = cached
        return cached

    def hits(self, text: str, words: Iterable[str] | None = None) -> list[Hit]:
        """Matches in `text`; `words` (its lower-case words) may be passed when known."""
        if words is None:
            words = text_words(text)
        candidates = {entry for word in words for entry in self._gated_by(word)}
        candidates.update(self._always)
        matches = [
            (m.start(), -(m.end() - m.start()), key, m.group(0))
            for pattern, key in candidates
            for m in pattern.finditer(text)
            if m.end() > m.start()
        ]
        matches.sort(key=lambda m: (m[0], m[1], self.key_order.index(m[2])))
        kept: list[Hit] = []
        for start, negative_length, key, matched in matches:
            if not kept or start >= kept[-1].end:
                kept.append(Hit(start, start - negative_length, key, matched))
        return kept

    def search(self, text: str, words: Iterable[str] | None = None) -> Hit | None:
        found = self.hits(text, words)
        return found[0] if found else None


def text_words(text: str) -> set[str]:
    """The lower-case words of a text, as `KeyedPattern.hits` gates on them."""
    return set(_TEXT_WORD.findall(text.lower()))


_PHRASE_WORD = re.compile(r"\w+(?:['’]\w+)*")


class PhraseIndex:
    """Plain phrases (words only, no patterns) found by a dictionary lookup per word.

    For the long lists that attribution scans every sentence for (verbs, clause openers):
    a lookup per word of the sentence, where an alternation would try every phrase at every
    position. Phrases under `case_sensitive_keys` match only as written (lower case).
    """

    def __init__(
        self,
        phrases_by_key: Mapping[str, Iterable[str]],
        case_sensitive_keys: Iterable[str] = (),
    ):
        exact = frozenset(case_sensitive_keys)
        # first word (lower case) -> (words, key, match the written case exactly?)
        self._first: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for key, phrases in phrases_by_key.items():
            for phrase in phrases:
                words = tuple(phrase.split() if key in exact else phrase.lower().split())
                if words:
                    option = (words, key, key in exact)
                    self._first.setdefault(words[0].lower(), []).append(option)
        for options in self._first.values():
            options.sort(key=lambda option: -len(option[0]))  # longest phrase first

    def hits(self, text: str) -> list[Hit]:
        tokens = list(_PHRASE_WORD.finditer(text))
        written = [t.group(0) for t in tokens]
        lower = [w.lower() for w in written]
        found: list[Hit] = []
        i = 0
        while i < len(tokens):
            size = 1
            for phrase, key, exact in self._first.get(lower[i], ()):
                if tuple((written if exact else lower)[i : i + len(phrase)]) == phrase:
                    start, end = tokens[i].start(), tokens[i + len(phrase) - 1].end()
                    found.append(Hit(start, end, key, text[start:end]))
                    size = len(phrase)
                    break
            i += size
        return found


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
