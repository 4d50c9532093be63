"""Choosing the client for an interface's protocol."""

from __future__ import annotations

from ..domain.interface import FtpSettings, Protocol
from .ftp_client import FtpClient
from .remote import RemoteClient
from .sftp_client import SftpClient

DEFAULT_TIMEOUT = 30.0


def make_client(
    settings: FtpSettings,
    password: str | None,
    trusted_fingerprint: str | None,
    timeout: float = DEFAULT_TIMEOUT,
) -> RemoteClient:
    """A client for ``settings.protocol``, not yet connected (the Test runs the steps)."""
    if settings.protocol is Protocol.SFTP:
        return SftpClient(settings, password, trusted_fingerprint, timeout)
    return FtpClient(settings, password, trusted_fingerprint, timeout)


def open_client(
    settings: FtpSettings,
    password: str | None,
    trusted_fingerprint: str | None,
    timeout: float = DEFAULT_TIMEOUT,
) -> RemoteClient:
    """A connected, verified and logged-in client; close it (or use ``with``) when done."""
    client = make_client(settings, password, trusted_fingerprint, timeout)
    try:
        return client.open()
    except BaseException:
        client.close()
        raise
