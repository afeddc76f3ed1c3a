"""Identity rules: outlet and story precedence, stable doc ids, reference role."""

from __future__ import annotations

from checker.errors import Problems
from checker.ingest import ingest

SITE_PAGE = """<html><head><meta property="og:site_name" content="The Site Name">
<link rel="canonical" href="https://www.canonical-host.example/a"></head>
<body><article><p>{text}</p></article></body></html>"""
LONG = (
    "Investigators from the national transport agency arrived on Saturday morning and closed "
    "the line in both directions while they examined the damaged carriage and the track."
)


def outlets_by_file(tmp_path, **options) -> dict[str, str]:
    documents = ingest([str(tmp_path)], **options)
    rows = documents.select("path", "outlet").rows()
    return {path.rsplit("/", 1)[-1]: outlet for path, outlet in rows}


def test_outlet_precedence(tmp_path, write):
    write("s/fm.txt", "---\noutlet: Named Outlet\nurl: https://www.url-host.example/x\n---\nBody.")
    write("s/site.html", SITE_PAGE.format(text=LONG))
    no_site_name = SITE_PAGE.replace('<meta property="og:site_name" content="The Site Name">', "")
    write("s/canonical.html", no_site_name.format(text=LONG))
    write("s/url.txt", "---\nurl: https://www.URL-Host.example/x\n---\nBody.")
    write("s/Stem-Only.txt", "Body.")
    outlets = outlets_by_file(tmp_path)
    assert outlets["fm.txt"] == "named outlet"  # record outlet beats its url
    assert outlets["site.html"] == "the site name"  # site name beats the canonical url
    assert outlets["canonical.html"] == "canonical-host.example"  # url host, no www.
    assert outlets["url.txt"] == "url-host.example"
    assert outlets["Stem-Only.txt"] == "stem-only"  # lower-cased file stem


def test_story_precedence(tmp_path, write):
    write("folder-story/named.txt", "---\nstory: From Front Matter\n---\nBody one.")
    write("folder-story/plain.txt", "Body two.")
    documents = ingest([str(tmp_path)])
    assert dict(documents.select("text", "story").rows()) == {
        "Body one.": "From Front Matter",
        "Body two.": "folder-story",
    }
    documents = ingest([str(tmp_path)], story="cli-story")
    assert dict(documents.select("text", "story").rows()) == {
        "Body one.": "From Front Matter",
        "Body two.": "cli-story",
    }


def test_jsonl_in_a_story_folder_takes_the_folder(tmp_path, write):
    write("election/batch.jsonl", '{"text": "A."}\n{"text": "B.", "story": "other"}\n')
    documents = ingest([str(tmp_path / "election" / "batch.jsonl")])
    assert documents["story"].to_list() == ["election", "other"]


def test_doc_ids_survive_new_files_reordered_arguments_and_edited_text(tmp_path, write):
    a = write("s/a.txt", "First article.")
    b = write("s/b.jsonl", '{"text": "Record one."}\n{"text": "Record two."}\n')
    before = dict(ingest([str(a), str(b)]).select("text", "doc_id").rows())
    write("s/c.txt", "A newcomer.")
    a.write_text("First article, edited.")
    after = ingest([str(tmp_path / "s" / "c.txt"), str(b), str(a)])
    after_ids = dict(after.select("text", "doc_id").rows())
    assert after_ids["First article, edited."] == before["First article."]
    assert after_ids["Record one."] == before["Record one."]
    assert after_ids["Record two."] == before["Record two."]
    assert len(set(after_ids.values())) == 4
    # the table's order does not depend on the order of the arguments either
    assert after["path"].to_list() == sorted(after["path"].to_list())


def test_relative_paths_are_kept_as_given_in_posix_form(tmp_path, write, monkeypatch):
    write("corpus/s/a.txt", "Body.")
    monkeypatch.chdir(tmp_path)
    first = ingest(["./corpus/"])
    second = ingest(["corpus"])
    assert first["path"].to_list() == ["corpus/s/a.txt"]
    assert first["doc_id"].to_list() == second["doc_id"].to_list()


def test_reference_sources_get_the_reference_role(tmp_path, write):
    write("s/wire.txt", "---\nrole: candidate\n---\nWire copy.")
    write("s/rewrite.txt", "---\nrole: candidate\n---\nRewritten copy.")
    write("s/plain.txt", "Plain copy.")
    problems = Problems()
    documents = ingest(
        [str(tmp_path / "s")], reference=[str(tmp_path / "s" / "wire.txt")], problems=problems
    )
    assert list(problems) == []
    assert dict(documents.select("text", "role").rows()) == {
        "Wire copy.": "reference",
        "Rewritten copy.": "candidate",
        "Plain copy.": None,
    }
    assert documents.height == 3  # a reference named twice is read once
