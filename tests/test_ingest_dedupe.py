"""Syndicated copies: identical and near-identical texts point at the first original."""

from __future__ import annotations

import polars as pl
import pytest
from rapidfuzz import fuzz

from checker.ingest import ingest
from checker.ingest.dedupe import NEAR_RATIO, mark_duplicates, normalized


def edit_every(text: str, every: int, offset: int, word: str) -> str:
    """Replace every `every`-th word (from `offset`) by `word`: a rewrite with light edits."""
    words = text.split(" ")
    for i in range(offset, len(words), every):
        if not words[i].endswith(".") and "\n" not in words[i]:
            words[i] = word
    return " ".join(words)


def ratio(a: str, b: str) -> float:
    norm = pl.select(normalized(pl.lit(a)).alias("a"), normalized(pl.lit(b)).alias("b")).row(0)
    return fuzz.ratio(*norm)


def duplicates(tmp_path) -> dict[str, str | None]:
    """file name -> file name of the document it duplicates."""
    documents = ingest([str(tmp_path)])
    name_of = {
        doc_id: path.rsplit("/", 1)[-1]
        for doc_id, path in documents.select("doc_id", "path").rows()
    }
    return {
        name_of[doc_id]: name_of.get(original)
        for doc_id, original in documents.select("doc_id", "duplicate_of").rows()
    }


def test_identical_copies_ignore_case_spacing_and_punctuation(tmp_path, write, articles):
    write("s/a-original.txt", articles["harbour"])
    write("s/b-copy.txt", "---\noutlet: Other\n---\n" + articles["harbour"].upper() + "\n\n")
    write("s/c-copy.md", articles["harbour"].replace(", ", " - "))
    write("s/d-other.txt", articles["train"])
    assert duplicates(tmp_path) == {
        "a-original.txt": None,
        "b-copy.txt": "a-original.txt",
        "c-copy.md": "a-original.txt",
        "d-other.txt": None,
    }


def test_near_identical_and_copy_of_a_copy_point_at_the_first_original(tmp_path, write, articles):
    original = articles["harbour"]
    copy = edit_every(original, 10, 2, "reportedly")
    copy_of_copy = edit_every(copy, 10, 6, "apparently")
    # the premise: each rewrite is close to the one it was made from, but the second is
    # too far from the original to be matched with it directly
    assert ratio(original, copy) >= NEAR_RATIO
    assert ratio(copy, copy_of_copy) >= NEAR_RATIO
    assert ratio(original, copy_of_copy) < NEAR_RATIO
    write("s/1.txt", original)
    write("s/2.txt", copy)
    write("s/3.txt", copy_of_copy)
    write("s/4.txt", articles["orchard"])
    expected = {"1.txt": None, "2.txt": "1.txt", "3.txt": "1.txt", "4.txt": None}
    assert duplicates(tmp_path) == expected


def test_same_topic_different_articles_are_not_duplicates(tmp_path, write, articles):
    lines = articles["harbour"].split("\n")
    write("s/a.txt", "\n".join(lines[:4]))
    write("s/b.txt", "\n".join(lines[2:]))  # shares two of six paragraphs
    write("s/c.txt", articles["train"])
    assert set(duplicates(tmp_path).values()) == {None}


def test_copies_in_different_stories_are_not_duplicates(tmp_path, write, articles):
    write("one/a.txt", articles["train"])
    write("two/a.txt", articles["train"])
    assert set(duplicates(tmp_path).values()) == {None}


def test_earlier_means_source_order_not_argument_order(tmp_path, write, articles):
    first = write("s/a.txt", articles["orchard"])
    second = write("s/b.txt", articles["orchard"])
    documents = ingest([str(second), str(first)])
    assert documents.select("path", "duplicate_of").rows() == [
        (first.as_posix(), None),
        (second.as_posix(), documents["doc_id"][0]),
    ]


@pytest.mark.parametrize("copies", [1, 40])
def test_many_documents_in_one_story(copies, articles):
    """Blocking must not change results: every copy of one text points at the first."""
    texts = [articles["train"]] * copies + [
        f"Report number {i}: " + edit_every(articles["harbour"], 3, i % 3, f"w{i}")
        for i in range(300)
    ]
    frame = pl.DataFrame(
        {"doc_id": [f"d{i:04d}" for i in range(len(texts))], "story": "s", "text": texts}
    )
    marked = mark_duplicates(frame)["duplicate_of"].to_list()
    assert marked[:copies] == [None] + ["d0000"] * (copies - 1)
    assert set(marked[copies:]) == {None}
