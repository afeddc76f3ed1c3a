"""Raw number pieces in a text: digit groups and runs of number words, with their values.

A piece is (start, end, value, is ordinal), before any scale word, currency or range is
applied (atoms does that). Digit groups that are identifiers (phones, seasons, "A320")
are left out here or reported by not_amount_spans for the caller to skip.
"""

from __future__ import annotations

import re

from checker.extract.numbers.words import (
    CARDINAL_SET,
    ORDINAL_SET,
    ORDINALS,
    RUN_WORDS,
    SCALE_WORDS,
    SCANNED_WORDS,
    WORD_IN_RUN,
    ordinal_word_value,
    word_number_value,
)

# Regexes here start with a digit or a letter, never with a look-behind or a word boundary,
# so the regex engine can skip ahead quickly; left boundaries are checked in Python instead.
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_LETTERS = re.compile(r"[A-Za-z]+")
_RUN_GAP = re.compile(r"-|\s+and\s+|\s+")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)

# Digit groups that are identifiers, not amounts: phone numbers, seasons ("2023-24"),
# fractions and slashed dates ("24/7", "7/8/2025"). Numbers inside them are skipped.
_NOT_AMOUNTS = re.compile(
    r"\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}\b"
    r"|\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}\b"
    r"|(?:1[89]|20)\d{2}[-–/]\d{2}\b(?![-–/.]\d)"
    r"|\d+(?:/\d+)+\b"
)
_NOT_AMOUNTS_HINT = re.compile(r"\d(?:[\s.-]\d{3}|[-–/]\d)")  # a shape all of the above have

Piece = tuple[int, int, float | None, bool]  # start, end, value, is ordinal


def not_amount_spans(text: str) -> list[tuple[int, int]]:
    """Spans of digit groups that are identifiers (phones, seasons, "24/7"), not amounts."""
    if _NOT_AMOUNTS_HINT.search(text) is None:
        return []
    return [m.span() for m in _NOT_AMOUNTS.finditer(text)]


def _looks_like_identifier(text: str, start: int, end: int) -> bool:
    """Digits glued to letters ("A320", "F-16", "5G"), after "+" (phones), or like "1.2.3"."""
    before = text[start - 1] if start > 0 else " "
    if before.isalpha() or before == "+":
        return True
    if before == "-" and start > 1 and text[start - 2].isalpha():
        return True
    after = text[end] if end < len(text) else " "
    return after == "." and end + 1 < len(text) and text[end + 1].isdigit()


def digit_pieces(text: str) -> list[Piece]:
    """Digit groups ("12,500", "1.2", "3rd") that stand on their own, left to right."""
    pieces: list[Piece] = []
    for match in _DIGITS.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        if before.isalnum() or before in "_.,/" or _looks_like_identifier(text, start, end):
            continue
        suffix = _ORDINAL_SUFFIX.match(text, end)
        value = float(match.group().replace(",", ""))
        pieces.append((start, suffix.end() if suffix else end, value, suffix is not None))
    return pieces


def _split_word_run(text: str, start: int, end: int) -> list[Piece]:
    """Split a run text2num rejects ("ten and twelve") into the longest valid pieces."""
    words = [
        (m.start(), m.end(), m.group().lower()) for m in WORD_IN_RUN.finditer(text, start, end)
    ]
    words = [w for w in words if w[2] != "and"]
    pieces: list[Piece] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            phrase = " ".join(w[2] for w in words[i:j])
            is_ordinal = words[j - 1][2] in ORDINALS
            value = ordinal_word_value(phrase) if is_ordinal else word_number_value(phrase)
            if value is not None:
                pieces.append((words[i][0], words[j - 1][1], value, is_ordinal))
                i = j
                break
        else:
            i += 1
    return pieces


def _is_free_word(text: str, start: int, end: int) -> bool:
    """True when the letters start..end are a whole word (not part of "5one" or "oneé")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_" or after.isalnum() or after == "_")


def _run_piece(text: str, start: int, end: int) -> list[Piece]:
    """Value of one run of number words, or its valid pieces when text2num rejects it."""
    words = WORD_IN_RUN.findall(text, start, end)
    is_ordinal = words[-1].lower() in ORDINAL_SET
    phrase = text[start:end]
    value = ordinal_word_value(phrase) if is_ordinal else word_number_value(phrase)
    if value is not None:
        return [(start, end, value, is_ordinal)]
    return _split_word_run(text, start, end)


def spelled_pieces(text: str) -> list[tuple[Piece, bool]]:
    """Spelled numbers as (piece, is "a"/"half a" before a scale word), left to right."""
    pieces: list[tuple[Piece, bool]] = []
    run: list[int] | None = None  # [start, end] of the open run of number words
    run_done = False  # an ordinal ended the run
    previous: list[tuple[int, int, str]] = []  # the words just before, for "half a million"
    for match in _LETTERS.finditer(text):
        word = match.group().lower()
        if word not in SCANNED_WORDS:
            if run is not None:
                pieces.extend((piece, False) for piece in _run_piece(text, *run))
                run = None
            previous = []
            continue
        start, end = match.span()
        free = _is_free_word(text, start, end)
        number_word = free and word in RUN_WORDS
        if (
            run is not None
            and number_word
            and not run_done
            and _RUN_GAP.fullmatch(text, run[1], start) is not None
        ):
            run[1], run_done = end, word in ORDINAL_SET
        elif run is not None and word == "and" and not run_done:
            pass  # maybe "one hundred and five": decided by the next word
        else:
            if run is not None:
                pieces.extend((piece, False) for piece in _run_piece(text, *run))
                run = None
            if number_word and word in CARDINAL_SET:
                run, run_done = [start, end], False
            elif number_word and word in ORDINAL_SET:
                value = ordinal_word_value(word)
                pieces.append(((start, end, value, True), False))
            elif free and word in SCALE_WORDS and previous and previous[-1][2] in ("a", "an"):
                article_start, article_end, _ = previous[-1]
                value = 1.0
                if len(previous) > 1 and previous[-2][2] == "half":
                    article_start, value = previous[-2][0], 0.5
                if text[article_end:start].isspace():
                    pieces.append(((article_start, article_end, value, False), True))
        previous = [*previous[-1:], (start, end, word)]
    if run is not None:
        pieces.extend((piece, False) for piece in _run_piece(text, *run))
    return pieces
