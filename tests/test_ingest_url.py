"""Sources fetched over HTTP from a server the test starts on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from checker.errors import Problems
from checker.ingest import ingest
from checker.ingest.readers.url import USER_AGENT

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Le conseil adopte le budget du port</title>
<meta property="article:published_time" content="2025-03-10T09:00:00+01:00">
</head><body><nav><a href="/">Accueil</a> <a href="/sport">Sport</a></nav>
<article><h1>Le conseil adopte le budget du port</h1>
<p>Le conseil municipal a adopté lundi un nouveau budget pour le quartier du port, après un
débat de près de quatre heures.</p>
<p>Le plan prévoit 12 millions pour la digue et 3 millions pour un nouveau terminal de ferry,
selon les élus présents à la séance.</p>
</article><footer>Tous droits réservés. Abonnez-vous.</footer></body></html>
"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Port wire</title><link>http://127.0.0.1/</link>
<item><title>Budget passes</title><link>https://portwire.example/budget</link>
<pubDate>Mon, 10 Mar 2025 10:00:00 GMT</pubDate>
<description>The council approved the harbour budget.</description></item>
<item><title>Taxes to rise</title><link>https://portwire.example/taxes</link>
<description>Opponents say local taxes will rise.</description></item>
</channel></rss>
"""

ROUTES = {
    "/news/port.html": ("text/html; charset=utf-8", PAGE),
    "/feed": ("application/rss+xml", FEED),
    "/empty-page": ("text/html", "<html><body><script>app()</script></body></html>"),
}


class Handler(BaseHTTPRequestHandler):
    user_agents: ClassVar[list[str]] = []  # what each request sent, newest last

    def do_GET(self) -> None:
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        content_type, body = ROUTES[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # urllib honours *_proxy variables; a proxy must not stand between us and 127.0.0.1
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article.html"


def test_html_page_over_http(server):
    problems = Problems()
    url = f"{server}/news/port.html"
    documents = ingest([url], problems=problems)
    assert list(problems) == []
    row = documents.row(0, named=True)
    assert row["url"] == url and row["path"] == url
    assert row["outlet"] == "127.0.0.1"  # no site name in the page: the host
    assert row["story"] == "web"
    assert row["language"] == "fr"
    assert row["title"] == "Le conseil adopte le budget du port"
    assert row["published"] == datetime(2025, 3, 10, 8, 0, tzinfo=UTC)
    assert "après un débat de près de quatre heures" in row["text"]
    assert "Abonnez" not in row["text"]
    assert Handler.user_agents[-1] == USER_AGENT
    assert USER_AGENT.startswith("checker/") and "news discrepancy checker" in USER_AGENT


def test_feed_over_http_by_content_type(server):
    problems = Problems()
    documents = ingest([f"{server}/feed"], story="port-budget", problems=problems)
    assert list(problems) == []
    assert documents["title"].to_list() == ["Budget passes", "Taxes to rise"]
    assert documents["outlet"].to_list() == ["portwire.example", "portwire.example"]
    assert documents["story"].to_list() == ["port-budget", "port-budget"]
    assert documents["published"][0] == datetime(2025, 3, 10, 10, 0, tzinfo=UTC)


def test_closed_port_is_one_error_and_the_rest_still_comes_in(write, closed_port_url):
    good = write("story/good.txt", "A good local file.")
    problems = Problems()
    documents = ingest([closed_port_url, str(good)], problems=problems)
    assert [(p.source, p.level) for p in problems] == [(closed_port_url, "error")]
    assert "refused" in problems.items[0].message
    assert documents["text"].to_list() == ["A good local file."]


def test_http_error_status_and_empty_page(server, write):
    good = write("story/good.txt", "A good local file.")
    problems = Problems()
    missing, empty = f"{server}/gone.html", f"{server}/empty-page"
    documents = ingest([missing, empty, str(good)], problems=problems)
    messages = {p.source: p.message for p in problems}
    assert set(messages) == {missing, empty}
    assert messages[missing] == "HTTP 404 Not Found"
    assert "no article text" in messages[empty]
    assert documents["text"].to_list() == ["A good local file."]
