"""Plain FTP and FTPS through ftplib: explicit ("AUTH TLS" after the greeting) or implicit
(TLS from the first byte, the greeting inside it).

Trust rule for both kinds of FTPS: a certificate valid for the host name under the
system's CAs is accepted. Otherwise its SHA-256 fingerprint must equal the one the user
trusted for this interface; with none trusted it is refused as unknown, with another
trusted it is refused as changed. Python cannot read the certificate of a failed
verification, so telling the user the fingerprint costs one extra, unverified connection
that never logs in.

Its parts: ftp_data (data connections), ftp_listing (parsing listings), ftp_lookups (SIZE,
MDTM and CWD of one name), ftp_names (names on the wire), ftp_errors (what replies mean),
ftp_tls (the control handshake, TLS session reuse).
"""

from __future__ import annotations

import builtins  # the annotations below ``def list`` name the type, not the method
import ftplib
import io
import ssl
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import BinaryIO

from ..domain.interface import FtpSettings, Protocol
from . import network
from .errors import ConnectionLost, ImplicitTls, WrongProtocol
from .file_errors import (
    DeleteFailed,
    DirectoryMissing,
    NoWriteRight,
    PermissionDenied,
    RemoteFileVanished,
    RetrieveFailed,
)
from .ftp_data import DataConnections
from .ftp_errors import asks_for_tls, empty_listing, looks_denied, reply_code, transfer_errors
from .ftp_listing import mlsd_facts, parse_list, parse_mlsd
from .ftp_lookups import entries_of_names, with_link_sizes
from .ftp_names import WireNames
from .ftp_tls import SessionReusingFtp, not_implicit_tls, unverified_context
from .limits import Deadline, DownloadLimits
from .local_files import local_sink
from .login_errors import (
    CertificateChanged,
    CertificateUnknown,
    EncryptionRequired,
    LoginFailed,
    TlsNotSupported,
)
from .remote import PROBE_CONTENT, RemoteClient, RemoteEntry, join_remote, probe_name
from .server_replies import reply_text
from .trust import is_trusted, sha256_fingerprint


