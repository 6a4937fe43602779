"""Polite HTTP: a named User-Agent, timeouts, retries with backoff, conditional GET, a size cap."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from emptychair import __version__

USER_AGENT = f"emptychair/{__version__} (+https://github.com/emptychair)"
MAX_BYTES = 5_000_000
"""Largest body read: news articles and feeds are far smaller; more is a mistake or an attack."""
# Worth another try: the server or the path to it may recover; a 4xx will not.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """A URL that could not be fetched, after any retries; the message says why."""


@dataclass(frozen=True)
class Validators:
    """What a server said identifies its copy: sent back to ask "changed since?"."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Response:
    """A fetched body (None when the server answered 304 Not Modified) and its validators."""

    url: str
    body: bytes | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.body is None


@dataclass(frozen=True)
class FetchPolicy:
    """How patient and how persistent to be."""

    timeout: float = 20.0
    attempts: int = 3
    backoff: float = 1.0
    """Seconds before the second attempt; doubled before each later one."""
    max_bytes: int = MAX_BYTES


class Fetcher:
    """GET with the policy's timeouts, retries and size cap, over one pooled client."""

    def __init__(
        self, policy: FetchPolicy = FetchPolicy(), sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.policy = policy
        self._sleep = sleep
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=policy.timeout,
            follow_redirects=True,
        )

    def get(self, url: str, validators: Validators = Validators()) -> Response:
        """The body at ``url``; with ``validators``, a conditional GET that may yield 304."""
        headers = {}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        delay = self.policy.backoff
        for attempt in range(1, self.policy.attempts + 1):
            try:
                return self._get_once(url, headers)
            except _Retryable as exc:
                if attempt == self.policy.attempts:
                    raise FetchError(f"{exc} (after {attempt} attempts)") from None
            self._sleep(delay)
            delay *= 2
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        try:
            with self._client.stream("GET", url, headers=headers) as reply:
                if reply.status_code == 304:
                    return Response(url, None, _validators(reply))
                if reply.status_code in RETRY_STATUSES:
                    raise _Retryable(f"HTTP {reply.status_code}")
                if reply.status_code != 200:
                    raise FetchError(f"HTTP {reply.status_code}")
                return Response(url, self._read_capped(reply), _validators(reply))
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.policy.timeout:g} s") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed: {type(exc).__name__}: {exc}") from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}") from None

    def _read_capped(self, reply: httpx.Response) -> bytes:
        """The body, refused once it passes ``max_bytes`` (declared or as it streams in)."""
        limit = self.policy.max_bytes
        declared = reply.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"response too large: {declared} bytes (limit {limit})")
        chunks: list[bytes] = []
        size = 0
        for chunk in reply.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"response too large: over {limit} bytes, cut off")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()


class _Retryable(Exception):
    """A failure another attempt may cure."""


def _validators(reply: httpx.Response) -> Validators:
    return Validators(reply.headers.get("ETag"), reply.headers.get("Last-Modified"))
