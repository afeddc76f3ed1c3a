"""Articles and feeds fetched over http(s): the response goes to the reader its content type
(or, failing that, its path's suffix) asks for, through the same registry as files.

A request is bounded as a whole: the socket timeout only limits silence between two reads, so
a server that drips one byte every few seconds would never be cut off by it. The request runs
in a daemon thread that the caller waits for until the deadline; the thread stops reading at
its next chunk once the caller has given up, and the body is capped in size.
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.error
import urllib.request
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from checker import __version__
from checker.errors import CheckerError
from checker.ingest.model import Source
from checker.ingest.registry import reader_for
from checker.limits import megabytes

TIMEOUT_SECONDS = 20.0  # defaults; checker.toml [limits] sets them (checker/limits.py)
DEADLINE_SECONDS = 60.0
MAX_BYTES = 32 * 1024 * 1024  # more than any article page; stops a runaway download
_CHUNK = 64 * 1024
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


def fetch(
    url: str,
    timeout: float = TIMEOUT_SECONDS,
    deadline: float = DEADLINE_SECONDS,
    max_bytes: int = MAX_BYTES,
) -> Source:
    """GET `url` within `deadline` seconds in all; every failure is a CheckerError naming the
    URL and what went wrong."""
    outcome: dict[str, object] = {}
    give_up = threading.Event()
    worker = threading.Thread(
        target=_fetch_into,
        args=(url, min(timeout, deadline), max_bytes, give_up, outcome),
        name=f"fetch {url}",
        daemon=True,  # never keeps the process alive once the run is over
    )
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        give_up.set()
        raise CheckerError(
            url,
            f"no complete response within {deadline:g} s "
            "(url_deadline_seconds under [limits] in checker.toml)",
        )
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    source = outcome["source"]
    assert isinstance(source, Source)
    return source


def _fetch_into(
    url: str, timeout: float, max_bytes: int, give_up: threading.Event, outcome: dict
) -> None:
    try:
        outcome["source"] = _fetch(url, timeout, max_bytes, give_up)
    except CheckerError as exc:
        outcome["error"] = exc
    except Exception as exc:  # anything else a hostile server provokes is still one error
        outcome["error"] = CheckerError(url, f"cannot fetch: {type(exc).__name__}: {exc}")


def _fetch(url: str, timeout: float, max_bytes: int, give_up: threading.Event) -> Source:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = _read_body(response, max_bytes, give_up)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise CheckerError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise CheckerError(url, _network_reason(exc.reason, timeout)) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise CheckerError(url, _network_reason(exc, timeout)) from exc
    if len(data) > max_bytes:
        raise CheckerError(
            url,
            f"response larger than {megabytes(max_bytes)} (max_url_mb under [limits] in "
            "checker.toml)",
        )
    return Source(url, data, _suffix_for(url, content_type), url=url, charset=charset)


def _read_body(
    response: http.client.HTTPResponse, max_bytes: int, give_up: threading.Event
) -> bytes:
    """The body, read in chunks as they arrive, stopping one byte past the cap or when the
    caller has given up."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes and not give_up.is_set():
        chunk = response.read1(_CHUNK)  # returns what has arrived instead of waiting for more
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


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
