"""SFTP through paramiko, with host-key pinning.

SSH has no certificate authorities for host keys, so the trust rule is pinning only: the
key's SHA-256 fingerprint must equal the one the user trusted for this interface (none
trusted: unknown; another trusted: changed). Known-hosts files are not consulted on
purpose: a background service must not depend on which user's ~/.ssh it runs with.
"""

from __future__ import annotations

import io
import posixpath
import socket
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import BinaryIO

import paramiko
from paramiko.ssh_exception import IncompatiblePeer

from ..domain.interface import FtpSettings, Protocol
from . import network
from .errors import ConnectionLost, ReadTimeout, TransferError, TransferTimedOut
from .file_errors import DirectoryMissing, NoWriteRight, PermissionDenied, RemoteFileVanished
from .limits import Deadline
from .local_files import local_sink
from .login_errors import HostKeyChanged, HostKeyUnknown, LoginFailed, SshFailed, SshOutdated
from .remote import PROBE_CONTENT, RemoteClient, RemoteEntry, join_remote, probe_name
from .server_replies import reply_text
from .trust import is_trusted, sha256_fingerprint

BLOCK_SIZE = 32 * 1024  # paramiko's own request size (SFTPFile.MAX_REQUEST_SIZE)


class SftpClient(RemoteClient):
    def __init__(
        self,
        settings: FtpSettings,
        password: str | None,
        trusted_fingerprint: str | None,
        timeout: float,
    ) -> None:
        if settings.protocol is not Protocol.SFTP:
            raise ValueError("SftpClient speaks SFTP only")
        self.settings = settings
        self.host = settings.host
        self.port = settings.effective_port
        self._password = password
        self._trusted = trusted_fingerprint
        self._timeout = timeout
        self._sock: socket.socket | None = None
        self._transport: paramiko.Transport | None = None
        self._sftp: paramiko.SFTPClient | None = None
        self._verified = False
        self._home = "/"
        self.key_type = ""

    def __repr__(self) -> str:  # no password here: repr ends up in logs and tracebacks
        return f"SftpClient(sftp://{self.settings.user}@{self.host}:{self.port})"

    # --- connection ------------------------------------------------------------------

    def connect(self) -> None:
        """TCP and the SSH key exchange; the host key is checked by :meth:`secure`."""
        self.close()
        self._sock = network.connect(self.host, self.port, self._timeout)
        try:
            network.check_greeting(self._sock, self.host, self.port, ssh=True)
        except TransferError:
            self.close()
            raise
        transport = paramiko.Transport(self._sock)
        transport.banner_timeout = self._timeout
        transport.handshake_timeout = self._timeout
        self._transport = transport
        try:
            transport.start_client(timeout=self._timeout)
        except IncompatiblePeer as exc:
            self.close()
            raise SshOutdated(self.host, str(exc)) from exc
        except paramiko.SSHException as exc:
            self.close()
            if "banner" in str(exc).lower() or isinstance(exc.__cause__, TimeoutError):
                raise ReadTimeout(self.host, self._timeout) from exc
            raise SshFailed(self.host, str(exc)) from exc
        except (OSError, EOFError) as exc:
            self.close()
            raise ConnectionLost(self.host) from exc
        if transport.host_key is None:  # start_client returns quietly when its timeout ends
            self.close()
            raise ReadTimeout(self.host, self._timeout)

    def secure(self) -> str:
        transport = self._live_transport()
        key = transport.get_remote_server_key()
        self.key_type = key.get_name()
        seen = sha256_fingerprint(key.asbytes())
        if is_trusted(seen, self._trusted):
            self._verified = True
            return seen
        self.close()
        if not self._trusted:
            raise HostKeyUnknown(self.host, seen, self.key_type)
        raise HostKeyChanged(self.host, self._trusted, seen)

    def login(self) -> None:
        if not self._verified:
            self.secure()  # never send the password to a host whose key is not pinned
        transport = self._live_transport()
        with self._errors():
            try:
                transport.auth_password(self.settings.user, self._password or "")
            except paramiko.AuthenticationException as exc:
                raise LoginFailed(
                    self.host, self.settings.user, no_password=not self._password
                ) from exc
            sftp = paramiko.SFTPClient.from_transport(transport)
            if sftp is None:
                raise SshFailed(self.host, "SFTP subsystem refused")
            _channel(sftp).settimeout(self._timeout)
            self._sftp = sftp
            self._home = sftp.normalize(".") or "/"

    def _live_transport(self) -> paramiko.Transport:
        if self._transport is None or not self._transport.is_active():
            raise ConnectionLost(self.host)
        return self._transport

    @property
    def connected(self) -> bool:
        transport = self._transport
        return self._sftp is not None and transport is not None and transport.is_active()

    @property
    def _session(self) -> paramiko.SFTPClient:
        if self._sftp is None:
            raise ConnectionLost(self.host)
        return self._sftp

    def close(self) -> None:
        sftp, transport, sock = self._sftp, self._transport, self._sock
        self._sftp, self._transport, self._sock = None, None, None
        self._verified = False
        if sftp is not None:
            sftp.close()
        if transport is not None:
            transport.close()
        if sock is not None:
            sock.close()

    def abort(self) -> None:
        network.shutdown_quietly(self._sock)

    # --- files -----------------------------------------------------------------------

    def cwd(self, directory: str) -> None:
        with self._errors():
            try:
                attributes = self._session.stat(self._abs(directory))
            except FileNotFoundError as exc:
                raise DirectoryMissing(directory) from exc
            except PermissionError as exc:
                raise PermissionDenied(directory or "/") from exc
            if not stat.S_ISDIR(attributes.st_mode or 0):
                raise DirectoryMissing(directory)

    def list(self, directory: str) -> list[RemoteEntry]:
        with self._errors():
            try:
                attributes = self._session.listdir_attr(self._abs(directory))
            except FileNotFoundError as exc:
                raise DirectoryMissing(directory) from exc
            except PermissionError as exc:
                raise PermissionDenied(directory or "/") from exc
        entries = []
        for item in attributes:
            if item.filename in (".", ".."):
                continue
            if stat.S_ISLNK(item.st_mode or 0):
                item = self._link_target(directory, item)
            mode = item.st_mode or 0
            mtime = datetime.fromtimestamp(item.st_mtime, UTC) if item.st_mtime else None
            entries.append(
                RemoteEntry(
                    name=item.filename,
                    size=item.st_size if stat.S_ISREG(mode) else None,
                    mtime=mtime,
                    is_dir=stat.S_ISDIR(mode),
                    path=join_remote(directory, item.filename),
                )
            )
        return entries

    def _link_target(
        self, directory: str, link: paramiko.SFTPAttributes
    ) -> paramiko.SFTPAttributes:
        """What a symbolic link points to (its size and kind), under the link's name; the
        link itself as listed when its target is gone or not readable (no size then)."""
        with self._errors():
            try:
                target = self._session.stat(self._abs(join_remote(directory, link.filename)))
            except (FileNotFoundError, PermissionError):
                return link
        target.filename = link.filename
        return target

    def retrieve(self, remote_path: str, out: BinaryIO, deadline: Deadline | None = None) -> None:
        write = local_sink(out)
        allowed: int | None = getattr(out, "allowed", None)
        with self._errors():
            path = self._abs(remote_path)
            try:
                size = self._session.stat(path).st_size or 0  # as getfo: fstat is optional
                handle = self._session.open(path, "rb")
            except FileNotFoundError as exc:
                raise RemoteFileVanished(remote_path) from exc
            except PermissionError as exc:
                raise PermissionDenied(remote_path) from exc
            try:
                self._read_all(handle, size, write, allowed, deadline)
            except BaseException:
                # Prefetch replies still on their way would answer later requests: drop.
                self.close()
                raise
            handle.close()

    def _read_all(
        self,
        handle: paramiko.SFTPFile,
        size: int,
        write: Callable[[bytes], object],
        allowed: int | None,
        deadline: Deadline | None,
    ) -> None:
        """``SFTPClient.getfo`` asking for at most one byte more than may come, and
        ending at ``deadline`` however slowly the replies keep coming."""
        handle.prefetch(size if allowed is None else min(size, allowed + 1))
        channel = _channel(self._session)
        try:
            while True:
                if deadline is not None:
                    left = deadline.left()
                    if left <= 0:
                        raise TransferTimedOut(self.host, deadline.seconds)
                    channel.settimeout(min(self._timeout, left))
                try:
                    chunk = handle.read(BLOCK_SIZE)
                except TimeoutError:
                    if deadline is not None and deadline.left() <= 0:
                        raise TransferTimedOut(self.host, deadline.seconds) from None
                    raise
                if not chunk:
                    return
                write(chunk)
        finally:
            if channel.active:
                channel.settimeout(self._timeout)

    def upload_probe(self, directory: str) -> str:
        path = join_remote(directory, probe_name())
        with self._errors():
            try:
                self._session.putfo(io.BytesIO(PROBE_CONTENT), self._abs(path))
            except FileNotFoundError as exc:
                raise DirectoryMissing(directory) from exc
            except PermissionError as exc:
                raise NoWriteRight(directory or "/") from exc
        return path

    def delete(self, remote_path: str) -> None:
        with self._errors():
            try:
                self._session.remove(self._abs(remote_path))
            except FileNotFoundError as exc:
                raise RemoteFileVanished(remote_path) from exc
            except PermissionError as exc:
                raise NoWriteRight(remote_path) from exc

    # --- helpers ---------------------------------------------------------------------

    def _abs(self, path: str) -> str:
        return path if path.startswith("/") else posixpath.join(self._home, path)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except TransferError:
            raise
        except TimeoutError as exc:
            raise ReadTimeout(self.host, self._timeout) from exc
        except paramiko.SSHException as exc:
            raise SshFailed(self.host, reply_text(exc, self._password)) from exc
        except (OSError, EOFError) as exc:
            raise ConnectionLost(self.host) from exc


def _channel(sftp: paramiko.SFTPClient) -> paramiko.Channel:
    channel = sftp.get_channel()
    assert channel is not None  # a client made from a transport always has its channel
    return channel
