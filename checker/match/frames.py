"""Quantity frames: which figures of a story speak of the same thing.

A figure is compared with another only when their frames align. A lexicon kind ("deaths") is a
frame of its own, split by the entity the figure belongs to: the nearest telling proper name of
its clause ("killed nine in Vellmar" is not the national toll). A figure of a generic kind
("duration", "other") aligns with another of its kind and unit only through words of their
windows in common, weighted by how rare each word is among the story's figures of that kind
(so "earthquake" in every sentence of a quake story weighs nothing), and never across two
entities ("Lind scored 10 minutes later" is not "Berg scored eight minutes later").

frame_groups(...) -> claim_id, start, kind, scope: the figures of one connected group of
aligned frames share a scope; quantity facts are keyed by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl
from rapidfuzz import fuzz, process

from checker.match.aliases import name_key
from checker.match.facts import connected_groups, most_shared
from checker.match.scopes import (
    Scopes,
    dominant_value,
    main_scopes,
    scope_label,
    scopes_clash,
    uninflect,
)

WORD_WEIGHT = 0.5  # what any shared word weighs before its rarity is added
_WORD = re.compile(r"[^\W\d_]{3,}")

GROUP_SCHEMA = pl.Schema(
    {"claim_id": pl.String, "start": pl.Int32, "kind": pl.String, "scope": pl.String}
)


def frame_words(context: str | None, stopwords: frozenset[str]) -> list[str]:
    words = {uninflect(w) for w in _WORD.findall((context or "").lower()) if w not in stopwords}
    return sorted(words)


def frame_names(names: str | None, stopwords: frozenset[str]) -> list[str]:
    """The name words of a figure's clause, in the order written, each once."""
    keys = [name_key(n) for n in (names or "").split()]
    return list(dict.fromkeys(k for k in keys if k and k not in stopwords))


def _readings(
    quantities: pl.DataFrame,
    claims: pl.DataFrame,
    roots: pl.DataFrame,
    money_units: frozenset[str] = frozenset(),
) -> pl.DataFrame:
    # Amounts align across currencies: "fined $100,000" and "fined 100,000 euros" are one
    # fine, and the check then sees the currency slip. Other units align only with their own.
    unit = pl.col("unit").fill_null("count")
    return (
        quantities.select("claim_id", "start", "kind", "unit", "context", "names")
        .join(
            claims.select("claim_id", "story", "doc_id", "outlet", "speaker", "text"),
            on="claim_id",
        )
        .join(roots, on="claim_id", how="left")
        .with_columns(
            pl.when(unit.is_in(list(money_units)))
            .then(pl.lit("money"))
            .otherwise(unit)
            .alias("unit")
        )
        # Content before ids: ids hash file paths, and the order decides ties in clustering.
        .sort("story", "unit", "outlet", "context", "claim_id", "start")
        .with_row_index("idx")
    )


def _entities(readings: pl.DataFrame, stopwords: frozenset[str], cutoff: float) -> list[str]:
    """Each figure's entity: the first place or owner its clause names ("in Vellmar",
    "Carrow's", "Jane Roe, 70"), near-identical spellings taken as one; the speaker's own
    name does not count ("Smith said the toll rose to 40" is not Smith's toll). "" when none.
    """
    entity = [""] * readings.height
    for _story, group in readings.group_by(["story"], maintain_order=True):
        listed = []
        for idx, names, speaker in group.select("idx", "names", "speaker").iter_rows():
            spoken = set(name_key(speaker or "").split())
            listed.append((idx, [n for n in frame_names(names, stopwords) if n not in spoken]))
        canonical = _name_groups((n for _, names in listed for n in names), cutoff)
        for idx, names in listed:
            entity[idx] = canonical[names[0]] if names else ""
    return entity


def _word_table(
    readings: pl.DataFrame, generic_kinds: frozenset[str], stopwords: frozenset[str]
) -> pl.DataFrame:
    """idx, story, unit, copy_root, word, weight: one row per distinct frame word of a figure
    of a generic kind."""
    rows: dict[str, list] = {"idx": [], "word": []}
    generic = readings.filter(pl.col("kind").is_in(list(generic_kinds)))
    for idx, context in generic.select("idx", "context").iter_rows():
        words = frame_words(context, stopwords)
        rows["idx"].extend([idx] * len(words))
        rows["word"].extend(words)
    table = pl.DataFrame(rows, schema={"idx": pl.UInt32, "word": pl.String}).join(
        readings.select("idx", "story", "unit", "kind", "copy_root"), on="idx"
    )
    # A base weight plus the inverse frequency within the story and unit: a word every figure
    # has says little about which figure is which, a rare one much.
    size = table.group_by("story", "unit", "kind").agg(pl.col("idx").n_unique().alias("size"))
    freq = table.group_by("story", "unit", "kind", "word").agg(pl.len().alias("df"))
    return (
        table.join(freq, on=["story", "unit", "kind", "word"])
        .join(size, on=["story", "unit", "kind"])
        .with_columns((WORD_WEIGHT + ((pl.col("size") + 1) / pl.col("df")).log()).alias("weight"))
    )


