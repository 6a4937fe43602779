"""The web: HTML pages and a JSON API over the store (``create_app``)."""

from emptychair.serve.app import create_app

__all__ = ["create_app"]
