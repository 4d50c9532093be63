"""Local files for downloads: safe names, never overwriting, local write errors as such.

The remote server is not trusted with local paths: whatever name it lists, the file
lands directly inside the download directory under a sanitised name, or not at all.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .file_errors import LocalWriteFailed, UnsafeRemoteName

# Room for " (99)" and a long temp path on Windows (MAX_PATH 260) while keeping most names.
MAX_NAME_BYTES = 150
_WINDOWS_FORBIDDEN = set('<>:"|?*\\/')
_WINDOWS_DEVICES = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}  # fmt: skip


def safe_local_name(remote_path: str) -> str:
    """A file name for ``remote_path`` that is safe on Windows, macOS and Linux.

    Only the last "/"-separated part counts; separators, control characters and
    characters Windows forbids become "_". Raises UnsafeRemoteName when nothing usable
    is left (empty, ".", "..").
    """
    name = remote_path.rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    cleaned = "".join(
        "_" if ch in _WINDOWS_FORBIDDEN or unicodedata.category(ch)[0] == "C" else ch for ch in name
    )
    # Windows silently drops trailing dots and spaces, which could merge two names.
    cleaned = cleaned.strip(" ").rstrip(". ")
    if cleaned in ("", ".", "..") or set(cleaned) <= {".", "_"}:
        raise UnsafeRemoteName(remote_path)
    if cleaned.split(".", 1)[0].upper() in _WINDOWS_DEVICES:
        cleaned = "_" + cleaned
    return _shorten(cleaned)


def _shorten(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 16:
        stem, suffix = name, ""
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8")) - (1 if suffix else 0)
    short = stem.encode("utf-8")[:budget].decode("utf-8", "ignore")
    return f"{short}.{suffix}" if suffix else short


def _numbered(name: str, number: int) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({number})"
    return f"{stem} ({number}).{suffix}"


def open_local_file(local_dir: Path, remote_path: str) -> tuple[Path, BinaryIO]:
    """Create a new file for ``remote_path`` inside ``local_dir``, never overwriting.

    Two date subdirectories may hold the same name, so a taken name gets " (2)" etc.
    """
    base = safe_local_name(remote_path)
    directory = local_dir.resolve()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for number in range(1, 100):
        name = base if number == 1 else _numbered(base, number)
        target = directory / name
        if target.parent != directory:  # unreachable after sanitising; kept as the last guard
            raise UnsafeRemoteName(remote_path)
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise LocalWriteFailed(str(target), exc.strerror or type(exc).__name__) from exc
        return target, os.fdopen(fd, "wb")
    raise LocalWriteFailed(str(directory / base), "too many files with this name")


def local_sink(out: BinaryIO) -> Callable[[bytes | memoryview], None]:
    """``out.write`` whose failures are reported as local, not as a lost connection."""

    def write(chunk: bytes | memoryview) -> None:
        try:
            out.write(chunk)
        except OSError as exc:
            raise LocalWriteFailed(getattr(out, "name", "?"), exc.strerror or str(exc)) from exc

    return write
