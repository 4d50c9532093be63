"""The data connections of an FTP session: a listing's lines and a file's bytes, each
received into one reused buffer and within its time limit."""

from __future__ import annotations

import ftplib
import logging
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .errors import TransferTimedOut
from .ftp_listing import LineSplitter
from .limits import Deadline, DownloadLimits
from .printable import printable

log = logging.getLogger(__name__)

# Bytes per receive on a data connection. ftplib's 8 KiB cost a Python call and a new
# bytes object per 8 KiB: half of curl's throughput on loopback (bench/ftp_transfer.py).
BLOCK_SIZE = 128 * 1024


class DataConnections:
    """The transfers of one session. ``drop`` releases the session when a transfer is
    broken off; ``open`` is the data connection of the transfer under way, if any."""

    def __init__(
        self, host: str, timeout: float, limits: DownloadLimits, drop: Callable[[], None]
    ) -> None:
        self.host = host
        self._timeout = timeout
        self._limits = limits
        self._drop = drop
        self.open: socket.socket | None = None

    def lines(self, ftp: ftplib.FTP, command: str) -> Iterator[str]:
        """The lines ``command`` sends on a data connection (see LineSplitter).

        The listing may take the grace and then as long as it comes at the minimum rate;
        a line too long for ftplib (8,192) is skipped with a warning, not fatal.
        """
        ftp.sendcmd("TYPE A")
        splitter = LineSplitter(ftp.maxline)
        buffer = bytearray(BLOCK_SIZE)
        started, received = time.monotonic(), 0
        with self._transfer(ftp, command) as conn:
            while True:
                allowed = self._limits.listing_seconds(received)
                count = self._recv_into(conn, buffer, Deadline(started + allowed, allowed))
                if not count:
                    break
                received += count
                yield from splitter.feed(buffer[:count].decode(ftp.encoding))
            yield from splitter.end()
        for start in splitter.skipped:
            log.warning("%s: skipped a listing line over %d bytes: %s…", self.host,
                        ftp.maxline, printable(start))  # fmt: skip

    def retrieve_binary(
        self,
        ftp: ftplib.FTP,
        command: str,
        write: Callable[[memoryview], object],
        deadline: Deadline | None,
    ) -> None:
        """``ftplib.FTP.retrbinary`` receiving into one reused buffer of BLOCK_SIZE."""
        ftp.voidcmd("TYPE I")
        buffer = bytearray(BLOCK_SIZE)
        view = memoryview(buffer)
        with self._transfer(ftp, command) as conn:
            while received := self._recv_into(conn, buffer, deadline):
                write(view[:received])

    @contextmanager
    def _transfer(self, ftp: ftplib.FTP, command: str) -> Iterator[socket.socket]:
        """The data connection of ``command``, and the server's reply once it is done.

        A transfer broken off (too much, too slow, a local error) leaves the server's
        reply to it unread, which would answer the next command: the session is dropped
        then, and the next use connects again.
        """
        conn = ftp.transfercmd(command)
        self.open = conn
        try:
            with conn:
                yield conn
                if isinstance(conn, ssl.SSLSocket):
                    conn.unwrap()  # the TLS goodbye, as ftplib says it
        except BaseException:
            self._drop()
            raise
        finally:
            self.open = None
        ftp.voidresp()

    def _recv_into(self, conn: socket.socket, buffer: bytearray, deadline: Deadline | None) -> int:
        """One block; TransferTimedOut once ``deadline`` has passed, however slowly data
        keeps coming (a read timeout alone never ends a trickle)."""
        if deadline is not None:
            left = deadline.left()
            if left <= 0:
                raise TransferTimedOut(self.host, deadline.seconds)
            conn.settimeout(min(self._timeout, left))
        try:
            return conn.recv_into(buffer)
        except TimeoutError:
            if deadline is not None and deadline.left() <= 0:
                raise TransferTimedOut(self.host, deadline.seconds) from None
            raise
