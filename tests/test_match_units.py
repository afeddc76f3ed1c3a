"""The match stage's parts on small tables: aliases, blocking, scoring and grouping."""

from __future__ import annotations

import polars as pl
import pytest

from checker.graph import connected_groups
from checker.match.aliases import speaker_keys
from checker.match.blocking import block_keys
from checker.match.days import day_kind
from checker.match.scoring import score_blocks
from checker.names import lexicon_aliases, name_key


def test_name_key_folds_case_accents_hyphens_and_punctuation() -> None:
    assert name_key("Abu-Salem") == name_key("abu Salem") == "abu salem"
    assert name_key("José  Ramírez.") == "jose ramirez"


def test_speaker_keys_join_surnames_spellings_and_lexicon_aliases() -> None:
    lexicon = lexicon_aliases({"Maria Ortega": ["Governor Ortega's office"]})
    keys = speaker_keys(
        [
            "Tomas Brandt",
            "Brandt",
            "Tomas Brant",
            "Maria Ortega",
            "Governor Ortega's office",
            "Lee",
        ],
        lexicon,
    )
    assert keys["Brandt"] == keys["Tomas Brandt"] == keys["Tomas Brant"]
    assert keys["Governor Ortega's office"] == keys["Maria Ortega"] == "maria ortega"
    assert keys["Lee"] == "lee"  # a surname no full name owns stays itself
    assert len({keys["Tomas Brandt"], keys["Maria Ortega"], keys["Lee"]}) == 3


def test_surname_shared_by_two_people_is_not_guessed() -> None:
    keys = speaker_keys(["Anna Weber", "Paul Weber", "Weber"], {})
    assert keys["Weber"] == "weber"


def _claims(rows: list[tuple[str, str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema=["claim_id", "story", "outlet", "norm"], orient="row"
    ).with_columns(
        pl.lit(None, pl.String).alias("speaker_key"), pl.lit(None, pl.String).alias("event")
    )


def test_blocking_pairs_only_claims_sharing_a_rare_word_and_scores_across_outlets() -> None:
    claims = _claims(
        [
            ("a1", "s", "alpha", "the ferry capsized near the harbour wall"),
            ("b1", "s", "beta", "a ferry capsized close to the harbour wall"),
            ("c1", "s", "gamma", "the governor praised the rescue divers"),
            ("a2", "s", "alpha", "the governor praised rescue divers today"),
        ]
    )
    quantities = pl.DataFrame(schema={"claim_id": pl.String, "kind": pl.String})
    keys = block_keys(claims, quantities, frozenset({"the", "near", "close", "today"}))
    info = claims.select(
        "claim_id", "outlet", pl.col("claim_id").alias("copy_root"), pl.col("norm").alias("content")
    )
    matches, scored = score_blocks(keys, info, threshold=70, max_block=100, workers=1)
    pairs = set(matches.select("claim_a", "claim_b").iter_rows())
    assert pairs == {("a1", "b1"), ("a2", "c1")}
    assert scored >= 2


def test_syndicated_copies_are_not_matched_with_each_other() -> None:
    claims = _claims(
        [
            ("a1", "s", "alpha", "storm surge flooded the coastal road"),
            ("b1", "s", "beta", "storm surge flooded the coastal road"),
        ]
    )
    quantities = pl.DataFrame(schema={"claim_id": pl.String, "kind": pl.String})
    keys = block_keys(claims, quantities, frozenset())
    info = claims.select(
        "claim_id",
        "outlet",
        pl.lit("same-copy").alias("copy_root"),
        pl.col("norm").alias("content"),
    )
    matches, _ = score_blocks(keys, info, threshold=70, max_block=100, workers=1)
    assert matches.is_empty()


def test_connected_groups_are_sorted_components() -> None:
    groups = connected_groups([("b", "c"), ("a", "b"), ("x", "y")])
    assert groups == [["a", "b", "c"], ["x", "y"]]


def test_quantity_facts_name_each_figure_by_its_frame() -> None:
    from checker.match.facts import quantity_facts

    claims = pl.DataFrame({"claim_id": ["a", "b", "c"], "story": ["s"] * 3})
    frames = pl.DataFrame(
        {
            "claim_id": ["a", "a", "b", "c"],
            "start": pl.Series([0, 40, 5, 9], dtype=pl.Int32),
            "kind": ["deaths", "deaths", "deaths", "duration"],
            "scope": ["all", "bangkok", "all", "later"],
        }
    )
    facts = quantity_facts(frames, claims)
    keys = {(c, q): k for c, q, k in facts.select("claim_id", "quantity_start", "key").rows()}
    assert keys == {
        ("a", 0): "quantity:deaths@all",
        ("a", 40): "quantity:deaths@bangkok",  # one claim, two facts: each figure its own
        ("b", 5): "quantity:deaths@all",
        ("c", 9): "quantity:duration@later",
    }
    assert facts.filter(pl.col("key") == "quantity:deaths@all")["fact_id"].n_unique() == 1
    # kind and scope are columns too: no reader parses them back out of the key
    columns = facts.select("claim_id", "quantity_start", "kind", "scope").rows()
    assert sorted(columns) == [
        ("a", 0, "deaths", "all"),
        ("a", 40, "deaths", "bangkok"),
        ("b", 5, "deaths", "all"),
        ("c", 9, "duration", "later"),
    ]


@pytest.mark.parametrize(
    ("context", "kind"),
    [
        ("mourning runs through |", "date_until"),
        ("a mourning period lasting until midnight on |", "date_until"),
        ("the road stays closed until noon on |", "date_until"),
        ("the two leaders have not met since |", "date_since"),
        ("the plane crashed at the airport on |", "date"),
        ("they have met since the war began on |", "date"),  # a role word further back
    ],
)
def test_day_kind_reads_the_role_word_before_a_day(context: str, kind: str) -> None:
    roles = {"through": "until", "until": "until", "since": "since", "by": "by"}
    assert day_kind(context, roles) == kind
