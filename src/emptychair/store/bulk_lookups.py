"""The reference rows a whole batch of claims names, read and created set-wise.

``lookups.Lookups`` creates each new country, office and person with its own
statement, which a batch of thousands of new names turns into thousands of round
trips. ``BatchReferences.prepare`` reads what exists in a few queries and
inserts all that is missing in one COPY or executemany per table. Forums still go through
``Lookups.forum`` (a handful per batch), which also keeps their family and
principal role in step with the vocabulary. A name ``prepare`` was not told
about is still found or created, one at a time, on first use.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, or_, select

from emptychair.model import Claim
from emptychair.store.bulk_rows import among, chunked, insert_rows
from emptychair.store.lookups import Lookups, person_name
from emptychair.store.schema import countries, offices, people

OfficeKey = tuple[str | None, str]


class BatchReferences:
    """Ids of the forums, offices and people of one write transaction's claims."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self._lookups = Lookups(connection)
        self._offices: dict[OfficeKey, int] = {}
        self._people: dict[str, int] = {}
        self._named: dict[str | None, int | None] = {None: None}
        """``person``'s answers by the name as given: claims repeat a few names."""
        self._forums: set[str] = set()

    def prepare(self, claims: Iterable[Claim]) -> None:
        """Read, or create, every forum, country, office and person ``claims`` name:
        deciding the batch then needs no query (its documents are being written)."""
        listed = list(claims)
        for forum in sorted({c.forum for c in listed}):
            self.forum(forum)
        keys = set[OfficeKey]((c.country, c.role) for c in listed) - set(self._offices)
        self._create_countries({country for country, _ in keys if country is not None})
        self._create_offices(keys)
        names = {person_name(n) for c in listed for n in (c.person, c.representative)}
        self._create_people({n for n in names if n is not None} - set(self._people))

    def forum(self, forum: str) -> str:
        """Make sure ``forum`` exists (and matches the vocabulary); return it."""
        if forum not in self._forums:
            self._forums.add(self._lookups.forum(forum))
        return forum

    def office(self, country: str | None, role: str) -> int:
        """The id of the office (``country``, ``role``)."""
        found = self._offices.get((country, role))
        if found is None:
            found = self._offices[(country, role)] = self._lookups.office(country, role)
        return found

    def person(self, name: str | None) -> int | None:
        """The id of the person called ``name`` (None for no name)."""
        if name in self._named:
            return self._named[name]
        stored = person_name(name)
        if stored is not None and stored not in self._people:
            found = self._lookups.person(stored)
            assert found is not None  # a name, so a person
            self._people[stored] = found
        self._named[name] = None if stored is None else self._people[stored]
        return self._named[name]

    def _create_countries(self, codes: set[str]) -> None:
        stored: set[str] = set()
        for chunk in chunked(sorted(codes)):
            stored.update(
                self._conn.execute(
                    select(countries.c.code).where(countries.c.code.in_(chunk))
                ).scalars()
            )
        missing = sorted(codes - stored)
        if missing:
            insert_rows(self._conn, countries, ("code",), [(code,) for code in missing])

    def _create_offices(self, keys: set[OfficeKey]) -> None:
        if not keys:
            return
        codes = sorted({country for country, _ in keys if country is not None})

        def read() -> None:
            # Every office of these countries: a few rows each, and no row-value IN.
            for chunk in chunked(codes) if codes else [[]]:
                rows = self._conn.execute(
                    select(offices.c.id, offices.c.country, offices.c.role).where(
                        or_(offices.c.country.in_(chunk), offices.c.country.is_(None))
                    )
                )
                for office_id, country, role in rows:
                    if (country, role) in keys:
                        self._offices[(country, role)] = office_id

        read()
        missing = sorted(keys - set(self._offices), key=lambda k: (k[0] or "", k[1]))
        if missing:
            insert_rows(self._conn, offices, ("country", "role"), missing)
            read()

    def _create_people(self, names: set[str]) -> None:
        def read(wanted: list[str]) -> None:
            for chunk in chunked(wanted):
                rows = self._conn.execute(
                    select(people.c.id, people.c.name).where(
                        among(self._conn, people.c.name, chunk)
                    )
                )
                self._people.update((name, person_id) for person_id, name in rows)

        read(sorted(names))
        missing = sorted(names - set(self._people))
        if missing:
            insert_rows(self._conn, people, ("name",), [(name,) for name in missing])
            read(missing)
