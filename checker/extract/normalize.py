"""The `norm` column: claim text reduced to what matters for matching across outlets.

Lower case, typographic quotes and dashes unified, number words as digits ("sixty-day" ->
"60 day", "ten living survivors" -> "10 living survivors", via text2num), thousands separators
dropped ("12,500" -> "12500"), other punctuation removed, whitespace collapsed.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from checker.extract.names import unify_punctuation

_HYPHEN_BETWEEN_WORDS = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_KEEP_POINT = "\u2024"  # a stand-in for decimal points while punctuation is removed
_PUNCTUATION = re.compile(rf"[^\w\s%{_KEEP_POINT}]")


def normalize(text: str, language: str | None = "en") -> str:
    """Normalized text for matching; the same words always give the same string."""
    lowered = unify_punctuation(text).lower()
    # "sixty-day" -> "sixty day": text2num reads number words only between spaces.
    spaced = _HYPHEN_BETWEEN_WORDS.sub(" ", lowered)
    try:
        digits = alpha2digit(spaced, language or "en", threshold=0)
    except ValueError:  # a language text2num does not know: leave the words as they are
        digits = spaced
    digits = _THOUSANDS.sub("", digits)
    digits = _DECIMAL_POINT.sub(_KEEP_POINT, digits)
    bare = _PUNCTUATION.sub(" ", digits.replace("_", " ")).replace(_KEEP_POINT, ".")
    return " ".join(bare.split())
