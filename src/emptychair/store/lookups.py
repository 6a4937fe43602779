"""Get-or-create for the reference rows claims point to: countries, forums, offices, people.

One ``Lookups`` lives for one write transaction; its caches are only valid
while the writer lock is held.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from emptychair import vocab
from emptychair.store.schema import countries, forums, offices, people


def forum_profile(forum: str) -> tuple[str, str | None]:
    """A forum's family and principal role, from ``vocab/forum_families.json``.

    A forum the file does not know is a family of its own, without a principal.
    """
    entry: dict[str, Any] = vocab.load("forum_families")["forums"].get(forum, {})
    return entry.get("family", forum), entry.get("principal")


class Lookups:
    """Ids of reference rows, created on first use."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self._countries: set[str] = set()
        self._forums: set[str] = set()
        self._offices: dict[tuple[str | None, str], int] = {}
        self._people: dict[str, int] = {}

    def forum(self, forum: str) -> str:
        """Make sure ``forum`` exists; return it."""
        if forum not in self._forums:
            family, principal = forum_profile(forum)
            found = self._conn.execute(
                select(forums.c.family, forums.c.principal_role).where(forums.c.id == forum)
            ).first()
            if found is None:
                self._conn.execute(
                    insert(forums).values(id=forum, family=family, principal_role=principal)
                )
            elif tuple(found) != (family, principal):
                # The vocabulary file changed since the forum was first stored.
                self._conn.execute(
                    update(forums)
                    .where(forums.c.id == forum)
                    .values(family=family, principal_role=principal)
                )
            self._forums.add(forum)
        return forum

    def office(self, country: str | None, role: str) -> int:
        """The id of the office (``country``, ``role``)."""
        key = (country, role)
        if key not in self._offices:
            if country is not None:
                self._country(country)
            match = offices.c.country.is_(None) if country is None else offices.c.country == country
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
        if name is None or not name.strip():
            return None
        name = " ".join(name.split())
        if name not in self._people:
            found = self._conn.execute(select(people.c.id).where(people.c.name == name)).scalar()
            if found is None:
                found = self._conn.execute(
                    insert(people).values(name=name).returning(people.c.id)
                ).scalar_one()
            self._people[name] = found
        return self._people[name]

    def _country(self, code: str) -> None:
        if code not in self._countries:
            found = self._conn.execute(
                select(countries.c.code).where(countries.c.code == code)
            ).first()
            if found is None:
                self._conn.execute(insert(countries).values(code=code))
            self._countries.add(code)
