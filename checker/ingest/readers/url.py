"""Articles and feeds fetched over http(s): the response goes to the reader its content type
(or, failing that, its path's suffix) asks for, through the same registry as files."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from checker import __version__
from checker.errors import CheckerError
from checker.ingest.model import Source
from checker.ingest.registry import reader_for

TIMEOUT_SECONDS = 20.0
MAX_BYTES = 32 * 1024 * 1024  # more than any article page; stops a runaway download
USER_AGENT = f"checker/{__version__} (+news discrepancy checker)"

# Content type -> the suffix whose reader handles it.
CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "application/rdf+xml": ".rss",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/json": ".json",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "text/csv": ".csv",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/vnd.apache.parquet": ".parquet",
}
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, */*;q=0.8"
)


def fetch(url: str, timeout: float = TIMEOUT_SECONDS) -> Source:
    """GET `url`; every failure is a CheckerError naming the URL and what went wrong."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise CheckerError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise CheckerError(url, _network_reason(exc.reason, timeout)) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise CheckerError(url, _network_reason(exc, timeout)) from exc
    if len(data) > MAX_BYTES:
        raise CheckerError(url, f"response larger than {MAX_BYTES // (1024 * 1024)} MB")
    return Source(url, data, _suffix_for(url, content_type), url=url, charset=charset)


def _suffix_for(url: str, content_type: str) -> str:
    if content_type in CONTENT_TYPES:
        return CONTENT_TYPES[content_type]
    path_suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    return path_suffix if reader_for(path_suffix) else ".html"


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return f"unknown host ({reason.strerror})"
    return f"cannot fetch: {reason}"
