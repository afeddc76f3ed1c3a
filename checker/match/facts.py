"""Grouping matched claims into facts.

Two kinds of fact come out of matching:
- quantity facts: the figures of a story whose frames align (match/frames.py; key
  `quantity:<kind>@<scope>`, with kind and scope in columns of their own too, one row per
  figure); the quantity and duration checks compare the values inside them;
- statement facts: connected groups of claims whose texts matched across outlets (key
  `statement:<words>`); the coverage and attribution checks read them.
A claim may belong to several facts.
"""

from __future__ import annotations

import hashlib

import polars as pl

# connected_groups lives in checker/graph.py (checks group names and quotes with it too);
# it stays importable from here for match code that already does.
from checker.graph import connected_groups
from checker.schema import empty

__all__ = ["connected_groups", "fact_id", "most_shared", "quantity_facts", "statement_facts"]


def fact_id(story: str, key: str, claim_ids: list[str]) -> str:
    digest = hashlib.sha1("\x1f".join([story, key, *sorted(claim_ids)]).encode())
    return digest.hexdigest()[:16]


def quantity_facts(
    frames: pl.DataFrame, claims: pl.DataFrame, prefix: str = "quantity"
) -> pl.DataFrame:
    """One fact per story and frame group (key `<prefix>:<kind>@<scope>`, see frames.py); each
    row names its figure (or day) by `quantity_start`, as a claim may hold several facts'."""
    if frames.is_empty():
        return empty("facts")
    keyed = frames.join(claims.select("claim_id", "story"), on="claim_id").select(
        "story",
        "claim_id",
        (pl.lit(f"{prefix}:") + pl.col("kind") + "@" + pl.col("scope")).alias("key"),
        "kind",
        "scope",
        pl.col("start").alias("quantity_start"),
    )
    ids = (
        keyed.group_by("story", "key")
        .agg(pl.concat_str("claim_id", pl.col("quantity_start").cast(pl.String)).sort())
        .rows()
    )
    fact_ids = pl.DataFrame(
        {
            "story": [story for story, _, _ in ids],
            "key": [key for _, key, _ in ids],
            "fact_id": [fact_id(story, key, members) for story, key, members in ids],
        }
    )
    return (
        keyed.join(fact_ids, on=["story", "key"])
        .select("fact_id", "story", "claim_id", "key", "kind", "scope", "quantity_start")
        .sort("story", "key", "claim_id", "quantity_start")
    )


def most_shared(rows: pl.DataFrame, n: int) -> pl.DataFrame:
    """group, word: each group's `n` most frequent words (ties alphabetical), to name it by."""
    return (
        rows.group_by("group", "word")
        .agg(pl.len().alias("n"))
        .sort(["group", "n", "word"], descending=[False, True, False])
        .group_by("group", maintain_order=True)
        .head(n)
        .select("group", "word")
    )


def statement_facts(
    claims: pl.DataFrame, matches: pl.DataFrame, words: pl.DataFrame, key_words: int = 4
) -> pl.DataFrame:
    """Facts from groups of matched claims; the key is the group's most shared words."""
    groups = connected_groups(list(matches.select("claim_a", "claim_b").iter_rows()))
    if not groups:
        return empty("facts")
    membership = pl.DataFrame(
        {
            "group": [i for i, g in enumerate(groups) for _ in g],
            "claim_id": [c for g in groups for c in g],
        }
    ).join(claims.select("claim_id", "story"), on="claim_id")
    labels = (
        most_shared(membership.join(words.select("claim_id", "word"), on="claim_id"), key_words)
        .group_by("group", maintain_order=True)
        .agg(pl.col("word").sort().str.join(" ").alias("label"))
    )
    rows = (
        membership.group_by("group")
        .agg(pl.col("story").first(), pl.col("claim_id").sort())
        .join(labels, on="group", how="left")
        .select(
            "story",
            ("statement:" + pl.col("label").fill_null("")).alias("key"),
            "claim_id",
        )
        .sort("story", "key", "claim_id")
    )
    return _explode_facts(rows)


def _explode_facts(rows: pl.DataFrame) -> pl.DataFrame:
    """story, key, claim_id (list) -> one facts row per claim with a stable fact_id."""
    if rows.is_empty():
        return empty("facts")
    ids = [fact_id(s, k, c) for s, k, c in rows.iter_rows()]
    return (
        rows.with_columns(pl.Series("fact_id", ids))
        .explode("claim_id")
        .select(
            "fact_id",
            "story",
            "claim_id",
            "key",
            pl.lit(None, pl.String).alias("kind"),
            pl.lit(None, pl.String).alias("scope"),
            pl.lit(None, pl.Int32).alias("quantity_start"),
        )
    )
