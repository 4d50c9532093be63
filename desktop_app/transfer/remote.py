"""What every remote file client (FTP, FTPS, SFTP) offers the jobs.

Paths given to a client are relative to the login directory ("" is the login directory
itself, which is what users mean by "the root"), or absolute when they start with "/".
A client never relies on the server's current directory between calls, so the Test and a
run may call the methods in any order.
"""

from __future__ import annotations

import io
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from .errors import TransferError, TransferTimedOut
from .file_errors import DownloadTimedOut, LocalWriteFailed
from .limits import BoundedSink, Deadline, DownloadLimits
from .local_files import open_local_file

PROBE_PREFIX = ".ftpimport-probe-"  # ends in .tmp, so a run skips a leftover probe
PROBE_CONTENT = b"Verbindungstest des Buchhaltungsimports; wird sofort wieder geloescht.\r\n"


def probe_name() -> str:
    return f"{PROBE_PREFIX}{uuid.uuid4().hex}.tmp"


@dataclass(frozen=True)
class RemoteEntry:
    name: str  # the bare name as the server lists it
    size: int | None  # None when the server did not say
    mtime: datetime | None  # timezone-aware when known
    is_dir: bool
    path: str = ""  # directory as passed to list() joined with name

    @property
    def remote_path(self) -> str:
        return self.path or self.name


def join_remote(directory: str, name: str) -> str:
    """``posixpath.join`` for one name (an absolute name stays absolute), without its cost."""
    if not directory or name.startswith("/"):
        return name
    return directory + name if directory.endswith("/") else f"{directory}/{name}"


class RemoteClient(ABC):
    """One session with one server. Not thread-safe, except :meth:`abort`."""

    host: str

    def __enter__(self) -> RemoteClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @abstractmethod
    def connect(self) -> None:
        """Open the connection and read the server's greeting."""

    @abstractmethod
    def secure(self) -> str | None:
        """Encrypt and check the server's identity; returns the accepted fingerprint.

        FTPS: TLS certificate; SFTP: host key; plain FTP: nothing, returns None.
        """

    @abstractmethod
    def login(self) -> None: ...

    @abstractmethod
    def cwd(self, directory: str) -> None:
        """Check that ``directory`` exists and can be entered."""

    @abstractmethod
    def list(self, directory: str) -> list[RemoteEntry]: ...

    @property
    @abstractmethod
    def connected(self) -> bool:
        """Whether the session can take the next command (False after close, or after a
        transfer was broken off, which leaves the server's answer to it unread)."""

    @abstractmethod
    def retrieve(self, remote_path: str, out: BinaryIO, deadline: Deadline | None = None) -> None:
        """Write the remote file's bytes to ``out``; TransferTimedOut past ``deadline``.

        An exception from ``out.write`` breaks the transfer off at once.
        """

    @abstractmethod
    def upload_probe(self, directory: str) -> str:
        """Write a small uniquely named file into ``directory``; returns its remote path."""

    @abstractmethod
    def delete(self, remote_path: str) -> None: ...

    @abstractmethod
    def close(self) -> None:
        """Say goodbye if possible and release the connection; never raises."""

    @abstractmethod
    def abort(self) -> None:
        """Break off from another thread: any blocked call fails promptly."""

    def take_names_from(self, previous: RemoteClient) -> None:  # noqa: B027 - optional
        """A session opened again after ``previous`` dropped: the names ``previous``
        listed must reach the server as it listed them. SFTP names are text on both
        sides, so only FTP, which may have met latin-1 names, has anything to carry."""

    def open(self) -> RemoteClient:
        """connect, secure, login: the client is ready for files."""
        self.connect()
        self.secure()
        self.login()
        return self

    def download(
        self,
        remote_path: str,
        local_dir: Path,
        *,
        expected: int | None = None,
        limits: DownloadLimits | None = None,
    ) -> Path:
        """Fetch one file into ``local_dir``; the local name is always inside it.

        Never more than ``expected`` bytes (or the limit) reach the disk, and the
        download ends at its deadline; a file broken off is removed.
        """
        limits = limits or DownloadLimits()
        target, handle = open_local_file(local_dir, remote_path)
        sink = BoundedSink(handle, remote_path, expected, limits.max_bytes)
        deadline = Deadline.after(limits.file_seconds(expected))
        try:
            with handle:
                self.retrieve(remote_path, sink, deadline)  # type: ignore[arg-type]
        except TransferTimedOut as exc:
            target.unlink(missing_ok=True)
            raise DownloadTimedOut(remote_path, deadline.seconds, sink.received, expected) from exc
        except TransferError:
            target.unlink(missing_ok=True)
            raise
        except OSError as exc:
            # the local side failed (disk full, quota): the remote errors are typed above
            target.unlink(missing_ok=True)
            raise LocalWriteFailed(str(target), exc.strerror or type(exc).__name__) from exc
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return target

    def read_back(self, remote_path: str, expected: int, seconds: float) -> bytes:
        """A small file's bytes in memory, at most ``expected`` of them (the Test's probe)."""
        buffer = io.BytesIO()
        sink = BoundedSink(buffer, remote_path, expected, expected)
        self.retrieve(remote_path, sink, Deadline.after(seconds))  # type: ignore[arg-type]
        return buffer.getvalue()
