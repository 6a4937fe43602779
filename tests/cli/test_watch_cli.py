"""``emptychair watch --once`` against a local feed server, twice (a restart)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from emptychair.cli import app
from emptychair.cli.watch import parse_interval

_NAME = "emptychair_tests_feedserver"
if _NAME in sys.modules:
    feedserver: Any = sys.modules[_NAME]
else:  # loaded by path: test folders are not packages
    _SPEC = importlib.util.spec_from_file_location(
        _NAME, Path(__file__).parents[1] / "watch" / "feedserver.py"
    )
    assert _SPEC and _SPEC.loader
    feedserver = importlib.util.module_from_spec(_SPEC)
    sys.modules[_NAME] = feedserver
    _SPEC.loader.exec_module(feedserver)


@pytest.fixture
def server() -> Iterator[Any]:
    with feedserver.serve() as running:
        yield running


def test_watch_once_prints_claims_and_failures_then_resumes(server: Any, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test\n{server.base}/good.xml\n{server.base}/error.xml\n", encoding="utf-8")
    args = [
        "watch", str(feeds), "--once", "--db", str(tmp_path / "s.sqlite3"),
        "--state", str(tmp_path / "state.sqlite3"), "--timeout", "0.5", "--attempts", "1",
    ]  # fmt: skip
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 1  # a feed failed; the other was still processed
    assert "Pete Hegseth (USA) absent nato-defence-ministers" in first.stdout
    assert "John Healey (GBR) attend nato-defence-ministers" in first.stdout
    assert f"error: feed {server.base}/error.xml: HTTP 500" in first.stderr
    assert "2 new articles, 3 claims" in first.stderr
    second = runner.invoke(app, args)
    assert "(1 unchanged), 0 new articles, 0 claims" in second.stderr
    assert "Hegseth" not in second.stdout
    assert server.statuses("/good.xml") == [200, 304]


def test_watch_needs_feeds(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["watch", str(feeds), "--once", "--db", str(tmp_path / "s")])
    assert result.exit_code == 2 and "no feed URLs" in result.stderr


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("1h", 3600)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "5 minutes", "-1m"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(typer.BadParameter):
        parse_interval(text)
