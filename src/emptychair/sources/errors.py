"""What a reader reports instead of a document it cannot read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadError:
    """One unreadable file, stream or JSONL line, reported in place of its document."""

    path: str
    """The file name as given ("-" for standard input)."""
    line: int | None
    """1-based line number for a JSONL line, None when the whole file is unreadable."""
    message: str

    def __str__(self) -> str:
        """``path:line: message``, or ``path: message`` for a whole-file error."""
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class UnreadableError(Exception):
    """Raised inside the whole-file readers; ``read_documents`` turns it into a ReadError."""
