"""A helper interpreter for bulk ingest: pickled requests in on its stdin, replies out.

Bulk ingest hands CPU-bound work that needs nothing of the database (MinHash
signatures, syndication groups) to a second process, so it runs on the other
core while the parent decides claims or waits for the server. A plain
subprocess rather than ``multiprocessing``: forking would copy the parent's
database connections and threads, and spawning re-imports the caller's main
script.
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import IO, Any

_END = object()


def serve(handle: Callable[[Any], tuple[bool, Any]]) -> None:
    """The child's loop: each request goes to ``handle``, which says whether it has a
    reply and gives it; the loop ends when the parent closes the pipe.

    A thread reads requests ahead into memory, so a parent streaming requests
    that need no reply never waits for the child to work through them.
    """
    requests: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_read_ahead, args=(requests,), daemon=True).start()
    replies = sys.stdout.buffer
    while (request := requests.get()) is not _END:
        answers, reply = handle(request)
        if not answers:
            continue
        try:
            pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
            replies.flush()
        except BrokenPipeError:
            return  # the parent gave up on this batch (it failed or was killed)


PIPE_BYTES = 1 << 20
"""Room in the pipe to the child: a request of a few hundred kilobytes is written
at once, instead of in 64 kB steps, each waiting for the child's reader to get
the GIL back from the work it feeds."""


def _widen(pipe: IO[bytes]) -> None:
    """Ask Linux for a ``PIPE_BYTES`` pipe buffer; elsewhere, or if refused, keep the default."""
    with suppress(ImportError, AttributeError, OSError):
        import fcntl  # POSIX only; Linux alone can resize a pipe

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _read_ahead(requests: queue.SimpleQueue[Any]) -> None:
    stream = sys.stdin.buffer
    while True:
        try:
            requests.put(pickle.load(stream))
        except EOFError:
            requests.put(_END)
            return


class ChildProcess:
    """A child running ``MODULE.serve()``; the parent reads each reply it asked for."""

    def __init__(self, module: str) -> None:
        """Start the child (its command line names ``module``)."""
        self._child = subprocess.Popen(
            [sys.executable, "-c", f"from {module} import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
        )
        assert self._child.stdin is not None and self._child.stdout is not None
        self._requests, self._replies = self._child.stdin, self._child.stdout
        _widen(self._requests)
        self._module = module
        self.replies_due = 0

    def send(self, request: Any, reply: bool = True) -> None:
        """Send a request; with ``reply``, ``receive`` must read its answer (the child
        must answer exactly the requests sent with ``reply``)."""
        pickle.dump(request, self._requests, protocol=pickle.HIGHEST_PROTOCOL)
        self._requests.flush()
        self.replies_due += reply

    def receive(self) -> Any:
        """The reply to the oldest request still due."""
        try:
            reply = pickle.load(self._replies)
        except EOFError:
            raise RuntimeError(f"the {self._module} process ended unexpectedly") from None
        self.replies_due -= 1
        return reply

    def close(self) -> None:
        """End the child: at once if a reply is still due (the caller gave up on it),
        else by closing its input, which it reads to the end."""
        if self.replies_due:
            self._child.kill()
        with suppress(BrokenPipeError):  # a request cut short by an error, to a dead child
            self._requests.close()
        self._child.wait()
        self._replies.close()
