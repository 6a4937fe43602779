"""A local HTTP server for the watch tests: feeds and articles on 127.0.0.1, every request logged.

Routes: ``/good.xml`` (RSS, two articles about a NATO meeting, with an ETag and
Last-Modified, answering 304 to a matching conditional GET), ``/copies.xml``
(the first article and a copy of it under another URL), ``/mixed.xml`` (a
slow article and a huge one), ``/error.xml`` (500), ``/malformed.xml`` (not a
feed) and ``/huge.xml`` (a body far past the test's size limit).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 3.0
HUGE_BYTES = 2_000_000
ETAG = '"good-v1"'
LAST_MODIFIED = "Mon, 09 Feb 2026 08:00:00 GMT"

ARTICLE_1 = """<!doctype html><html><head>
<title>Hegseth to skip NATO defence ministers meeting</title></head><body><article>
<h1>Hegseth to skip NATO defence ministers meeting</h1>
<p>U.S. Defense Secretary Pete Hegseth will skip the meeting of NATO defence ministers in Brussels
next week, two U.S. officials told reporters on Monday.</p>
<p>Under Secretary of Defense Elbridge Colby will attend in his place, the officials said.</p>
<p>Allies had hoped to discuss air defence supplies for Ukraine at the talks, which open on
Thursday at the alliance's headquarters.</p></article></body></html>"""

ARTICLE_2 = """<!doctype html><html><head><title>Healey confirms trip to Brussels</title></head>
<body><article><h1>Healey confirms trip to Brussels</h1>
<p>British Defence Secretary John Healey will attend the NATO defence ministers' meeting in
Brussels on Thursday, the Ministry of Defence said.</p>
<p>Germany's defence minister Boris Pistorius is also expected to attend, according to a German
government spokesperson.</p>
<p>The ministers are due to review plans for the alliance's eastern flank.</p>
</article></body></html>"""


def rss(base: str, *paths: str) -> str:
    items = "".join(
        f"<item><title>Story {p}</title><link>{base}{p}</link>"
        "<pubDate>Mon, 09 Feb 2026 07:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<link>{base}/</link><description>t</description>{items}</channel></rss>"
    )


@dataclass
class FeedServer:
    """The running server: its base URL and every request it saw (path, headers)."""

    base: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    responses: list[tuple[str, int]] = field(default_factory=list)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def statuses(self, path: str) -> list[int]:
        return [s for p, s in self.responses if p == path]


@contextmanager
def serve() -> Iterator[FeedServer]:
    """Start the server on an ephemeral port in a thread; stop it afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    state = FeedServer(f"http://127.0.0.1:{server.server_address[1]}")
    server.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        state: FeedServer = self.server.state  # type: ignore[attr-defined]
        state.requests.append((self.path, dict(self.headers.items())))
        base = state.base
        if self.path == "/good.xml":
            if self.headers.get("If-None-Match") == ETAG:
                self._send(304, b"", "application/rss+xml", state)
                return
            body = rss(base, "/a1.html", "/a2.html").encode()
            self._send(200, body, "application/rss+xml", state, validators=True)
        elif self.path == "/mixed.xml":
            self._send(
                200, rss(base, "/slow.html", "/huge.html").encode(), "application/rss+xml", state
            )
        elif self.path == "/copies.xml":
            self._send(
                200, rss(base, "/a1.html", "/copy.html").encode(), "application/rss+xml", state
            )
        elif self.path in ("/a1.html", "/copy.html"):
            self._send(200, ARTICLE_1.encode(), "text/html", state)
        elif self.path == "/a2.html":
            self._send(200, ARTICLE_2.encode(), "text/html", state)
        elif self.path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            self._send(200, ARTICLE_1.encode(), "text/html", state)
        elif self.path in ("/huge.html", "/huge.xml"):
            self._send(200, b"<p>" + b"x" * HUGE_BYTES, "text/html", state, length=False)
        elif self.path == "/malformed.xml":
            self._send(200, b"this is {not} a <feed", "application/rss+xml", state)
        elif self.path == "/error.xml":
            self._send(500, b"oops", "text/plain", state)
        else:
            self._send(404, b"not found", "text/plain", state)

    def _send(
        self,
        status: int,
        body: bytes,
        kind: str,
        state: FeedServer,
        validators: bool = False,
        length: bool = True,
    ) -> None:
        state.responses.append((self.path, status))
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            if validators:
                self.send_header("ETag", ETAG)
                self.send_header("Last-Modified", LAST_MODIFIED)
            if length:
                self.send_header("Content-Length", str(len(body)))
            else:  # stream to the close of the connection, as a misbehaving server would
                self.close_connection = True
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
            pass
