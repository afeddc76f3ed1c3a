"""The must-shows of issue 3 on the article that started the project.

The article lives in the shared folder beside the repository (../shared/seeds/), not in the
project, so these tests skip when it is absent.
"""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest

from checker.extract import extract
from checker.schema import from_rows

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO.parent / "shared" / "seeds" / "000_8df5dc1f8e65b074.txt"


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    if not ARTICLE.is_file():
        pytest.skip(f"the seed article is not here: {ARTICLE} (it lives outside the repo)")
    text = ARTICLE.read_text(encoding="utf-8")
    documents = from_rows(
        [{"doc_id": "seed", "story": "ceasefire", "outlet": "seed", "text": text}], "documents"
    )
    return extract(documents)


def _claim(tables: dict[str, pl.DataFrame], fragment: str) -> dict:
    found = tables["claims"].filter(pl.col("text").str.contains(fragment, literal=True))
    assert found.height == 1, found["text"].to_list()
    return found.row(0, named=True)


def _quantities_with_speaker(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return tables["quantities"].join(
        tables["claims"].select("claim_id", "speaker"), on="claim_id"
    )


def test_witkoff_speaks_for_the_deal_numbers(tables) -> None:
    quantities = _quantities_with_speaker(tables)
    expected = {
        ("hostages_living", 10.0),
        ("hostages_deceased", 9.0),
        ("ceasefire_days", 60.0),
        ("open_issues", 4.0),
        ("open_issues", 1.0),
    }
    witkoff = set(
        quantities.filter(pl.col("speaker") == "Steve Witkoff").select("kind", "value").iter_rows()
    )
    assert expected <= witkoff


def test_death_toll_is_the_health_ministry_s(tables) -> None:
    deaths = _quantities_with_speaker(tables).filter(pl.col("kind") == "deaths")
    assert deaths.height == 1
    row = deaths.row(0, named=True)
    assert (row["low"], row["high"]) == (57500.0, math.inf)
    assert row["speaker"] == "hamas-run health ministry"


def test_meeting_duration_and_clock_time(tables) -> None:
    durations = tables["quantities"].filter(pl.col("kind") == "meeting_duration")
    assert 120.0 in durations["value"].to_list()
    clocks = tables["times"].filter(pl.col("kind") == "clock")
    assert ("17:00", "EST") in set(clocks.select("local", "zone").iter_rows())


def test_stance_of_each_side(tables) -> None:
    trump = _claim(tables, "going very well")
    assert (trump["speaker"], trump["stance"], trump["stance_cue"]) == (
        "Donald Trump", 1, "going very well"
    )
    qatar = _claim(tables, "more time would be necessary")
    assert (qatar["speaker"], qatar["stance"]) == ("qatar's foreign ministry", -1)
    source = _claim(tables, "no significant advancements")
    assert (source["speaker"], source["stance"]) == ("palestinian source", -1)


def test_netanyahu_s_direct_quote(tables) -> None:
    quote = _claim(tables, "We still have to finish the job")
    assert (quote["speaker"], quote["speaker_text"], quote["quote"]) == (
        "Benjamin Netanyahu", "he", True
    )
