"""Choosing the client for an interface's protocol."""

from __future__ import annotations

from ..domain.interface import FtpSettings, Protocol
from .limits import DownloadLimits
from .remote import RemoteClient

DEFAULT_TIMEOUT = 30.0


def make_client(
    settings: FtpSettings,
    password: str | None,
    trusted_fingerprint: str | None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    limits: DownloadLimits | None = None,
) -> RemoteClient:
    """A client for ``settings.protocol``, not yet connected (the Test runs the steps).

    ``limits`` bound FTP listings (grace, minimum rate); a download gets its own.
    """
    # Imported here: paramiko (SFTP) costs a noticeable part of the program's start-up.
    if settings.protocol is Protocol.SFTP:
        from .sftp_client import SftpClient

        return SftpClient(settings, password, trusted_fingerprint, timeout)
    from .ftp_client import FtpClient

    return FtpClient(settings, password, trusted_fingerprint, timeout, limits=limits)


def open_client(
    settings: FtpSettings,
    password: str | None,
    trusted_fingerprint: str | None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    limits: DownloadLimits | None = None,
) -> RemoteClient:
    """A connected, verified and logged-in client; close it (or use ``with``) when done."""
    client = make_client(settings, password, trusted_fingerprint, timeout, limits=limits)
    try:
        return client.open()
    except BaseException:
        client.close()
        raise
