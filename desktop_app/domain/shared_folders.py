"""Two interfaces that would fetch the same files: the same server and folder (a date
directory the other searches counts) and Dateinamen that match the same names. Both runs
then take the files; the content check books each once, but the second run finds files
gone or booked. The form warns; it does not refuse, since two Mandanten may read one
folder with different Dateinamen."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from .interface import FtpSettings, InterfaceSettings
from .remote_names import filters_overlap, is_date_path
from .validation import FTP_DIRECTORY, Problem


def _folder(directory: str) -> str:
    """The folder without blanks and slashes at its ends ("" and "/": the root)."""
    path = posixpath.normpath("/" + directory.strip()).strip("/")
    return "" if path == "." else path


def _below(outer: FtpSettings, inner: FtpSettings) -> bool:
    """Whether a run of ``outer`` searches ``inner``'s folder among its date directories."""
    top, folder = _folder(outer.directory), _folder(inner.directory)
    if not outer.date_subdirectories:
        return False
    if top:
        if not folder.startswith(top + "/"):
            return False
        folder = folder[len(top) + 1 :]
    return bool(folder) and is_date_path(folder)


def same_folder(first: FtpSettings, second: FtpSettings) -> bool:
    """Whether runs of both read files from one folder of one server."""
    if first.host.strip().casefold() != second.host.strip().casefold():
        return False
    if first.effective_port != second.effective_port:
        return False
    return (
        _folder(first.directory) == _folder(second.directory)
        or _below(first, second)
        or _below(second, first)
    )


def sharing_interfaces(
    settings: InterfaceSettings, others: Iterable[InterfaceSettings]
) -> list[str]:
    """The names of ``others`` that fetch files ``settings`` would fetch too."""
    if not settings.ftp.host.strip():
        return []
    return [
        other.name
        for other in others
        if same_folder(settings.ftp, other.ftp)
        and filters_overlap(settings.filename_filter, other.filename_filter)
    ]


def shared_folder_warning(
    settings: InterfaceSettings, others: Iterable[InterfaceSettings]
) -> Problem | None:
    """A warning for the Verzeichnis field, or None: not a rule that refuses a save."""
    names = sharing_interfaces(settings, others)
    if not names:
        return None
    quoted_de = ", ".join(f"„{name}“" for name in names)
    quoted_en = ", ".join(f"“{name}”" for name in names)
    if len(names) == 1:
        return Problem(
            FTP_DIRECTORY,
            f"Die Schnittstelle {quoted_de} holt schon Dateien dieses Namens aus diesem "
            "Ordner; beide Läufe würden dieselben Dateien holen.",
            f"The interface {quoted_en} already fetches files of this name from this "
            "folder; both runs would fetch the same files.",
        )
    return Problem(
        FTP_DIRECTORY,
        f"Die Schnittstellen {quoted_de} holen schon Dateien dieses Namens aus diesem "
        "Ordner; alle diese Läufe würden dieselben Dateien holen.",
        f"The interfaces {quoted_en} already fetch files of this name from this folder; "
        "all these runs would fetch the same files.",
    )
