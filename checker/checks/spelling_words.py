"""One-word misspellings of a story's proper names: "Brant" for Brandt, "Vossburg" for
Vossberg, "Carow" for Carrow.

The full-name pass (spelling.py) needs a first name to tell one person from another. A single
capitalised word inside a sentence is a proper name too, and when one outlet alone writes a
word that is one letter (two, for long words) from a word three or more outlets write, with the
same first letter, it is a misspelling of that name; so is a word that sounds like it
(Metaphone), further apart in letters ("Talhasi" for Tallahassee). Derivations ("Democrats" /
"Democratic") and transliterations are not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import polars as pl
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from checker.names import name_key, sound_alike

MIN_COMMON = 3  # outlets that must write the accepted spelling
LONG_WORD = 8  # from this length two edits may separate a misspelling from its name
SOUNDING_EDITS = 5  # a misspelling that sounds like the name may be this far from it


def mentioned_words(claims: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """story, word, claim rows: every mid-sentence capitalised word of every claim that no
    word list calls a common word (the mentions table's `word` rows, made in extract)."""
    words = mentions.filter(pl.col("kind") == "word").select(
        "claim_id", pl.col("text").alias("word")
    )
    return claims.join(words, on="claim_id", maintain_order="left_right")


def word_conflicts(
    words: pl.DataFrame,
    covered: set[str],
    other_words: Callable[[str, str], bool],
    same_reading: Callable[[str, str], bool],
) -> list[tuple[str, str]]:
    """(accepted, misspelt) word pairs of one story. `covered` holds words the full-name pass
    already reported; `other_words` says two words are derivations of one stem and
    `same_reading` that they are one name in two alphabets' spellings. Capitalised words
    that name nothing ("While", "Ministry") are not in `words` (extract/mentions.py)."""
    support = words.group_by("word").agg(pl.col("copy_root").n_unique().alias("outlets"))
    lone = sorted(support.filter(pl.col("outlets") == 1)["word"].to_list())
    common = sorted(support.filter(pl.col("outlets") >= MIN_COMMON)["word"].to_list())
    lone = [w for w in lone if w.lower() not in covered]
    if not lone or not common:
        return []
    distances = process.cdist(
        [w.lower() for w in lone],
        [w.lower() for w in common],
        scorer=Levenshtein.distance,
        score_cutoff=SOUNDING_EDITS,
        dtype=np.int32,
    )
    pairs = []
    for i, j in zip(*np.nonzero(distances <= SOUNDING_EDITS), strict=True):
        wrong, right = lone[int(i)], common[int(j)]
        allowed = 2 if len(right) >= LONG_WORD else 1
        if sound_alike(wrong.lower(), right.lower()):
            # A name written as it sounds ("Talhasi") is that name, not a word of its own,
            # as long as the letters it keeps outnumber the ones it changes (the cutoff of
            # cdist above bounds it).
            allowed = max(allowed, (len(right) - 1) // 2)
        if distances[i, j] > allowed or wrong[0] != right[0]:
            continue
        if name_key(wrong) == name_key(right) or right.startswith(wrong):
            continue  # an accent dropped ("Benedicte"), or a word cut short by its page
        if other_words(wrong.lower(), right.lower()) or same_reading(wrong.lower(), right.lower()):
            continue
        pairs.append((right, wrong))
    # A misspelling close to two accepted words is ambiguous: leave it.
    once = {wrong for _, wrong in pairs}
    return sorted(p for p in pairs if sum(w == p[1] for _, w in pairs) == 1 and p[1] in once)


def rows_by_word(words: pl.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """word -> the claim rows that write it, shaped as the spelling finding reads them."""
    shaped = words.with_columns(
        pl.col("word").alias("speaker"), pl.col("word").alias("speaker_text")
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in shaped.iter_rows(named=True):
        grouped.setdefault(row["word"], []).append(row)
    return grouped
