"""Which files a folder walk reads, and which it skips."""

from __future__ import annotations

from checker.errors import Problems
from checker.ingest import ingest
from checker.ingest.discover import discover
from checker.tables_io import MARKER


def test_walk_skips_what_is_not_an_article(tmp_path, write):
    write("s/b.txt", "Article B.")
    write("s/a.md", "Article A.")
    write("s/sub/c.jsonl", '{"text": "Article C."}\n')
    write("s/README.md", "About this corpus.")
    write("s/readme.txt", "About this corpus, again.")
    write("s/expected.yaml", "findings: []\n")
    write("s/.draft.txt", "A hidden draft.")
    write("s/.cache/d.txt", "Inside a hidden folder.")
    write("s/notes.docx", b"PK\x03\x04 not a reader's suffix")
    write("out/" + MARKER, "written by checker\n")
    write("out/documents.txt", "Output of an earlier run.")
    write("s/out2/" + MARKER, "written by checker\n")
    write("s/out2/sub/e.txt", "Deep inside an output folder.")
    problems = Problems()
    refs = discover([str(tmp_path)], problems)
    assert list(problems) == []
    root = tmp_path.as_posix()
    expected = [f"{root}/s/a.md", f"{root}/s/b.txt", f"{root}/s/sub/c.jsonl"]
    assert [ref.name for ref in refs] == expected
    assert [ref.folder for ref in refs] == ["s", "s", "sub"]


def test_a_file_named_explicitly_is_read_even_if_a_walk_would_skip_it(tmp_path, write):
    readme = write("s/README.txt", "An article that happens to be called README.")
    documents = ingest([str(readme)])
    assert documents["text"].to_list() == ["An article that happens to be called README."]


def test_explicit_file_without_a_reader_is_an_error(tmp_path, write):
    other = write("s/slides.pptx", b"PK\x03\x04")
    problems = Problems()
    assert discover([str(other)], problems) == []
    [problem] = list(problems)
    assert (problem.source, problem.level) == (other.as_posix(), "error")
    assert ".pptx" in problem.message and ".txt" in problem.message


def test_explicit_output_folder_is_skipped_with_a_warning(tmp_path, write):
    write("out/" + MARKER, "written by checker\n")
    write("out/a.txt", "Not an article.")
    problems = Problems()
    assert discover([str(tmp_path / "out")], problems) == []
    assert [p.level for p in problems] == ["warning"]


def test_each_source_once_even_when_named_twice(tmp_path, write):
    a = write("s/a.txt", "Article A.")
    problems = Problems()
    refs = discover([str(tmp_path), str(a), "https://news.example/x"], problems)
    assert [ref.name for ref in refs] == [a.as_posix(), "https://news.example/x"]
    assert refs[1].is_url and refs[1].folder is None
