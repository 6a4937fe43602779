"""Feed lists and feed parsing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from emptychair.watch.feeds import FeedError, parse_feed, read_feed_list

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>One</title><link href="https://example.org/one"/>
<updated>2026-02-10T09:00:00Z</updated></entry>
<entry><title>No link</title></entry>
</feed>"""


def test_feed_list_skips_comments_blanks_and_repeats(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# wires\nhttps://a.example/rss\n\nhttps://b.example/atom  # b\nhttps://a.example/rss\n"
    )
    assert read_feed_list(path) == ["https://a.example/rss", "https://b.example/atom"]


def test_atom_entries_with_links_and_days() -> None:
    feed = parse_feed("https://example.org/atom", ATOM)
    assert feed.title == "Atom Wire"
    assert [(e.url, e.title, e.published) for e in feed.entries] == [
        ("https://example.org/one", "One", dt.date(2026, 2, 10))
    ]


@pytest.mark.parametrize("body", [b"this is {not} a <feed", b"", b"<html><body>hi</body></html>"])
def test_what_is_not_a_feed_is_refused(body: bytes) -> None:
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed("https://example.org/x", body)
