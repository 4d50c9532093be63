"""Which remote files a run fetches (Dateiname, Datums-Unterverzeichnisse).

The pure rules (names, date directories, stability) are separate functions so they can
be tested without a server; :func:`find_files` applies them with a client.
"""

from __future__ import annotations

import enum
import posixpath
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from ..domain.formats.options import FileDateSource
from ..domain.interface import FtpSettings
from ..domain.remote_names import date_of_directory, matches_filter
from .remote import RemoteClient, RemoteEntry

TEMPORARY_SUFFIXES = (".part", ".tmp", ".filepart")
# Long enough that an uploader writing at modem speed still changes the size in between.
DEFAULT_SETTLE_SECONDS = 2.0

_EPOCH = datetime.min.replace(tzinfo=UTC)
_NO_DAY = date.min


class SkipReason(enum.StrEnum):
    TEMPORARY_NAME = "temporary-name"
    HIDDEN_NAME = "hidden-name"
    SIZE_CHANGING = "size-changing"
    SIZE_UNKNOWN = "size-unknown"
    VANISHED = "vanished"
    # Listed and checked, but gone when the run came to download it: another run (an
    # interface reading the same folder) or a person took it meanwhile.
    GONE_BEFORE_DOWNLOAD = "gone-before-download"

    @property
    def label_de(self) -> str:
        return {
            SkipReason.TEMPORARY_NAME: "temporärer Name, wird noch hochgeladen",
            SkipReason.HIDDEN_NAME: (
                "versteckter Name (beginnt mit einem Punkt): keine Zahlungsdatei oder eine, "
                "die noch hochgeladen wird"
            ),
            SkipReason.SIZE_CHANGING: "Größe ändert sich, wird noch geschrieben",
            SkipReason.SIZE_UNKNOWN: (
                "Größe unbekannt: der Server nennt sie nicht (etwa eine Verknüpfung, deren "
                "Ziel fehlt), ohne sie wird die Datei nicht geladen"
            ),
            SkipReason.VANISHED: "während der Prüfung vom Server verschwunden",
            SkipReason.GONE_BEFORE_DOWNLOAD: (
                "vor dem Herunterladen verschwunden (wohl von einem anderen Lauf geholt); "
                "nichts davon gebucht"
            ),
        }[self]

    @property
    def label_en(self) -> str:
        return {
            SkipReason.TEMPORARY_NAME: "temporary name, still being uploaded",
            SkipReason.HIDDEN_NAME: (
                "hidden name (starts with a dot): not a payment file, or one still being uploaded"
            ),
            SkipReason.SIZE_CHANGING: "size is changing, still being written",
            SkipReason.SIZE_UNKNOWN: (
                "size unknown: the server does not tell it (a symbolic link to nothing, "
                "for one), and without it the file is not fetched"
            ),
            SkipReason.VANISHED: "vanished from the server while being checked",
            SkipReason.GONE_BEFORE_DOWNLOAD: (
                "gone before its download (probably fetched by another run); nothing of it booked"
            ),
        }[self]


@dataclass(frozen=True)
class SkippedFile:
    entry: RemoteEntry
    reason: SkipReason


@dataclass(frozen=True)
class Listing:
    files: tuple[RemoteEntry, ...]  # in the order to import them
    skipped: tuple[SkippedFile, ...]
    directories: tuple[str, ...]  # every directory searched, in order
    folder_days: Mapping[str, date] = field(default_factory=dict)  # date directory: its day
    zone: tzinfo | None = None  # the calendar the days are of (None: this computer's)

    def day_of(self, entry: RemoteEntry) -> date | None:
        """The day ``entry`` is of (``file_day``)."""
        return file_day(entry, self.folder_days, self.zone)

    def day_source(self, entry: RemoteEntry) -> FileDateSource | None:
        """Where ``day_of`` took that day from."""
        return dated_by(entry, self.folder_days, self.zone)[1]


def written_on(mtime: datetime | None, zone: tzinfo | None) -> date | None:
    """The day the server's time stamp falls on in ``zone`` (None: this computer's), as
    the dates in the files and the ledger are days of the branch's calendar: a list
    written at 00:30 in Berlin is 23:30 UTC of the day before, and must not read as a
    day older than the list imported the evening before."""
    return mtime.astimezone(zone).date() if mtime else None


def file_day(
    entry: RemoteEntry, folder_days: Mapping[str, date], zone: tzinfo | None
) -> date | None:
    """The day a file is of: the day of its time stamp (``written_on``), but never after
    the day of the date directory it lies in. A list of the 10th copied there on the 12th
    has the copy's time stamp; taken as of the 12th, the invoices of the 10th and 11th it
    could not know would read as paid. Without a time stamp the directory's day is all
    there is. A file of the directory itself: its time stamp's day."""
    return dated_by(entry, folder_days, zone)[0]


def dated_by(
    entry: RemoteEntry, folder_days: Mapping[str, date], zone: tzinfo | None
) -> tuple[date | None, FileDateSource | None]:
    """``file_day`` and where it came from: the date folder only when its day is the
    earlier one or the only one (a time stamp on the folder's day is the file's own)."""
    written = written_on(entry.mtime, zone)
    folder_day = folder_days.get(_as_dir(posixpath.dirname(entry.remote_path)))
    if folder_day is not None and (written is None or folder_day < written):
        return folder_day, FileDateSource.FOLDER
    return written, FileDateSource.TIMESTAMP if written is not None else None


def is_temporary_name(name: str) -> bool:
    return name.lower().endswith(TEMPORARY_SUFFIXES)


def is_hidden_name(name: str) -> bool:
    """A dot file: a server's own (cPanel's ``.ftpquota``) or an upload in progress under
    a hidden name (ProFTPD's HiddenStores ``.in.NAME.``, Pure-FTPd's
    ``.pureftpd-upload.*``), which MLSD and SFTP list like any file. Neither is a whole
    payment file, and the upload's name contains the Dateiname. A name with a separator
    ("../x.csv") is no dot file but a hostile name, which the run refuses as such."""
    return name.startswith(".") and not any(separator in name for separator in "/\\")


def select_candidates(
    entries: Iterable[RemoteEntry], name_filter: str
) -> tuple[list[RemoteEntry], list[SkippedFile]]:
    """Files matching the filter, and the matching ones skipped for a hidden or temporary
    name."""
    files: list[RemoteEntry] = []
    skipped: list[SkippedFile] = []
    for entry in entries:
        if entry.is_dir or not matches_filter(entry.name, name_filter):
            continue
        if is_hidden_name(entry.name):
            skipped.append(SkippedFile(entry, SkipReason.HIDDEN_NAME))
        elif is_temporary_name(entry.name):
            skipped.append(SkippedFile(entry, SkipReason.TEMPORARY_NAME))
        else:
            files.append(entry)
    return files, skipped


def stable_files(
    first: Iterable[RemoteEntry], second: Iterable[RemoteEntry]
) -> tuple[list[RemoteEntry], list[SkippedFile]]:
    """Files of ``first`` whose size is the same in ``second``; the others with a reason."""
    later = {entry.remote_path: entry for entry in second}
    stable: list[RemoteEntry] = []
    skipped: list[SkippedFile] = []
    for entry in first:
        again = later.get(entry.remote_path)
        if again is None:
            skipped.append(SkippedFile(entry, SkipReason.VANISHED))
        elif entry.size is None or again.size is None:
            # the stability cannot be proven, and the download check fails; saying it is
            # still being written would have the user wait for it forever
            skipped.append(SkippedFile(entry, SkipReason.SIZE_UNKNOWN))
        elif again.size != entry.size:
            skipped.append(SkippedFile(entry, SkipReason.SIZE_CHANGING))
        else:
            stable.append(entry)
    return stable, skipped


def search_directories(
    client: RemoteClient,
    directory: str,
    date_subdirectories: bool,
    today: date,
    oldest: date | None = None,
) -> list[str]:
    """``directory`` first, then its date directories up to ``today``, oldest first (the
    order they are listed in; their files are imported in ``import_order``)."""
    found = date_directories(client, directory, date_subdirectories, today, oldest)
    return [directory] + [path for _day, path in found]


def date_directories(
    client: RemoteClient,
    directory: str,
    date_subdirectories: bool,
    today: date,
    oldest: date | None = None,
) -> list[tuple[date, str]]:
    """The date directories below ``directory`` up to ``today`` with their days, oldest
    first."""
    if not date_subdirectories:
        return []
    dated: list[tuple[date, str]] = []
    for entry in client.list(directory):
        if not entry.is_dir:
            continue
        day = date_of_directory(entry.name)
        if day is not None:
            dated.append((day, _as_dir(entry.remote_path)))
        elif _is_number(entry.name, 4, 1900, today.year):
            dated.extend(_nested_days(client, entry.remote_path, int(entry.name), today))
    in_range = [(d, p) for d, p in dated if d <= today and (oldest is None or d >= oldest)]
    return sorted(in_range)


