"""Blocking: the few keys a claim shares with the claims that might state the same fact.

Only claims that share a key are ever scored against each other. Keys are the story's speaker,
quantity kind and event of a claim, and its content words. Word keys are asymmetric, the
"prefix filtering" idea of set-similarity joins: every claim is indexed under all its words
that two or more outlets use, but it *probes* only with its rarest ones, and a pair is a
candidate when one side's probe word is in the other's index. The scorer
(token_set_ratio) only reaches the threshold when one claim shares about half of its words
or more with the other, so a claim that probes with more than half of its words (rarest first,
which keeps blocks small) meets every such partner through at least one shared word.
Everything here is vectorized polars.
"""

from __future__ import annotations

import polars as pl

# A claim probes with at least this share of its content words; above one half so that a
# partner sharing half or more of the claim's words always shares a probe word.
PROBE_FRACTION = 0.6


def content_words(claims: pl.DataFrame, stopwords: frozenset[str]) -> pl.DataFrame:
    """claim_id, story, word: the distinct content words of each claim's normalized text."""
    # Distinct within each list before exploding: far less memory than a frame-wide unique.
    words = pl.col("norm").str.split(" ").list.unique(maintain_order=True).alias("word")
    return (
        claims.select("claim_id", "story", words)
        .explode("word")
        .filter(
            (pl.col("word").str.len_chars() >= 3)
            & ~pl.col("word").is_in(list(stopwords))
            & ~pl.col("word").str.contains(r"^\d+$")
        )
    )


def word_keys(
    words: pl.DataFrame,
    claims: pl.DataFrame,
    min_probe_words: int = 3,
    probe_fraction: float = PROBE_FRACTION,
) -> pl.DataFrame:
    """claim_id, story, key, probe: a key per content word that at least two outlets use;
    `probe` marks the claim's rarest max(min_probe_words, probe_fraction * its words)."""
    with_outlet = words.join(claims.select("claim_id", "outlet"), on="claim_id")
    spread = (
        with_outlet.group_by("story", "word")
        .agg(pl.col("outlet").n_unique().alias("df"))
        .filter(pl.col("df") >= 2)  # a word of one outlet cannot pair claims across outlets
    )
    size = words.group_by("claim_id").agg(pl.len().alias("n_words"))
    probe_limit = pl.max_horizontal(
        pl.lit(min_probe_words), (pl.col("n_words") * probe_fraction).ceil().cast(pl.Int64)
    )
    return (
        words.join(spread, on=["story", "word"])
        .join(size, on="claim_id")
        .sort("claim_id", "df", "word")
        .with_columns(rank=pl.int_range(pl.len()).over("claim_id"))
        .select(
            "claim_id",
            "story",
            (pl.lit("w:") + pl.col("word")).alias("key"),
            (pl.col("rank") < probe_limit).alias("probe"),
        )
    )


def block_keys(
    claims: pl.DataFrame,
    quantities: pl.DataFrame,
    stopwords: frozenset[str],
    min_probe_words: int = 3,
    probe_fraction: float = PROBE_FRACTION,
    words: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """claim_id, story, key, probe: every blocking key of every claim (claims need
    `speaker_key`). Speaker, event and quantity-kind keys always probe.

    `words` is content_words(claims, stopwords) when the caller has it already."""
    speaker = claims.filter(pl.col("speaker_key").is_not_null()).select(
        "claim_id", "story", (pl.lit("s:") + pl.col("speaker_key")).alias("key")
    )
    event = claims.filter(pl.col("event").is_not_null()).select(
        "claim_id", "story", (pl.lit("e:") + pl.col("event")).alias("key")
    )
    kind = quantities.join(claims.select("claim_id", "story"), on="claim_id").select(
        "claim_id", "story", (pl.lit("q:") + pl.col("kind")).alias("key")
    )
    symmetric = pl.concat([speaker, event, kind]).with_columns(pl.lit(True).alias("probe"))
    words = words if words is not None else content_words(claims, stopwords)
    by_word = word_keys(words, claims, min_probe_words, probe_fraction)
    return (
        pl.concat([symmetric, by_word])
        .group_by("claim_id", "story", "key")
        .agg(pl.col("probe").any())
        .sort("story", "key", "claim_id")
    )
