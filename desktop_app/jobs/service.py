"""``desktop-app serve``: the scheduler without a GUI, for the server-side service.

Logs to the rotating file and stdout. On SIGTERM (or SIGINT) it finishes the file it is
booking, stops the run there and exits 0; the remaining files wait for the next run.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading

from ..config import AppPaths, setup_logging
from ..store.db import Database
from ..store.lease import RunLease
from ..store.secrets import SecretStore
from .failure_mail import FailureMailer
from .run_import import ImportRunner
from .scheduler import SchedulerLoop

log = logging.getLogger(__name__)


def build_loop(
    db: Database,
    secrets: SecretStore,
    *,
    this_computer: str | None = None,
    this_branch: str | None = None,
    **runner_options,
) -> SchedulerLoop:
    """The scheduler wired to the run pipeline; both share one lease (re-entrant for its
    holder), so a run started by the scheduler is not refused as busy by itself."""
    lease = RunLease(db)
    runner = ImportRunner(
        db, secrets, mailer=FailureMailer(db, secrets), lease=lease, **runner_options
    )

    def run(name: str, trigger: str, slot_at, stop: threading.Event) -> str:
        # The loop's cancel event means "stop": finish the current file, then end the run.
        return runner.run(name, trigger=trigger, slot_at=slot_at, stop_after_file=stop).status.value

    return SchedulerLoop(
        db,
        run,
        this_computer=this_computer or socket.gethostname(),
        this_branch=this_branch,
        lease=lease,
    )


def serve(paths: AppPaths, *, this_branch: str | None = None) -> int:
    setup_logging(paths, to_stderr=True)
    db = Database(paths.db_url)
    secrets = SecretStore()
    ok, backend = secrets.usable()
    if not ok:
        log.warning("no usable keyring (%s): interfaces with a password will fail", backend)
    loop = build_loop(db, secrets, this_branch=this_branch)

    def on_signal(signum, _frame) -> None:
        log.info(
            "received %s: finishing the current file, then stopping", signal.Signals(signum).name
        )
        loop.stop(abort=True)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info(
        "serving %s (database %s, branch %s)",
        socket.gethostname(),
        db.display_url,
        this_branch or "-",
    )
    try:
        loop.run_forever()
    finally:
        db.dispose()
    return 0
