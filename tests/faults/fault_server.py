"""A pyftpdlib server that misbehaves on purpose, as told by a :class:`FaultPlan`.

Deterministic: a fault is switched on by :meth:`FaultServer.apply` before a run and
switched off (``apply(FaultPlan())``) to "repair" the server; nothing depends on timing
except the client's own timeouts and deadlines (and the pace of a trickle). The server
keeps its port across plans, so an interface saved once reaches it in every run,
including after "refuse" and "silent".

Every change of state (closing the listener, swapping the certificate) happens on the
server's own loop thread; :meth:`apply` waits until it is done.
"""

from __future__ import annotations

import logging
import os
import posixpath
import queue
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from OpenSSL import SSL
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

from tests.integration.servers import HOST, Certificate

logging.getLogger("pyftpdlib").addHandler(logging.NullHandler())
logging.getLogger("pyftpdlib").setLevel(logging.CRITICAL)  # a dropped client is the point

# RFC 959: 421 means the service is closing the control connection.
REPLY_421 = "421 Service not available, closing control connection."
REPLY_421_IDLE = "421 Control connection timed out."  # pyftpdlib's and vsftpd's idle words
REPLY_DELE_550 = "550 Delete operation failed."  # what vsftpd answers when unlink fails


@dataclass(frozen=True)
class FaultPlan:
    """What the server does wrong from now on; the default plan is a well-behaved server."""

    refuse: bool = False  # nothing listens on the port: connections are refused
    silent: bool = False  # the connection is accepted, but no greeting and no answer ever
    drop_download_after: int | None = None  # RETR: N bytes, then data and control cut
    truncate_download_to: int | None = None  # RETR: N bytes, then a normal "226"
    download_faults: int | None = None  # how many RETR get the two above (None: all)
    oversize_download_to: int | None = None  # RETR: the file, then filler up to N bytes
    trickle: tuple[int, float] | None = None  # RETR: (bytes, seconds): N bytes per pause
    dele_reply: str | None = None  # DELE is answered with this and nothing is deleted
    dele_faults: int | None = None  # how many DELE get dele_reply (None: all)
    dele_first: bool = False  # DELE deletes the file, then answers dele_reply (a lost reply)
    listing_reply: str | None = None  # LIST/MLSD/NLST answered with this instead
    listing_faults: int | None = None  # how many listings get listing_reply (None: all)
    fake_names: tuple[str, ...] = ()  # added to every listing (hostile names)
    grow: tuple[str, ...] = ()  # files (relative to the root) that grow with each listing
    grow_by: bytes = b"\r\n"
    certificate: Certificate | None = None  # FTPS: shown instead of the server's own

    @property
    def is_clear(self) -> bool:
        return self == FaultPlan()


@dataclass
class _State:
    plan: FaultPlan = field(default_factory=FaultPlan)
    listings: int = 0  # listings answered with listing_reply under the current plan
    downloads: int = 0  # downloads cut or truncated under the current plan
    deletes: int = 0  # DELE answered with dele_reply under the current plan
    sent: int = 0  # bytes the oversize filler handed to the data connection
    trickled: list[int] = field(default_factory=list)  # per trickled RETR: bytes sent
    commands: list[tuple[str, str]] = field(default_factory=list)  # (command, argument)


class _Dropper:
    """A producer sending ``data`` and then cutting both connections without a reply."""

    def __init__(self, data: bytes, handler: FTPHandler) -> None:
        self.data, self.handler, self.sent = data, handler, False

    def more(self) -> bytes:
        if not self.sent:
            self.sent = True
            if self.data:
                return self.data
        # Everything handed to the kernel: FIN on both sockets, so no "226" can follow.
        channel = self.handler.data_channel
        for sock in (getattr(channel, "socket", None), self.handler.socket):
            _shutdown(sock)
        return b""


