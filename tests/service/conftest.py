"""Helpers to run `desktop-app serve` as a real process against a real FTP server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.integration.conftest import (  # noqa: F401 - fixtures used by the tests here
    closed_port,
    ftp_root,
    serve_ftp,
    serve_smtp,
)


def midday_tz() -> str:
    """A time zone in which it is about noon now: every schedule window is open. An IANA
    name, which the scheduler's ``local_zone`` reads too (a POSIX "XXX-2" it cannot)."""
    hours = 12 - datetime.now(UTC).hour
    # Etc/GMT offsets are west-positive, as in POSIX: "Etc/GMT-2" is UTC+2.
    return f"Etc/GMT{-hours:+d}"


def serve_env(data_dir: Path, db_url: str) -> dict[str, str]:
    env = {**os.environ, "DESKTOP_APP_DATA_DIR": str(data_dir), "DESKTOP_APP_DB": db_url}
    env["TZ"] = midday_tz()
    return env


def start_serve(data_dir: Path, db_url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "serve", *extra],
        env=serve_env(data_dir, db_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def make_due(db_url: str, interface_id: int) -> None:
    """Pretend the last slot was served a day ago: the next start catches up once."""
    from desktop_app.store.db import Database
    from desktop_app.store.schedule_state import OK, ScheduleStateRepository

    db = Database(db_url)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    states = ScheduleStateRepository(db)
    assert states.record_slot_started(interface_id, yesterday, yesterday)
    states.record_slot_finished(interface_id, yesterday, OK, yesterday)
    db.dispose()


def wait_for(condition, timeout: float = 60.0, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False
