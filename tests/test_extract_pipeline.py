"""The extract stage as a whole: documents in, claims/quantities/times out, by the schema."""

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
    "\"Our teams worked through the night in very heavy seas,\" Bendetti told reporters, "
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
        {"doc_id": "doc-ferry", "story": "ferry", "outlet": "wire", "text": FERRY,
         "published": published},
        # A syndicated copy is extracted like any document; later stages count it once.
        {"doc_id": "doc-ferry-copy", "story": "ferry", "outlet": "mirror", "text": FERRY,
         "published": published, "duplicate_of": "doc-ferry"},
        {"doc_id": "doc-empty", "story": "ferry", "outlet": "empty", "text": "  \n "},
        {"doc_id": "doc-null", "story": "ferry", "outlet": "none", "text": None},
    ]
    return from_rows(rows, "documents")


def test_tables_follow_the_schema(documents: pl.DataFrame) -> None:
    tables = extract(documents)
    assert set(tables) == {"claims", "quantities", "times"}
    for name, frame in tables.items():
        assert frame.schema == TABLES[name], name
    claims = tables["claims"]
    assert claims["claim_id"].is_unique().all()
    assert set(claims["doc_id"]) == {
        "doc-harbour", "doc-train", "doc-orchard", "doc-ferry", "doc-ferry-copy"
    }


def test_claim_offsets_slice_the_document_text(documents: pl.DataFrame) -> None:
    tables = extract(documents)
    texts = dict(documents.select("doc_id", "text").iter_rows())
    for row in tables["claims"].iter_rows(named=True):
        assert texts[row["doc_id"]][row["start"] : row["end"]] == row["text"]
        assert row["claim_id"] == claim_id(row["doc_id"], row["start"], row["end"])
    doc_of = dict(tables["claims"].select("claim_id", "doc_id").iter_rows())
    for name in ("quantities", "times"):
        assert tables[name].height > 0, name
        for row in tables[name].iter_rows(named=True):
            assert texts[doc_of[row["claim_id"]]][row["start"] : row["end"]] == row["text"]


def test_same_input_same_output(documents: pl.DataFrame) -> None:
    first = extract(documents)
    shuffled = extract(documents.reverse())
    for name in first:
        assert first[name].equals(extract(documents)[name]), name
        key = ["claim_id", "start"] if name != "claims" else ["claim_id"]
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
        "governor's office", -1, False
    )
    times = tables["times"].join(claims.select("claim_id"), on="claim_id")
    clocks = set(times.filter(pl.col("kind") == "clock").select("text", "local").iter_rows())
    assert clocks == {("6:30 a.m.", "06:30"), ("22:30 GMT", "22:30")}


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