class _Oversized:
    """A producer sending ``data`` and then filler until ``total`` bytes, made as it goes
    (a gigabyte is never held in memory); it stops when the client closes the connection."""

    BLOCK = 64 * 1024

    def __init__(self, data: bytes, total: int, state: _State) -> None:
        self.data, self.left, self.state = data, total, state

    def more(self) -> bytes:
        if self.left <= 0:
            return b""
        chunk = self.data or b"x" * min(self.BLOCK, self.left)
        self.data = b""
        chunk = chunk[: self.left]
        self.left -= len(chunk)
        self.state.sent += len(chunk)
        return chunk


class _TrickleMixin:
    """A data connection that sends a RETR file a few bytes at a time, pausing between."""

    cmd_channel: Any
    file_obj: Any
    ioloop: Any
    _closed: bool

    def _trickle(self) -> tuple[int, float] | None:
        if self.file_obj is None:  # listings are not slowed down
            return None
        return self.cmd_channel.fault_state.plan.trickle

    def use_sendfile(self) -> bool:
        return self._trickle() is None and super().use_sendfile()  # type: ignore[misc]

    def send(self, data: bytes) -> int:
        trickle = self._trickle()
        if trickle is None:
            return super().send(data)  # type: ignore[misc]
        size, pause = trickle
        sent = super().send(data[:size])  # type: ignore[misc]
        self._trickled = getattr(self, "_trickled", 0) + sent
        if sent and not self._closed:
            self.del_channel()  # type: ignore[attr-defined]
            self._pause = self.ioloop.call_later(
                pause,
                self._resume,
                _errback=self.handle_error,  # type: ignore[attr-defined]
            )
        return sent

    def _resume(self) -> None:
        if not self._closed:
            self.add_channel(events=self.ioloop.WRITE)  # type: ignore[attr-defined]

    def close(self) -> None:
        pause = getattr(self, "_pause", None)
        if pause is not None and not pause.cancelled:
            pause.cancel()
        if self._trickle() is not None and not self._closed:
            self.cmd_channel.fault_state.trickled.append(getattr(self, "_trickled", 0))
        super().close()  # type: ignore[misc]


def _shutdown(sock: Any) -> None:
    if sock is None:
        return
    try:
        if isinstance(sock, SSL.Connection):
            sock.sock_shutdown(socket.SHUT_RDWR)
        else:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        return


