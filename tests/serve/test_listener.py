"""The shared listening socket of a multi-worker server hands out no-delay connections."""

from __future__ import annotations

import asyncio
import socket

from emptychair.serve.listener import TcpConfig


def _nodelay_of_a_connection(sock: socket.socket) -> int:
    """Accept one connection on ``sock`` the way uvicorn's workers do (asyncio) and
    read TCP_NODELAY off the server side of it."""

    async def run() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            server_side = writer.get_extra_info("socket")
            seen.set_result(server_side.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(accepted, sock=sock)
        async with server:
            _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
            value = await asyncio.wait_for(seen, 5)
            writer.close()
            return value

    return asyncio.run(run())


def test_the_shared_socket_is_tcp_so_connections_get_nodelay() -> None:
    sock = TcpConfig("emptychair.serve:create_app", host="127.0.0.1", port=0).bind_socket()
    assert sock.proto == socket.IPPROTO_TCP
    assert _nodelay_of_a_connection(sock) == 1


def test_uvicorns_own_socket_would_not_be() -> None:
    # Why TcpConfig exists: the plain socket uvicorn binds gives delayed connections.
    plain = socket.socket(socket.AF_INET)
    plain.bind(("127.0.0.1", 0))
    assert _nodelay_of_a_connection(plain) == 0
