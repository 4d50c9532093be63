"""Plain FTP and FTPS (explicit TLS, "AUTH TLS") through ftplib.

Trust rule for FTPS: a certificate valid for the host name under the system's CAs is
accepted. Otherwise its SHA-256 fingerprint must equal the one the user trusted for this
interface; with none trusted it is refused as unknown, with another trusted it is refused
as changed. Python cannot read the certificate of a failed verification, so telling the
user the fingerprint costs one extra, unverified connection that never logs in.

Names travel as latin-1 inside ftplib (every byte maps to one character, so nothing is
lost) and are decoded here: UTF-8 when they are valid UTF-8, else latin-1.
"""

from __future__ import annotations

import builtins  # the annotations below ``def list`` name the type, not the method
import ftplib
import io
import logging
import posixpath
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import BinaryIO

from ..domain.interface import FtpSettings, Protocol
from . import network
from .errors import (
    CertificateChanged,
    CertificateUnknown,
    ConnectionLost,
    DataConnectionFailed,
    EncryptionRequired,
    IdleDisconnect,
    ImplicitTls,
    LoginFailed,
    ProtocolError,
    ReadTimeout,
    ServerUnavailable,
    TlsNotSupported,
    TransferError,
    TransferTimedOut,
    WrongProtocol,
    tls_error,
)
from .file_errors import (
    DeleteFailed,
    DirectoryMissing,
    NoWriteRight,
    PermissionDenied,
    RemoteFileVanished,
)
from .ftp_listing import LineSplitter, parse_list, parse_mlsd, parse_mlsd_time
from .ftp_tls import SessionReusingFtp, unverified_context
from .limits import Deadline, DownloadLimits
from .local_files import local_sink
from .printable import printable
from .remote import PROBE_CONTENT, RemoteClient, RemoteEntry, join_remote, probe_name
from .server_replies import reply_text
from .trust import is_trusted, sha256_fingerprint

log = logging.getLogger(__name__)

# Bytes per receive on a data connection. ftplib's 8 KiB cost a Python call and a new
# bytes object per 8 KiB: half of curl's throughput on loopback (bench/ftp_transfer.py).
BLOCK_SIZE = 128 * 1024

# Server replies for a refused right; "550" alone also means "no such file". ProFTPD
# refuses what its <Limit> sections deny with EPERM's text, "Operation not permitted".
_DENIED_WORDS = (
    "denied", "permission", "privilege", "not allowed", "not permitted", "access", "verweigert",
)  # fmt: skip
# A refusal of plain FTP: "534 Policy requires SSL." (IIS), "530 Non-anonymous sessions
# must use encryption." (vsftpd), "550 SSL/TLS required on the control channel" (ProFTPD),
# "421 Sorry, cleartext sessions … are not accepted" (Pure-FTPd), "530 This server does not
# allow plain FTP" (FileZilla Server).
_TLS_WORDS = (
    "tls", "ssl", "encrypt", "cleartext", "clear text", "plaintext", "plain text", "plain ftp",
    "verschlüssel",
)  # fmt: skip
# A 421 for an idle session (vsftpd, ProFTPD, Pure-FTPd, FileZilla, IIS, pyftpdlib say so).
_IDLE_WORDS = ("timeout", "timed out", "idle", "inactiv")


def _reply_code(exc: BaseException) -> str:
    return str(exc)[:3]


def _asks_for_tls(exc: BaseException) -> bool:
    text = str(exc).lower()
    return _reply_code(exc) == "534" or any(word in text for word in _TLS_WORDS)


