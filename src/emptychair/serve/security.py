"""Who may read and write, how big a request may be, and which links are safe to render."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from emptychair.settings import Settings

bearer = HTTPBearer(auto_error=False, description="The token of the server's settings.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]

# No scripts anywhere: pages work without JavaScript, so nothing injected could run.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


def safe_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL, else None (no ``javascript:`` links)."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value.strip()


def _check(settings: Settings, given: str | None) -> None:
    """Raise 401 unless ``given`` is the configured bearer token."""
    expected = settings.token
    # compare_digest: the comparison takes as long whatever the prefix matched.
    if expected is None or given is None or not secrets.compare_digest(given, expected):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="a valid bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def require_read(request: Request) -> None:
    """Reads are open unless the settings require the token for them too.

    The header is read by hand, not through ``bearer``: reads are open by default,
    so the OpenAPI schema must not declare them as needing the token.
    """
    settings: Settings = request.app.state.settings
    if settings.require_token_for_reads:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        _check(settings, token.strip() if scheme.lower() == "bearer" else None)


async def require_write(request: Request, credentials: Credentials) -> None:
    """Writes always need the token; with none configured, writes are refused."""
    _check(request.app.state.settings, credentials.credentials if credentials else None)


class Guard:
    """ASGI middleware: security headers on every response, 413 for oversized bodies.

    The declared ``Content-Length`` is checked before the app runs; a chunked body
    is counted as it streams and cut off at the limit. A NUL in the query string
    is refused (400): no store can hold it, and PostgreSQL errors on it.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        headers = dict(scope["headers"])
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body_bytes:
            await _plain(send_with_headers, 413, b"request body too large")
            return
        if b"%00" in scope.get("query_string", b""):
            await _plain(send_with_headers, 400, b"NUL in query string")
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _plain(send_with_headers, 413, b"request body too large")


class _TooLarge(Exception):
    """A streamed body passed the limit."""


async def _plain(send: Send, code: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": code,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": body})
