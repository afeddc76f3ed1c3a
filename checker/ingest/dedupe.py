"""Mark syndicated copies: `duplicate_of` is the doc_id of the first earlier document in the
same story with the same or nearly the same text (rapidfuzz ratio >= NEAR_RATIO on normalized
text). Nothing is dropped; later stages count a story's copies once.

Comparing every pair of long texts is quadratic in both count and length, so it happens in
three steps, each on fewer documents than the last:
1. exact copies (same normalized text) collapse in one polars group-by;
2. MinHash signatures of word shingles, compared per story in one rapidfuzz cdist call
   (Hamming similarity of two signatures estimates the Jaccard overlap of the shingle sets),
   propose candidate pairs;
3. only candidates get the exact character-level ratio.
"""

from __future__ import annotations

import random

import numpy as np
import polars as pl
from rapidfuzz import distance, fuzz, process

NEAR_RATIO = 90.0  # fuzz.ratio on normalized text at or above which two texts are one copy
SHINGLE_WORDS = 3
SIGNATURE_SIZE = 64
# Loose on purpose: copies with a changed word every ten words still reach ~0.5; the ratio
# check throws out anything it lets through wrongly.
CANDIDATE_OVERLAP = 0.3
_PRIME = 2_147_483_647  # 2**31 - 1: (a * h + b) stays below 2**62, inside UInt64
_rng = random.Random(20250708)  # fixed: signatures are the same on every run
_HASH_PARAMS = [(_rng.randrange(1, _PRIME), _rng.randrange(_PRIME)) for _ in range(SIGNATURE_SIZE)]


def normalized(text: pl.Expr) -> pl.Expr:
    """Case, punctuation and spacing do not make a different copy."""
    return text.str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()


def mark_duplicates(documents: pl.DataFrame) -> pl.DataFrame:
    """Fill `duplicate_of`; `documents` must already be in source order (earlier = first)."""
    if documents.is_empty():
        return documents
    frame = documents.select("doc_id", "story", normalized(pl.col("text")).alias("norm"))
    frame = frame.with_row_index("pos").with_columns(
        pl.col("pos").min().over("story", "norm").alias("exact_of")
    )
    originals = frame.filter(pl.col("pos") == pl.col("exact_of"))
    near_of = _near_duplicate_roots(originals)
    doc_ids = frame["doc_id"].to_list()
    values: list[str | None] = []
    for pos, exact_of in enumerate(frame["exact_of"].to_list()):
        root = near_of.get(exact_of, exact_of)
        values.append(doc_ids[root] if root != pos else None)
    return documents.with_columns(pl.Series("duplicate_of", values, dtype=pl.String))


def _near_duplicate_roots(originals: pl.DataFrame) -> dict[int, int]:
    """pos -> pos of the first document it nearly copies, following copies of copies."""
    signatures = _signatures(originals)
    roots: dict[int, int] = {}
    for _, group in originals.group_by("story", maintain_order=True):
        if group.height < 2:
            continue
        positions = group["pos"].to_list()
        texts = group["norm"].to_list()
        overlap = process.cdist(
            [signatures[pos] for pos in positions],
            [signatures[pos] for pos in positions],
            scorer=distance.Hamming.normalized_similarity,
            score_cutoff=CANDIDATE_OVERLAP,
            dtype=np.float32,
            workers=-1,
        )
        earlier, later = np.nonzero(np.triu(overlap, k=1))
        # Each later document takes the first earlier one that passes the ratio check:
        # walk candidates by (later, earlier) and stop checking a document once it matched.
        matched: set[int] = set()
        for k in np.lexsort((earlier, later)).tolist():
            i, j = int(earlier[k]), int(later[k])
            if j in matched:
                continue
            if fuzz.ratio(texts[i], texts[j], score_cutoff=NEAR_RATIO):
                matched.add(j)
                first = positions[i]
                roots[positions[j]] = roots.get(first, first)
    return roots


def _signatures(originals: pl.DataFrame) -> dict[int, list[int]]:
    """MinHash signature per document: for each hash function, the least shingle hash."""
    words = originals.select("pos", pl.col("norm").str.split(" ").alias("word")).explode("word")
    # The words of one document are contiguous, so the next words are a plain shift, cut off
    # where the document ends (a window with the document's last words is shorter).
    following = [
        pl.when(pl.col("pos").shift(-k) == pl.col("pos")).then(pl.col("word").shift(-k))
        for k in range(SHINGLE_WORDS)
    ]
    shingles = words.select(
        "pos",
        pl.concat_str(following, separator=" ", ignore_nulls=True)
        .hash(seed=7)
        .mod(_PRIME)
        .alias("h"),
    )
    minima = shingles.group_by("pos").agg(
        ((pl.col("h") * a + b) % _PRIME).min().alias(f"m{i}")
        for i, (a, b) in enumerate(_HASH_PARAMS)
    )
    rows = minima.select("pos", pl.concat_list(pl.exclude("pos")).alias("sig"))
    return dict(zip(rows["pos"].to_list(), rows["sig"].to_list(), strict=True))