class FtpClient(RemoteClient):
    """One FTP or FTPS (explicit or implicit) session. ``ca_context`` replaces the system
    CAs (tests, intranets)."""

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
        self._ftp: SessionReusingFtp | None = None
        self._channel = DataConnections(self.host, timeout, limits or DownloadLimits(), self._drop)
        self._names = WireNames()
        self._use_mlsd = False
        self.features: frozenset[str] = frozenset()
        self.welcome = ""
        self._aborted = False  # set by ``abort`` from another thread

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
        self._aborted = False
        ftp = SessionReusingFtp(timeout=self._timeout, encoding="latin-1")
        ftp.host, ftp.port = self.host, self.port
        sock = network.connect(self.host, self.port, self._timeout)
        ftp.sock, ftp.af = sock, sock.family
        if self.settings.protocol is Protocol.FTPS_IMPLICIT:
            self._ftp = ftp  # the greeting comes inside TLS: ``secure`` reads it
            return
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
        if not self.settings.protocol.uses_tls:
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
        if self.settings.protocol is Protocol.FTPS_IMPLICIT:
            self._handshake(ftp)
            return self._peer_fingerprint(ftp)
        with self._errors():
            try:
                ftp.auth()
            except ftplib.error_perm as exc:
                raise TlsNotSupported(self.host) from exc
            except ssl.SSLCertVerificationError:
                self._drop()  # a QUIT would only start the refused handshake again
                raise
        return self._peer_fingerprint(ftp)

    def _handshake(self, ftp: SessionReusingFtp) -> None:
        """Implicit TLS: the handshake first, then the greeting inside it. When it fails,
        ``sock`` is the TLS socket, which ``_drop`` closes."""
        with self._errors():
            try:
                ftp.secure_control()
            except ssl.SSLCertVerificationError:
                self._drop()  # no QUIT: nothing may be said outside TLS
                raise
            except (ssl.SSLError, ConnectionError):
                self._drop()
                # A greeting in clear text is no TLS record: OpenSSL fails at once. After
                # an abort the probe would only keep a cancel waiting.
                if not self._aborted:
                    not_implicit_tls(self.host, self.port, self._timeout)
                raise
            except OSError:
                self._drop()  # a timeout: the half-made TLS socket is of no further use
                raise
            self.welcome = ftp.getresp()

    @staticmethod
    def _peer_fingerprint(ftp: SessionReusingFtp) -> str:
        control = ftp.sock
        assert isinstance(control, ssl.SSLSocket)  # what auth() or the handshake made of it
        return sha256_fingerprint(control.getpeercert(binary_form=True) or b"")

    def _fetch_fingerprint(self) -> str:
        self.connect()
        try:
            return self._start_tls(unverified_context())
        finally:
            self.close()

    def login(self) -> None:
        ftp = self._session
        if self.settings.protocol.uses_tls and not isinstance(ftp.sock, ssl.SSLSocket):
            self.secure()  # never send the password before TLS is up
            ftp = self._session
        with self._errors():
            try:
                ftp.login(self.settings.user, self._password or "", secure=False)
            except (ftplib.error_perm, ftplib.error_temp) as exc:
                said = self._reply(exc)
                if self.settings.protocol is Protocol.FTP and asks_for_tls(exc):
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
            if self.settings.protocol.uses_tls:
                ftp.prot_p()
            ftp.set_pasv(self.settings.passive)
            self._names.home = ftp.pwd() or "/"

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
        self._aborted = True
        ftp = self._ftp
        network.shutdown_quietly(self._channel.open)  # a hostile server may keep sending on it
        if ftp is not None:
            network.shutdown_quietly(ftp.sock)

    # --- files -----------------------------------------------------------------------

    def cwd(self, directory: str) -> None:
        with self._errors():
            try:
                self._session.cwd(self._names.to_wire(directory))
            except ftplib.error_perm as exc:
                if looks_denied(exc):
                    raise PermissionDenied(directory or "/") from exc
                raise DirectoryMissing(directory) from exc

    def list(self, directory: str) -> list[RemoteEntry]:
        self.cwd(directory)  # list "." afterwards: LIST arguments are ls options on many servers
        with self._errors():
            try:
                return self._list_current(directory)
            except ftplib.error_perm as exc:
                if looks_denied(exc):
                    raise PermissionDenied(directory or "/") from exc
                raise

    def _list_current(self, directory: str) -> builtins.list[RemoteEntry]:
        if self._use_mlsd:
            try:
                return parse_mlsd(directory, self._mlsd(), decode=self._names.from_wire)
            except ftplib.error_perm as exc:
                if reply_code(exc) not in ("500", "501", "502"):
                    raise
                self._use_mlsd = False  # announced but not implemented: use LIST from now on
        try:
            lines = list(self._data_lines("LIST"))
        except (ftplib.error_perm, ftplib.error_temp) as exc:
            if not empty_listing(exc):
                raise
            lines = []
        entries, unparsed = parse_list(directory, lines, datetime.now(UTC))
        if unparsed:
            return self._list_by_names(directory)
        sized = with_link_sizes(self._session, entries)
        return [self._names.decoded(e, directory) for e in sized]

    def _mlsd(self) -> Iterator[tuple[str, dict[str, str]]]:
        """``ftplib.FTP.mlsd`` of the current directory, parsed while it arrives.

        ftplib reads the listing line by line and parses it only at the end; here each
        received block is parsed while the server sends the next (bench/ftp_transfer.py:
        10,000 entries).
        """
        for line in self._data_lines("MLSD"):
            yield mlsd_facts(line)

    def _data_lines(self, command: str) -> Iterator[str]:
        yield from self._channel.lines(self._session, command)

    def _list_by_names(self, directory: str) -> builtins.list[RemoteEntry]:
        try:
            names = list(self._data_lines("NLST"))
        except (ftplib.error_perm, ftplib.error_temp) as exc:
            if empty_listing(exc):
                return []
            raise
        return entries_of_names(self._session, directory, names, self._names)

    def take_names_from(self, previous: RemoteClient) -> None:
        if isinstance(previous, FtpClient):
            self._names.learn_from(previous._names)

    def retrieve(self, remote_path: str, out: BinaryIO, deadline: Deadline | None = None) -> None:
        write = local_sink(out)
        wire = self._names.to_wire(remote_path)
        with self._errors():
            try:
                self._channel.retrieve_binary(self._session, "RETR " + wire, write, deadline)
            except ftplib.error_perm as exc:
                if looks_denied(exc):
                    raise PermissionDenied(remote_path) from exc
                # A run skips a vanished file and goes on, so "550" alone must not count as
                # gone (vsftpd: "550 Failed to open file." for any open error): only SIZE
                # answering 550 as well proves it.
                if self._still_there(wire):
                    raise RetrieveFailed(remote_path, self._reply(exc).strip()) from exc
                raise RemoteFileVanished(remote_path) from exc

    def upload_probe(self, directory: str) -> str:
        path = join_remote(directory, probe_name())
        with self._errors():
            try:
                command = "STOR " + self._names.to_wire(path)
                self._session.storbinary(command, io.BytesIO(PROBE_CONTENT))
            except (ftplib.error_perm, ftplib.error_temp) as exc:
                if reply_code(exc) in ("421", "425", "426"):
                    raise
                raise NoWriteRight(directory or "/") from exc
        return path

    def delete(self, remote_path: str) -> None:
        wire = self._names.to_wire(remote_path)
        with self._errors():
            try:
                self._session.delete(wire)
            except ftplib.error_perm as exc:
                if looks_denied(exc):
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
            return reply_code(exc) != "550"  # SIZE unknown (500/502): assume it is there
        return True

    # --- helpers ---------------------------------------------------------------------

    def _errors(self) -> AbstractContextManager[None]:
        return transfer_errors(
            self.host, self._timeout, self.settings.passive, self._reply, self._drop
        )

    def _reply(self, exc: BaseException) -> str:
        return reply_text(exc, self._password)
