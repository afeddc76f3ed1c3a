"""The extract stage as a whole: documents in, claims/quantities/times/quotes/mentions out, by
the schema."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from checker.extract import claim_id, extract
from checker.schema import TABLES, from_rows

FERRY = (
    "Ferry death toll rises to 12\n"
    "Twelve people died when the ferry capsized off Tamsin Island late on Saturday, the "
    "provincial disaster agency said on Sunday.\n"
    "Coast guard spokesperson Commander Ilario Bendetti said more than 140 people were rescued "
    "during a nine-hour operation that ended at 6:30 a.m. (22:30 GMT).\n"
    '"Our teams worked through the night in very heavy seas," Bendetti told reporters, '
    "though the governor's office said the search had stalled."
)


@pytest.fixture
def documents(articles: dict[str, str]) -> pl.DataFrame:
    published = datetime(2025, 10, 19, 6, 0, tzinfo=UTC)
    rows = [
        {"doc_id": f"doc-{name}", "story": "local", "outlet": name, "text": text}
        for name, text in articles.items()
    ]
    rows += [
        {
            "doc_id": "doc-ferry",
            "story": "ferry",
            "outlet": "wire",
            "text": FERRY,
            "published": published,
        },
        # A syndicated copy is extracted like any document; later stages count it once.
        {
            "doc_id": "doc-ferry-copy",
            "story": "ferry",
            "outlet": "mirror",
            "text": FERRY,
            "published": published,
            "duplicate_of": "doc-ferry",
        },
        {"doc_id": "doc-empty", "story": "ferry", "outlet": "empty", "text": "  \n "},
        {"doc_id": "doc-null", "story": "ferry", "outlet": "none", "text": None},
    ]
    return from_rows(rows, "documents")


def test_tables_follow_the_schema(documents: pl.DataFrame) -> None:
    tables = extract(documents)
    assert set(tables) == {"claims", "quantities", "times", "quotes", "mentions"}
    for name, frame in tables.items():
        assert frame.schema == TABLES[name], name
    claims = tables["claims"]
    assert claims["claim_id"].is_unique().all()
    assert set(claims["doc_id"]) == {
        "doc-harbour",
        "doc-train",
        "doc-orchard",
        "doc-ferry",
        "doc-ferry-copy",
    }


def test_claim_offsets_slice_the_document_text(documents: pl.DataFrame) -> None:
    tables = extract(documents)
    texts = dict(documents.select("doc_id", "text").iter_rows())
    for row in tables["claims"].iter_rows(named=True):
        assert texts[row["doc_id"]][row["start"] : row["end"]] == row["text"]
        assert row["claim_id"] == claim_id(row["doc_id"], row["start"], row["end"])
    doc_of = dict(tables["claims"].select("claim_id", "doc_id").iter_rows())
    for name in ("quantities", "times", "quotes", "mentions"):
        assert tables[name].height > 0, name
        for row in tables[name].iter_rows(named=True):
            if name == "mentions" and row["start"] is None:
                continue  # a name tidied for display is not written so in the text
            assert texts[doc_of[row["claim_id"]]][row["start"] : row["end"]] == row["text"]


def test_same_input_same_output(documents: pl.DataFrame) -> None:
    first = extract(documents)
    shuffled = extract(documents.reverse())
    for name in first:
        assert first[name].equals(extract(documents)[name]), name
        key = {"claims": ["claim_id"], "mentions": ["claim_id", "kind", "text"]}.get(
            name, ["claim_id", "start"]
        )
        assert first[name].sort(key).equals(shuffled[name].sort(key)), name


def test_a_ferry_article_end_to_end(documents: pl.DataFrame) -> None:
    tables = extract(documents)
    claims = tables["claims"].filter(pl.col("doc_id") == "doc-ferry")
    assert claims["text"][0] == "Ferry death toll rises to 12"  # a headline line is a claim
    by_text = {row["text"]: row for row in claims.iter_rows(named=True)}
    agency = next(r for t, r in by_text.items() if t.startswith("Twelve people died"))
    assert agency["speaker"] == "provincial disaster agency"
    assert agency["event"] == "death"
    assert "casualties" in agency["topics"]
    assert agency["norm"].startswith("12 people died when the ferry capsized")
    rescue = next(r for t, r in by_text.items() if "140 people" in t)
    assert rescue["speaker"] == "Ilario Bendetti"
    assert rescue["speaker_role"] == "Coast guard spokesperson"
    # One sentence, two speakers: the quote is Bendetti's, the stalled search the office's.
    quote = next(r for t, r in by_text.items() if t.startswith('"Our teams'))
    office = next(r for t, r in by_text.items() if "stalled" in t)
    assert quote["sent_idx"] == office["sent_idx"]
    assert (quote["speaker"], quote["quote"], quote["stance"]) == ("Ilario Bendetti", True, 0)
    assert (office["speaker"], office["stance"], office["quote"]) == (
        "governor's office",
        -1,
        False,
    )
    times = tables["times"].join(claims.select("claim_id"), on="claim_id")
    clocks = set(times.filter(pl.col("kind") == "clock").select("text", "local").iter_rows())
    assert clocks == {("6:30 a.m.", "06:30"), ("22:30 GMT", "22:30")}
    # The day the ferry capsized dates the capsizing; the agency's "said on Sunday" dates nothing.
    dated = dict(times.filter(pl.col("kind") == "weekday").select("text", "dated_event").rows())
    assert dated == {"Saturday": "capsize", "Sunday": None}
    quotes = tables["quotes"].filter(pl.col("claim_id") == quote["claim_id"])
    assert quotes["text"].to_list() == ['"Our teams worked through the night in very heavy seas,"']
    named = tables["mentions"].join(claims.select("claim_id"), on="claim_id")
    assert ("name", "Ilario Bendetti", "ilario bendetti") in set(
        named.filter(pl.col("claim_id") == rescue["claim_id"]).select("kind", "text", "key").rows()
    )
    # A title is no name ("Commander"); a name's words are.
    words = set(named.filter(pl.col("kind") == "word")["text"])
    assert {"Ilario", "Bendetti"} <= words and "Commander" not in words


def test_times_carry_the_zone_labels_season() -> None:
    """A zone label's UTC offset and whether it is in use, on the mention's own date or else
    the publication day: EST in July is out of season, EDT is not."""
    text = (
        "The leaders met at 5 PM EST on July 9, 2025. Talks ended at 9 p.m. EDT (01:00 GMT). "
        "The vote is at 10:00 CET."
    )
    published = datetime(2025, 7, 10, 6, 0, tzinfo=UTC)
    documents = from_rows(
        [{"doc_id": "d", "story": "s", "outlet": "o", "text": text, "published": published}],
        "documents",
    )
    clocks = extract(documents)["times"].filter(pl.col("kind") == "clock")
    read = {row[0]: row[1:] for row in clocks.select("text", "zone_offset", "zone_in_use").rows()}
    assert read == {
        "5 PM EST": (-5.0, False),
        "9 p.m. EDT": (-4.0, True),
        "01:00 GMT": (0.0, True),
        "10:00 CET": (1.0, False),  # July 10, the publication day: central Europe is on CEST
    }
    undated = from_rows(
        [{"doc_id": "d", "story": "s", "outlet": "o", "text": "It starts at 5 PM EST."}],
        "documents",
    )
    row = extract(undated)["times"].select("zone_offset", "zone_in_use").row(0)
    assert row == (-5.0, None)  # a fixed offset, but no day to know the season by


def test_documents_without_text_give_nothing() -> None:
    empty = from_rows([{"doc_id": "d", "story": "s", "outlet": "o", "text": ""}], "documents")
    tables = extract(empty)
    assert all(frame.is_empty() for frame in tables.values())
    assert all(tables[n].schema == TABLES[n] for n in tables)


def test_user_lexicon_overrides_the_shipped_one(tmp_path: Path, documents: pl.DataFrame) -> None:
    """A rule folder's lexicons/stance.yaml replaces the keys it names (here: the cues)."""
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "stance.yaml").write_text(
        "positive: [turning point]\nnegative: [raise local taxes]\n", encoding="utf-8"
    )
    shipped = extract(documents)["claims"].filter(pl.col("doc_id") == "doc-harbour")
    custom = extract(documents, [tmp_path])["claims"].filter(pl.col("doc_id") == "doc-harbour")
    assert shipped["stance"].to_list() == [0] * shipped.height
    assert custom.filter(pl.col("stance") == 1)["stance_cue"].to_list() == ["turning point"]
    assert custom.filter(pl.col("stance") == -1)["stance_cue"].to_list() == ["raise local taxes"]
