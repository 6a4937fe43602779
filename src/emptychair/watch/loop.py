"""The watch loop: poll every feed, fetch each new article once, extract, ingest, report.

One poll visits every feed in turn; a feed or article that fails is reported and
the rest go on. What happens is reported as events (new claims, new patterns,
failures) through a callback, so the CLI decides how to print them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from emptychair import __version__
from emptychair.analyze.patterns import Downgrade, Patterns, Streak, patterns
from emptychair.extract import extract
from emptychair.model import Claim, Document, content_hash
from emptychair.sources.errors import UnreadableError
from emptychair.sources.html import html_document
from emptychair.store import Store
from emptychair.watch.feeds import Entry, FeedError, parse_feed
from emptychair.watch.fetch import Fetcher, FetchError
from emptychair.watch.state import WatchState


@dataclass(frozen=True)
class NewClaims:
    """An article ingested, with the claims found in it (possibly none)."""

    document: Document
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class NewPatterns:
    """Streaks and downgrades that were not there before this poll."""

    streaks: tuple[Streak, ...]
    downgrades: tuple[Downgrade, ...]


@dataclass(frozen=True)
class Failed:
    """A feed or an article that could not be handled this time."""

    url: str
    message: str
    feed: bool


Event = NewClaims | NewPatterns | Failed


@dataclass
class PollReport:
    """What one poll did."""

    feeds: int = 0
    not_modified: int = 0
    articles: int = 0
    """Articles fetched and ingested (with or without claims)."""
    duplicates: int = 0
    claims: int = 0
    failures: list[Failed] = field(default_factory=list)


@dataclass
class Watcher:
    """Everything a poll needs: the fetcher, the memory between polls, the store."""

    fetcher: Fetcher
    state: WatchState
    store: Store
    on_event: Callable[[Event], None] = lambda event: None
    today: Callable[[], dt.date] = dt.date.today
    extractor: str = f"emptychair {__version__}"

    def poll(self, feeds: Sequence[str]) -> PollReport:
        """Visit every feed once; new articles are fetched, extracted and ingested."""
        report = PollReport()
        before = _pattern_keys(patterns(self.store))
        for feed in feeds:
            report.feeds += 1
            try:
                entries = self._new_entries(feed, report)
            except (FetchError, FeedError) as exc:
                self._fail(report, Failed(feed, str(exc), feed=True))
                continue
            for entry in entries:
                self._article(entry, report)
        if report.articles:
            self._announce_patterns(before)
        return report

    def _new_entries(self, feed: str, report: PollReport) -> list[Entry]:
        response = self.fetcher.get(feed, self.state.validators(feed))
        if response.body is None:
            report.not_modified += 1
            self.state.feed_checked(feed, response.validators)
            return []
        parsed = parse_feed(feed, response.body)
        # Validators are kept only once the body parsed: a broken feed is fetched whole next time.
        self.state.feed_checked(feed, response.validators)
        return [e for e in parsed.entries if not self.state.seen_url(e.url)]

    def _article(self, entry: Entry, report: PollReport) -> None:
        try:
            body = self.fetcher.get(entry.url).body or b""
            document = html_document(entry.url, body, entry.published)
        except FetchError as exc:  # not remembered: the next poll tries again
            self._fail(report, Failed(entry.url, str(exc), feed=False))
            return
        except UnreadableError as exc:  # a page with no text stays one: do not refetch it
            self.state.article_done(entry.url, None, f"unreadable: {exc}")
            self._fail(report, Failed(entry.url, str(exc), feed=False))
            return
        document = _complete(document, entry, self.today())
        digest = content_hash(document)
        if self.state.seen_content(digest):
            report.duplicates += 1
            self.state.article_done(entry.url, digest, "duplicate")
            return
        claims = extract(document)
        ingested = self.store.ingest([(document, claims)], self.extractor)
        self.state.article_done(entry.url, digest, "ingested")
        if ingested.added or ingested.replaced:
            report.articles += 1
            report.claims += ingested.claims_added
            self.on_event(NewClaims(document, tuple(claims)))
        else:
            report.duplicates += 1

    def _announce_patterns(self, before: set[Hashable]) -> None:
        found = patterns(self.store)
        streaks = tuple(s for s in found.streaks if _streak_key(s) not in before)
        downgrades = tuple(d for d in found.downgrades if d not in before)
        if streaks or downgrades:
            self.on_event(NewPatterns(streaks, downgrades))

    def _fail(self, report: PollReport, failure: Failed) -> None:
        report.failures.append(failure)
        self.on_event(failure)


def _complete(document: Document, entry: Entry, today: dt.date) -> Document:
    """The article as stored: known by its URL, dated (relative dates need a day), titled."""
    return Document(
        id=entry.url,
        text=document.text,
        published=document.published or today,
        title=document.title or entry.title,
        url=entry.url,
        outlet=document.outlet or urlsplit(entry.url).hostname,
    )


def _pattern_keys(found: Patterns) -> set[Hashable]:
    return {_streak_key(s) for s in found.streaks} | set(found.downgrades)


def _streak_key(streak: Streak) -> Hashable:
    """A streak by who, where and which meetings: a longer streak is a new one."""
    return (streak.country, streak.family, tuple(m.meeting for m in streak.meetings))
