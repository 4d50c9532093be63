"""A TCP proxy on loopback that holds every chunk back for a while: a database server far
away, for tests of a window that must not wait for it and for bench/remote_db.py. ``cut()``
drops every connection and refuses new ones (the network is gone); ``restore()`` listens
again on the same port.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from queue import SimpleQueue


class LatencyProxy:
    def __init__(self, upstream: tuple[str, int] | str, delay: float):
        """``upstream``: (host, port), or the path of a Unix socket (a local PostgreSQL's);
        ``delay``: seconds added each way (a round trip costs twice that)."""
        self.upstream = upstream
        self.delay = delay
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.port = 0
        self.requests = 0  # chunks the clients sent: about one per round trip
        self.restore()

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def restore(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Every connection breaks; new ones are refused until ``restore``."""
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._sockets = self._sockets, set()
        if listener is not None:
            _close(listener)  # shut down first: that wakes the thread waiting in accept()
        for sock in sockets:
            _close(sock)

    def close(self) -> None:
        self.cut()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = self._connect_upstream()
            except OSError:
                _close(client)
                continue
            with self._lock:
                if self._listener is not listener:
                    _close(client)
                    _close(server)
                    return
                self._sockets |= {client, server}
            for source, target, upstream in ((client, server, True), (server, client, False)):
                threading.Thread(
                    target=self._pump, args=(source, target, upstream), daemon=True
                ).start()

    def _connect_upstream(self) -> socket.socket:
        if isinstance(self.upstream, tuple):
            return socket.create_connection(self.upstream)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.connect(self.upstream)
        return server

    def _pump(self, source: socket.socket, target: socket.socket, upstream: bool) -> None:
        """Read from ``source`` and hand each chunk on ``delay`` after it came: what is
        in flight does not wait for what came before it (latency, not a narrow pipe)."""
        queue: SimpleQueue[tuple[float, bytes]] = SimpleQueue()
        threading.Thread(target=self._deliver, args=(queue, target), daemon=True).start()
        try:
            while chunk := source.recv(65536):
                if upstream:
                    with self._lock:
                        self.requests += 1
                queue.put((time.monotonic() + self.delay, chunk))
        except OSError:
            pass  # the other side or cut() closed it
        finally:
            queue.put((0.0, b""))
            _close(source)

    def _deliver(self, queue: SimpleQueue[tuple[float, bytes]], target: socket.socket) -> None:
        try:
            while True:
                due, chunk = queue.get()
                if not chunk:
                    return
                time.sleep(max(0.0, due - time.monotonic()))
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            _close(target)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def proxied_postgres(url: str, delay: float) -> tuple[LatencyProxy, str]:
    """A proxy in front of the PostgreSQL of ``url`` (TCP, or a local server's Unix
    socket) and the URL that goes through it."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    socket_dir = parsed.query.get("host")
    port = int(parsed.query.get("port") or parsed.port or 5432)
    if isinstance(socket_dir, str) and socket_dir.startswith("/"):
        upstream: tuple[str, int] | str = f"{socket_dir}/.s.PGSQL.{port}"
    else:
        upstream = (parsed.host or "127.0.0.1", port)
    proxy = LatencyProxy(upstream, delay)
    through = parsed.difference_update_query(["host", "port"]).set(
        host="127.0.0.1", port=proxy.port
    )
    return proxy, through.render_as_string(hide_password=False)


if __name__ == "__main__":  # python tests/latency_proxy.py URL DELAY: prints the URL through it
    proxy, through = proxied_postgres(sys.argv[1], float(sys.argv[2]))
    print(through, flush=True)
    sys.stdin.read()  # until the parent closes it
    proxy.close()
