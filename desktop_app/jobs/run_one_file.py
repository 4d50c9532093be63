"""One file of an import run: download, book, and only then delete it from the server.

Each step is written into the run's record as it advances, so that a crash between commit
and delete leaves a trace; a file that failed or was refused stays on the server.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from ..domain.formats import FileTooLargeError
from ..domain.formats.options import FileDateSource
from ..domain.interface import OpenItemGuards
from ..store.db_errors import DatabaseBusy, DatabaseError
from ..store.interfaces import StoredInterface
from ..store.run_records import RefusalReport
from ..transfer import errors as transfer_errors
from ..transfer.download import download_entry, is_plain_name
from ..transfer.file_errors import (
    DownloadIncomplete,
    ListedButNotFound,
    RemoteFileChanged,
    RemoteFileVanished,
    ReplacedWhileBooking,
    UnsafeRemoteName,
)
from ..transfer.listing import SkippedFile, SkipReason
from ..transfer.printable import printable
from ..transfer.remote import RemoteEntry
from .refused_files import note_refusal, report_address
from .run_connection import RunConnection
from .run_errors import gone_at_delete, not_deleted, of_error
from .run_journal import RunJournal
from .run_results import (
    GUARD_REFUSED,
    FileState,
    RunCancelled,
    RunFileResult,
    check_size,
    delete_failure,
    file_result,
)
from .run_steps import RunSteps
from .settle_file import ImportOutcome, SettlementEngine, interface_request

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _FileRow:
    """A file's row in the run's record: its id, when work on it began, its shown name."""

    id: int
    began: float
    name: str


@dataclass(frozen=True)
class _Booked:
    """What a file's booking committed, to compare the server's file with before deleting."""

    sha256: str
    local_dir: Path


class FileSteps(RunSteps):
    """One file's steps, a base class of ``ImportRunner`` (run_import.py): the attributes
    named here are the runner's."""

    records: RunJournal
    engine: SettlementEngine
    today: Callable[[], date]
    time_window: tzinfo | None

    def _one_file(
        self,
        connection: RunConnection,
        stored: StoredInterface,
        guards: OpenItemGuards,
        entry: RemoteEntry,
        local_dir: Path,
        run_id: int,
        dry_run: bool,
        cancel: threading.Event,
        file_day: date | None,
        day_source: FileDateSource | None,
    ) -> RunFileResult | SkippedFile:
        """What became of ``entry``; a file gone from the server before its download is
        skipped like one the listing skipped: nothing of it was booked or deleted."""
        # The name as shown and logged; the server gets the real one.
        row = _FileRow(
            self.records.add_file(run_id, entry), time.monotonic(), printable(entry.remote_path)
        )
        data = self._fetch(connection, entry, local_dir, row, cancel)
        if isinstance(data, RunFileResult | SkippedFile):
            return data
        request = interface_request(
            stored,
            guards,
            data=data,
            file_name=printable(entry.name),  # recorded and shown, never sent
            file_date=file_day,  # the listing's: a date in the file wins
            file_date_source=day_source,
            today=self.today(),
            run_id=run_id,
        )
        name = printable(entry.name)
        self._progress(stored.settings.name, "settle", f"{name} wird gebucht …", subject=name)
        try:
            imported = self._with_retry(
                lambda: self.engine.run(request, dry_run=dry_run), cancel, retry_on=(DatabaseBusy,)
            )
        except DatabaseBusy as exc:
            # Nothing was booked (the transaction rolled back); the file stays for next time.
            return self._kept(row, exc)
        outcome = file_result(row.name, imported)
        if outcome.awaits_decision:
            told = self._refusal_report(stored, outcome)
            note_refusal(outcome, told, self.time_window, imported.file_date)
        if dry_run or imported.outcome in (ImportOutcome.FAILED, ImportOutcome.REFUSED):
            self.records.update_file(
                row.id,
                FileState.KEPT,
                outcome,
                row.began,
                import_file_id=imported.import_file_id,
                error_kind=outcome.error_kind,
            )
            return outcome
        # Committed (or booked before): only now may the file leave the server.
        self.records.update_file(
            row.id, FileState.COMMITTED, outcome, row.began, import_file_id=imported.import_file_id
        )
        booked = _Booked(imported.sha256, local_dir)
        return self._delete_booked(connection, stored, entry, row, outcome, booked, cancel)

    def _fetch(
        self,
        connection: RunConnection,
        entry: RemoteEntry,
        local_dir: Path,
        row: _FileRow,
        cancel: threading.Event,
    ) -> bytes | RunFileResult | SkippedFile:
        """The file's content, or the outcome of a download that failed (the file stays),
        or the file skipped as gone."""
        try:
            if not is_plain_name(entry.name):
                # "../Zahlungen.csv" would be fetched, booked and deleted one directory up.
                raise UnsafeRemoteName(entry.remote_path)
            # Bounded memory: the file is read whole below, so a file the parser would
            # refuse anyway is not even fetched.
            check_size(printable(entry.name), entry.size)
            data = self._download(connection, entry, local_dir, cancel)
        except (transfer_errors.TransferError, FileTooLargeError) as exc:
            if cancel.is_set():
                self.records.update_file(
                    row.id, FileState.KEPT, None, row.began, error_kind="cancelled"
                )
                raise RunCancelled from None
            late = connection.deadline.error()
            if late is not None:  # the watcher broke the download off at the run's deadline
                self._kept(row, late)
                raise late from None
            if isinstance(exc, RemoteFileVanished):
                return self._gone_or_kept(connection, row, entry, exc, cancel)
            return self._kept(row, exc)
        sha256 = hashlib.sha256(data).hexdigest()
        self.records.update_file(row.id, FileState.DOWNLOADED, None, row.began, sha256=sha256)
        return data

    def _gone_or_kept(
        self,
        connection: RunConnection,
        row: _FileRow,
        entry: RemoteEntry,
        vanished: RemoteFileVanished,
        cancel: threading.Event,
    ) -> RunFileResult | SkippedFile:
        """A skipped file fails no run and is mailed to nobody, so "gone" must be sure: the
        server's "no such file" may also be about a name it was sent otherwise than it
        listed it. Only a directory that no longer lists the file proves it gone; one that
        cannot be read proves nothing, and the file is kept as a failure then."""
        directory = posixpath.dirname(entry.remote_path)
        try:
            listed = self._with_retry(
                lambda: connection.usable().list(directory),
                cancel,
                before_retry=connection.reconnect,
                deadline=connection.deadline,
            )
        except RunCancelled:
            self.records.update_file(
                row.id, FileState.KEPT, None, row.began, error_kind="cancelled"
            )
            raise
        except transfer_errors.TransferError as exc:
            log.warning("%s not found, and its directory not read: %s", row.name, exc)
            return self._kept(row, vanished)
        if any(e.name == entry.name and not e.is_dir for e in listed):
            return self._kept(row, ListedButNotFound(entry.remote_path))
        return self._gone(row, entry)

    def _gone(self, row: _FileRow, entry: RemoteEntry) -> SkippedFile:
        """A file that vanished before anything of it was booked: most likely another run
        fetched it (an interface reading the same folder), which is no failure of this
        run, and nothing here is left to do with it."""
        log.warning("%s vanished from the server before its download; skipped", row.name)
        skipped = SkippedFile(entry, SkipReason.GONE_BEFORE_DOWNLOAD)
        self.records.skip_file(row.id, skipped)
        return skipped

    def _kept(self, row: _FileRow, exc: Exception) -> RunFileResult:
        """A file that failed before anything was booked: it stays on the server."""
        kind = type(exc).__name__
        outcome = RunFileResult(row.name, "failed", error_kind=kind)
        outcome.set_error(of_error(exc))
        self.records.update_file(row.id, FileState.KEPT, outcome, row.began, error_kind=kind)
        return outcome

    def _delete_booked(
        self,
        connection: RunConnection,
        stored: StoredInterface,
        entry: RemoteEntry,
        row: _FileRow,
        outcome: RunFileResult,
        booked: _Booked,
        cancel: threading.Event,
    ) -> RunFileResult:
        name = printable(entry.name)
        self._progress(
            stored.settings.name, "delete", f"{name} wird auf dem Server gelöscht", subject=name
        )
        try:
            self._check_unchanged(connection, entry, booked, cancel)
            connection.delete(
                entry.remote_path,
                lambda attempt, again: self._with_retry(
                    attempt, cancel, before_retry=again, deadline=connection.deadline
                ),
            )
        except (transfer_errors.TransferError, RunCancelled) as exc:
            reason, kind = delete_failure(exc)
            if isinstance(exc, RemoteFileVanished):
                # Nothing left to delete, yet a booked file someone else took may have been
                # booked by them too: the run still fails and reports it.
                log.warning("%s was gone from the server before its delete", row.name)
                outcome.set_error(gone_at_delete(outcome.outcome))
            else:
                # Booked and kept: the next run recognises the content and deletes it then.
                log.warning("could not delete %s after booking: %s", row.name, exc)
                outcome.set_error(not_deleted(reason, outcome.outcome))
            outcome.error_kind = kind
            self.records.update_file(
                row.id, FileState.COMMITTED, outcome, row.began, error_kind=kind
            )
            return outcome
        outcome.deleted = True
        self.records.update_file(row.id, FileState.DELETED, outcome, row.began)
        return outcome

    def _check_unchanged(
        self,
        connection: RunConnection,
        entry: RemoteEntry,
        booked: _Booked,
        cancel: threading.Event,
    ) -> None:
        """Raise ``ReplacedWhileBooking`` unless the file on the server is still the content
        that was booked: a file written again under its name meanwhile (the next day's
        list, a corrected one) must not be deleted unread. Its size and time stamp could
        stay the same, so its content is compared."""
        try:
            data = self._download(connection, entry, booked.local_dir, cancel)
        except (DownloadIncomplete, RemoteFileChanged):
            raise ReplacedWhileBooking(entry.remote_path) from None  # another size
        if hashlib.sha256(data).hexdigest() != booked.sha256:
            raise ReplacedWhileBooking(entry.remote_path)

    def _download(
        self,
        connection: RunConnection,
        entry: RemoteEntry,
        local_dir: Path,
        cancel: threading.Event,
    ) -> bytes:
        """``entry``'s content, fetched with the run's retries; the local copy is gone."""
        path = self._with_retry(
            lambda: download_entry(connection.usable(), entry, local_dir, connection.limits),
            cancel,
            before_retry=connection.reconnect,
            deadline=connection.deadline,
        )
        try:
            return path.read_bytes()
        finally:
            path.unlink(missing_ok=True)

    def _refusal_report(self, stored: StoredInterface, refused: RunFileResult) -> RefusalReport:
        """What failure reports to the interface's address now told of ``refused``'s
        content refused the same way; nothing when unknown (the database did not answer:
        then it is reported again rather than not at all)."""
        try:
            return self.records.refusal_report(
                stored.id,
                refused.sha256,
                GUARD_REFUSED,
                refused.refused_checks,
                report_address(stored),
                refused.refused_share_limit,
            )
        except DatabaseError as exc:
            log.warning("earlier reports of a refused file not read: %s", exc)
            return RefusalReport()