def _aligned_pairs(
    words: pl.DataFrame, threshold: float, min_shared: float, max_block: int
) -> pl.DataFrame:
    """idx_a, idx_b of generic figures in different documents whose frames overlap enough:
    the weight of their shared words over the weight of all their words (weighted Jaccard),
    and enough weight shared at all (two frames of one common word are no alignment)."""
    totals = words.group_by("idx").agg(pl.col("weight").sum().alias("total"))
    shared = words.filter(pl.col("df") <= max_block)
    return (
        shared.join(shared, on=["story", "unit", "kind", "word"], suffix="_b")
        .filter((pl.col("idx") < pl.col("idx_b")) & (pl.col("copy_root") != pl.col("copy_root_b")))
        .group_by("idx", "idx_b")
        .agg(pl.col("weight").sum().alias("shared"))
        .join(totals, on="idx")
        .join(totals.rename({"idx": "idx_b", "total": "total_b"}), on="idx_b")
        .with_columns(
            (pl.col("shared") / (pl.col("total") + pl.col("total_b") - pl.col("shared"))).alias(
                "score"
            )
        )
        .filter((pl.col("score") >= threshold) & (pl.col("shared") >= min_shared))
        .rename({"idx": "idx_a"})
        .select("idx_a", "idx_b", "score")
    )


def _name_groups(names: Iterable[str], cutoff: float) -> dict[str, str]:
    """Each name token of a story -> the first of its near-identical spellings."""
    distinct = sorted(set(names))
    if not distinct:
        return {}
    scores = process.cdist(distinct, distinct, scorer=fuzz.ratio, score_cutoff=cutoff)
    pairs = [(distinct[i], distinct[j]) for i, j in zip(*scores.nonzero(), strict=True) if i < j]
    canonical = {name: name for name in distinct}
    for group in connected_groups(pairs):
        for name in group:
            canonical[name] = group[0]
    return canonical


def frame_groups(
    quantities: pl.DataFrame,
    claims: pl.DataFrame,
    roots: pl.DataFrame,
    generic_kinds: frozenset[str],
    stopwords: frozenset[str],
    threshold: float,
    name_cutoff: float,
    max_block: int,
    min_shared: float = 0.8,
    scopes: Scopes | None = None,
    money_units: frozenset[str] = frozenset(),
    anchored_kinds: frozenset[str] = frozenset(),
) -> pl.DataFrame:
    """claim_id, start, kind, scope of every figure; aligned figures share a scope.

    A lexicon kind is its own frame, split by entity (deaths in the capital apart from deaths
    nationwide). A generic kind's figures align through the rare words they share, never
    across two entities; connected groups of aligned figures are one frame each.
    """
    if quantities.is_empty():
        return pl.DataFrame(schema=GROUP_SCHEMA)
    readings = _readings(quantities, claims, roots, money_units)
    readings = readings.with_columns(
        pl.Series("entity", _entities(readings, stopwords, name_cutoff))
    )
    reader = scopes or Scopes((), frozenset())
    # A sentence holding one figure may give its scope anywhere in it.
    alone = readings.select(pl.len().over("claim_id") == 1).to_series().to_list()
    scoped = [
        reader.of_sentence(context, text) if only else reader.of(context)
        for context, text, only in zip(
            readings["context"].to_list(), readings["text"].to_list(), alone, strict=True
        )
    ]
    words = _word_table(readings, generic_kinds, stopwords)
    entities = readings.select("idx", "entity")
    pairs = (
        _aligned_pairs(words, threshold, min_shared, max_block)
        .join(entities.rename({"idx": "idx_a", "entity": "entity_a"}), on="idx_a")
        .join(entities.rename({"idx": "idx_b", "entity": "entity_b"}), on="idx_b")
        .join(readings.select(pl.col("idx").alias("idx_a"), "kind"), on="idx_a")
        .filter(
            (pl.col("entity_a") == pl.col("entity_b"))
            # An unnamed figure may be anyone's, unless its kind is measured from somewhere.
            | (
                ((pl.col("entity_a") == "") | (pl.col("entity_b") == ""))
                & ~pl.col("kind").is_in(list(anchored_kinds))
            )
        )
        .drop("kind")
        .sort("idx_a", "idx_b")
    )
    if not pairs.is_empty():
        pairs = pairs.filter(
            pl.Series(
                [
                    not scopes_clash(scoped[a], scoped[b])
                    for a, b in pairs.select("idx_a", "idx_b").iter_rows()
                ],
                dtype=pl.Boolean,
            )
        )
    roots = dict(readings.select("idx", "copy_root").rows())
    member_of = _average_link_groups(pairs.select("idx_a", "idx_b", "score").rows(), roots)
    generic = readings["kind"].is_in(list(generic_kinds)).to_list()
    sole_entity = _sole_entities(readings)
    main_scope = main_scopes(readings, scoped, generic_kinds)
    labels = []
    for idx, story, kind, entity, is_generic in zip(
        readings["idx"].to_list(),
        readings["story"].to_list(),
        readings["kind"].to_list(),
        readings["entity"].to_list(),
        generic,
        strict=True,
    ):
        if not is_generic:
            owner = entity or sole_entity.get((story, kind)) or "all"
            labels.append(owner + scope_label(scoped[idx], main_scope.get((story, kind), {})))
        elif idx in member_of:
            labels.append(f"g{member_of[idx]}")
        else:
            labels.append(f"alone{idx}")
    return _scoped(readings.with_columns(pl.Series("group", labels)), words)


