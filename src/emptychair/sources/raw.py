"""Bytes off the disk, and the checks every file kind shares."""

from __future__ import annotations

from pathlib import Path

from emptychair.sources.errors import UnreadableError

# Like git and grep: a NUL byte near the start means binary.
SNIFF_BYTES = 8192

_BOM = "\ufeff"


def os_error_message(exc: OSError) -> str:
    """A short human message for a failure to open or read a file."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


def load_bytes(path: Path) -> bytes:
    """The whole file, read once; UnreadableError for anything that is not a readable file."""
    if path.is_dir():
        raise UnreadableError("is a directory")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableError(os_error_message(exc)) from None


def is_binary(data: bytes) -> bool:
    """Whether the first bytes hold a NUL, which no text or markup file does."""
    return b"\x00" in data[:SNIFF_BYTES]


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8, dropping a leading byte-order mark; the error names the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableError(f"not valid UTF-8 at byte {exc.start}") from None
    return text.removeprefix(_BOM)
