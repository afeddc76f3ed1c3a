"""A speaker phrase as whitespace tokens, with the offsets and lower-case forms the reader needs."""

from __future__ import annotations

import re

from checker.extract.names import unify_punctuation

TOKEN = re.compile(r"\S+")
EDGE = "\"'“”‘’«»()[]{},;:!?"  # punctuation stripped from the ends of a word or role


class PhraseTokens:
    """The phrase split on whitespace, with lower-case forms for matching."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
        self.spans: list[tuple[int, int]] = []
        self.raw: list[str] = []
        for match in TOKEN.finditer(phrase):
            word = match.group(0)
            left = len(word) - len(word.lstrip(EDGE))
            right = len(word.rstrip(EDGE))
            if right <= left:
                continue  # a lone quote mark or bracket
            self.spans.append((match.start() + left, match.start() + right))
            self.raw.append(word[left:right])
        # A final full stop belongs to the sentence unless the word is dotted ("U.S.").
        self.low = [
            w if w.count(".") > 1 else w.rstrip(".")
            for w in (unify_punctuation(r).lower() for r in self.raw)
        ]
        self.key = [w.rstrip(".") for w in self.low]  # "gov." and "gov" match alike

    def __len__(self) -> int:
        return len(self.raw)

    def text(self, start: int, end: int) -> str:
        return self.phrase[self.spans[start][0] : self.spans[end - 1][1]] if end > start else ""

    def is_capitalised(self, i: int) -> bool:
        return self.raw[i][:1].isupper()


def clean_role(text: str) -> str:
    """A role as written, tidied: single spaces, ASCII quotes, no edge punctuation."""
    return " ".join(unify_punctuation(text).split()).strip(EDGE + " ")
