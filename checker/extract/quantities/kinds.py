"""What a number counts: its kind from cue words in the windows either side (lexicon `kinds`),
and kinds shared across "from four issues to just one" and "3-2" pairs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from checker.extract.quantities.candidates import Candidate
from checker.extract.quantities.lexicon import QuantityLexicon

_DASH_ONLY = re.compile(r"\s*[-–—]\s*")
# How far after a number its head-noun cue may be for the quantity's text to include it.
_TEXT_REACH = 3
_HYPHENED_WORD = re.compile(r"-[^\W\d_]")


def _holds(window: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(window[i : i + size]) == phrase for i in range(len(window) - size + 1))


def classify(
    cand: Candidate, lexicon: QuantityLexicon, sentence_words: frozenset[str], sentence: str = ""
) -> None:
    """Pick the kind whose cue is found: highest priority, then nearest cue, then name."""
    after_words = [w for w, _ in cand.after]
    before_words = cand.before[::-1]  # left to right, ending next to the number
    if cand.unit is None and _HYPHENED_WORD.match(sentence, cand.end):
        # "beat ten-man Dunmere", "a five-star hotel": the number describes the word it is
        # hyphened to, so only that word and those after it can say what it counts.
        before_words = []
    next_to = cand.before[0] if cand.before else None
    best: tuple[int, int, str] | None = None
    noun_end: dict[int, int] = {}  # kind -> end of its nearest cue right after the number
    for side, window, table in (
        ("after", after_words, lexicon.cues_after),
        ("before", before_words, lexicon.cues_before),
    ):
        for position, word in enumerate(window):
            for phrase, index in table.get(word, ()):
                if tuple(window[position : position + len(phrase)]) != phrase:
                    continue
                kind = lexicon.kinds[index]
                if side == "after":
                    distance, limit = position + 1, kind.window_after
                else:
                    distance = len(window) - (position + len(phrase)) + 1
                    limit = kind.window_before
                if distance > limit or cand.family not in kind.families:
                    continue
                if next_to in kind.not_preceded_by:
                    continue
                if kind.requires and not any(
                    _holds(after_words, r) or _holds(before_words, r) for r in kind.requires
                ):
                    continue
                if kind.sentence and not kind.sentence & sentence_words:
                    continue
                if side == "after" and distance <= _TEXT_REACH and index not in noun_end:
                    noun_end[index] = cand.after[position + len(phrase) - 1][1]
                key = (-kind.priority, distance, kind.name)
                if best is None or key < best:
                    best = key
                    cand.kind, cand.cue_side = index, side
    if cand.kind is not None:
        cand.cue_end = noun_end.get(cand.kind)


_WORD = re.compile(r"[^\W_]+")
SUBJECT_WORDS = 16  # how far back from its verb a clause's subject may name the kind


def subject_kind(cand: Candidate, lexicon: QuantityLexicon, sentence: str) -> None:
    """An unclaimed figure right after a verb of change ("has risen to 1,464") takes the kind
    its clause's subject names at the start of the sentence ("The death toll from the
    magnitude 7.7 earthquake"), past the numbers in between that end its word window."""
    if cand.kind is not None or not lexicon.change_verbs:
        return
    words = [w.lower() for w in _WORD.findall(sentence[: cand.start])]
    verb = next(
        (v for v in lexicon.change_verbs if tuple(words[-len(v) :]) == v and len(words) > len(v)),
        None,
    )
    if verb is None:
        return
    subject = words[: len(words) - len(verb)][-SUBJECT_WORDS:]
    best: tuple[int, int, str] | None = None
    for table in (lexicon.cues_before, lexicon.cues_after):
        for position, word in enumerate(subject):
            for phrase, index in table.get(word, ()):
                if tuple(subject[position : position + len(phrase)]) != phrase:
                    continue
                kind = lexicon.kinds[index]
                if cand.family not in kind.families:
                    continue
                key = (-kind.priority, position, kind.name)
                if best is None or key < best:
                    best = key
                    cand.kind, cand.cue_side = index, "subject"


def _nearest_word(window: list[str], fillers: frozenset[str]) -> str | None:
    """The closest window word that is not a filler ("to just one" -> "to")."""
    return next((w for w in window if w not in fillers), None)


def inherit_kinds(sentence: str, cands: list[Candidate], lexicon: QuantityLexicon) -> None:
    """Share a kind across "from four issues to one" (either order) and across a "3-2" pair."""
    for first, second in pairwise(cands):
        paired = (
            first.number.paired
            and second.number.paired
            and _DASH_ONLY.fullmatch(sentence, first.number.end, second.number.start) is not None
        )
        # "from four issues to just one" and "down to one issue from four"
        links = (
            _nearest_word(first.before, lexicon.fillers),
            _nearest_word(second.before, lexicon.fillers),
        )
        from_to = links in (("from", "to"), ("to", "from"))
        if not (paired or from_to):
            continue
        for source, target in ((first, second), (second, first)):
            if source.kind is None or target.kind is not None:
                continue
            if target.unit is None and source.unit is not None and not target.number.ordinal:
                target.unit, target.family = source.unit, source.family
            if target.family in lexicon.kinds[source.kind].families:
                target.kind, target.cue_side = source.kind, "inherited"
