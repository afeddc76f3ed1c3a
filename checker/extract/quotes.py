"""Finding quoted passages in a sentence.

Used twice: attribution ignores verbs inside a quote ("'Smith said no,' he added" is his
claim, not Smith's), and a claim is a direct quote when it carries a quoted passage of a few
words or more (single scare-quoted words do not count).
"""

from __future__ import annotations

import re

# Curly and guillemet pairs; straight double quotes pair up left to right. A quote left open
# runs to the end of the sentence (a quote that continues into the next paragraph).
# Single curly quotes count only when they open after a space and close before a non-letter,
# so apostrophes ("don’t", "Ortega’s") are not mistaken for them.
_QUOTE = re.compile(
    r"“[^”]*(?:”|$)"
    r"|\"[^\"]*(?:\"|$)"
    r"|«[^»]*(?:»|$)"
    r"|(?<![\w’])‘(?:[^’]|’(?=\w))*’(?!\w)"
)
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage, quote marks included.

    A closing curly quote before any opening one ends a quote that began in an earlier
    sentence ('Getting it home feels like a reunion," said ...'): it runs from the start.
    """
    close = straight_close(text)
    if close is not None:  # pair the remaining straight quotes after the one that closes
        return [
            (0, close + 1),
            *(_shift(m.span(), close + 1) for m in _QUOTE.finditer(text[close + 1 :])),
        ]
    spans = [match.span() for match in _QUOTE.finditer(text)]
    close = text.find("”")
    if close >= 0 and text.find("“", 0, close) < 0 and not any(a <= close < b for a, b in spans):
        spans.insert(0, (0, close + 1))
    return spans


def straight_close(text: str) -> int | None:
    """Where a quote opened in an earlier sentence closes, for straight quote marks: the first
    `"` of an odd number of them, right after a word or punctuation and before a space or the
    end ('...to govern," he said'). None when the first one opens a quote."""
    first = text.find('"')
    if first <= 0 or text.count('"') % 2 == 0:
        return None
    before, after = text[first - 1], text[first + 1 : first + 2]
    return first if not before.isspace() and (after == "" or after.isspace()) else None


def _shift(span: tuple[int, int], by: int) -> tuple[int, int]:
    return span[0] + by, span[1] + by


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def has_direct_quote(text: str, spans: list[tuple[int, int]], min_words: int) -> bool:
    """True when one quoted passage holds at least `min_words` words."""
    return any(len(_WORD.findall(text, start, end)) >= min_words for start, end in spans)
