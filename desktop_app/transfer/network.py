"""Resolving and connecting with typed errors, shared by the FTP, SFTP and SMTP clients."""

from __future__ import annotations

import errno
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from .errors import (
    ConnectionLost,
    ConnectionRefused,
    ConnectTimeout,
    HostNotFound,
    HostUnreachable,
    ImplicitTls,
    ReadTimeout,
    TransferError,
    WrongProtocol,
)

_UNREACHABLE = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}


def resolve(host: str, port: int, timeout: float) -> list[str]:
    """The addresses of ``host``; raises HostNotFound or ConnectTimeout.

    getaddrinfo cannot be interrupted, so it runs in a daemon thread that is abandoned
    when it takes longer than ``timeout`` (a hanging DNS server must not hang the Test).
    """
    if not host:
        raise HostNotFound(host)
    outcome: list[object] = []

    def lookup() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            outcome.append(exc)

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise ConnectTimeout(host, port, timeout)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise HostNotFound(host) from result
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in result:  # type: ignore[attr-defined]
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    return addresses


def connect(host: str, port: int, timeout: float) -> socket.socket:
    """A connected TCP socket whose reads time out after ``timeout`` seconds."""
    with connect_errors(host, port, timeout):
        return socket.create_connection((host, port), timeout=timeout)


_SSH_GREETING = b"SSH-"
_REPLY_GREETING = re.compile(rb"^\d{3}[ -]")  # "220 …", as FTP and SMTP servers greet
_TLS_RECORD_TYPES = (0x15, 0x16)  # alert, handshake
# A probe's wait: a server answers a hello or greets at once; this only caps a silent one.
_PROBE_WAIT = 3.0


def check_greeting(sock: socket.socket, host: str, port: int, *, ssh: bool) -> None:
    """Raise WrongProtocol when the server's first bytes are the other protocol's greeting
    (``ssh``: an SSH server is expected); they stay unread for the protocol's own client.
    Raise ImplicitTls when it stays silent until the timeout but answers a TLS hello.

    Both servers speak first. Without this, ftplib reads "SSH-2.0-…" as the start of a
    reply that never ends, and paramiko waits for an SSH banner after "220 …": both ran
    into the timeout, and a run retried it three times.
    """
    first = peek_greeting(sock, host, port)
    if ssh and _REPLY_GREETING.match(first):
        raise WrongProtocol(host, port, found_ssh=False)
    if not ssh and first.startswith(_SSH_GREETING):
        raise WrongProtocol(host, port, found_ssh=True)


def peek_greeting(sock: socket.socket, host: str, port: int) -> bytes:
    """The first bytes the server sends unasked (FTP, SSH and SMTP servers speak first),
    left in the socket; ReadTimeout when none come, or ImplicitTls when the silence is a
    server waiting for the client's TLS handshake."""
    try:
        with session_errors(host, sock.gettimeout() or 0):
            return _peek(sock, 4)
    except ReadTimeout:
        # Asked only after the silence, so a server that is slow to greet costs nothing more.
        if speaks_tls_first(host, port, sock.gettimeout()):
            raise ImplicitTls(host, port) from None
        raise


def _probe_connection(host: str, port: int, timeout: float | None) -> socket.socket:
    """A connection of its own for a probe, waiting at most ``timeout`` and _PROBE_WAIT."""
    wait = min(timeout or _PROBE_WAIT, _PROBE_WAIT)
    return socket.create_connection((host, port), timeout=wait)


def plain_greeting(host: str, port: int, timeout: float | None) -> bytes:
    """The first bytes the server at ``host``:``port`` sends unasked on a connection of its
    own; b"" when it says nothing (it waits for a TLS hello) or cannot be reached."""
    try:
        with _probe_connection(host, port, timeout) as probe:
            return _peek(probe, 4)
    except OSError:
        return b""


def greets_in_plain_text(host: str, port: int, timeout: float | None) -> bool:
    """True when the server at ``host``:``port`` greets with a reply line ("220 …") on a
    connection of its own: a STARTTLS or plain port, not one for TLS from the start."""
    return is_reply_greeting(plain_greeting(host, port, timeout))


def is_reply_greeting(first: bytes) -> bool:
    """Whether a server's first bytes start a reply line, as FTP and SMTP servers greet."""
    return bool(_REPLY_GREETING.match(first))


def is_ssh_greeting(first: bytes) -> bool:
    return first.startswith(_SSH_GREETING)


def speaks_tls_first(host: str, port: int, timeout: float | None) -> bool:
    """True when the server at ``host``:``port`` answers a TLS ClientHello with TLS.

    The hello is sent on a connection of its own, and only the first bytes of the answer
    are looked at: no certificate is checked and nothing else is sent. Any failure is a
    no (the caller then reports the silence it saw)."""
    try:
        with _probe_connection(host, port, timeout) as probe:
            probe.sendall(_client_hello())
            first = probe.recv(2)
    except (OSError, ValueError):
        return False
    return len(first) == 2 and first[0] in _TLS_RECORD_TYPES and first[1] == 0x03


def _client_hello() -> bytes:
    """The first flight of a TLS handshake, as bytes to send."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # only whether TLS answers is asked, not who
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_hostname=None)
    with suppress(ssl.SSLWantReadError):  # it waits for the server's answer
        tls.do_handshake()
    return outgoing.read()


def _peek(sock: socket.socket, size: int) -> bytes:
    """Up to ``size`` first bytes, left in the socket; fewer once the timeout has passed
    with some already there, or if the server closed."""
    deadline = time.monotonic() + (sock.gettimeout() or 0)
    while True:
        data = sock.recv(size, socket.MSG_PEEK)  # waits for the first byte (or times out)
        if len(data) >= size or not data or time.monotonic() >= deadline:
            return data
        time.sleep(0.01)  # the rest of the greeting is on its way


@contextmanager
def connect_errors(host: str, port: int, timeout: float) -> Iterator[None]:
    """Translate what can go wrong while opening a connection."""
    try:
        yield
    except TransferError:
        raise
    except socket.gaierror as exc:
        raise HostNotFound(host) from exc
    except TimeoutError as exc:
        raise ConnectTimeout(host, port, timeout) from exc
    except ConnectionRefusedError as exc:
        raise ConnectionRefused(host, port) from exc
    except OSError as exc:
        if exc.errno in _UNREACHABLE:
            raise HostUnreachable(host, port) from exc
        raise ConnectionLost(host) from exc


@contextmanager
def session_errors(host: str, timeout: float) -> Iterator[None]:
    """Translate what can go wrong on an open connection."""
    try:
        yield
    except TransferError:
        raise
    except TimeoutError as exc:
        raise ReadTimeout(host, timeout) from exc
    except (ConnectionError, EOFError) as exc:
        raise ConnectionLost(host) from exc


def shutdown_quietly(sock: socket.socket | None) -> None:
    """Unblock a thread waiting on ``sock`` (used to cancel); the socket may be closed."""
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        return  # already closed or never connected: nothing left to unblock