class _FaultMixin:
    """The fault hooks, mixed in front of FTPHandler or TLS_FTPHandler."""

    fault_state: _State  # set on the class made per server

    # -- connecting -------------------------------------------------------------------

    def handle(self) -> None:
        if self.fault_state.plan.silent:
            return  # no 220: the client waits for a greeting that never comes
        super().handle()  # type: ignore[misc]

    def found_terminator(self) -> None:
        if self.fault_state.plan.silent:
            self._in_buffer, self._in_buffer_len = [], 0  # heard, never answered
            return
        super().found_terminator()  # type: ignore[misc]

    def pre_process_command(self, line: str, cmd: str, arg: str) -> None:
        self.fault_state.commands.append((cmd, arg))
        super().pre_process_command(line, cmd, arg)  # type: ignore[misc]

    # -- listings ---------------------------------------------------------------------

    def _listing_fault(self, path: str) -> bool:
        state = self.fault_state
        plan = state.plan
        for relative in plan.grow:
            with open(Path(self.fs.root) / relative, "ab") as grown:  # type: ignore[attr-defined]
                grown.write(plan.grow_by)
        if plan.listing_reply is None:
            return False
        if plan.listing_faults is not None and state.listings >= plan.listing_faults:
            return False
        state.listings += 1
        self.respond(plan.listing_reply)  # type: ignore[attr-defined]
        if plan.listing_reply.startswith("421"):
            self.close_when_done()  # type: ignore[attr-defined]
        return True

    def _fake_size(self, path: str, name: str) -> int:
        """The real size when the hostile name resolves to a file inside the root."""
        try:
            target = self.fs.ftp2fs(posixpath.join(self.fs.fs2ftp(path), name))  # type: ignore[attr-defined]
            return os.path.getsize(target)
        except (OSError, ValueError):
            return 42

    def ftp_MLSD(self, path: str) -> str | None:
        if self._listing_fault(path):
            return None
        names = self.fault_state.plan.fake_names
        if not names:
            return super().ftp_MLSD(path)  # type: ignore[misc]
        fs = self.fs  # type: ignore[attr-defined]
        perms = self.authorizer.get_perms(self.username)  # type: ignore[attr-defined]
        real = b"".join(fs.format_mlsx(path, fs.listdir(path), perms, self._current_facts))  # type: ignore[attr-defined]
        fake = "".join(
            f"type=file;size={self._fake_size(path, n)};modify=20260313120000;perm=rdf; {n}\r\n"
            for n in names
        )
        self.push_dtp_data(real + fake.encode("utf-8", "surrogateescape"), cmd="MLSD")  # type: ignore[attr-defined]
        return path

    def ftp_LIST(self, path: str) -> str | None:
        if self._listing_fault(path):
            return None
        names = self.fault_state.plan.fake_names
        if not names:
            return super().ftp_LIST(path)  # type: ignore[misc]
        fs = self.fs  # type: ignore[attr-defined]
        real = b"".join(fs.format_list(path, sorted(fs.listdir(path))))
        fake = "".join(
            f"-rw-r--r--   1 ftp ftp {self._fake_size(path, n):>8} Mar 13 12:00 {n}\r\n"
            for n in names
        )
        self.push_dtp_data(real + fake.encode("utf-8", "surrogateescape"), cmd="LIST")  # type: ignore[attr-defined]
        return path

    def ftp_NLST(self, path: str) -> str | None:
        if self._listing_fault(path):
            return None
        return super().ftp_NLST(path)  # type: ignore[misc]

    # -- files ------------------------------------------------------------------------

    def ftp_RETR(self, file: str) -> str | None:
        state = self.fault_state
        plan = state.plan
        if plan.oversize_download_to is not None:
            return self._retr_oversized(file, plan.oversize_download_to)
        limit = plan.drop_download_after
        if limit is None:
            limit = plan.truncate_download_to
        exhausted = plan.download_faults is not None and state.downloads >= plan.download_faults
        if limit is None or exhausted:
            return super().ftp_RETR(file)  # type: ignore[misc]
        state.downloads += 1
        try:
            with self.fs.open(file, "rb") as handle:  # type: ignore[attr-defined]
                data = handle.read(limit)
        except OSError as exc:
            self.respond(f"550 {exc.strerror}.")  # type: ignore[attr-defined]
            return None
        if plan.drop_download_after is not None:
            self.push_dtp_data(_Dropper(data, self), isproducer=True, cmd="RETR")  # type: ignore[attr-defined]
        else:
            self.push_dtp_data(data, cmd="RETR")  # type: ignore[attr-defined]
        return file

    def _retr_oversized(self, file: str, total: int) -> str | None:
        try:
            with self.fs.open(file, "rb") as handle:  # type: ignore[attr-defined]
                data = handle.read()
        except OSError as exc:
            self.respond(f"550 {exc.strerror}.")  # type: ignore[attr-defined]
            return None
        producer = _Oversized(data, total, self.fault_state)
        self.push_dtp_data(producer, isproducer=True, cmd="RETR")  # type: ignore[attr-defined]
        return file

    def ftp_DELE(self, path: str) -> str | None:
        state = self.fault_state
        reply = state.plan.dele_reply
        exhausted = state.plan.dele_faults is not None and state.deletes >= state.plan.dele_faults
        if reply is None or exhausted:
            return super().ftp_DELE(path)  # type: ignore[misc]
        state.deletes += 1
        if state.plan.dele_first:
            self.run_as_current_user(self.fs.remove, path)  # type: ignore[attr-defined]
        self.respond(reply)  # type: ignore[attr-defined]
        if reply.startswith("421"):
            self.close_when_done()  # type: ignore[attr-defined]
        return None


