"""Bad sources cost one message each, naming the source (and line); the rest still come in."""

from __future__ import annotations

import json

import pytest

from checker.errors import Problem, Problems
from checker.ingest import ingest

GOOD = "---\noutlet: Good Paper\n---\nA sound report about the harbour budget.\n"


def run_folder(tmp_path) -> tuple[list[str], list[Problem]]:
    """Ingest the whole tmp folder; (texts of the documents, problems)."""
    problems = Problems()
    documents = ingest([str(tmp_path)], problems=problems)
    return documents["text"].to_list(), list(problems)


def only_problem(problems: list[Problem], level: str = "error") -> Problem:
    assert len(problems) == 1, [p.render() for p in problems]
    assert problems[0].level == level
    return problems[0]


@pytest.fixture
def good(write):
    write("story/good.txt", GOOD)
    return "A sound report about the harbour budget."


def test_empty_file(tmp_path, write, good):
    bad = write("story/empty.txt", "")
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert problem.source == bad.as_posix()
    assert "empty" in problem.message
    assert texts == [good]


def test_whitespace_only_file_counts_as_empty(tmp_path, write, good):
    bad = write("story/blank.md", "  \n\n\t\n")
    texts, problems = run_folder(tmp_path)
    assert only_problem(problems).source == bad.as_posix()
    assert texts == [good]


def test_binary_file(tmp_path, write, good):
    bad = write("story/photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert problem.source == bad.as_posix()
    assert "binary" in problem.message
    assert texts == [good]


def test_binary_file_without_nul_bytes(tmp_path, write, good):
    noise = bytes((i * 37 + 11) % 256 for i in range(4000)).replace(b"\x00", b"\x01")
    bad = write("story/noise.txt", noise)
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert (problem.source, "binary" in problem.message) == (bad.as_posix(), True)
    assert texts == [good]


def test_invalid_utf8_is_decoded_as_cp1252_with_a_warning(tmp_path, write, good):
    bad = write("story/legacy.txt", "First line.\nThe café said \u201cno\u201d.\n".encode("cp1252"))
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems, level="warning")
    assert problem.source == bad.as_posix()
    assert problem.line == 2
    assert "UTF-8" in problem.message and "cp1252" in problem.message
    assert "First line.\n\nThe café said “no”." in texts
    assert good in texts


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("---\noutlet: X\nA body with no closing fence.\n", 1, "never closed"),
        ("---\noutlet: X\ntitle: [unclosed\n---\nBody.\n", 3, "not valid YAML"),
        ("---\n- just\n- a list\n---\nBody.\n", 2, "mapping"),
    ],
    ids=["unterminated", "yaml-error", "not-a-mapping"],
)
def test_malformed_front_matter(tmp_path, write, good, content, line, words):
    bad = write("story/broken.txt", content)
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert (problem.source, problem.line) == (bad.as_posix(), line)
    assert words in problem.message
    assert texts == [good]


def test_jsonl_bad_line_costs_that_line_only(tmp_path, write, good):
    bad = write(
        "story/batch.jsonl",
        json.dumps({"text": "Kept one."}) + "\n"
        '{"text": "broken\n' + json.dumps({"text": "Kept two."}) + "\n" + "[1, 2]\n",
    )
    texts, problems = run_folder(tmp_path)
    assert [(p.source, p.line, p.level) for p in problems] == [
        (bad.as_posix(), 2, "error"),
        (bad.as_posix(), 4, "error"),
    ]
    assert "not valid JSON" in problems[0].message
    assert "expected a JSON object" in problems[1].message
    assert sorted(texts) == sorted([good, "Kept one.", "Kept two."])


def test_record_with_empty_text(tmp_path, write, good):
    bad = write(
        "story/batch.jsonl",
        json.dumps({"text": "  ", "outlet": "A"}) + "\n" + json.dumps({"text": "Fine."}) + "\n",
    )
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert (problem.source, problem.line) == (bad.as_posix(), 1)
    assert "empty text" in problem.message
    assert sorted(texts) == sorted([good, "Fine."])


def test_csv_without_text_column_names_its_columns(tmp_path, write, good):
    bad = write("story/sheet.csv", "outlet,body,published\nA,Some words,2025-01-01\n")
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert problem.source == bad.as_posix()
    assert "'text'" in problem.message and "outlet, body, published" in problem.message
    assert texts == [good]


def test_json_that_is_not_records(tmp_path, write, good):
    bad = write("story/config.json", json.dumps({"threshold": 3, "name": "x"}))
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert problem.source == bad.as_posix()
    assert "list of records" in problem.message
    assert texts == [good]


def test_html_without_article_text(tmp_path, write, good):
    bad = write(
        "story/app.html",
        "<html><head><title>Loading</title></head>"
        "<body><div id='root'></div><script>start()</script></body></html>",
    )
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert problem.source == bad.as_posix()
    assert "no article text" in problem.message
    assert texts == [good]


def test_feed_that_is_not_a_feed(tmp_path, write, good):
    bad = write("story/data.xml", "<?xml version='1.0'?><inventory><item>bolt</item></inventory>")
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems)
    assert problem.source == bad.as_posix()
    assert texts == [good]


def test_missing_path(tmp_path, write, good):
    problems = Problems()
    documents = ingest([str(tmp_path / "nowhere"), str(tmp_path)], problems=problems)
    problem = only_problem(list(problems))
    assert problem.source == (tmp_path / "nowhere").as_posix()
    assert "no such file" in problem.message
    assert documents["text"].to_list() == [good]


def test_unparseable_date_is_a_warning_with_the_line(tmp_path, write, good):
    bad = write("story/dated.txt", "---\ntitle: T\npublished: next Tuesday\n---\nBody text.\n")
    texts, problems = run_folder(tmp_path)
    problem = only_problem(problems, level="warning")
    assert (problem.source, problem.line) == (bad.as_posix(), 3)
    assert "next Tuesday" in problem.message
    assert sorted(texts) == sorted([good, "Body text."])


def test_unknown_role_is_a_warning_and_left_empty(tmp_path, write, good):
    write("story/roled.txt", "---\nrole: boss\n---\nBody text.\n")
    problems = Problems()
    documents = ingest([str(tmp_path)], problems=problems)
    only_problem(list(problems), level="warning")
    assert documents["role"].to_list() == [None, None]
