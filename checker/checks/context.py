"""What every check reads: the run's tables, joined once into the views checks need.

Checks read tables only, never article text through a stage's code: what they need from the
text (quoted passages, names, the event a day dates, a zone label's season) is a table or a
column the extract stage makes (tests/test_import_graph.py holds them to it)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl


@dataclass
class CheckContext:
    documents: pl.DataFrame
    claims: pl.DataFrame
    quantities: pl.DataFrame
    times: pl.DataFrame
    quotes: pl.DataFrame
    mentions: pl.DataFrame
    speakers: pl.DataFrame
    facts: pl.DataFrame
    matches: pl.DataFrame

    @classmethod
    def from_tables(cls, tables: dict[str, pl.DataFrame]) -> CheckContext:
        """The context of a run from its tables by name (extract and match outputs)."""
        return cls(**{name: tables[name] for name in cls.__dataclass_fields__})

    def __getitem__(self, table: str) -> pl.DataFrame:
        """Tables by name, as the Check protocol reads them."""
        return getattr(self, table)

    @cached_property
    def claim_view(self) -> pl.DataFrame:
        """Claims with what checks need: speaker key, copy group, publication time and URL."""
        docs = self.documents.select(
            "doc_id",
            pl.coalesce("duplicate_of", "doc_id").alias("copy_root"),
            "published",
            "url",
            "role",
        )
        return (
            self.claims.join(docs, on="doc_id", how="left")
            .join(self.speakers, on=["story", "speaker"], how="left")
            .with_columns(pl.coalesce("copy_root", "doc_id").alias("copy_root"))
        )

    @cached_property
    def copy_outlets(self) -> dict[str, list[str]]:
        """copy_root -> every outlet that ran that copy (syndication folds them together)."""
        docs = self.documents.select(
            pl.coalesce("duplicate_of", "doc_id").alias("copy_root"), "outlet"
        )
        grouped = docs.group_by("copy_root").agg(pl.col("outlet").unique().sort())
        return dict(grouped.iter_rows())

    @cached_property
    def story_voices(self) -> dict[str, int]:
        """story -> number of independent documents (syndicated copies count once)."""
        docs = self.documents.select(
            "story", pl.coalesce("duplicate_of", "doc_id").alias("copy_root")
        )
        return dict(docs.group_by("story").agg(pl.col("copy_root").n_unique()).iter_rows())
