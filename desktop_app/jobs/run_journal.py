"""A run's record as it advances: the run, each file's state, and the closing totals."""

from __future__ import annotations

import logging
import time
from datetime import datetime

from ..store.db import Database
from ..store.run_records import RefusalReport, RunRecorder
from ..transfer.listing import SkippedFile
from ..transfer.printable import printable
from ..transfer.remote import RemoteEntry
from .run_errors import ErrorText
from .run_results import FileState, RunFileResult, RunResult

log = logging.getLogger(__name__)


class RunJournal:
    def __init__(self, db: Database) -> None:
        self._records = RunRecorder(db)

    def start_run(
        self,
        interface_id: int,
        trigger: str,
        slot_at: datetime | None,
        dry_run: bool,
        host: str | None = None,
    ) -> int:
        """The new run's record (``host``: the computer that runs it). Runs still
        'running' while we hold the lease were cut off (killed, power loss): closed first,
        saying so in the history, with what they booked, instead of 'running' for ever."""
        run_id, closed = self._records.start_run(interface_id, trigger, slot_at, dry_run, host)
        if closed:
            log.info("closed %d interrupted run(s) of interface %d", closed, interface_id)
        return run_id

    def finish(self, result: RunResult) -> None:
        run_id = result.run_id
        assert run_id is not None  # only a run that started (has a record) finishes
        self._records.finish_run(
            run_id,
            status=result.status.value,
            error_kind=result.error_kind,
            error=result.error or "",
            error_en=result.error_en if result.error else "",
            mailed=result.mailed,
            mailed_to=result.mailed_to,
            read_every_file=result.read_every_file,
        )

    def refusal_report(
        self,
        interface_id: int,
        sha256: str,
        error_kind: str,
        checks: tuple[str, ...],
        recipient: str,
        share_limit: int | None = None,
    ) -> RefusalReport:
        """What the failure reports to ``recipient`` told of the content ``sha256`` refused
        by ``checks`` (and ``share_limit``), see ``RunRecorder.refusal_report``."""
        return self._records.refusal_report(
            interface_id, sha256, error_kind, checks, recipient, share_limit
        )

    def add_file(self, run_id: int, entry: RemoteEntry) -> int:
        path = printable(entry.remote_path)
        return self._records.add_file(run_id, path, entry.size, FileState.LISTED.value)

    def add_skipped(self, run_id: int, skipped: SkippedFile) -> None:
        """A file left on the server for now (still being written), with the reason."""
        self.skip_file(self.add_file(run_id, skipped.entry), skipped)

    def skip_file(self, file_id: int, skipped: SkippedFile) -> None:
        """The file of row ``file_id`` not fetched after all, with the reason."""
        outcome = RunFileResult(printable(skipped.entry.remote_path), "skipped")
        outcome.set_error(ErrorText(skipped.reason.label_de, skipped.reason.label_en))
        self.update_file(
            file_id, FileState.KEPT, outcome, time.monotonic(), error_kind=skipped.reason.value
        )

    def update_file(
        self,
        file_id: int,
        state: FileState,
        outcome: RunFileResult | None,
        began: float,
        *,
        sha256: str | None = None,
        import_file_id: int | None = None,
        error_kind: str | None = None,
    ) -> None:
        self._records.update_file(
            file_id,
            state.value,
            int((time.monotonic() - began) * 1000),
            None if outcome is None else outcome.record(),
            sha256=sha256,
            import_file_id=import_file_id,
            error_kind=error_kind,
        )
