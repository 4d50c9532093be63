"""The files of an import run: prepare, connect, list, then each file in turn."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..domain.booking_policy import check_booking_date
from ..domain.interface import ChainOptions
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.interfaces import StoredInterface
from ..store.lease import RunLease
from ..store.secrets import SecretStore
from ..transfer.download import private_download_dir
from ..transfer.limits import DownloadLimits
from ..transfer.listing import Listing, SkippedFile, SkipReason, find_files
from ..transfer.printable import printable
from ..transfer.remote import RemoteClient
from ..transfer.report import SkippedReport
from .cancel_watch import CancelWatch
from .credentials import stored_ftp_password
from .password_takeover import take_over_if_found
from .run_connection import CurrentClient, RunConnection, RunDeadline
from .run_one_file import FileSteps
from .run_results import RunCancelled, RunResult, RunTakenOver


class RunFiles(FileSteps):
    """The run's pipeline, a base class of ``ImportRunner`` (run_import.py): the
    attributes named here are the runner's, set by its fields and ``__post_init__``."""

    db: Database
    secrets: SecretStore
    timeout: float
    settle_seconds: float
    client_factory: Callable[..., RemoteClient]
    limits: DownloadLimits | None
    computer: str
    catalog: Catalog
    _lease: RunLease

    def _run_files(
        self,
        stored: StoredInterface,
        result: RunResult,
        dry_run: bool,
        cancel: threading.Event,
        stop_after_file: threading.Event,
        deadline: RunDeadline,
    ) -> None:
        settings = stored.settings
        run_id = result.run_id
        assert run_id is not None  # ``run`` made the record before the files
        password, options = self._prepare(stored)
        limits = self.limits or DownloadLimits.from_options(options)
        guards = options.guards_for(settings)  # as the run's prepare step read them
        # The watcher starts before connecting: a cancel must also break off a server that
        # accepts the connection and never answers.
        current = CurrentClient()
        watcher = CancelWatch(
            current, cancel, expired=lambda: deadline.passed, poll=0.2, name="run-cancel-watch"
        )
        connection: RunConnection | None = None
        try:
            connection = RunConnection(
                lambda: self._connect(stored, password, cancel, current, limits), limits, deadline
            )
            listing = self._list(connection, stored, result, run_id, cancel)
            files = listing.files
            deadline.start(limits.run_seconds(entry.size for entry in files))
            with private_download_dir() as local_dir:
                for index, entry in enumerate(files, 1):
                    if cancel.is_set() or stop_after_file.is_set():
                        raise RunCancelled
                    deadline.check()
                    if not self._lease.renew(stored.id):
                        # Carrying on would race the new holder for the same files.
                        raise RunTakenOver
                    name = printable(entry.name)
                    message = f"Datei {index} von {len(files)}: {name}"
                    self._progress(settings.name, "download", message, index, len(files), name)
                    done = self._one_file(
                        connection,
                        stored,
                        guards,
                        entry,
                        local_dir,
                        run_id,
                        dry_run,
                        cancel,
                        listing.day_of(entry),
                        listing.day_source(entry),
                    )
                    if isinstance(done, SkippedFile):
                        result.skipped.append(skipped_note(done))
                    else:
                        result.files.append(done)
                    if connection.failure is not None:
                        raise connection.failure  # the server is gone: the rest waits
            # Only a run that knows every listed file's content can tell a refused list gone.
            # A hidden name is never read by any run (``.ftpquota``): it tells nothing.
            unread = [s for s in result.skipped if s.reason is not SkipReason.HIDDEN_NAME]
            result.read_every_file = not unread and all(f.sha256 for f in result.files)
        finally:
            watcher.stop(timeout=1)
            if connection is not None:
                connection.close()

    def _prepare(self, stored: StoredInterface) -> tuple[str | None, ChainOptions]:
        """The run's prepare step, inside its record so that a refusal is in the history:
        the booking date still allowed (the option may have been switched off since the
        interface was saved), the password and the chain options the run goes by. Raises
        ``FutureBookingNotAllowed`` or ``SecretStoreError``."""
        today = self.today()
        options = self.catalog.chain_options()
        settle_until = stored.settings.settle_until
        assert settle_until is not None  # a saved interface passed validation, which asks it
        check_booking_date(settle_until.booking_date(today), today, options)
        password = stored_ftp_password(self.secrets, stored)
        take_over_if_found(self.db, stored, self.computer, lambda: password)
        return password, options

    def _list(
        self,
        connection: RunConnection,
        stored: StoredInterface,
        result: RunResult,
        run_id: int,
        cancel: threading.Event,
    ) -> Listing:
        """The files to import; those skipped (still being written) go to the history."""
        settings = stored.settings
        self._progress(settings.name, "list", "Verzeichnis wird gelesen …")
        listing = self._with_retry(
            lambda: find_files(
                connection.usable(),
                settings.ftp,
                settings.filename_filter,
                self.today(),
                settle_seconds=self.settle_seconds,
                sleep=self._pause(cancel),
                zone=self.time_window,
            ),
            cancel,
            before_retry=connection.reconnect,
        )
        result.skipped = [skipped_note(s) for s in listing.skipped]
        for skipped in listing.skipped:
            self.records.add_skipped(run_id, skipped)
        return listing

    def _connect(
        self,
        stored: StoredInterface,
        password: str | None,
        cancel: threading.Event,
        current: CurrentClient,
        limits: DownloadLimits,
    ) -> RemoteClient:
        host = stored.settings.ftp.host
        self._progress(stored.settings.name, "connect", f"Verbinde mit {host}", subject=host)

        def attempt() -> RemoteClient:
            client = self.client_factory(
                stored.settings.ftp,
                password,
                stored.trusted_fingerprint,
                self.timeout,
                limits=limits,
            )
            current.client = client  # abortable while it connects
            try:
                return client.open()
            except BaseException:
                client.close()
                raise

        return self._with_retry(attempt, cancel)


def skipped_note(skipped: SkippedFile) -> SkippedReport:
    """A skipped file as the run's result lists it: its name as shown, and why."""
    return SkippedReport(printable(skipped.entry.remote_path), skipped.reason)
