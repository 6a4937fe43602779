"""Feed lists and feeds: FEEDS.txt to URLs, RSS/Atom bytes to the articles they link."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser


class FeedError(Exception):
    """A feed body that is not a usable RSS or Atom feed."""


@dataclass(frozen=True)
class Entry:
    """One article a feed links to."""

    url: str
    title: str | None
    published: dt.date | None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and entries, in the feed's order."""

    url: str
    title: str | None
    entries: tuple[Entry, ...]


def read_feed_list(path: Path) -> list[str]:
    """The feed URLs of a list file: one per line; blank lines and ``#`` comments skipped."""
    urls: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        url = line.split("#", 1)[0].strip()
        if url and url not in urls:
            urls.append(url)
    return urls


def parse_feed(url: str, body: bytes) -> Feed:
    """The entries of an RSS or Atom body; FeedError when it is neither.

    feedparser is lenient: a slightly broken feed that still yields entries is
    used; one with no feed element and no entries is refused.
    """
    # feedparser is given the bytes we fetched ourselves, so it never touches the network.
    parsed: Any = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"not an RSS or Atom feed: {parsed.get('bozo_exception', 'unparseable')}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if isinstance(link, str) and link.startswith(("http://", "https://")):
            entries.append(Entry(link, item.get("title") or None, _day(item)))
    return Feed(url, parsed.feed.get("title") or None, tuple(entries))


def _day(item: Any) -> dt.date | None:
    """The entry's publication (or update) day, when the feed gives one."""
    stamp: time.struct_time | None = item.get("published_parsed") or item.get("updated_parsed")
    if stamp is None:
        return None
    return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
