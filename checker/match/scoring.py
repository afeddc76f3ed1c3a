"""Scoring candidate pairs inside each block with rapidfuzz's batch `cdist`.

Similarity only proposes that two claims state the same fact ("resigned" and "has not
resigned" score alike); the rules decide whether they contradict each other.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

MATCH_SCHEMA = {
    "claim_a": pl.String,
    "claim_b": pl.String,
    "score": pl.Float64,
    "method": pl.String,
}


def score_blocks(
    keyed: pl.DataFrame,
    claim_info: pl.DataFrame,
    threshold: float,
    max_block: int,
    workers: int = -1,
) -> tuple[pl.DataFrame, int]:
    """Matches above `threshold` between claims of different outlets that share a block.

    keyed: claim_id, story, key.  claim_info: claim_id, outlet, copy_root, content.
    Returns the matches and the number of pairs scored.
    """
    blocks = (
        keyed.join(claim_info, on="claim_id")
        .group_by("story", "key", maintain_order=True)
        .agg("claim_id", "outlet", "copy_root", "content")
        .filter(pl.col("outlet").list.n_unique() >= 2)
    )
    found: list[pl.DataFrame] = []
    scored = 0
    for ids, outlets, roots, texts in blocks.select(
        "claim_id", "outlet", "copy_root", "content"
    ).iter_rows():
        if len(ids) > max_block:  # a key this common says little; its pairs share other keys
            continue
        matrix = process.cdist(
            texts, texts, scorer=fuzz.token_set_ratio, score_cutoff=threshold, workers=workers
        )
        scored += len(ids) * (len(ids) - 1) // 2
        outlet_arr, root_arr = np.asarray(outlets), np.asarray(roots)
        upper = np.triu(matrix, k=1)
        upper[outlet_arr[:, None] == outlet_arr[None, :]] = 0
        upper[root_arr[:, None] == root_arr[None, :]] = 0
        rows, cols = upper.nonzero()
        if rows.size:
            id_arr = np.asarray(ids)
            found.append(
                pl.DataFrame(
                    {
                        "claim_a": id_arr[rows],
                        "claim_b": id_arr[cols],
                        "score": upper[rows, cols].astype(np.float64),
                    }
                )
            )
    if not found:
        return pl.DataFrame(schema=MATCH_SCHEMA), scored
    pairs = pl.concat(found).select(
        pl.min_horizontal("claim_a", "claim_b").alias("claim_a"),
        pl.max_horizontal("claim_a", "claim_b").alias("claim_b"),
        "score",
    )
    matches = (
        pairs.group_by("claim_a", "claim_b")
        .agg(pl.col("score").max())
        .with_columns(pl.lit("token_set_ratio").alias("method"))
        .sort("claim_a", "claim_b")
    )
    return matches, scored
