"""The built-in readers, and the one list that gives each its suffixes.

checker.ingest.registry registers BUILTIN_READERS the first time a reader is looked up, through
the same path an extension's `checker.readers` entry points take.
"""

from checker.ingest.readers import feed, html, tabular, text

BUILTIN_READERS = (
    ((".xml", ".rss", ".atom"), feed.read_feed),
    ((".html", ".htm", ".xhtml"), html.read_html),
    ((".jsonl", ".ndjson"), tabular.read_jsonl),
    ((".json",), tabular.read_json),
    ((".csv",), tabular.read_csv),
    ((".parquet",), tabular.read_parquet),
    ((".txt", ".text"), text.read_text),
    ((".md", ".markdown"), text.read_markdown),
)
# Readers whose whole file is one article: the per-document size cap applies to the file.
ONE_DOCUMENT_READERS = (html.read_html, text.read_text, text.read_markdown)

__all__ = ["BUILTIN_READERS", "ONE_DOCUMENT_READERS", "feed", "html", "tabular", "text"]
