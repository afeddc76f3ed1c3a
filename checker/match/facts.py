"""Grouping matched claims into facts.

Two kinds of fact come out of matching:
- quantity facts: every claim of a story that carries a quantity of one kind (key
  `quantity:<kind>`); the quantity and duration checks compare the values inside them;
- statement facts: connected groups of claims whose texts matched across outlets (key
  `statement:<words>`); the coverage and attribution checks read them.
A claim may belong to several facts.
"""

from __future__ import annotations

import hashlib

import polars as pl

from checker.schema import empty


def fact_id(story: str, key: str, claim_ids: list[str]) -> str:
    digest = hashlib.sha1("\x1f".join([story, key, *sorted(claim_ids)]).encode())
    return digest.hexdigest()[:16]


def connected_groups(pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Connected components of the match graph (union-find over the matched pairs only)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for node in parent:
        groups.setdefault(root(node), []).append(node)
    return sorted(sorted(group) for group in groups.values())


def quantity_facts(
    claims: pl.DataFrame,
    quantities: pl.DataFrame,
    event_scoped: frozenset[str] = frozenset(),
    statements: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One fact per story and quantity kind (key `quantity:<kind>`).

    A kind in `event_scoped` (a generic fallback such as `duration`: "lasted six hours" says
    nothing of what lasted) is compared only within one scope: the claim's event (key
    `quantity:<kind>@<event>`), else the statement fact its claim belongs to (claims that
    matched across outlets); a claim with neither is left out.
    """
    statement_of = (
        statements.select("claim_id", pl.col("key").alias("statement"))
        if statements is not None and not statements.is_empty()
        else pl.DataFrame(schema={"claim_id": pl.String, "statement": pl.String})
    )
    scope = pl.coalesce(pl.col("event"), pl.col("statement"))
    keyed = (
        quantities.join(claims.select("claim_id", "story", "event"), on="claim_id")
        .join(statement_of, on="claim_id", how="left")
        .select(
            "story",
            "claim_id",
            pl.when(pl.col("kind").is_in(list(event_scoped)))
            .then("quantity:" + pl.col("kind") + "@" + scope)
            .otherwise("quantity:" + pl.col("kind"))
            .alias("key"),
        )
    )
    rows = (
        keyed.filter(pl.col("key").is_not_null())
        .unique()
        .group_by("story", "key")
        .agg(pl.col("claim_id").sort())
        .sort("story", "key")
    )
    return _explode_facts(rows)


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
        membership.join(words.select("claim_id", "word"), on="claim_id")
        .group_by("group", "word")
        .agg(pl.len().alias("n"))
        .sort(["group", "n", "word"], descending=[False, True, False])
        .group_by("group", maintain_order=True)
        .head(key_words)
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
        .select("fact_id", "story", "claim_id", "key")
    )
