"""Readers: input files and streams to Documents, with a ReadError for each bad one.

``read_documents`` is the entry point; it never raises on bad input, so one
unreadable file or line does not stop a batch.
"""

from emptychair.sources.errors import ReadError
from emptychair.sources.read import read_documents

__all__ = ["ReadError", "read_documents"]
