"""Shared fixture for the reader tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from emptychair.model import Document
from emptychair.sources import ReadError, read_documents

ReadOne = Callable[..., list[Document | ReadError]]


@pytest.fixture
def read_one(tmp_path: Path) -> ReadOne:
    """Write one file into tmp_path and read it back: ``read_one(name, content, **kwargs)``."""

    def read(name: str, content: bytes | str, **kwargs: Any) -> list[Document | ReadError]:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return list(read_documents([path], **kwargs))

    return read
