"""Typed dependencies the routes share: the store, its cache, the settings, paging.

All ``async``, though none awaits: FastAPI runs a plain ``def`` dependency in its
thread pool, a hop each request would pay for a mere attribute lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request

from emptychair.serve.cache import StoreCache
from emptychair.settings import Settings
from emptychair.store import Store

T = TypeVar("T")
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


async def get_store(request: Request) -> Store:
    """The store the app was created with."""
    store: Store = request.app.state.store
    return store


async def get_cache(request: Request) -> StoreCache:
    """The app's cache of views over the store."""
    cache: StoreCache = request.app.state.cache
    return cache


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


@dataclass(frozen=True)
class Paging:
    """Which slice of a list to return."""

    limit: int
    offset: int

    def slice(self, items: Sequence[T]) -> list[T]:
        """This page of ``items``."""
        return list(items[self.offset : self.offset + self.limit])


async def get_paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Paging:
    """``limit`` and ``offset`` query parameters."""
    return Paging(limit, offset)


StoreDep = Annotated[Store, Depends(get_store)]
CacheDep = Annotated[StoreCache, Depends(get_cache)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PagingDep = Annotated[Paging, Depends(get_paging)]