def _average_link_groups(
    pairs: list[tuple[int, int, float]], roots: dict[int, str]
) -> dict[int, int]:
    """idx -> group number. Strongest pairs first, two groups merge only when at least half
    of their cross-document pairs are aligned: a chain of pairwise likenesses ("depth of ten
    miles" ~ "ten miles from the city" ~ "the city's 20 miles of roads") makes no group.
    """
    aligned = {(a, b) for a, b, _ in pairs}
    group_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for a, b, _ in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        ga, gb = group_of.setdefault(a, a), group_of.setdefault(b, b)
        members.setdefault(ga, [ga])
        members.setdefault(gb, [gb])
        if ga == gb:
            continue
        cross = [
            (min(x, y), max(x, y))
            for x in members[ga]
            for y in members[gb]
            if roots.get(x) != roots.get(y)
        ]
        if 2 * sum(pair in aligned for pair in cross) < len(cross):
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        for idx in members.pop(gone):
            group_of[idx] = keep
            members[keep].append(idx)
    return group_of


def _sole_entities(readings: pl.DataFrame) -> dict[tuple[str, str], str]:
    """(story, kind) -> the entity its unnamed figures are about: the subject its figures name
    in at least half the documents that give one, and twice as often as any rival. Otherwise an
    unnamed figure could be about anything, and is compared only with the other unnamed ones
    (a lone "in Vellmar" does not make every unnamed toll a Vellmar toll)."""
    documents = readings.group_by("story", "kind").agg(pl.col("doc_id").n_unique().alias("all"))
    counts = (
        readings.filter(pl.col("entity") != "")
        .group_by("story", "kind", "entity")
        .agg(pl.col("doc_id").n_unique().alias("docs"))
        .join(documents, on=["story", "kind"])
    )
    main: dict[tuple[str, str], str] = {}
    for (story, kind), group in counts.group_by(["story", "kind"]):
        by_entity = dict(group.select("entity", "docs").rows())
        entity = dominant_value(by_entity, group["all"][0])
        if entity is not None:
            main[(story, kind)] = entity
    return main


def _scoped(readings: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Name each frame readably: a lexicon kind by its entity ("deaths@all", "deaths@vellmar"),
    a generic group by its most shared word ("duration@later"), numbered when two collide."""
    top_word = most_shared(
        words.join(readings.select("idx", "group"), on="idx").select("group", "word"), 1
    ).rename({"word": "top"})
    named = readings.join(top_word, on="group", how="left").with_columns(
        pl.when(pl.col("group").str.contains(r"^(g|alone)\d+$"))
        .then(pl.col("top").fill_null("figure"))
        .otherwise(pl.col("group"))
        .alias("label")
    )
    first = (
        named.group_by("story", "kind", "label", "group")
        .agg(pl.col("idx").min().alias("first"))
        .sort("story", "kind", "label", "first")
        .with_columns(pl.int_range(pl.len()).over("story", "kind", "label").alias("n"))
    )
    scope = (
        pl.when(pl.col("n") == 0)
        .then(pl.col("label"))
        .otherwise(pl.col("label") + "#" + (pl.col("n") + 1).cast(pl.String))
    )
    return (
        named.join(first.select("story", "kind", "group", "n"), on=["story", "kind", "group"])
        .select("claim_id", pl.col("start").cast(pl.Int32), "kind", scope.alias("scope"))
        .sort("claim_id", "start")
    )
