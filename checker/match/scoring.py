"""Scoring candidate pairs inside each block with rapidfuzz's batch `cdist`.

Similarity only proposes that two claims state the same fact ("resigned" and "has not
resigned" score alike); the rules decide whether they contradict each other.
"""

from __future__ import annotations

import polars as pl
from rapidfuzz import fuzz, process

# Stories are scored this many key rows at a time: enough to keep the joins vectorized, few
# enough that a corpus of any size needs the memory of one run of stories.
KEYS_PER_CHUNK = 200_000

MATCH_SCHEMA = {
    "claim_a": pl.String,
    "claim_b": pl.String,
    "score": pl.Float64,
    "method": pl.String,
}


def candidate_pairs(keyed: pl.DataFrame, claim_info: pl.DataFrame, max_block: int) -> pl.DataFrame:
    """claim_a < claim_b: each pair of claims of different outlets and copies that share a
    block where at least one of them probes (see blocking.py; without a `probe` column every
    key probes).

    A join of probes against members instead of a matrix per block: a pair that shares several
    keys is scored once, and same-outlet pairs are never scored. The join runs on integer codes
    (its rows number in the millions on large runs; strings there would cost gigabytes).
    """
    ids = claim_info.sort("claim_id").select(  # code order = id order, so a < b holds
        "claim_id",
        pl.int_range(pl.len(), dtype=pl.Int32).alias("claim"),
        pl.col("outlet").rank("dense").cast(pl.Int32).alias("outlet"),
        pl.col("copy_root").rank("dense").cast(pl.Int32).alias("root"),
    )
    probe = pl.col("probe") if "probe" in keyed.columns else pl.lit(True)
    members = (
        keyed.select(
            pl.struct("story", "key").rank("dense").cast(pl.Int32).alias("block"),
            "claim_id",
            probe.alias("probe"),
        )
        .join(ids, on="claim_id")
        .drop("claim_id")
    )
    # a key this common says little (its pairs share other keys), one outlet alone pairs nothing
    usable = (
        members.group_by("block")
        .agg(pl.len().alias("size"), pl.col("outlet").n_unique().alias("outlets"))
        .filter((pl.col("size") <= max_block) & (pl.col("outlets") >= 2))
    )
    members = members.join(usable.select("block"), on="block", how="semi")
    probes = members.filter("probe").drop("probe")
    pairs = (
        probes.join(members.drop("probe"), on="block", suffix="_b")
        .filter((pl.col("outlet") != pl.col("outlet_b")) & (pl.col("root") != pl.col("root_b")))
        .select(
            pl.min_horizontal("claim", "claim_b").alias("a"),
            pl.max_horizontal("claim", "claim_b").alias("b"),
        )
        .unique()
    )
    claim_ids = ids["claim_id"]
    return pl.DataFrame(
        {"claim_a": claim_ids.gather(pairs["a"]), "claim_b": claim_ids.gather(pairs["b"])}
    ).sort("claim_a", "claim_b")


def story_chunks(keyed: pl.DataFrame, keys_per_chunk: int) -> list[pl.DataFrame]:
    """`keyed` split into runs of whole stories of about `keys_per_chunk` rows each (blocks never
    cross stories, so each run is scored alone and memory follows the run, not the corpus)."""
    sizes = (
        keyed.group_by("story")
        .len()
        .sort("story")
        .with_columns(((pl.col("len").cum_sum() - pl.col("len")) // keys_per_chunk).alias("chunk"))
    )
    return keyed.join(sizes.select("story", "chunk"), on="story").partition_by(
        "chunk", maintain_order=True, include_key=False
    )


def score_pairs(
    pairs: pl.DataFrame, claim_info: pl.DataFrame, threshold: float, workers: int
) -> pl.DataFrame:
    """The pairs whose contents score `threshold` or more, with their scores (cpdist: one score
    per pair, in rapidfuzz's native loop)."""
    content = claim_info.select("claim_id", "content")
    texts = pairs.join(
        content.rename({"claim_id": "claim_a", "content": "text_a"}), on="claim_a", how="left"
    ).join(content.rename({"claim_id": "claim_b", "content": "text_b"}), on="claim_b", how="left")
    scores = process.cpdist(
        texts["text_a"].to_list(),
        texts["text_b"].to_list(),
        scorer=fuzz.token_set_ratio,
        score_cutoff=threshold,
        workers=workers,
    )
    return (
        texts.select("claim_a", "claim_b")
        .with_columns(
            pl.Series("score", scores, dtype=pl.Float64),
            pl.lit("token_set_ratio").alias("method"),
        )
        .filter(pl.col("score") >= threshold)
    )


def score_blocks(
    keyed: pl.DataFrame,
    claim_info: pl.DataFrame,
    threshold: float,
    max_block: int,
    workers: int = -1,
    keys_per_chunk: int = KEYS_PER_CHUNK,
) -> tuple[pl.DataFrame, int]:
    """Matches above `threshold` between claims of different outlets that share a block.

    keyed: claim_id, story, key (, probe).  claim_info: claim_id, outlet, copy_root, content.
    Returns the matches and the number of pairs scored (each candidate pair once).
    """
    found: list[pl.DataFrame] = []
    scored = 0
    for chunk in story_chunks(keyed, keys_per_chunk):
        info = claim_info.join(chunk.select("claim_id"), on="claim_id", how="semi")
        pairs = candidate_pairs(chunk, info, max_block)
        scored += pairs.height
        if not pairs.is_empty():
            found.append(score_pairs(pairs, info, threshold, workers))
    if not found:
        return pl.DataFrame(schema=MATCH_SCHEMA), scored
    return pl.concat(found).sort("claim_a", "claim_b"), scored
