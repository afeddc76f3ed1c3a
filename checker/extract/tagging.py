"""Topics and events of a claim, by keyword lists (topics.yaml, events.yaml).

topics: every topic one of whose keywords occurs, in the lexicon's order.
event: the event whose trigger word occurs first in the claim ("Following a two-hour meeting,
... expressed" is a meeting); at one position the longest trigger wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.extract.patterns import KeyedPattern, string_lists
from checker.lexicons import load_lexicon


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
