"""``desktop-app serve``: the scheduler without a GUI, for the server-side service.

Logs to the rotating file and stdout. On SIGTERM or Ctrl+C (Ctrl+Break on Windows) it
cancels a run in progress as a user's Cancel does (a booking in progress still commits,
nothing is left running) and exits 0; the remaining files wait for the next run.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading

from ..config import AppPaths, setup_logging
from ..store.db import Database
from ..store.lease import RunLease
from ..store.secrets import SecretStore
from .case_mail import CaseSummaryJob
from .failure_mail import FailureMailer
from .run_import import ImportRunner
from .scheduler import SchedulerLoop, local_zone
from .stop_signals import stop_signals_call

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
    runner_options.setdefault("time_window", local_zone())
    runner = ImportRunner(
        db, secrets, mailer=FailureMailer(db, secrets), lease=lease, **runner_options
    )

    def run(name: str, trigger: str, slot_at, cancel: threading.Event) -> str:
        # The loop's cancel (SIGTERM, Ctrl+C) stops the run at its next safe point, as a
        # user's Cancel does: a booking in progress still commits, a download ends at once.
        return runner.run(name, trigger=trigger, slot_at=slot_at, cancel=cancel).status.value

    return SchedulerLoop(
        db,
        run,
        this_computer=this_computer or socket.gethostname(),
        this_branch=this_branch,
        lease=lease,
        timed_jobs=(CaseSummaryJob(db, secrets),),
    )


def serve(paths: AppPaths, *, this_branch: str | None = None) -> int:
    setup_logging(paths, to_stderr=True)
    db = Database(paths.db_url)
    secrets = SecretStore()
    ok, backend = secrets.usable()
    if not ok:
        log.warning("no usable keyring (%s): interfaces with a password will fail", backend)
    loop = build_loop(db, secrets, this_branch=this_branch)

    def on_signal(name: str) -> None:
        log.info("received %s: cancelling the current run, then stopping", name)
        loop.stop(abort=True)

    log.info(
        "serving %s (database %s, branch %s)",
        socket.gethostname(),
        db.display_url,
        this_branch or "-",
    )
    failure: list[BaseException] = []

    def run_loop() -> None:
        try:
            loop.run_forever()
        except BaseException as exc:  # handed to the main thread, which reports it
            failure.append(exc)

    # The loop runs on a thread: the main thread stays free to take the signals.
    worker = threading.Thread(target=run_loop, name="scheduler")
    try:
        with stop_signals_call(on_signal):
            worker.start()
            while worker.is_alive():
                worker.join(_JOIN_POLL)
    finally:
        db.dispose()
    if failure:
        raise failure[0]
    return 0


# POSIX runs a signal handler during a wait; Windows only when the main thread wakes up.
_JOIN_POLL = 1.0 if sys.platform == "win32" else None
