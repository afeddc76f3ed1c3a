"""Topics and events of a claim, by keyword lists (topics.yaml, events.yaml).

topics: every topic one of whose keywords occurs, in the lexicon's order.
event: the event whose trigger word occurs first in the claim ("Following a two-hour meeting,
... expressed" is a meeting); at one position the longest trigger wins.
dated event: the event a time mention dates, the last trigger before it in its clause
(times.dated_event, read by the date check).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.extract.patterns import KeyedPattern, string_lists
from checker.lexicons import load_lexicon

# Clause punctuation; an en dash between digits is a score or a range ("beat them 2–0 on
# Friday"), not a break, so it keeps "beat" in the clause that dates the match.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—]|(?<!\d)–|–(?!\d)|\s-\s")


@dataclass(frozen=True)
class Tagger:
    keywords: KeyedPattern

    @property
    def keys(self) -> list[str]:
        return self.keywords.key_order


def load_topic_tagger(rule_dirs: Sequence[str | Path] = ()) -> Tagger:
    lexicon = load_lexicon("topics", rule_dirs)
    return Tagger(KeyedPattern(string_lists(lexicon, "topics", "lexicons/topics.yaml")))


def load_event_tagger(rule_dirs: Sequence[str | Path] = ()) -> Tagger:
    lexicon = load_lexicon("events", rule_dirs)
    return Tagger(KeyedPattern(string_lists(lexicon, "events", "lexicons/events.yaml")))


def topics_of(text: str, tagger: Tagger, words: Iterable[str] | None = None) -> list[str]:
    found = {hit.key for hit in tagger.keywords.hits(text, words)}
    return [key for key in tagger.keys if key in found]


def event_of(text: str, tagger: Tagger, words: Iterable[str] | None = None) -> str | None:
    first = tagger.keywords.search(text, words)  # hits come left to right: the earliest trigger
    return first.key if first else None


def dated_event(text: str, start: int, tagger: Tagger) -> str | None:
    """The event a time mention at `start` of `text` dates: the last trigger before it in its
    clause, if any.

    "capsized off the island late on Saturday" dates the capsizing; "the agency said on
    Sunday" dates no event (a reporting day).
    """
    clause = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    hits = tagger.keywords.hits(text[clause:start])
    return hits[-1].key if hits else None
