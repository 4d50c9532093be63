"""A local file the program cannot read at all (missing, no permission, a folder), said
for people in both languages: the import window, the command line and the configuration
import word it alike."""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from ..domain.said_error import SaidError


class LocalFileError(SaidError):
    """A local file that cannot be read at all (missing, no permission)."""


def unreadable_file(path: Path, exc: OSError) -> LocalFileError:
    """Why ``path`` cannot be read, and what to do, in both languages."""
    if exc.errno == errno.ENOENT:
        why_de, why_en = "gibt es nicht (mehr)", "does not exist (any more)"
        log = "does not exist"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        why_de = "darf nicht gelesen werden (keine Berechtigung)"
        why_en, log = "may not be read (no permission)", "is not readable"
    elif exc.errno == errno.EISDIR:
        why_de, why_en, log = (
            "ist ein Ordner, keine Datei",
            "is a folder, not a file",
            "is a directory",
        )
    else:
        why_de, why_en = "kann nicht gelesen werden", f"cannot be read (error {exc.errno})"
        log = f"cannot be read ({exc.errno})"
    return LocalFileError(
        f"Die Datei „{path.name}“ {why_de}.",
        f"The file “{path.name}” {why_en}.",
        f"the file '{path.name}' {log}",
    )


def open_regular_file(path: Path) -> BinaryIO:
    """``path`` opened for reading, when it is an ordinary file. A pipe, device or socket
    raises ``LocalFileError``: reading one waits for a writer or never ends (a named pipe,
    /dev/zero). Other failures raise ``OSError`` as ``open`` does."""
    # Not blocking in open itself: opening a named pipe waits until someone writes to it.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise LocalFileError(
                f"„{path.name}“ ist keine gewöhnliche Datei (sondern z. B. eine Pipe oder ein "
                "Gerät). Bitte eine gespeicherte Datei wählen.",
                f"“{path.name}” is not an ordinary file (but e.g. a pipe or a device). "
                "Please choose a saved file.",
                f"'{path.name}' is not a regular file",
            )
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def unwritable_file(path: Path, exc: OSError | None) -> tuple[str, str]:
    """Why ``path`` cannot be written, German and English; ``None``: the path names no
    file at all (empty, or a folder such as ``.``)."""
    number = exc.errno if exc is not None else None
    if exc is None or number == errno.EISDIR:
        return "das ist ein Ordner, keine Datei", "that is a folder, not a file"
    if number == errno.ENOENT:
        return "den Ordner gibt es nicht", "the folder does not exist"
    if number == errno.ENOTDIR:
        return (
            "ein Teil des Pfads ist eine Datei, kein Ordner",
            "a part of the path is a file, not a folder",
        )
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "keine Schreibberechtigung", "no permission to write"
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "der Datenträger ist voll", "the disk is full"
    return f"Fehler {number}", f"error {number}"


def modified_on(mtime: float) -> date:
    """The day a local file was last written, in this computer's time zone: the day an
    Offene-Posten list was written, as ``listing.written_on`` takes it from a server's
    time stamp. An invoice dated on or after it may be missing from the list only because
    the list is older than the invoice."""
    return datetime.fromtimestamp(mtime, UTC).astimezone().date()
