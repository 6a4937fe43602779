"""Extract attendance claims from a document (see ``pipeline.extract``)."""

from emptychair.extract.pipeline import extract

__all__ = ["extract"]
