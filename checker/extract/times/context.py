"""The words around a day mention: what it dates ("launched aboard Dragon Freedom on | ").

A day is compared with another outlet's day only when their words align (match/frames.py), as
figures are. The words before stop at clause punctuation; a day that opens its clause ("On
March 19, they splashed down") reads on past the comma, since what it dates comes after.
"""

from __future__ import annotations

import re

from checker.extract.quantities import AFTER_MARK

_TOKEN = re.compile(r"[^\W_]+|[,;:()\[\]\"“”—]")
_OPENERS = frozenset({"on", "in", "since", "by", "until", "from", "early", "late", "last"})
WORDS_BEFORE = 8
WORDS_AFTER = 6


ASIDE_WORDS = 4  # a bracketed aside this short ("(ISS)", "(local time)") is read past


def _past_asides(tokens: list[str], opening: str, closing: str) -> list[str]:
    """The tokens with short bracketed asides left out: "undocked from the station (ISS) on"
    reads "undocked from the station on"."""
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == opening:
            inside = tokens[i + 1 : i + 2 + ASIDE_WORDS]
            if closing in inside and all(t[0].isalnum() for t in inside[: inside.index(closing)]):
                i += inside.index(closing) + 2
                continue
        kept.append(tokens[i])
        i += 1
    return kept


def day_context(sentence: str, start: int, end: int) -> str:
    """The mention's window words, lower case: before, AFTER_MARK, after."""
    before: list[str] = []
    preceding = list(reversed(_TOKEN.findall(sentence, 0, start)))
    for token in _past_asides(preceding, ")", "("):
        if len(before) >= WORDS_BEFORE or not token[0].isalnum():
            break
        before.append(token.lower())
    opens_clause = all(word in _OPENERS for word in before)
    after: list[str] = []
    for token in _past_asides(_TOKEN.findall(sentence, end), "(", ")"):
        if len(after) >= WORDS_AFTER:
            break
        if not token[0].isalnum():
            if token == "," and opens_clause and not after:
                continue
            break
        after.append(token.lower())
    return f"{' '.join(reversed(before))} {AFTER_MARK} {' '.join(after)}".strip()