def _looks_denied(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(word in text for word in _DENIED_WORDS)


class FtpClient(RemoteClient):
    """One FTP or FTPS session. ``ca_context`` replaces the system CAs (tests, intranets)."""

    def __init__(
        self,
        settings: FtpSettings,
        password: str | None,
        trusted_fingerprint: str | None,
        timeout: float,
        *,
        ca_context: ssl.SSLContext | None = None,
        limits: DownloadLimits | None = None,
    ) -> None:
        if settings.protocol is Protocol.SFTP:
            raise ValueError("FtpClient speaks FTP and FTPS only")
        self.settings = settings
        self.host = settings.host
        self.port = settings.effective_port
        self._password = password
        self._trusted = trusted_fingerprint
        self._timeout = timeout
        self._ca_context = ca_context
        self._limits = limits or DownloadLimits()
        self._ftp: SessionReusingFtp | None = None
        self._data: socket.socket | None = None  # the data connection of a transfer
        self._home = "/"
        self._use_mlsd = False
        self._latin1_names: set[str] = set()
        self.features: frozenset[str] = frozenset()
        self.welcome = ""

    def __repr__(self) -> str:  # no password here: repr ends up in logs and tracebacks
        url = f"{self.settings.protocol.value}://{self.settings.user}@{self.host}:{self.port}"
        return f"FtpClient({url})"

    # --- connection ------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._ftp is not None and self._ftp.sock is not None

    @property
    def _session(self) -> SessionReusingFtp:
        if self._ftp is None or self._ftp.sock is None:
            raise ConnectionLost(self.host)
        return self._ftp

    def connect(self) -> None:
        self.close()
        ftp = SessionReusingFtp(timeout=self._timeout, encoding="latin-1")
        ftp.host, ftp.port = self.host, self.port
        sock = network.connect(self.host, self.port, self._timeout)
        ftp.sock, ftp.af = sock, sock.family
        ftp.file = sock.makefile("r", encoding=ftp.encoding)
        self._ftp = ftp  # from here on ``abort`` can break off the wait for the greeting
        with self._errors():
            try:
                network.check_greeting(sock, self.host, self.port, ssh=False)
            except (WrongProtocol, ImplicitTls):
                self._drop()
                raise
            self.welcome = ftp.getresp()

    def secure(self) -> str | None:
        if self.settings.protocol is not Protocol.FTPS:
            return None
        if not self._trusted:
            try:
                return self._start_tls(self._verifying_context())
            except ssl.SSLCertVerificationError:
                raise CertificateUnknown(self.host, self._fetch_fingerprint()) from None
        seen = self._start_tls(unverified_context())
        if is_trusted(seen, self._trusted):
            self._session.pinned_fingerprint = seen
            return seen
        # Not the pinned one; a certificate renewed by a real CA is fine all the same.
        self.connect()
        try:
            return self._start_tls(self._verifying_context())
        except ssl.SSLCertVerificationError:
            self.close()
            raise CertificateChanged(self.host, self._trusted, seen) from None

    def _verifying_context(self) -> ssl.SSLContext:
        return self._ca_context or ssl.create_default_context()

    def _start_tls(self, context: ssl.SSLContext) -> str:
        ftp = self._session
        ftp.context = context
        with self._errors():
            try:
                ftp.auth()
            except ftplib.error_perm as exc:
                raise TlsNotSupported(self.host) from exc
            except ssl.SSLCertVerificationError:
                self.close()
                raise
        control = ftp.sock
        assert isinstance(control, ssl.SSLSocket)  # what auth() made of it
        return sha256_fingerprint(control.getpeercert(binary_form=True) or b"")

    def _fetch_fingerprint(self) -> str:
        self.connect()
        try:
            return self._start_tls(unverified_context())
        finally:
            self.close()

    def login(self) -> None:
        ftp = self._session
        if self.settings.protocol is Protocol.FTPS and not isinstance(ftp.sock, ssl.SSLSocket):
            self.secure()  # never send the password before TLS is up
            ftp = self._session
        with self._errors():
            try:
                ftp.login(self.settings.user, self._password or "", secure=False)
            except (ftplib.error_perm, ftplib.error_temp) as exc:
                said = self._reply(exc)
                if self.settings.protocol is Protocol.FTP and _asks_for_tls(exc):
                    self._drop()  # the server ends the session (Pure-FTPd, IIS)
                    raise EncryptionRequired(self.host, said) from exc
                if isinstance(exc, ftplib.error_temp):
                    raise  # a 421 and the like: ``_errors`` says which
                raise LoginFailed(
                    self.host, self.settings.user, no_password=not self._password
                ) from exc
            self.features = self._read_features()
            if "UTF8" in self.features:
                self._try("OPTS UTF8 ON")
            self._use_mlsd = any(f.startswith("MLST") for f in self.features)
            if self._use_mlsd:
                # Only the facts a run reads: less for the server to gather and send
                # (RFC 3659 7.9); a server that refuses keeps sending all of them.
                self._try("OPTS MLST type;size;modify;")
            ftp.voidcmd("TYPE I")  # binary; some servers also refuse SIZE in ASCII mode
            if self.settings.protocol is Protocol.FTPS:
                ftp.prot_p()
            ftp.set_pasv(self.settings.passive)
            self._home = ftp.pwd() or "/"

    def _read_features(self) -> frozenset[str]:
        try:
            reply = self._session.sendcmd("FEAT")
        except ftplib.error_perm:
            return frozenset()
        lines = reply.splitlines()[1:-1]
        return frozenset(line.strip().upper() for line in lines if line.strip())

    def _try(self, command: str) -> None:
        try:
            self._session.sendcmd(command)
        except ftplib.Error:
            return  # optional courtesy command; the server may not know it

    def close(self) -> None:
        ftp, self._ftp = self._ftp, None
        if ftp is None:
            return
        try:
            if ftp.sock is not None:
                ftp.sock.settimeout(min(self._timeout, 2.0))  # a dead server must not delay
                ftp.quit()  # closes the socket itself
        except (ftplib.Error, OSError, EOFError, ValueError):
            ftp.close()  # saying goodbye is a courtesy; release the socket regardless

    def _drop(self) -> None:
        """Release the connection without a goodbye: it is out of step or gone."""
        ftp, self._ftp = self._ftp, None
        if ftp is not None:
            ftp.close()  # ftplib's close: the socket only, no QUIT

    def abort(self) -> None:
        ftp = self._ftp
        network.shutdown_quietly(self._data)  # a hostile server may keep sending on it
        if ftp is not None:
            network.shutdown_quietly(ftp.sock)

    # --- files -----------------------------------------------------------------------

    def cwd(self, directory: str) -> None:
        with self._errors():
            try:
                self._session.cwd(self._wire(directory))
            except ftplib.error_perm as exc:
                if _looks_denied(exc):
                    raise PermissionDenied(directory or "/") from exc
                raise DirectoryMissing(directory) from exc

    def list(self, directory: str) -> list[RemoteEntry]:
        self.cwd(directory)  # list "." afterwards: LIST arguments are ls options on many servers
        with self._errors():
            try:
                return self._list_current(directory)
            except ftplib.error_perm as exc:
                if _looks_denied(exc):
                    raise PermissionDenied(directory or "/") from exc
                raise

    def _list_current(self, directory: str) -> builtins.list[RemoteEntry]:
        if self._use_mlsd:
            try:
                return parse_mlsd(directory, self._mlsd(), decode=self._from_wire)
            except ftplib.error_perm as exc:
                if _reply_code(exc) not in ("500", "501", "502"):
                    raise
                self._use_mlsd = False  # announced but not implemented: use LIST from now on
        try:
            lines = list(self._data_lines("LIST"))
        except (ftplib.error_perm, ftplib.error_temp) as exc:
            if not _empty_listing(exc):
                raise
            lines = []
        entries, unparsed = parse_list(directory, lines, datetime.now(UTC))
        if unparsed:
            return self._list_by_names(directory)
        return [self._decoded(e, directory) for e in self._with_link_sizes(entries)]

    def _with_link_sizes(self, entries: builtins.list[RemoteEntry]) -> Iterator[RemoteEntry]:
        """LIST shows a symbolic link with its own size, which says nothing of the file it
        points to, so ftp_listing gives it none; SIZE asks the server, which follows the
        link. Without a size the run could not tell the file is complete, and skipped it
        on every run."""
        binary = False
        for entry in entries:
            if entry.size is None and not entry.is_dir:
                if not binary:
                    self._session.voidcmd("TYPE I")  # SIZE is often refused in ASCII mode
                    binary = True
                entry = replace(entry, size=self._size_or_none(entry.name))
            yield entry

    def _size_or_none(self, wire_name: str) -> int | None:
        """SIZE of a name in the current directory; None when the server will not tell
        (a link to nothing or to a directory, or no SIZE command)."""
        try:
            return self._session.size(wire_name)
        except ftplib.error_perm:
            return None

    def _mlsd(self) -> Iterator[tuple[str, dict[str, str]]]:
        """``ftplib.FTP.mlsd`` of the current directory, parsed while it arrives.

        ftplib reads the listing line by line and parses it only at the end; here each
        received block is parsed while the server sends the next (bench/ftp_transfer.py:
        10,000 entries).
        """
        for line in self._data_lines("MLSD"):
            yield _mlsd_facts(line)

    def _data_lines(self, command: str) -> Iterator[str]:
        """The lines ``command`` sends on a data connection (see LineSplitter).

        The listing may take the grace and then as long as it comes at the minimum rate;
        a line too long for ftplib (8,192) is skipped with a warning, not fatal.
        """
        ftp = self._session
        ftp.sendcmd("TYPE A")
        splitter = LineSplitter(ftp.maxline)
        buffer = bytearray(BLOCK_SIZE)
        started, received = time.monotonic(), 0
        with self._transfer(command) as conn:
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

    def _list_by_names(self, directory: str) -> builtins.list[RemoteEntry]:
        try:
            names = list(self._data_lines("NLST"))
        except (ftplib.error_perm, ftplib.error_temp) as exc:
            if _empty_listing(exc):
                return []
            raise
        self._session.voidcmd("TYPE I")  # NLST switched to ASCII, where SIZE is often refused
        entries = []
        for wire_name in names:
            wire_name = wire_name.rsplit("/", 1)[-1]
            if wire_name in (".", "..", ""):
                continue
            try:
                size: int | None = self._session.size(wire_name)
                is_dir = False
            except ftplib.error_perm:
                # SIZE is refused for directories, but also for a file the server will not
                # size: taken for a folder, such a file was dropped unseen, or descended
                # into when named like a date folder. A file stays one, of unknown size,
                # which the listing skips with that reason.
                size, is_dir = None, self._is_folder(wire_name, directory)
            mtime = None if is_dir else self._modified_or_none(wire_name)
            name = self._from_wire(wire_name)
            entries.append(RemoteEntry(name, size, mtime, is_dir, join_remote(directory, name)))
        return entries

    def _modified_or_none(self, wire_name: str) -> datetime | None:
        """MDTM (RFC 3659: YYYYMMDDHHMMSS in UTC) of a name in the current directory; None
        when the server will not tell. NLST gives names only, and without a time stamp
        an open-items list could neither be told from an older one nor protect the
        invoices written after it."""
        try:
            reply = self._session.sendcmd("MDTM " + wire_name)
        except ftplib.error_perm:
            return None
        code, _, value = reply.partition(" ")
        return parse_mlsd_time(value.strip()) if code == "213" else None

    def _is_folder(self, wire_name: str, directory: str) -> bool:
        """Whether a name in ``directory`` (the current one) can be entered. One that can
        be neither sized nor entered is taken for a file (of unknown size, which the
        listing reports as skipped), never for a folder, which would drop it unseen: a
        server's refusal cannot tell a file from a folder it denies, and it may repeat
        the name ("550 access_2025.csv: Not a directory"). Returns with ``directory``
        current again."""
        try:
            self._session.cwd(wire_name)
        except ftplib.error_perm:
            return False
        self._session.cwd(self._wire(directory))
        return True

    def retrieve(self, remote_path: str, out: BinaryIO, deadline: Deadline | None = None) -> None:
        write = local_sink(out)
        with self._errors():
            try:
                self._retrieve_binary("RETR " + self._wire(remote_path), write, deadline)
            except ftplib.error_perm as exc:
                if _looks_denied(exc):
                    raise PermissionDenied(remote_path) from exc
                raise RemoteFileVanished(remote_path) from exc

    def _retrieve_binary(
        self, command: str, write: Callable[[memoryview], object], deadline: Deadline | None
    ) -> None:
        """``ftplib.FTP.retrbinary`` receiving into one reused buffer of BLOCK_SIZE."""
        self._session.voidcmd("TYPE I")
        buffer = bytearray(BLOCK_SIZE)
        view = memoryview(buffer)
        with self._transfer(command) as conn:
            while received := self._recv_into(conn, buffer, deadline):
                write(view[:received])

    @contextmanager
    def _transfer(self, command: str) -> Iterator[socket.socket]:
        """The data connection of ``command``, and the server's reply once it is done.

        A transfer broken off (too much, too slow, a local error) leaves the server's
        reply to it unread, which would answer the next command: the session is dropped
        then, and the next use connects again.
        """
        ftp = self._session
        conn = ftp.transfercmd(command)
        self._data = conn
        try:
            with conn:
                yield conn
                if isinstance(conn, ssl.SSLSocket):
                    conn.unwrap()  # the TLS goodbye, as ftplib says it
        except BaseException:
            self._drop()
            raise
        finally:
            self._data = None
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

    def upload_probe(self, directory: str) -> str:
        path = join_remote(directory, probe_name())
        with self._errors():
            try:
                self._session.storbinary("STOR " + self._wire(path), io.BytesIO(PROBE_CONTENT))
            except (ftplib.error_perm, ftplib.error_temp) as exc:
                if _reply_code(exc) in ("421", "425", "426"):
                    raise
                raise NoWriteRight(directory or "/") from exc
        return path

    def delete(self, remote_path: str) -> None:
        wire = self._wire(remote_path)
        with self._errors():
            try:
                self._session.delete(wire)
            except ftplib.error_perm as exc:
                if _looks_denied(exc):
                    raise NoWriteRight(remote_path) from exc
                # "550" alone does not say the file is gone (vsftpd: "550 Delete operation
                # failed." for any unlink error): only SIZE answering 550 as well proves it.
                if self._still_there(wire):
                    raise DeleteFailed(remote_path, self._reply(exc).strip()) from exc
                raise RemoteFileVanished(remote_path) from exc

    def _still_there(self, wire: str) -> bool:
        try:
            # A listing leaves the session in ASCII mode, where ProFTPD answers every SIZE
            # with 550 ("SIZE not allowed in ASCII mode"): the file would seem gone.
            self._session.voidcmd("TYPE I")
            self._session.size(wire)
        except ftplib.error_perm as exc:
            return _reply_code(exc) != "550"  # SIZE unknown (500/502): assume it is there
        return True

    # --- helpers ---------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except TransferError:
            raise
        except ftplib.error_temp as exc:
            said = self._reply(exc)
            code = _reply_code(exc)
            if code == "421":
                self._drop()  # the server closes the connection after a 421
                if any(word in said.lower() for word in _IDLE_WORDS):
                    raise IdleDisconnect(self.host, said) from exc
                raise ServerUnavailable(self.host, said) from exc
            if code in ("425", "426"):
                raise DataConnectionFailed(self.host, self.settings.passive) from exc
            raise ProtocolError(self.host, said) from exc
        except ftplib.Error as exc:
            raise ProtocolError(self.host, self._reply(exc)) from exc
        except TimeoutError as exc:
            raise ReadTimeout(self.host, self._timeout) from exc
        except ssl.SSLCertVerificationError:
            raise
        except ssl.SSLError as exc:
            raise tls_error(self.host, exc) from exc
        except (OSError, EOFError) as exc:
            raise ConnectionLost(self.host) from exc

    def _reply(self, exc: BaseException) -> str:
        return reply_text(exc, self._password)

    def _wire(self, path: str) -> str:
        """The absolute path as ftplib must send it (see the module docstring)."""
        parts = [
            part if part in self._latin1_names else part.encode("utf-8").decode("latin-1")
            for part in path.split("/")
        ]
        wire = "/".join(parts)
        return wire if wire.startswith("/") else posixpath.join(self._home, wire)

    def _from_wire(self, name: str) -> str:
        try:
            return name.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            self._latin1_names.add(name)
            return name

    def _decoded(self, entry: RemoteEntry, directory: str) -> RemoteEntry:
        name = self._from_wire(entry.name)
        return replace(entry, name=name, path=join_remote(directory, name))


def _mlsd_facts(line: str) -> tuple[str, dict[str, str]]:
    """One MLSD line as ftplib.FTP.mlsd gives it: (name, {fact: value})."""
    facts_found, _, name = line.partition(" ")
    facts = {}
    for fact in facts_found[:-1].split(";"):
        key, _, value = fact.partition("=")
        facts[key.lower()] = value
    return name, facts


def _empty_listing(exc: BaseException) -> bool:
    # Some servers (IIS, old wu-ftpd) answer an empty directory with 450/550 "No files found"
    return "no files" in str(exc).lower() or "not found" in str(exc).lower()
