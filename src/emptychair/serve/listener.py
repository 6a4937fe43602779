"""The server's listening socket, made so its connections send without delay."""

from __future__ import annotations

import socket

import uvicorn


class TcpConfig(uvicorn.Config):
    """uvicorn's configuration, with the socket several workers share made as TCP.

    uvicorn creates it without a protocol number, and asyncio sets TCP_NODELAY only
    on connections from a socket marked TCP: without it every response of a
    multi-worker server waited for the client's delayed ACK (~40 ms).
    """

    def bind_socket(self) -> socket.socket:
        """The listening socket, marked TCP when it is one."""
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp
