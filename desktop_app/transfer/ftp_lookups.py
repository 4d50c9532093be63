"""Asking an FTP server about one name at a time: SIZE, MDTM, whether it can be entered.

What a listing does not say is asked this way: the size of a symbolic link's target, and
everything about the names of an NLST listing (a server whose LIST output cannot be
parsed). Each function works on a name in the session's current directory.
"""

from __future__ import annotations

import ftplib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime

from .ftp_listing import parse_mlsd_time
from .ftp_names import WireNames
from .remote import RemoteEntry, join_remote


def with_link_sizes(ftp: ftplib.FTP, entries: Iterable[RemoteEntry]) -> Iterator[RemoteEntry]:
    """LIST shows a symbolic link with its own size, which says nothing of the file it
    points to, so ftp_listing gives it none; SIZE asks the server, which follows the
    link. Without a size the run could not tell the file is complete, and skipped it
    on every run."""
    binary = False
    for entry in entries:
        if entry.size is None and not entry.is_dir:
            if not binary:
                ftp.voidcmd("TYPE I")  # SIZE is often refused in ASCII mode
                binary = True
            entry = replace(entry, size=size_or_none(ftp, entry.name))
        yield entry


def size_or_none(ftp: ftplib.FTP, wire_name: str) -> int | None:
    """SIZE of a name in the current directory; None when the server will not tell
    (a link to nothing or to a directory, or no SIZE command)."""
    try:
        return ftp.size(wire_name)
    except ftplib.error_perm:
        return None


def entries_of_names(
    ftp: ftplib.FTP, directory: str, wire_names: Iterable[str], names: WireNames
) -> list[RemoteEntry]:
    """The entries of an NLST listing of ``directory`` (the current one), each sized,
    dated and told from a folder by asking the server."""
    ftp.voidcmd("TYPE I")  # NLST switched to ASCII, where SIZE is often refused
    entries = []
    for wire_name in wire_names:
        wire_name = wire_name.rsplit("/", 1)[-1]
        if wire_name in (".", "..", ""):
            continue
        try:
            size: int | None = ftp.size(wire_name)
            is_dir = False
        except ftplib.error_perm:
            # SIZE is refused for directories, but also for a file the server will not
            # size: taken for a folder, such a file was dropped unseen, or descended
            # into when named like a date folder. A file stays one, of unknown size,
            # which the listing skips with that reason.
            size, is_dir = None, is_folder(ftp, wire_name, directory, names)
        mtime = None if is_dir else modified_or_none(ftp, wire_name)
        name = names.from_wire(wire_name)
        entries.append(RemoteEntry(name, size, mtime, is_dir, join_remote(directory, name)))
    return entries


def modified_or_none(ftp: ftplib.FTP, wire_name: str) -> datetime | None:
    """MDTM (RFC 3659: YYYYMMDDHHMMSS in UTC) of a name in the current directory; None
    when the server will not tell. NLST gives names only, and without a time stamp
    an open-items list could neither be told from an older one nor protect the
    invoices written after it."""
    try:
        reply = ftp.sendcmd("MDTM " + wire_name)
    except ftplib.error_perm:
        return None
    code, _, value = reply.partition(" ")
    return parse_mlsd_time(value.strip()) if code == "213" else None


def is_folder(ftp: ftplib.FTP, wire_name: str, directory: str, names: WireNames) -> bool:
    """Whether a name in ``directory`` (the current one) can be entered. One that can
    be neither sized nor entered is taken for a file (of unknown size, which the
    listing reports as skipped), never for a folder, which would drop it unseen: a
    server's refusal cannot tell a file from a folder it denies, and it may repeat
    the name ("550 access_2025.csv: Not a directory"). Returns with ``directory``
    current again."""
    try:
        ftp.cwd(wire_name)
    except ftplib.error_perm:
        return False
    ftp.cwd(names.to_wire(directory))
    return True
