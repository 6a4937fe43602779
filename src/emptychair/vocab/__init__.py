"""Reference data as files: forums, titles, countries, office holders.

Each loader reads its JSON file from the package once and caches it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed contents of ``vocab/<name>.json``."""
    path = resources.files("emptychair") / "vocab" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))
