"""The words around each candidate number, read once and shared by the kind classifier.

A window stops at clause punctuation, window-stop words and the neighbouring numbers, so a cue
belongs to the number it is written next to.
"""

from __future__ import annotations

import re

from checker.extract.quantities.candidates import Candidate
from checker.extract.quantities.lexicon import QuantityLexicon

_TOKEN = re.compile(r"[^\W_]+|[,;:()\[\]\"“”—]")
_PERCENT_FAMILIES = frozenset({"percent", "percent_points"})
CLAUSE_WORDS = 14  # how far the clause of a number reaches either side, at most, in words


def _window_floor(cands: list[Candidate], index: int) -> int:
    """Where the words before a number stop: at the previous number, unless that one is a
    percentage change ("revenue rose 9% to $4.2 billion" still names revenue) or an ordinal
    ("expects fourth-quarter revenue of $4.3 billion" still expects)."""
    previous = index - 1
    while previous >= 0 and (
        cands[previous].family in _PERCENT_FAMILIES or cands[previous].number.ordinal
    ):
        previous -= 1
    return cands[previous].end if previous >= 0 else 0


def read_windows(sentence: str, cands: list[Candidate], lexicon: QuantityLexicon) -> None:
    """Fill each candidate's before/after word windows, stopping at clauses and other numbers."""
    reach = 16 * max(lexicon.window_before, lexicon.window_after)  # characters, generously
    for index, cand in enumerate(cands):
        floor = _window_floor(cands, index)
        ceiling = cands[index + 1].start if index + 1 < len(cands) else len(sentence)
        before = _TOKEN.findall(sentence, max(floor, cand.start - reach), cand.start)
        position = len(before) - 1
        while position >= 0 and len(cand.before) < lexicon.window_before:
            word = before[position].lower()
            if word in lexicon.clause_links and position > 0 and before[position - 1] == ",":
                # "The talks, which lasted two hours": read on past the relative clause.
                cand.before.append(word)
                position -= 2
                continue
            if not word[0].isalnum() or word in lexicon.stops:
                break
            cand.before.append(word)
            position -= 1
        for match in _TOKEN.finditer(sentence, cand.end, min(ceiling, cand.end + reach)):
            word = match.group().lower()
            if len(cand.after) >= lexicon.window_after or not word[0].isalnum():
                break
            if word in lexicon.stops:
                break
            cand.after.append((word, match.end()))
            if len(cand.after) == 1 and word in lexicon.head_nouns:
                break  # "the two sides had narrowed their differences": it counts sides
        cand.clause = _clause(sentence, cand, floor, ceiling, lexicon)


def _clause(
    sentence: str, cand: Candidate, floor: int, ceiling: int, lexicon: QuantityLexicon
) -> tuple[int, int]:
    """The stretch of the sentence a number belongs to (its frame: who or what it is about):
    the words either side up to clause punctuation, a window-stop word or another number."""
    start = cand.start
    before = list(_TOKEN.finditer(sentence, max(floor, cand.start - 16 * CLAUSE_WORDS), cand.start))
    for count, match in enumerate(reversed(before)):
        word = match.group().lower()
        if count >= CLAUSE_WORDS or not word[0].isalnum() or word in lexicon.stops:
            break
        start = match.start()
    end = cand.end
    for count, match in enumerate(
        _TOKEN.finditer(sentence, cand.end, min(ceiling, cand.end + 16 * CLAUSE_WORDS))
    ):
        word = match.group().lower()
        if count >= CLAUSE_WORDS or not word[0].isalnum() or word in lexicon.stops:
            break
        end = match.end()
    return start, end
