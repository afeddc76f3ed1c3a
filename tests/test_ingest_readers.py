"""Every built-in reader on small files written into tmp_path."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import polars as pl
import pytest

from checker.errors import Problems
from checker.ingest import ingest
from checker.ingest.model import Record
from checker.ingest.registry import _READERS, register_reader
from checker.schema import TABLES


def run(*sources, **options) -> tuple[pl.DataFrame, Problems]:
    problems = Problems()
    documents = ingest([str(s) for s in sources], problems=problems, **options)
    return documents, problems


def test_txt_front_matter_sets_fields_and_keeps_unknown_keys_in_extra(write, articles):
    path = write(
        "council/harbour-gazette.txt",
        "---\n"
        "outlet: Harbour Gazette\n"
        "title: Council backs harbour budget\n"
        "published: 2025-03-10T18:30:00+02:00\n"
        "url: https://gazette.example/harbour-budget\n"
        "language: en\n"
        "author: R. Lind\n"
        "tags: [budget, harbour]\n"
        "---\n"
        "\n" + articles["harbour"] + "\n",
    )
    documents, problems = run(path)
    assert list(problems) == []
    assert documents.schema == TABLES["documents"]
    row = documents.row(0, named=True)
    assert row["outlet"] == "harbour gazette"
    assert row["title"] == "Council backs harbour budget"
    assert row["published"] == datetime(2025, 3, 10, 16, 30, tzinfo=UTC)
    assert row["url"] == "https://gazette.example/harbour-budget"
    assert row["language"] == "en"
    assert row["story"] == "council"
    assert row["role"] is None
    assert json.loads(row["extra"]) == {"author": "R. Lind", "tags": ["budget", "harbour"]}
    assert row["body_line"] == 11  # 9 lines of front matter, one blank line
    paragraphs = row["text"].split("\n\n")
    assert paragraphs == articles["harbour"].split("\n")


def test_txt_without_front_matter_joins_hard_wrapped_lines(write):
    path = write(
        "wire/a.txt",
        "Floods close the coastal road\n"
        "Heavy rain closed the coastal road on Sunday, and officials\n"
        "said it would stay shut until the water level falls.\n"
        "\n"
        "Drivers were told to use the inland route.\n",
    )
    documents, _ = run(path)
    assert documents["text"][0] == (
        "Floods close the coastal road\n\n"
        "Heavy rain closed the coastal road on Sunday, and officials said it would stay shut "
        "until the water level falls.\n\n"
        "Drivers were told to use the inland route."
    )
    assert documents["body_line"][0] == 1
    assert documents["outlet"][0] == "a"


def test_markdown_markup_is_removed_and_body_line_follows_front_matter(write):
    path = write(
        "rail/valley-news.md",
        "---\noutlet: Valley News\n---\n\n\n"
        "# Train derails near valley station\n\n"
        "A **regional** train left the rails on *Friday*, injuring\n14 passengers.\n\n"
        "- two seriously\n- twelve lightly\n\n"
        "Read [the agency statement](https://agency.example/statement).\n\n"
        "<script>alert('x')</script>\n",
    )
    documents, problems = run(path)
    assert list(problems) == []
    assert documents["body_line"][0] == 6
    assert documents["text"][0] == (
        "Train derails near valley station\n\n"
        "A regional train left the rails on Friday, injuring 14 passengers.\n\n"
        "two seriously\n\ntwelve lightly\n\n"
        "Read the agency statement."
    )


HTML_PAGE = """<!doctype html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Train derails near valley station | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="og:title" content="Train derails near valley station">
<meta property="article:published_time" content="2025-05-16T23:10:00-04:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/weather">Weather</a></nav>
<article><h1>Train derails near valley station</h1>
{paragraphs}
</article>
<aside><h3>Most read</h3><ul><li><a href="/x">Celebrity chef opens bakery</a></li></ul></aside>
<footer><p>Copyright 2025 Valley Courier. Subscribe to our newsletter.</p></footer>
</body></html>
"""


def html_page(text: str) -> str:
    return HTML_PAGE.format(paragraphs="\n".join(f"<p>{line}</p>" for line in text.split("\n")))


def test_html_extracts_metadata_and_drops_boilerplate(write, articles):
    path = write("rail/courier.html", html_page(articles["train"]))
    documents, problems = run(path)
    assert list(problems) == []
    row = documents.row(0, named=True)
    assert row["title"] == "Train derails near valley station"
    assert row["outlet"] == "valley courier"
    assert row["published"] == datetime(2025, 5, 17, 3, 10, tzinfo=UTC)
    assert row["language"] == "en-GB"
    assert row["body_line"] is None
    text = row["text"]
    for paragraph in articles["train"].split("\n"):
        assert f"\n\n{paragraph}" in text
    for boilerplate in ("Weather", "Subscribe", "Celebrity chef", "Most read"):
        assert boilerplate not in text


JSONL_ROWS = [
    {"text": "First report.", "outlet": "Wire One", "published": "2025-01-02 08:00"},
    {"text": "Second report.", "outlet": "Wire Two", "story": "other", "section": "world"},
    {"text": "Third report.", "url": "https://www.third.example/a", "role": "reference"},
]


def test_jsonl_records_with_metadata_and_line_numbers(write):
    lines = [json.dumps(row) for row in JSONL_ROWS]
    path = write("batch/feed.jsonl", lines[0] + "\n\n" + lines[1] + "\n" + lines[2] + "\n")
    documents, problems = run(path)
    assert list(problems) == []
    assert documents["text"].to_list() == ["First report.", "Second report.", "Third report."]
    assert documents["outlet"].to_list() == ["wire one", "wire two", "third.example"]
    assert documents["story"].to_list() == ["batch", "other", "batch"]
    assert documents["role"].to_list() == [None, None, "reference"]
    assert documents["body_line"].to_list() == [1, 3, 4]
    assert documents["published"][0] == datetime(2025, 1, 2, 8, 0, tzinfo=UTC)
    assert json.loads(documents["extra"][1]) == {"section": "world"}
    assert documents["doc_id"].n_unique() == 3


@pytest.mark.parametrize(
    "payload",
    [JSONL_ROWS, {"articles": JSONL_ROWS}],
    ids=["list", "object-holding-a-list"],
)
def test_json_list_of_records(write, payload):
    path = write("batch/dump.json", json.dumps(payload, indent=2))
    documents, problems = run(path)
    assert list(problems) == []
    assert documents["text"].to_list() == ["First report.", "Second report.", "Third report."]
    assert documents["body_line"].to_list() == [None, None, None]


def test_json_single_record(write):
    path = write("batch/one.json", json.dumps({"text": "Only report.", "outlet": "Solo"}))
    documents, _ = run(path)
    assert documents.select("outlet", "text").row(0) == ("solo", "Only report.")


def test_csv_rows_with_multiline_cells_report_their_start_line(write):
    path = write(
        "batch/sheet.csv",
        "outlet,text,published,desk\n"
        'Wire One,"First paragraph.\n\nSecond paragraph.",2025-02-03T10:00:00Z,metro\n'
        "Wire Two,Another report.,,\n",
    )
    documents, problems = run(path)
    assert list(problems) == []
    assert documents["text"].to_list() == [
        "First paragraph.\n\nSecond paragraph.",
        "Another report.",
    ]
    assert documents["body_line"].to_list() == [2, 5]
    assert documents["published"].to_list() == [datetime(2025, 2, 3, 10, 0, tzinfo=UTC), None]
    assert json.loads(documents["extra"][0]) == {"desk": "metro"}
    assert documents["extra"][1] is None


def test_parquet_rows(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    pl.DataFrame(
        {
            "text": ["Report one.", "Report two."],
            "outlet": ["P1", "P2"],
            "published": [datetime(2025, 4, 1, 12, 0), None],
            "score": [0.5, 0.7],
        }
    ).write_parquet(folder / "rows.parquet")
    documents, problems = run(folder / "rows.parquet")
    assert list(problems) == []
    assert documents["outlet"].to_list() == ["p1", "p2"]
    assert documents["published"].to_list() == [datetime(2025, 4, 1, 12, 0, tzinfo=UTC), None]
    assert [json.loads(extra) for extra in documents["extra"]] == [{"score": 0.5}, {"score": 0.7}]


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Orchard Times - Farming</title><link>https://www.orchardtimes.example/</link>
<language>en-us</language>
<item>
  <title>Frost cuts apple harvest</title>
  <link>https://www.orchardtimes.example/frost</link>
  <guid>frost-1</guid>
  <pubDate>Tue, 09 Sep 2025 07:15:00 +0200</pubDate>
  <description>&lt;p&gt;Growers expect the &lt;b&gt;smallest&lt;/b&gt; harvest in twenty
  years.&lt;/p&gt;&lt;p&gt;Output may fall by a third.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;
  </description>
</item>
<item>
  <title>Pickers stay home</title>
  <link>https://www.orchardtimes.example/pickers</link>
  <description>Several farms will not hire seasonal pickers.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Rail Desk</title>
  <id>urn:rail-desk</id>
  <updated>2025-05-17T10:00:00Z</updated>
  <entry>
    <title>Line closed after derailment</title>
    <link href="https://raildesk.example/closed"/>
    <id>urn:rail-desk:1</id>
    <updated>2025-05-17T09:30:00Z</updated>
    <summary>Short summary only.</summary>
    <content type="html">&lt;p&gt;Investigators closed the line.&lt;/p&gt;&lt;p&gt;No cause
    was named.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss_feed_gives_one_document_per_item(write):
    path = write("orchard/feed.rss", RSS)
    documents, problems = run(path)
    assert list(problems) == []
    assert documents["title"].to_list() == ["Frost cuts apple harvest", "Pickers stay home"]
    assert documents["text"].to_list() == [
        "Growers expect the smallest harvest in twenty years.\n\nOutput may fall by a third.",
        "Several farms will not hire seasonal pickers.",
    ]
    assert documents["outlet"].to_list() == ["orchardtimes.example"] * 2
    assert documents["url"][0] == "https://www.orchardtimes.example/frost"
    assert documents["published"].to_list() == [datetime(2025, 9, 9, 5, 15, tzinfo=UTC), None]
    assert documents["language"][0] == "en-us"
    assert documents["story"].to_list() == ["orchard", "orchard"]


def test_atom_feed_prefers_full_content_over_summary(write):
    path = write("rail/desk.atom", ATOM)
    documents, problems = run(path)
    assert list(problems) == []
    row = documents.row(0, named=True)
    assert row["text"] == "Investigators closed the line.\n\nNo cause was named."
    assert row["outlet"] == "raildesk.example"
    assert row["published"] == datetime(2025, 5, 17, 9, 30, tzinfo=UTC)
    assert json.loads(row["extra"])["feed_title"] == "Rail Desk"


def test_an_extension_reader_registers_like_the_builtins(write, monkeypatch):
    monkeypatch.setattr("checker.ingest.registry._READERS", dict(_READERS))

    def read_notes(source, problems):
        lines = source.data.decode().split("\n")
        return [Record(text=line, index=i) for i, line in enumerate(lines) if line]

    register_reader([".notes"], read_notes)
    path = write("misc/a.notes", "alpha\nbeta\n")
    documents, _ = run(path)
    assert documents["text"].to_list() == ["alpha", "beta"]
