"""`serve` on SIGTERM or Ctrl+C: a run in progress is cancelled as a user's Cancel does
(here one waiting for a server that accepts and never answers), nothing is left
"running", and the process exits 0 at once instead of after the run's time-outs."""

from __future__ import annotations

import signal
import sys
import time

import pytest

from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.history import run_history
from tests.conftest import need
from tests.integration.conftest import silent_server  # noqa: F401 - a fixture

from .conftest import make_due, start_serve, wait_for
from .test_serve import cleanup, prepare


class _At:
    """``prepare`` takes a server with host and port."""

    def __init__(self, port: int):
        self.host, self.port = "127.0.0.1", port


@pytest.mark.skipif(sys.platform == "win32", reason="sends POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_cancels_the_run_in_progress_and_ends(
    tmp_path,
    silent_server,  # noqa: F811
    secret_service_backend,
    signum,
):
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    url = sqlite_url(tmp_path / "serve.sqlite3")
    interface_id = prepare(url, _At(silent_server.port))
    make_due(url, interface_id)
    process = start_serve(tmp_path / "data", url)
    db = Database(url)
    try:
        started = wait_for(
            lambda: [r.status for r in run_history(db, interface_id)] == ["running"], 60
        )
        if not started:
            process.kill()
            raise AssertionError("the due run did not start:\n" + process.communicate()[0])
        time.sleep(1)  # inside the connection attempt, which would wait 30 s per try
        sent = time.monotonic()
        process.send_signal(signum)
        output, _ = process.communicate(timeout=60)
        took = time.monotonic() - sent
        assert process.returncode == 0, output
        assert took < 15, f"ended {took:.0f} s after the signal"
        assert [r.status for r in run_history(db, interface_id)] == ["cancelled"]
        assert f"received {signal.Signals(signum).name}" in output
    finally:
        db.dispose()
        if process.poll() is None:
            process.kill()
            process.wait()
        cleanup(url)
