"""Web pages (.html/.htm): trafilatura finds the article text and drops navigation, footers
and other boilerplate; htmldate (through trafilatura) finds the publication date."""

from __future__ import annotations

import re

import trafilatura
from lxml.html import HtmlElement

from checker.errors import CheckerError, Problems
from checker.ingest.cleanup import clean_text
from checker.ingest.decode import declared_html_charset, decode_bytes
from checker.ingest.model import Record, Source

# Ask htmldate for the original publication time with its zone, and only from the page's
# markup: its "extensive" search also reads dates out of the article text, which for news
# is usually the date of an event, not of publication.
_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html(source: Source, problems: Problems) -> list[Record]:
    declared = source.charset or declared_html_charset(source.data)
    markup = _XML_DECLARATION.sub("", decode_bytes(source.data, source.name, problems, declared))
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise CheckerError(source.name, "cannot parse as HTML")
    page = _page_facts(tree)  # read before trafilatura, which prunes the tree it is given
    extracted = trafilatura.bare_extraction(
        tree,
        url=source.url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = clean_text(extracted.text or "", join_wrapped=False) if extracted else ""
    if not text:
        raise CheckerError(source.name, "no article text found in the page (trafilatura)")
    return [
        Record(
            text=text,
            site_name=page["site_name"],
            url=source.url or page["canonical"],
            title=extracted.title or page["title"],
            # A full timestamp the page states outright beats htmldate's answer, which may keep
            # only the day; ordering counts from one source over a day needs the hour.
            published=page["published"] or extracted.date,
            language=page["language"],
        )
    ]


def _page_facts(tree: HtmlElement) -> dict[str, str | None]:
    def first(*xpaths: str) -> str | None:
        """The first non-blank value, trying the xpaths in order of preference."""
        for xpath in xpaths:
            for value in tree.xpath(xpath):
                if str(value).strip():
                    return str(value).strip()
        return None

    return {
        "site_name": first(
            "//meta[@property='og:site_name']/@content", "//meta[@name='application-name']/@content"
        ),
        "canonical": first("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"),
        "title": first("//title/text()"),
        "published": first(
            "//meta[@property='article:published_time']/@content",
            "//meta[@property='og:published_time']/@content",
            "//meta[@itemprop='datePublished']/@content",
        ),
        "language": first("/html/@lang", "/html/@xml:lang"),
    }
