"""The built-in readers; importing this package registers them (see checker.ingest.registry)."""

from checker.ingest.readers import feed, html, tabular, text

__all__ = ["feed", "html", "tabular", "text"]
