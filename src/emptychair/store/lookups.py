"""Get-or-create for the reference rows claims point to: countries, forums, offices, people.

One ``Lookups`` lives for one write transaction; its caches are only valid
while the writer lock is held. ``prefetch`` reads a whole batch's rows in one
query per table, so only rows never seen before cost a statement each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from emptychair import vocab
from emptychair.store.records import refresh_levels
from emptychair.store.schema import countries, forums, meetings, offices, people


def forum_profile(forum: str) -> tuple[str, str | None]:
    """A forum's family and principal role, from ``vocab/forum_families.json``.

    A forum the file does not know is a family of its own, without a principal.
    """
    entry: dict[str, Any] = vocab.load("forum_families")["forums"].get(forum, {})
    return entry.get("family", forum), entry.get("principal")


def person_name(name: str | None) -> str | None:
    """A name as stored: whitespace collapsed; None for no name."""
    if name is None or not name.strip():
        return None
    return " ".join(name.split())


class Lookups:
    """Ids of reference rows, created on first use."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self._countries: set[str] = set()
        self._forums: set[str] = set()
        self._offices: dict[tuple[str | None, str], int] = {}
        self._people: dict[str, int] = {}
        # What ``prefetch`` read but the methods have not used yet; a key mapped to
        # None is known not to be stored.
        self._stored_forums: dict[str, tuple[str, str | None] | None] = {}
        self._stored_offices: dict[tuple[str | None, str], int | None] = {}
        self._stored_people: dict[str, int | None] = {}
        self._stored_countries: dict[str, bool] = {}

    def prefetch(
        self,
        forum_ids: Iterable[str],
        office_keys: Iterable[tuple[str | None, str]],
        names: Iterable[str | None],
    ) -> None:
        """Read the stored rows of these forums, offices and people, one query per table."""
        wanted_forums = set(forum_ids) - self._forums - set(self._stored_forums)
        if wanted_forums:
            self._stored_forums.update(dict.fromkeys(wanted_forums))
            for forum_id, family, principal in self._conn.execute(
                select(forums.c.id, forums.c.family, forums.c.principal_role).where(
                    forums.c.id.in_(sorted(wanted_forums))
                )
            ):
                self._stored_forums[forum_id] = (family, principal)
        wanted_offices = set(office_keys) - set(self._offices) - set(self._stored_offices)
        if wanted_offices:
            self._stored_offices.update(dict.fromkeys(wanted_offices))
            codes = sorted({c for c, _ in wanted_offices if c is not None})
            wanted_countries = set(codes) - self._countries - set(self._stored_countries)
            self._stored_countries.update(dict.fromkeys(wanted_countries, False))
            for (code,) in self._conn.execute(
                select(countries.c.code).where(countries.c.code.in_(sorted(wanted_countries)))
            ):
                self._stored_countries[code] = True
            # Every office of these countries: a few rows each, and no row-value IN.
            for office_id, country, role in self._conn.execute(
                select(offices.c.id, offices.c.country, offices.c.role).where(
                    or_(offices.c.country.in_(codes), offices.c.country.is_(None))
                )
            ):
                if (country, role) in wanted_offices:
                    self._stored_offices[(country, role)] = office_id
        wanted_people = {n for n in map(person_name, names) if n is not None}
        wanted_people -= set(self._people) | set(self._stored_people)
        if wanted_people:
            self._stored_people.update(dict.fromkeys(wanted_people))
            for person_id, name in self._conn.execute(
                select(people.c.id, people.c.name).where(people.c.name.in_(sorted(wanted_people)))
            ):
                self._stored_people[name] = person_id

    def forum(self, forum: str) -> str:
        """Make sure ``forum`` exists; return it."""
        if forum not in self._forums:
            family, principal = forum_profile(forum)
            if forum in self._stored_forums:
                found = self._stored_forums.pop(forum)
            else:
                row = self._conn.execute(
                    select(forums.c.family, forums.c.principal_role).where(forums.c.id == forum)
                ).first()
                found = None if row is None else (row.family, row.principal_role)
            if found is None:
                self._conn.execute(
                    insert(forums).values(id=forum, family=family, principal_role=principal)
                )
            elif found != (family, principal):
                # The vocabulary file changed since the forum was first stored.
                self._conn.execute(
                    update(forums)
                    .where(forums.c.id == forum)
                    .values(family=family, principal_role=principal)
                )
                # Levels rank the principal highest: a new principal re-ranks them.
                refresh_levels(self._conn, meetings.c.forum == forum)
            self._forums.add(forum)
        return forum

    def office(self, country: str | None, role: str) -> int:
        """The id of the office (``country``, ``role``)."""
        key = (country, role)
        if key not in self._offices:
            if country is not None:
                self._country(country)
            if key in self._stored_offices:
                found = self._stored_offices.pop(key)
            else:
                match = (
                    offices.c.country.is_(None) if country is None else offices.c.country == country
                )
                found = self._conn.execute(
                    select(offices.c.id).where(match, offices.c.role == role)
                ).scalar()
            if found is None:
                found = self._conn.execute(
                    insert(offices).values(country=country, role=role).returning(offices.c.id)
                ).scalar_one()
            self._offices[key] = found
        return self._offices[key]

    def person(self, name: str | None) -> int | None:
        """The id of the person called ``name`` (None for no name)."""
        name = person_name(name)
        if name is None:
            return None
        if name not in self._people:
            if name in self._stored_people:
                found = self._stored_people.pop(name)
            else:
                found = self._conn.execute(
                    select(people.c.id).where(people.c.name == name)
                ).scalar()
            if found is None:
                found = self._conn.execute(
                    insert(people).values(name=name).returning(people.c.id)
                ).scalar_one()
            self._people[name] = found
        return self._people[name]

    def _country(self, code: str) -> None:
        if code not in self._countries:
            if code in self._stored_countries:
                stored = self._stored_countries.pop(code)
            else:
                stored = (
                    self._conn.execute(
                        select(countries.c.code).where(countries.c.code == code)
                    ).first()
                    is not None
                )
            if not stored:
                self._conn.execute(insert(countries).values(code=code))
            self._countries.add(code)
