"""Downloading into a private temporary directory, safely and with a size check."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

from .file_errors import DownloadIncomplete
from .local_files import MAX_NAME_BYTES, local_sink, open_local_file, safe_local_name

__all__ = [
    "MAX_NAME_BYTES",
    "download_entry",
    "is_plain_name",
    "local_sink",
    "open_local_file",
    "private_download_dir",
    "safe_local_name",
]

if TYPE_CHECKING:
    from .limits import DownloadLimits
    from .remote import RemoteClient, RemoteEntry


def _remove_leftovers(prefix: str) -> None:
    """Directories of earlier runs that were killed before they could clean up: payment
    data must not pile up in the temp folder. Only ours (same user) of dead processes."""
    for path in Path(tempfile.gettempdir()).glob(f"{prefix}*-*"):
        pid_text = path.name[len(prefix) :].partition("-")[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or not path.is_dir():
            continue
        if not _owned_by_this_user(path) or psutil.pid_exists(int(pid_text)):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _owned_by_this_user(path: Path) -> bool:
    if sys.platform == "win32":
        return True  # Windows gives every user a temp folder of their own
    try:
        return path.stat().st_uid == os.getuid()
    except OSError:  # gone meanwhile
        return False


@contextmanager
def private_download_dir(prefix: str = "ftpimport-") -> Iterator[Path]:
    """A fresh directory only this user can read (0700), removed with everything in it.

    Its name carries the process id, so a later run can remove what a killed one left.
    """
    _remove_leftovers(prefix)
    path = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))
    try:
        path.chmod(0o700)  # mkdtemp already does this on POSIX; said again for clarity
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def is_plain_name(name: str) -> bool:
    """Whether a listed name is one entry of the listed directory on any server.

    The server is not trusted with remote paths either: a listing may carry names such
    as "../x.csv", "/etc/passwd", "..\\x.csv" (a separator on Windows servers) or control
    characters (NUL, CR/LF), and joined to the directory they name a file elsewhere.
    :func:`download_entry` still fetches such a name safely (a Unix server may really
    have "a\\b.csv"); the run refuses to import it.
    """
    return name not in ("", ".", "..") and not any(
        ch in "/\\" or unicodedata.category(ch) == "Cc" for ch in name
    )


def download_entry(
    client: RemoteClient,
    entry: RemoteEntry,
    local_dir: Path,
    limits: DownloadLimits | None = None,
) -> Path:
    """Download ``entry``, bounded by its listed size, and check that all of it came; a
    file broken off or short is removed."""
    path = client.download(entry.remote_path, local_dir, expected=entry.size, limits=limits)
    received = path.stat().st_size
    if entry.size is not None and received != entry.size:
        path.unlink(missing_ok=True)
        raise DownloadIncomplete(entry.remote_path, entry.size, received)
    return path