def _nested_days(
    client: RemoteClient, year_dir: str, year: int, today: date
) -> list[tuple[date, str]]:
    """``YYYY/MM/DD`` below one year directory."""
    found: list[tuple[date, str]] = []
    for month_entry in client.list(year_dir):
        if not (month_entry.is_dir and _is_number(month_entry.name, 2, 1, 12)):
            continue
        if (year, int(month_entry.name)) > (today.year, today.month):
            continue  # a future month: do not even list it
        for day_entry in client.list(month_entry.remote_path):
            if day_entry.is_dir and _is_number(day_entry.name, 2, 1, 31):
                try:
                    day = date(year, int(month_entry.name), int(day_entry.name))
                except ValueError:
                    continue  # "31" in a 30-day month is not a date directory
                found.append((day, _as_dir(day_entry.remote_path)))
    return found


def _is_number(text: str, width: int, low: int, high: int) -> bool:
    return len(text) == width and text.isdigit() and low <= int(text) <= high


def _as_dir(path: str) -> str:
    return path if path.endswith("/") else path + "/"


def find_files(
    client: RemoteClient,
    settings: FtpSettings,
    name_filter: str,
    today: date,
    *,
    settle_seconds: float = DEFAULT_SETTLE_SECONDS,
    sleep: Callable[[float], object] = time.sleep,
    oldest: date | None = None,
    zone: tzinfo | None = None,
) -> Listing:
    """List twice, ``settle_seconds`` apart, and keep the files that did not change, in
    the order to import them (``import_order``); the days of files are days in ``zone``
    (None: this computer's)."""
    dated = date_directories(
        client, settings.directory, settings.date_subdirectories, today, oldest
    )
    folder_days = {path: day for day, path in dated}
    directories = [settings.directory] + [path for _day, path in dated]
    candidates: dict[str, list[RemoteEntry]] = {}
    skipped: list[SkippedFile] = []
    for directory in directories:
        files, temporary = select_candidates(client.list(directory), name_filter)
        candidates[directory] = files
        skipped.extend(temporary)
    chosen: list[RemoteEntry] = []
    if any(candidates.values()):
        sleep(settle_seconds)
        for directory, files in candidates.items():
            if not files:
                continue
            second = [e for e in client.list(directory) if not e.is_dir]
            stable, changing = stable_files(files, second)
            chosen.extend(stable)
            skipped.extend(changing)
    ordered = import_order(chosen, folder_days, zone)
    return Listing(ordered, tuple(skipped), tuple(directories), folder_days, zone)


def import_order(
    files: Iterable[RemoteEntry],
    folder_days: Mapping[str, date] | None = None,
    zone: tzinfo | None = None,
) -> tuple[RemoteEntry, ...]:
    """``files`` (in the order of the directories searched) oldest first by the day they
    are of (``file_day``), then by the server's time stamp, then by name, whichever
    directory a file lies in. An Offene-Posten list is dated by that day, and one older
    than the last imported is refused: a list of the 1st in a date directory booked after
    the 13th's in the directory itself was refused on every run, and so was a list of
    the 10th copied late into its date directory, booked after the 11th's by the time
    stamp of the copy. Payments, too, are booked in the order they were written.

    A file without a time stamp (a server without MLSD, MDTM and a readable LIST) is of
    its date directory's day like any other, and comes first among that day's files, in
    the order of their directories: nothing tells when in the day it was written."""
    listed = list(files)
    rank: dict[str, int] = {}
    for entry in listed:
        rank.setdefault(posixpath.dirname(entry.remote_path), len(rank))

    days = folder_days or {}

    def key(entry: RemoteEntry) -> tuple[date, datetime, int, str]:
        # A file of no day at all (in the directory itself, without a time stamp) comes
        # first, as it always did: the directory is searched first, and nothing says
        # which dated file it is older or newer than.
        day = file_day(entry, days, zone) or _NO_DAY
        if entry.mtime is None:
            return day, _EPOCH, rank[posixpath.dirname(entry.remote_path)], entry.name
        return day, entry.mtime, 0, entry.name

    return tuple(sorted(listed, key=key))
