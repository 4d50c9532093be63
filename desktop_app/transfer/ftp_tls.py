"""The ftplib side of FTPS: the control connection's handshake (after AUTH TLS, or first
thing for implicit FTPS), TLS session reuse on data connections, and the pinning context."""

from __future__ import annotations

import ftplib
import socket
import ssl

from . import network
from .errors import DataConnectionFailed, GreetsWithoutTls, WrongProtocol
from .login_errors import CertificateChanged, tls_error
from .trust import sha256_fingerprint


class SessionReusingFtp(ftplib.FTP_TLS):
    """FTP_TLS whose data connections resume the control connection's TLS session, and
    whose control handshake (``secure_control``) an abort can break off. For implicit
    FTPS ``FtpClient`` calls ``secure_control`` itself, before the greeting.

    Many servers (vsftpd with require_ssl_reuse, FileZilla Server, ProFTPD's default
    TLSOptions) refuse a data connection that does not reuse the session: that proves
    it comes from the same client.
    """

    pinned_fingerprint: str | None = None  # set when TLS trust came from the user's pin

    def auth(self) -> str:
        """AUTH TLS as ftplib sends it, with the handshake of ``secure_control``."""
        if isinstance(self.sock, ssl.SSLSocket):
            raise ValueError("Already using TLS")
        reply = self.voidcmd("AUTH TLS")
        self.secure_control()
        return reply

    def secure_control(self) -> None:
        """The TLS handshake on the control socket. ``sock`` names the TLS socket before
        the handshake waits: wrap_socket detaches the plain one, and an abort from another
        thread shuts down what ``sock`` names, so a server that never answers the
        handshake cannot hold a cancel until the timeout."""
        assert self.sock is not None
        secured = self.context.wrap_socket(
            self.sock, server_hostname=self.host, do_handshake_on_connect=False
        )
        self.sock = secured
        secured.do_handshake()
        self.file = secured.makefile("r", encoding=self.encoding)

    def ntransfercmd(
        self, cmd: str, rest: int | str | None = None
    ) -> tuple[socket.socket, int | None]:
        try:
            conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        except (TimeoutError, ConnectionRefusedError) as exc:
            raise DataConnectionFailed(self.host, bool(self.passiveserver)) from exc
        if not self._prot_p:  # type: ignore[attr-defined]
            return conn, size
        control = self.sock
        assert isinstance(control, ssl.SSLSocket)  # PROT P comes after AUTH TLS
        try:
            session = control.session
            secured = self.context.wrap_socket(conn, server_hostname=self.host, session=session)
        except ssl.SSLError as exc:
            conn.close()
            raise tls_error(self.host, exc, "data connection") from exc
        if self.pinned_fingerprint and not secured.session_reused:
            # a fresh handshake on an unverified context: it must show the pinned cert
            seen = sha256_fingerprint(secured.getpeercert(binary_form=True) or b"")
            if seen != self.pinned_fingerprint:
                secured.close()
                raise CertificateChanged(self.host, self.pinned_fingerprint, seen)
        return secured, size


def not_implicit_tls(host: str, port: int, timeout: float | None) -> None:
    """After a failed implicit TLS handshake: raise what the server speaks instead when it
    greets unasked (an FTP or SSH greeting is no TLS record), else return."""
    first = network.plain_greeting(host, port, timeout)
    if network.is_ssh_greeting(first):
        raise WrongProtocol(host, port, found_ssh=True)
    if network.is_reply_greeting(first):
        raise GreetsWithoutTls(host, port)


def unverified_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # identity is checked by fingerprint instead
    return context
