"""Web benchmark: p95 latency of the meeting board page and the API meeting endpoint.

Builds a store of ``--claims`` claims (``benchmarks/store.py``'s generator), starts
the real server (``emptychair serve --workers N``, uvicorn, in a subprocess on a
free loopback port), then for each endpoint keeps ``--concurrency`` requests in
flight (a minimal asyncio HTTP/1.1 client, one keep-alive connection each) and
prints requests/s, median, p95 and errors beside the goal (p95 < 100 ms, zero
errors), and the server's CPU time per request, twice:

- **cold**: the server's caches hold nothing of the endpoint yet, and every request
  is a meeting not requested before (the meetings in a shuffled order, none twice),
  so each one is computed from the store; the phase ends after ``--seconds`` or when
  every meeting has been requested, whichever comes first;
- **warm**: after an untimed pass requesting every meeting ``--workers`` times
  (each worker caches what it served; the store is unchanged, so nothing is dropped),
  a random meeting each time, for ``--seconds``.

The load generator runs in this process, on the same machine as the server, so
both compete for the cores; ``--workers`` should leave it one. The load average
is printed before and after each phase: other work on the machine slows both,
while the server's CPU time per request (Linux) depends on it far less.

Printed figures, not a test: ``python benchmarks/web.py [--claims N] [--seconds S]
[--workers N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.store import generate
from emptychair.store import open_store, read

GOAL_P95_MS = 100
TIMEOUT_S = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """``emptychair serve`` on ``port``, once it answers."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from emptychair.cli import main; main()",
            "serve",
            "--db",
            url,
            "--port",
            str(port),
            # Only when asked: a server from before ``--workers`` can still be measured.
            *(["--workers", str(workers)] if workers > 1 else []),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meetings?limit=1").status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


class _Connection:
    """One keep-alive HTTP/1.1 connection: a minimal client, so the generator stays light.

    (httpx's async pool, the first load generator, spent more CPU per request than the
    cached server: at 50 connections it capped the run near 45 req/s on this machine,
    whatever the server did; a bare asyncio client sends 300+ on the same cores.)
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        """The status of ``GET path``, its body read; raises OSError or ValueError on failure."""
        if self.streams is None:
            self.streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self.streams
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT_S)
            lines = head.decode("latin-1").split("\r\n")
            fields = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
            await asyncio.wait_for(reader.readexactly(int(fields["content-length"])), TIMEOUT_S)
            return int(lines[0].split()[1])
        except (TimeoutError, OSError, ValueError, KeyError, EOFError) as exc:
            writer.close()
            self.streams = None
            raise ValueError(f"GET {path} failed") from exc

    def close(self) -> None:
        """Hang up."""
        if self.streams is not None:
            self.streams[1].close()


async def _warm(port: int, paths: list[str], concurrency: int) -> None:
    """Request every path once, ``concurrency`` at a time, untimed."""
    queue = list(paths)

    async def worker() -> None:
        connection = _Connection(port)
        while queue:
            await connection.get(queue.pop())
        connection.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def _load(
    port: int, paths: list[str], concurrency: int, seconds: float, once: bool
) -> tuple[list[float], int, float]:
    """Latencies (ms) of successful requests, the error count and the seconds taken,
    ``concurrency`` at a time: random paths, or with ``once`` each path at most once."""
    latencies: list[float] = []
    errors = 0
    rng = random.Random(3)
    unused = rng.sample(paths, len(paths))
    begun = time.monotonic()
    deadline = begun + seconds

    async def worker() -> None:
        nonlocal errors
        connection = _Connection(port)
        while time.monotonic() < deadline and (unused or not once):
            path = unused.pop() if once else rng.choice(paths)
            start = time.perf_counter()
            try:
                ok = await connection.get(path) == 200
            except ValueError:
                ok = False
            if ok:
                latencies.append((time.perf_counter() - start) * 1000)
            else:
                errors += 1
        connection.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors, time.monotonic() - begun


def main() -> None:
    """Build the store, start the server, load each endpoint, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=1, help="emptychair serve --workers")
    parser.add_argument("--db", help="an existing store to serve instead of generating one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/web.db"
        start = time.perf_counter()
        if not args.db:
            generate(url, args.claims, args.meetings)
        with open_store(url) as store:
            slugs = [m.id for m in read.meetings(store)]
            claims = read.store_info(store).claims
        print(
            f"store: {claims:,} claims over {len(slugs):,} meetings "
            f"({'given' if args.db else f'built in {time.perf_counter() - start:.0f} s'})"
        )
        port = _free_port()
        server = _start(url, port, args.workers)
        print(f"server: emptychair serve --workers {args.workers}")
        try:
            for name, prefix in (("board page", "/meetings/"), ("API meeting", "/api/meetings/")):
                paths = [prefix + slug for slug in slugs]
                for phase in ("cold", "warm"):
                    if phase == "warm":
                        asyncio.run(_warm(port, paths * args.workers, args.concurrency))
                    before, cpu = _load_average(), _cpu_seconds(server.pid)
                    latencies, errors, seconds = asyncio.run(
                        _load(port, paths, args.concurrency, args.seconds, phase == "cold")
                    )
                    _report(f"{name}, {phase}", latencies, errors, seconds, args.concurrency)
                    used = _cpu_seconds(server.pid)
                    per_request = (
                        f"server CPU {(used - cpu) * 1000 / max(len(latencies), 1):.2f} "
                        "ms/request; "
                        if used is not None and cpu is not None
                        else ""
                    )
                    print(f"  {per_request}load average before {before}, after {_load_average()}")
        finally:
            server.terminate()
            server.wait(timeout=30)


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds used so far by process ``pid`` and its children (its workers), from
    Linux's /proc; None elsewhere. Other work on the machine does not change it, so it
    tells a slower server from a busier machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                # Fields after the parenthesised name: state, ppid, ... utime (14), stime (15).
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            if int(entry.name) == pid or int(fields[1]) == pid:
                total += (int(fields[11]) + int(fields[12])) / ticks
    except OSError:
        return None
    return total


def _load_average() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` prints them."""
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


def _report(
    name: str, latencies: list[float], errors: int, seconds: float, concurrency: int
) -> None:
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else float("nan")
    median = statistics.median(latencies) if latencies else float("nan")
    verdict = "PASS" if p95 < GOAL_P95_MS and errors == 0 else "FAIL"
    print(
        f"{name}: {len(latencies):,} requests, {len(latencies) / seconds:,.0f} req/s, "
        f"median {median:.0f} ms, p95 {p95:.0f} ms, {errors} errors, {concurrency} "
        f"concurrent for {seconds:.1f} s (goal p95 < {GOAL_P95_MS} ms, 0 errors): {verdict}"
    )


if __name__ == "__main__":
    main()
