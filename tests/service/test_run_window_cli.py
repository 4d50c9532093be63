"""`desktop-app run NAME` between 22:00 and 06:00 needs --force: without it nothing runs
and the message says how; with it the run books. The computer's clock is set through its
time zone (TZ), so the test passes at any hour."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.ledger import Ledger
from tests.conftest import need
from tests.integration.conftest import ftp_root, serve_ftp  # noqa: F401 - fixtures

from .test_serve import GOOD, cleanup, prepare

# The fixtures imported above are the tests' parameters by design.
# ruff: noqa: F811


def night_tz() -> str:
    """An IANA zone in which it is about 02:00 now."""
    offset = 2 - datetime.now(UTC).hour
    offset += 24 if offset < -12 else (-24 if offset > 14 else 0)
    return f"Etc/GMT{-offset:+d}"  # Etc/GMT signs are west-positive


def run(data, url, *args):
    env = {**os.environ, "DESKTOP_APP_DATA_DIR": str(data), "DESKTOP_APP_DB": url}
    env["TZ"] = night_tz()
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "run", "Dienst", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_a_run_at_night_needs_force(tmp_path, serve_ftp, ftp_root, secret_service_backend):
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    server = serve_ftp()
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / "IMPORT" / "zahlungen.csv").write_bytes(GOOD)
    url = sqlite_url(tmp_path / "cli.sqlite3")
    prepare(url, server)
    try:
        refused = run(tmp_path / "data", url)
        assert refused.returncode == 1, refused.stderr
        assert "outside 06:00 to 22:00" in refused.stderr and "--force" in refused.stderr
        assert (ftp_root / "IMPORT" / "zahlungen.csv").exists()
        as_json = json.loads(run(tmp_path / "data", url, "--json").stdout)
        # The JSON speaks the command line's language, as its plain output does.
        assert as_json["status"] == "skipped" and "outside 06:00 to 22:00" in as_json["error"]

        forced = run(tmp_path / "data", url, "--force", "--json")
        assert forced.returncode == 0, forced.stderr
        assert json.loads(forced.stdout)["files"][0]["booked"] == 2
        assert not (ftp_root / "IMPORT" / "zahlungen.csv").exists()
        db = Database(url)
        assert Ledger(db).invoice("1", "RE-2026-0001").open_amount == 0
        db.dispose()
    finally:
        cleanup(url)
