"""Name keys: the one way every stage turns a name as written into a comparison key.

Neutral ground between the stages: extract, match and the checks all compare names by
`name_key`, so it lives in no stage's package.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import jellyfish

_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Lower-case, accents and punctuation gone, hyphens as spaces: "Abu-Salem" -> "abu salem"."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    spaced = ascii_only.replace("-", " ").replace("'s ", " ")
    return _SPACES.sub(" ", _NON_WORD.sub("", spaced.lower())).strip()


def lexicon_aliases(lexicon: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Variant key -> canonical key, from `canonical: [variant, ...]` entries."""
    mapping: dict[str, str] = {}
    for canonical, variants in lexicon.items():
        target = name_key(canonical)
        mapping[target] = target
        for variant in variants or ():
            mapping[name_key(variant)] = target
    return mapping


SOUND_MIN_LENGTH = 4  # shorter words share a code too easily to say anything


def sound_key(word: str) -> str:
    """The word's Metaphone code: "Haag" and "Hague" both read HK, "Talhasi" and
    "Tallahassee" TLHS."""
    return str(jellyfish.metaphone(word))


def sound_alike(a: str, b: str) -> bool:
    """Two words that sound the same and open with the same letter: one name misheard or
    miscopied, however many letters apart ("Talhasi" for Tallahassee)."""
    return (
        min(len(a), len(b)) >= SOUND_MIN_LENGTH and a[:1] == b[:1] and sound_key(a) == sound_key(b)
    )
