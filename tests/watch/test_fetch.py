"""Polite HTTP against the local server: validators, retries, timeouts, the size cap."""

from __future__ import annotations

from typing import Any

import pytest

from emptychair.watch.fetch import USER_AGENT, Fetcher, FetchError, FetchPolicy, Validators

FAST = FetchPolicy(timeout=0.5, attempts=2, backoff=0.01, max_bytes=100_000)


def test_conditional_get_gets_304_with_the_validators_it_was_given(server: Any) -> None:
    fetcher = Fetcher(FAST)
    first = fetcher.get(f"{server.base}/good.xml")
    assert first.body and b"<rss" in first.body
    assert first.validators == Validators('"good-v1"', "Mon, 09 Feb 2026 08:00:00 GMT")
    second = fetcher.get(f"{server.base}/good.xml", first.validators)
    assert second.not_modified
    sent = server.requests[-1][1]
    assert sent["If-None-Match"] == '"good-v1"'
    assert sent["If-Modified-Since"] == "Mon, 09 Feb 2026 08:00:00 GMT"
    assert sent["User-Agent"] == USER_AGENT and USER_AGENT.startswith("emptychair/")


def test_server_errors_are_retried_with_backoff_then_reported(server: Any) -> None:
    pauses: list[float] = []
    fetcher = Fetcher(FetchPolicy(timeout=0.5, attempts=3, backoff=0.01), sleep=pauses.append)
    with pytest.raises(FetchError, match=r"HTTP 500 \(after 3 attempts\)"):
        fetcher.get(f"{server.base}/error.xml")
    assert server.hits("/error.xml") == 3
    assert pauses == [0.01, 0.02]


def test_a_slow_response_times_out(server: Any) -> None:
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s"):
        Fetcher(FetchPolicy(timeout=0.5, attempts=1)).get(f"{server.base}/slow.html")


def test_a_huge_response_is_cut_off(server: Any) -> None:
    with pytest.raises(FetchError, match="too large: over 100000 bytes"):
        Fetcher(FAST).get(f"{server.base}/huge.html")


def test_client_errors_are_not_retried(server: Any) -> None:
    with pytest.raises(FetchError, match=r"HTTP 404$"):
        Fetcher(FAST).get(f"{server.base}/nothing-here")
    assert server.hits("/nothing-here") == 1
