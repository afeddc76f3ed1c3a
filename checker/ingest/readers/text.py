"""Plain text (.txt) and Markdown (.md) articles, each with optional YAML front matter."""

from __future__ import annotations

from markdown_it import MarkdownIt

from checker.errors import Problems
from checker.ingest.cleanup import clean_text, html_to_text
from checker.ingest.decode import decode_bytes
from checker.ingest.frontmatter import record_fields, split_front_matter, split_known
from checker.ingest.model import Record, Source

_MARKDOWN = MarkdownIt("commonmark")


def read_text(source: Source, problems: Problems) -> list[Record]:
    return [_read(source, problems, markdown=False)]


def read_markdown(source: Source, problems: Problems) -> list[Record]:
    return [_read(source, problems, markdown=True)]


def _read(source: Source, problems: Problems, *, markdown: bool) -> Record:
    text = decode_bytes(source.data, source.name, problems)
    front = split_front_matter(text, source.name)
    body_lines = front.body.split("\n")
    leading_blank = next((i for i, line in enumerate(body_lines) if line.strip()), 0)
    body = html_to_text(_MARKDOWN.render(front.body)) if markdown else clean_text(front.body)
    known, extra = split_known(front.meta)
    published_key = "published" if "published" in front.key_lines else "date"
    return Record(
        text=body,
        body_line=front.body_start + leading_blank,
        meta_line=front.key_lines.get(published_key),
        extra=extra,
        **record_fields(known),
    )