def _ssl_context(cert: Certificate) -> SSL.Context:
    context = SSL.Context(SSL.TLS_SERVER_METHOD)
    context.use_certificate_chain_file(str(cert.cert_path))
    context.use_privatekey_file(str(cert.key_path))
    context.set_session_id(b"ftpimport-faults")  # data connections resume the session
    return context


class FaultServer:
    """A pyftpdlib server on its own IOLoop and thread, misbehaving per :class:`FaultPlan`."""

    def __init__(
        self,
        root: Path,
        users: dict[str, tuple[str, str]],
        *,
        tls: Certificate | None = None,
        plan: FaultPlan | None = None,
    ) -> None:
        self.host, self.root, self.tls = HOST, root, tls
        self.state = _State()
        authorizer = DummyAuthorizer()
        for user, (password, perm) in users.items():
            authorizer.add_user(user, password, str(root), perm=perm)
        base = TLS_FTPHandler if tls else FTPHandler
        attributes: dict[str, Any] = {
            "authorizer": authorizer,
            "encoding": "utf8",
            "auth_failed_timeout": 0.05,
            "fault_state": self.state,
            "dtp_handler": type("FaultDtp", (_TrickleMixin, base.dtp_handler), {}),
        }
        if tls:
            attributes.update(
                ssl_context=_ssl_context(tls), tls_control_required=True, tls_data_required=True
            )
        self.handler = type("FaultFtpHandler", (_FaultMixin, base), attributes)
        self.ioloop = IOLoop()  # its own loop: pyftpdlib's default is a process-wide one
        self._server: FTPServer | None = FTPServer((HOST, 0), self.handler, ioloop=self.ioloop)
        self.port: int = self._server.socket.getsockname()[1]
        self._calls: queue.Queue[tuple[Callable[[], None], threading.Event]] = queue.Queue()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, name=f"fault-ftp-{self.port}")
        self._thread.daemon = True
        self._thread.start()
        if plan is not None:
            self.apply(plan)

    # -- control from the test ----------------------------------------------------------

    @property
    def plan(self) -> FaultPlan:
        return self.state.plan

    def apply(self, plan: FaultPlan) -> None:
        """Switch to ``plan`` (``FaultPlan()`` repairs everything); waits until it holds."""
        self._on_loop(lambda: self._apply(plan))

    def repair(self) -> None:
        self.apply(FaultPlan())

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._thread.join(5)

    def __enter__(self) -> FaultServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def commands(self) -> list[str]:
        """Every command word received, in order."""
        return [command for command, _argument in self.state.commands]

    def arguments(self, command: str) -> list[str]:
        """The (absolute, server-side) arguments ``command`` was given, in order."""
        return [argument for word, argument in self.state.commands if word == command]

    # -- the loop thread ------------------------------------------------------------------

    def _on_loop(self, call: Callable[[], None]) -> None:
        done = threading.Event()
        self._calls.put((call, done))
        if not done.wait(5):
            raise RuntimeError("fault server loop did not answer")

    def _serve(self) -> None:
        try:
            while not self._stopped.is_set():
                self._run_calls()
                if self.ioloop.socket_map:
                    self.ioloop.loop(0.02, blocking=False)
                else:
                    self._stopped.wait(0.02)  # refusing: no socket to poll
        finally:
            self._run_calls()
            self.ioloop.close()

    def _run_calls(self) -> None:
        while True:
            try:
                call, done = self._calls.get_nowait()
            except queue.Empty:
                return
            try:
                call()
            finally:
                done.set()

    def _apply(self, plan: FaultPlan) -> None:
        self.state.plan = plan
        self.state.listings = self.state.downloads = self.state.deletes = self.state.sent = 0
        if plan.refuse and self._server is not None:
            self._server.close()  # only the listener: nobody accepts on the port any more
            self._server = None
        elif not plan.refuse and self._server is None:
            self._server = FTPServer((HOST, self.port), self.handler, ioloop=self.ioloop)
        if self.tls:
            self.handler.ssl_context = _ssl_context(plan.certificate or self.tls)


def names_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def write_files(directory: Path, files: Iterable[tuple[str, bytes]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (directory / name).write_bytes(data)
