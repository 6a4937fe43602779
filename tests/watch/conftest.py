"""The local feed server, per test (loaded by path: test folders are not packages)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_NAME = "emptychair_tests_feedserver"
_SPEC = importlib.util.spec_from_file_location(_NAME, Path(__file__).with_name("feedserver.py"))
assert _SPEC and _SPEC.loader
feedserver: Any = importlib.util.module_from_spec(_SPEC)
sys.modules[_NAME] = feedserver  # dataclasses look their module up there
_SPEC.loader.exec_module(feedserver)


@pytest.fixture
def server() -> Iterator[Any]:
    """A running feed server (see feedserver.py)."""
    with feedserver.serve() as running:
        yield running
