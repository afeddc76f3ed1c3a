"""The HTML pages: hostile article text renders as text; nothing is fetched from elsewhere."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polars as pl
import pytest
from test_report_sample import BREAKOUT, IMG, SCRIPT, STORY, sample_tables

from checker.report.formats_html import script_json
from checker.report.writer import write_report

# Anything that would make a browser fetch from the network.
EXTERNAL = [
    re.compile(r"<link[^>]+href\s*=\s*[\"']?(https?:)?//", re.I),
    re.compile(r"<script[^>]+src\s*=", re.I),
    re.compile(r"@import", re.I),
    re.compile(r"url\(\s*[\"']?(https?:)?//", re.I),
    re.compile(r"<(img|iframe|video|audio|source|embed|object)[^>]+(src|data)\s*=", re.I),
]


def _pages(tmp_path: Path, hostile: bool) -> dict[str, str]:
    paths = write_report(tmp_path, sample_tables(hostile), [], "none")
    return {p.name: p.read_text() for p in paths if p.suffix == ".html"}


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    pages = _pages(tmp_path, hostile=True)
    story = pages[f"{STORY}.html"]
    for payload in (SCRIPT, IMG):
        assert payload not in story
        assert html.escape(payload) in story  # shown as text, in sentences, titles, outlets
    assert "<img" not in story
    # the only <script> elements are the page's own two
    assert story.count("<script") == 2
    assert 'href="javascript:' not in story
    assert "west-wire&lt;img src=x onerror=window.__pwned=1&gt;" in story


def test_differing_span_is_marked_and_escaped(tmp_path: Path) -> None:
    story = _pages(tmp_path, hostile=True)[f"{STORY}.html"]
    assert "Officials set aside <mark>15 million</mark> for the sea wall. &lt;script&gt;" in story
    assert '>north-gazette</a><span class="also">also: south-post</span>' in story
    assert 'id="f-a1b2c3d4e5f60001"' in story and 'href="#f-a1b2c3d4e5f60001"' in story


def test_embedded_json_cannot_close_its_script_element() -> None:
    text = str(script_json({"outlet": BREAKOUT + "&"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text


def test_breakout_outlet_in_page_json(tmp_path: Path) -> None:
    tables = sample_tables()
    tables["findings"] = tables["findings"].with_columns(
        pl.col("outlets").list.concat(pl.lit([BREAKOUT], dtype=pl.List(pl.String)))
    )
    write_report(tmp_path, tables, [], "none")
    text = (tmp_path / "stories" / f"{STORY}.html").read_text()
    assert BREAKOUT not in text
    assert text.count("</script>") == 2


@pytest.mark.parametrize("hostile", [False, True])
def test_no_external_resources(tmp_path: Path, hostile: bool) -> None:
    for name, page in _pages(tmp_path, hostile).items():
        for pattern in EXTERNAL:
            assert not pattern.search(page), (name, pattern.pattern)
        assert "default-src 'none'" in page  # the CSP blocks any fetch we missed


def test_story_page_leads_with_who_deviates(tmp_path: Path) -> None:
    story = _pages(tmp_path, hostile=False)[f"{STORY}.html"]
    # the who-deviates table comes before the first finding card, the old chart is gone
    assert story.index('id="who"') < story.index('<article class="finding"')
    assert "<svg" not in story and "Agreement with the majority" not in story
    assert 'href="#outlet=west-wire&amp;check=quantity"' in story  # a cell filters
    assert "<strong>4</strong> of <strong>4</strong> findings have an outlet departing" in story
    assert 'for="filter-q"' in story and "<button" in story
    assert "prefers-color-scheme: dark" in story and "@media print" in story
    assert "(" + "attr(href)" not in story  # print does not spell out every URL


def test_cards_lead_with_the_departing_side(tmp_path: Path) -> None:
    story = _pages(tmp_path, hostile=False)[f"{STORY}.html"]
    card = story[story.index('id="f-a1b2c3d4e5f60001"') :]
    card = card[: card.index("</article>")]
    # west-wire's 15 million row comes before the agreeing line, which folds 3 outlets
    assert card.index("<mark>15 million</mark>") < card.index("<summary>3 outlets: 12 million")
    assert "<time>2025-03-04 08:00</time>" in card  # the publication time of the row
    # dated rows give two values, each in one period: the card reads it as an update
    assert "may be an update rather than a contradiction" in card
    assert card.index("<strong>12 million</strong>") < card.index("<strong>15 million</strong>")


def test_statements_are_sentences(tmp_path: Path) -> None:
    story = _pages(tmp_path, hostile=False)[f"{STORY}.html"]
    statements = story[story.index('id="statements-title"') : story.index('id="documents-title"')]
    assert "<q>claim 1</q>" in statements  # the member claim's sentence, not the key's words
    assert "sea wall" not in statements


def test_index_links_every_story(tmp_path: Path) -> None:
    index = _pages(tmp_path, hostile=False)["index.html"]
    assert f'href="stories/{STORY}.html"' in index
    # a check pill opens the story page filtered on that check
    assert f'href="stories/{STORY}.html#check=quantity">quantity 1</a>' in index
    # west-wire departs in three findings of the story: it heads "depart most"
    outlets = index[index.index("Outlets that depart most") :]
    assert outlets.index("west-wire") < outlets.index("east-echo")
    assert f'href="stories/{STORY}.html#outlet=west-wire">{STORY} 3</a>' in outlets
