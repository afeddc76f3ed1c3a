"""Blocking: the few keys a claim shares with the claims that might state the same fact.

Only claims that share a key (same story and speaker, quantity kind, event, or a word that is
rare in the story) are ever scored against each other. Everything here is vectorized polars.
"""

from __future__ import annotations

import polars as pl


def content_words(claims: pl.DataFrame, stopwords: frozenset[str]) -> pl.DataFrame:
    """claim_id, story, word: the distinct content words of each claim's normalized text."""
    return (
        claims.select("claim_id", "story", pl.col("norm").str.split(" ").alias("word"))
        .explode("word")
        .filter(
            (pl.col("word").str.len_chars() >= 3)
            & ~pl.col("word").is_in(list(stopwords))
            & ~pl.col("word").str.contains(r"^\d+$")
        )
        .unique(["claim_id", "word"])
    )


def rare_word_keys(
    words: pl.DataFrame, claims: pl.DataFrame, per_claim: int, max_share: float
) -> pl.DataFrame:
    """Each claim's `per_claim` rarest words that at least two outlets use.

    A word in more than `max_share` of a story's outlets is too common to block on.
    """
    outlets = claims.select("claim_id", "outlet")
    with_outlet = words.join(outlets, on="claim_id")
    story_outlets = claims.group_by("story").agg(pl.col("outlet").n_unique().alias("n_outlets"))
    spread = with_outlet.group_by("story", "word").agg(pl.col("outlet").n_unique().alias("df"))
    spread = spread.join(story_outlets, on="story").filter(
        (pl.col("df") >= 2) & (pl.col("df") <= (pl.col("n_outlets") * max_share).clip(2))
    )
    return (
        words.join(spread.select("story", "word", "df"), on=["story", "word"])
        .sort("claim_id", "df", "word")
        .group_by("claim_id", maintain_order=True)
        .head(per_claim)
        .select("claim_id", "story", (pl.lit("w:") + pl.col("word")).alias("key"))
    )


def block_keys(
    claims: pl.DataFrame,
    quantities: pl.DataFrame,
    stopwords: frozenset[str],
    rare_per_claim: int = 3,
    rare_max_share: float = 0.8,
) -> pl.DataFrame:
    """claim_id, story, key: every blocking key of every claim (claims need `speaker_key`)."""
    speaker = claims.filter(pl.col("speaker_key").is_not_null()).select(
        "claim_id", "story", (pl.lit("s:") + pl.col("speaker_key")).alias("key")
    )
    event = claims.filter(pl.col("event").is_not_null()).select(
        "claim_id", "story", (pl.lit("e:") + pl.col("event")).alias("key")
    )
    kind = quantities.join(claims.select("claim_id", "story"), on="claim_id").select(
        "claim_id", "story", (pl.lit("q:") + pl.col("kind")).alias("key")
    )
    words = content_words(claims, stopwords)
    rare = rare_word_keys(words, claims, rare_per_claim, rare_max_share)
    return pl.concat([speaker, event, kind, rare]).unique().sort("story", "key", "claim_id")
