"""The ftplib side of FTPS: TLS session reuse on data connections, and the pinning context."""

from __future__ import annotations

import ftplib
import socket
import ssl

from .errors import DataConnectionFailed
from .login_errors import CertificateChanged, tls_error
from .trust import sha256_fingerprint


class SessionReusingFtp(ftplib.FTP_TLS):
    """FTP_TLS whose data connections resume the control connection's TLS session.

    Many servers (vsftpd with require_ssl_reuse, FileZilla Server, ProFTPD's default
    TLSOptions) refuse a data connection that does not reuse the session: that proves
    it comes from the same client.
    """

    pinned_fingerprint: str | None = None  # set when TLS trust came from the user's pin

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


def unverified_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # identity is checked by fingerprint instead
    return context
