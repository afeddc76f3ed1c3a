"""The end-to-end benchmark's measurements (bench/bench_compare.py): that every figure is there
and that the recalls are computed over real sets, on a tiny generated corpus (not timing)."""

from __future__ import annotations

import itertools
from collections import Counter

import polars as pl
import pytest
from rapidfuzz import fuzz

from bench.bench_compare import main, measure, summary_line, synthetic_documents
from bench.blocked_recall import all_pair_matches, blocked_recall
from bench.planted_recall import planted_recall
from checker.match import MatchSettings, candidate_inputs
from checker.match.scoring import score_blocks
from checker.pipeline import run_from_documents
from checker.schema import empty, from_rows

STORIES, ARTICLES, SEED = 3, 10, 2


@pytest.fixture(scope="module")
def figures():
    return measure(STORIES, ARTICLES, SEED)


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    documents, _ = synthetic_documents(STORIES, ARTICLES, SEED)
    return run_from_documents(documents)


def test_a_tiny_run_has_every_figure(figures) -> None:
    assert (figures.articles, figures.stories) == (STORIES * ARTICLES, STORIES)
    assert figures.claims > 100 and figures.findings > 0
    assert figures.seconds > 0 and figures.articles_per_second > 0
    assert figures.peak_rss_mb > 10
    line = summary_line(figures)
    for label in ("articles", "stories", "seconds", "articles/s", "peak RSS", "pairs scored",
                  "blocked recall"):
        assert label in line


def test_blocked_recall_is_measured_over_a_non_empty_all_pairs_set(figures) -> None:
    blocking = figures.blocking
    assert blocking.all_matches > 0  # the reference set the recall divides by
    assert 0 < blocking.pairs_scored < blocking.all_pairs  # blocking scores fewer pairs
    assert blocking.found <= min(blocking.blocked_matches, blocking.all_matches)
    assert blocking.recall == blocking.found / blocking.all_matches


def test_planted_recall_covers_every_planted_check(figures) -> None:
    _, truth = synthetic_documents(STORIES, ARTICLES, SEED)
    planted = {row.check: row.planted for row in figures.planted if row.planted}
    assert planted == dict(Counter(entry["check"] for entry in truth))
    assert all(0 <= row.found <= row.planted for row in figures.planted)


def test_main_prints_one_line_per_size_and_the_planted_table(capsys) -> None:
    assert main(["--stories", "2", "--seed", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.count("blocked recall") == 1 and "planted recall (20 articles)" in out


def test_all_pairs_agrees_with_scoring_each_pair_by_hand(tables) -> None:
    settings = MatchSettings.load()
    _, info = candidate_inputs(tables["claims"], tables["quantities"], tables["documents"],
                               settings)
    story = tables["claims"]["story"].min()
    info = info.join(tables["claims"].select("claim_id", "story"), on="claim_id").filter(
        pl.col("story") == story
    )
    found, total = all_pair_matches(info, settings.threshold, workers=1)
    by_hand, pairs = set(), 0
    for a, b in itertools.combinations(info.sort("claim_id").iter_rows(named=True), 2):
        if a["outlet"] == b["outlet"] or a["copy_root"] == b["copy_root"]:
            continue
        pairs += 1
        if fuzz.token_set_ratio(a["content"], b["content"]) >= settings.threshold:
            by_hand.add((a["claim_id"], b["claim_id"]))
    assert total == pairs
    assert set(found.iter_rows()) == by_hand and by_hand


def test_a_pair_that_shares_no_key_lowers_the_blocked_recall() -> None:
    """Spelling variants share no word, so blocking cannot propose them: recall must say so."""
    rows = [
        ("c1", "alpha", "ferries capsized harbour"),
        ("c2", "beta", "ferry capsize harbor"),
        ("c3", "alpha", "governor praised rescue divers"),
        ("c4", "gamma", "governor praised the rescue divers"),
    ]
    claims = from_rows(
        [{"claim_id": c, "doc_id": f"d-{o}", "story": "s", "outlet": o, "text": t, "norm": t}
         for c, o, t in rows],
        "claims",
    )
    documents = from_rows(
        [{"doc_id": f"d-{o}", "story": "s", "outlet": o} for o in ("alpha", "beta", "gamma")],
        "documents",
    )
    tables = {"claims": claims, "quantities": empty("quantities"), "documents": documents}
    result = blocked_recall(tables, MatchSettings.load(), workers=1)
    assert (result.all_matches, result.found, result.blocked_matches) == (2, 1, 1)
    assert result.recall == 0.5


def test_scoring_stories_in_chunks_gives_the_same_matches(tables) -> None:
    settings = MatchSettings.load()
    keys, info = candidate_inputs(tables["claims"], tables["quantities"], tables["documents"],
                                  settings)
    whole = score_blocks(keys, info, settings.threshold, settings.max_block, workers=1)
    one_story_at_a_time = score_blocks(
        keys, info, settings.threshold, settings.max_block, workers=1, keys_per_chunk=1
    )
    assert whole[0].height > 0
    assert whole[0].equals(one_story_at_a_time[0]) and whole[1] == one_story_at_a_time[1]
    assert whole[0].equals(tables["matches"])  # the pipeline's own matches


def test_planted_entry_is_found_only_through_its_minority_outlet() -> None:
    def finding(outlet: str, side: str) -> dict:
        return {"finding_id": outlet, "check": "quantity", "story": "s",
                "evidence": [{"outlet": outlet, "outlets": [outlet], "side": side}]}

    truth = [
        {"story": "s", "check": "quantity", "outlets": ["beta"]},
        {"story": "s", "check": "quantity", "outlets": ["gamma"]},
        {"story": "s", "check": "date", "outlets": ["beta"]},
    ]
    findings = from_rows([finding("beta", "minority"), finding("gamma", "majority")], "findings")
    rows = {row.check: row for row in planted_recall(findings, truth)}
    quantity = rows["quantity"]
    assert (quantity.planted, quantity.found, quantity.findings) == (2, 1, 2)
    assert (rows["date"].planted, rows["date"].found, rows["date"].recall) == (1, 0, 0.0)
