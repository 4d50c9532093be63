"""``desktop-app serve``: the scheduler without a GUI, for the server-side service.

Logs to the rotating file and stdout. On SIGTERM or Ctrl+C (Ctrl+Break on Windows) it
cancels a run in progress as a user's Cancel does (a booking in progress still commits,
nothing is left running) and exits 0; the remaining files wait for the next run.
"""

from __future__ import annotations

import logging
import sys
import threading

from ..config import (
    ENV_BRANCH,
    AppPaths,
    chosen_branch,
    configured_branch,
    configured_language,
    setup_logging,
)
from ..store.db import Database
from ..store.secrets import SecretStore
from .computer import this_computer
from .scheduled_runs import scheduled_runs
from .scheduler import SchedulerLoop
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
    """The scheduler wired to the run pipeline (see ``scheduled_runs``)."""
    runs = scheduled_runs(db, secrets, **runner_options)
    return SchedulerLoop(
        db, runs, **runs.loop_options(this_computer=this_computer, this_branch=this_branch)
    )


def serve(paths: AppPaths, *, branch_option: str | None = None, lang: str | None = None) -> int:
    """The scheduler until SIGTERM or Ctrl+C. ``branch_option``: --branch (see
    ``configured_branch`` for what else names this computer's branch)."""
    setup_logging(paths, to_stderr=True)
    this_branch, branch_source = configured_branch(paths, branch_option)
    db = Database(paths.db_url)
    secrets = SecretStore()
    ok, backend = secrets.usable()
    if not ok:
        log.warning("no usable keyring (%s): interfaces with a password will fail", backend)
    loop = build_loop(
        db, secrets, this_branch=this_branch, mail_language=configured_language(paths, lang)
    )

    def on_signal(name: str) -> None:
        log.info("received %s: cancelling the current run, then stopping", name)
        loop.stop(abort=True)

    log.info(
        "serving %s (database %s, branch %s, from %s)",
        this_computer(),
        db.display_url,
        this_branch or "-",
        branch_source,
    )
    failure: list[BaseException] = []

    def run_loop() -> None:
        try:
            loop.run_forever()
        except BaseException as exc:  # handed to the main thread, which reports it
            failure.append(exc)

    # The loop runs on a thread: the main thread stays free to take the signals.
    worker = threading.Thread(target=run_loop, name="scheduler")
    stopped = threading.Event()
    if branch_source not in ("--branch", ENV_BRANCH):  # the program's choice decides
        follower = threading.Thread(
            target=follow_chosen_branch,
            args=(paths, loop, this_branch, stopped),
            name="branch-follower",
            daemon=True,
        )
        follower.start()
    try:
        with stop_signals_call(on_signal):
            worker.start()
            while worker.is_alive():
                worker.join(_JOIN_POLL)
    finally:
        stopped.set()
        db.dispose()
    if failure:
        raise failure[0]
    return 0


# POSIX runs a signal handler during a wait; Windows only when the main thread wakes up.
_JOIN_POLL = 1.0 if sys.platform == "win32" else None
BRANCH_RECHECK_SECONDS = 30.0


def follow_chosen_branch(
    paths: AppPaths,
    loop: SchedulerLoop,
    current: str | None,
    stopped: threading.Event,
    every: float = BRANCH_RECHECK_SECONDS,
) -> None:
    """Until ``stopped``: hand the loop the branch chosen in the program on this computer
    whenever it changes there (Verwaltung → Filiale dieses Rechners), as the program's own
    scheduler takes it at once; the service would otherwise keep its start's branch."""
    while not stopped.wait(every):
        chosen = chosen_branch(paths)
        if chosen != current:
            log.info("branch chosen in the program: %s (was %s)", chosen or "-", current or "-")
            loop.set_this_branch(chosen)
            current = chosen
