"""Names as written and as keys: the small helpers every stage uses to compare speakers.

`clean_name` tidies a name for display ("Tomas  Brandt’s" -> "Tomas Brandt");
`canonical_key` turns any spelling into a comparison key ("J.D. Vance" and "JD Vance" -> "jd
vance", "José" -> "jose") for alias matching in later stages.
"""

from __future__ import annotations

import re
import unicodedata


# Python's re has no \p{Lu}; an explicit class of every upper-case letter keeps names in any
# Latin, Greek or Cyrillic spelling ("Élodie", "Ørsted") recognisable.
def _upper_class(limit: int = 0x3000) -> str:
    ranges: list[list[int]] = []
    for code in range(limit):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    parts = (
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return "[" + "".join(parts) + "]"


UPPER = _upper_class()

# One word of a name: "Brandt", "JD", "O'Brien", "Al-Thani", "State-run" or initials "J.D.".
NAME_WORD = rf"(?:(?:{UPPER}\.)+|{UPPER}[\w'’\-]*\w|{UPPER})"

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_POSSESSIVE = re.compile(r"(?:'s|s')$")
_EDGE_PUNCT = " \t\n\"',.;:!?()[]{}"


def unify_punctuation(text: str) -> str:
    """Typographic quotes and dashes to their ASCII forms."""
    return _DASHES.sub("-", text.translate(_QUOTES))


def strip_possessive(word: str) -> str:
    """ "Ortega's" -> "Ortega", "Jonas'" -> "Jonas" (only the ending, quotes unified)."""
    unified = word.translate(_QUOTES)
    if unified.endswith("'s"):
        return word[:-2]
    if unified.endswith("s'"):
        return word[:-1]
    return word


def is_possessive(word: str) -> bool:
    return bool(_POSSESSIVE.search(word.translate(_QUOTES)))


def clean_name(text: str) -> str:
    """A name for display: single spaces, ASCII quotes, no edge punctuation or possessive."""
    name = " ".join(unify_punctuation(text).split()).strip(_EDGE_PUNCT)
    return strip_possessive(name).strip(_EDGE_PUNCT)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def canonical_key(name: str) -> str:
    """The comparison key of a name: lower case, no accents, periods or punctuation."""
    key = strip_accents(clean_name(name)).lower().replace(".", "")
    key = re.sub(r"[^\w\s'-]", " ", key)
    return " ".join(key.split())


def surname(name: str) -> str:
    """The last word of a name, the usual short form in news copy ("Brandt")."""
    parts = clean_name(name).split()
    return parts[-1] if parts else ""
