"""Two interfaces that would fetch the same files: the same server and folder (a date
directory the other searches counts) and Dateinamen that match the same names. Both runs
then take the files; the content check books each once, but the second run finds files
gone or booked. The form and the command line warn; they do not refuse, since two
Mandanten may read one folder with different Dateinamen.

Another Benutzer on the same server is said more softly: servers often lock each account
into its own home folder (chroot), so "/export" of one account need not be that of the
other; on a server without that it is the same folder. Only the user knows."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

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
    """Whether runs of both read files from a folder of one name on one server (for
    either account: whether it is one folder for two accounts, see ``same_account``)."""
    if first.host.strip().casefold() != second.host.strip().casefold():
        return False
    if first.effective_port != second.effective_port:
        return False
    return (
        _folder(first.directory) == _folder(second.directory)
        or _below(first, second)
        or _below(second, first)
    )


def same_account(first: FtpSettings, second: FtpSettings) -> bool:
    """Whether both log in as one Benutzer, so that their folders surely are one. Exactly
    as typed: most servers tell "Buchhaltung" from "buchhaltung". A Benutzer not typed
    yet (a new interface in the form) is no other account: the field comes after
    Verzeichnis, and the warning should not soften before the user got there."""
    mine, theirs = first.user.strip(), second.user.strip()
    return not mine or not theirs or mine == theirs


@dataclass(frozen=True)
class Sharing:
    """The other interfaces fetching the same files: with this Benutzer, and with
    another one (the same files only if both accounts see the same folder)."""

    same_account: tuple[str, ...] = ()
    other_account: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [*self.same_account, *self.other_account]


def sharing(settings: InterfaceSettings, others: Iterable[InterfaceSettings]) -> Sharing:
    """Which of ``others`` fetch files ``settings`` would fetch too, by account."""
    if not settings.ftp.host.strip():
        return Sharing()
    overlapping = [
        other
        for other in others
        if same_folder(settings.ftp, other.ftp)
        and filters_overlap(settings.filename_filter, other.filename_filter)
    ]
    return Sharing(
        tuple(o.name for o in overlapping if same_account(settings.ftp, o.ftp)),
        tuple(o.name for o in overlapping if not same_account(settings.ftp, o.ftp)),
    )


def sharing_interfaces(
    settings: InterfaceSettings, others: Iterable[InterfaceSettings]
) -> list[str]:
    """The names of ``others`` that fetch files ``settings`` would fetch too (with any
    Benutzer)."""
    return sharing(settings, others).names


def _quoted(names: tuple[str, ...]) -> tuple[str, str]:
    return ", ".join(f"„{n}“" for n in names), ", ".join(f"“{n}”" for n in names)


def _same_account_text(names: tuple[str, ...]) -> tuple[str, str]:
    de, en = _quoted(names)
    if len(names) == 1:
        return (
            f"Die Schnittstelle {de} holt schon Dateien dieses Namens aus diesem Ordner; "
            "beide Läufe würden dieselben Dateien holen.",
            f"The interface {en} already fetches files of this name from this folder; "
            "both runs would fetch the same files.",
        )
    return (
        f"Die Schnittstellen {de} holen schon Dateien dieses Namens aus diesem Ordner; "
        "alle diese Läufe würden dieselben Dateien holen.",
        f"The interfaces {en} already fetch files of this name from this folder; "
        "all these runs would fetch the same files.",
    )


def _other_account_text(names: tuple[str, ...]) -> tuple[str, str]:
    de, en = _quoted(names)
    if len(names) == 1:
        return (
            f"Die Schnittstelle {de} holt mit einem anderen Benutzer Dateien dieses Namens "
            "aus einem gleichnamigen Ordner dieses Servers; falls beide Konten dasselbe "
            "Verzeichnis sehen, würden beide Läufe dieselben Dateien holen.",
            f"The interface {en} fetches files of this name from a folder of this name on "
            "this server with another user; if both accounts see the same folder, both "
            "runs would fetch the same files.",
        )
    return (
        f"Die Schnittstellen {de} holen mit anderen Benutzern Dateien dieses Namens aus "
        "einem gleichnamigen Ordner dieses Servers; falls die Konten dasselbe Verzeichnis "
        "sehen, würden alle diese Läufe dieselben Dateien holen.",
        f"The interfaces {en} fetch files of this name from a folder of this name on this "
        "server with other users; if the accounts see the same folder, all these runs "
        "would fetch the same files.",
    )


def shared_folder_warning(
    settings: InterfaceSettings, others: Iterable[InterfaceSettings]
) -> Problem | None:
    """A warning for the Verzeichnis field, or None: not a rule that refuses a save."""
    found = sharing(settings, others)
    parts = []
    if found.same_account:
        parts.append(_same_account_text(found.same_account))
    if found.other_account:
        parts.append(_other_account_text(found.other_account))
    if not parts:
        return None
    return Problem(FTP_DIRECTORY, " ".join(de for de, _ in parts), " ".join(en for _, en in parts))
