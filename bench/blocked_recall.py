"""How much blocking loses: the blocked matcher's pairs against scoring every pair.

The reference is every pair of claims of one story from different outlets (and different
syndication roots, which the matcher never pairs either) that reaches the threshold with the
matcher's own scorer on the matcher's own content strings. Computed one story at a time with
rapidfuzz's `cdist`, so memory grows with the largest story, not the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from checker.match import MatchSettings, candidate_inputs, speaker_table
from checker.match.scoring import score_blocks

PAIR_SCHEMA = {"claim_a": pl.String, "claim_b": pl.String}


@dataclass(frozen=True)
class BlockedRecall:
    pairs_scored: int  # pairs the blocked matcher scored (a pair in two blocks counts twice)
    all_pairs: int  # cross-outlet pairs inside stories: what scoring everything would cost
    all_matches: int  # of those, the pairs at or above the threshold
    blocked_matches: int  # the blocked matcher's pairs at or above the threshold
    found: int  # |blocked ∩ all|

    @property
    def recall(self) -> float:
        return self.found / self.all_matches if self.all_matches else 1.0


def _ordered(pairs: pl.DataFrame) -> pl.DataFrame:
    """claim_a < claim_b, one row a pair."""
    return pairs.select(
        pl.min_horizontal("claim_a", "claim_b").alias("claim_a"),
        pl.max_horizontal("claim_a", "claim_b").alias("claim_b"),
    ).unique()


def all_pair_matches(
    info: pl.DataFrame, threshold: float, workers: int = -1
) -> tuple[pl.DataFrame, int]:
    """Every cross-outlet pair of each story at or above `threshold`, and how many pairs that
    meant scoring. info: claim_id, story, outlet, copy_root, content."""
    found: list[pl.DataFrame] = []
    total = 0
    per_story = (
        info.sort("claim_id")
        .group_by("story", maintain_order=True)
        .agg("claim_id", "outlet", "copy_root", "content")
    )
    for ids, outlets, roots, texts in (
        per_story.sort("story").select("claim_id", "outlet", "copy_root", "content").iter_rows()
    ):
        outlet_arr, root_arr = np.asarray(outlets), np.asarray(roots)
        allowed = np.triu(outlet_arr[:, None] != outlet_arr[None, :], k=1)
        allowed &= root_arr[:, None] != root_arr[None, :]
        total += int(allowed.sum())
        matrix = process.cdist(
            texts, texts, scorer=fuzz.token_set_ratio, score_cutoff=threshold, workers=workers
        )
        rows, cols = np.nonzero((matrix >= threshold) & allowed)
        if rows.size:
            id_arr = np.asarray(ids)
            found.append(pl.DataFrame({"claim_a": id_arr[rows], "claim_b": id_arr[cols]}))
    pairs = pl.concat(found) if found else pl.DataFrame(schema=PAIR_SCHEMA)
    return _ordered(pairs), total


def blocked_recall(
    tables: dict[str, pl.DataFrame], settings: MatchSettings, workers: int = -1
) -> BlockedRecall:
    """Recall of the blocked matcher on a finished run's tables, at the matcher's settings."""
    claims, documents = tables["claims"], tables["documents"]
    speakers = speaker_table(claims, settings)
    keys, info = candidate_inputs(claims, tables["quantities"], documents, settings, speakers)
    blocked, scored = score_blocks(
        keys, info, settings.threshold, settings.max_block, workers=workers
    )
    blocked = _ordered(blocked.select("claim_a", "claim_b"))
    with_story = info.join(claims.select("claim_id", "story"), on="claim_id")
    reference, total = all_pair_matches(with_story, settings.threshold, workers)
    found = blocked.join(reference, on=["claim_a", "claim_b"], how="semi").height
    return BlockedRecall(scored, total, reference.height, blocked.height, found)
