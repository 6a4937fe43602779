"""End to end: the real server (uvicorn, subprocess) and a real browser (headless Chromium).

Needs Debian's ``chromium`` at /usr/bin/chromium (``apt-get install -y chromium``),
driven through Playwright's Python API; Playwright's own browser download is
never used. Without the binary the tests skip, unless ``CI`` is set: there they fail.
Set ``EMPTYCHAIR_README_SCREENSHOT=1`` to also write docs/img/meeting-board.png.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from emptychair.model import Claim, Document
from emptychair.store import open_store

from .conftest import BOARD, FOUNDING_DAY

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
README_IMAGE = Path(__file__).resolve().parents[2] / "docs" / "img" / "meeting-board.png"


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing on CI: apt-get install -y chromium")
    pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium); not on CI")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path, sample_items: list[tuple[Document, list[Claim]]]) -> Iterator[str]:
    """The base URL of ``emptychair serve`` over a temp SQLite store holding the sample."""
    _require_chromium()
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    with open_store(url) as store:
        store.ingest(sample_items, "test")
    port = _free_port()
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from emptychair.cli import main; main()",
            "serve",
            "--db",
            url,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/api/meetings", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("server did not start: " + (tmp_path / "server.log").read_text())
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_founding_board_in_a_browser(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server}/meetings/{BOARD}")
            expect(page.locator(".cell")).to_have_count(32)
            # The board as the founding document saw it, through the page's own form.
            page.get_by_label("Board as of").fill(FOUNDING_DAY)
            page.get_by_role("button", name="Show").click()
            page.wait_for_url(f"**as_of={FOUNDING_DAY}")
            usa = page.locator("#cell-USA")
            expect(usa.locator(".status")).to_have_text("◌ expected absent")
            expect(usa.locator(".cell-sources")).to_contain_text("2 anonymous")
            expect(usa.locator(".cell-sources .anon")).to_have_count(2)
            page.screenshot(path=str(tmp_path / "meeting-board.png"), full_page=True)
            if os.environ.get("EMPTYCHAIR_README_SCREENSHOT"):
                README_IMAGE.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(tmp_path / "meeting-board.png", README_IMAGE)
            usa.get_by_role("link", name="Timeline").click()
            page.wait_for_url(f"**/countries/USA?as_of={FOUNDING_DAY}")
            expect(page.locator("h1")).to_have_text(f"United States at {BOARD}")
            entry = page.locator(".entry")
            expect(entry).to_have_count(1)
            expect(entry.locator(".sources .anon")).to_have_count(2)
            expect(entry.locator(".evidence")).to_contain_text("Hegseth")
            expect(entry.locator(".meta")).to_contain_text("2026-01-30")
            page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "meeting-board.png").stat().st_size > 10_000
