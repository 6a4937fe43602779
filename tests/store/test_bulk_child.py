"""The helper process: requests in, replies out, a wide pipe, and no child left behind."""

from __future__ import annotations

import fcntl
import sys

import pytest

from emptychair.reconcile import syndication
from emptychair.store.bulk_child import PIPE_BYTES, ChildProcess

TEXT = "The foreign ministers of the alliance meet in Brussels on Tuesday to discuss support."


def test_replies_come_back_in_order_for_the_requests_that_ask() -> None:
    child = ChildProcess("emptychair.store.bulk_signing")
    try:
        child.send({"first": TEXT})
        child.send({"second": TEXT + " Again."})
        assert child.replies_due == 2
        assert child.receive() == {"first": syndication.signature(TEXT)}
        assert list(child.receive()) == ["second"]
        assert child.replies_due == 0
    finally:
        child.close()
    assert child._child.returncode == 0  # ended by its input closing, not killed


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux resizes pipes")
def test_the_pipe_to_the_child_holds_a_large_request() -> None:
    child = ChildProcess("emptychair.store.bulk_signing")
    try:
        size = fcntl.fcntl(child._requests.fileno(), fcntl.F_GETPIPE_SZ)
        assert size >= PIPE_BYTES
    finally:
        child.close()


def test_closing_with_a_reply_due_ends_the_child_at_once() -> None:
    child = ChildProcess("emptychair.store.bulk_signing")
    child.send({str(n): TEXT * 50 for n in range(2_000)})  # seconds of work
    child.close()
    assert child._child.returncode is not None and child._child.returncode < 0  # killed


def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    child = ChildProcess("emptychair.store.bulk_signing")
    try:
        child.send({str(n): TEXT * 50 for n in range(2_000)})  # still working when killed
        child._child.kill()
        with pytest.raises(RuntimeError, match="bulk_signing process ended unexpectedly"):
            child.receive()
    finally:
        child.close()
