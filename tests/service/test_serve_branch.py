"""Which branch ``serve`` takes for this computer: --branch, DESKTOP_APP_BRANCH, or the
one chosen in the desktop program on the same computer (settings.ini)."""

from __future__ import annotations

import signal
import threading

from PySide6.QtCore import QSettings

from desktop_app.config import ENV_BRANCH, configured_branch, resolve_paths
from desktop_app.store.db import sqlite_url
from desktop_app.ui.workstation import WorkstationBranch

from .conftest import start_serve, wait_for

# Quotes, a comma, "@" and umlauts: Qt escapes them in the INI file its own way.
CHOSEN = 'Optik "Süd", @Köln'


def choose_in_program(data_dir, branch: str) -> None:
    """As Datei → Filiale dieses Rechners stores it."""
    paths = resolve_paths(str(data_dir), None)
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    WorkstationBranch(settings, "PC-1").set_branch(branch)


def test_the_branch_chosen_in_the_program_is_the_service_s(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_BRANCH, raising=False)
    paths = resolve_paths(str(tmp_path), None)
    assert configured_branch(paths) == (None, "-")
    choose_in_program(tmp_path, CHOSEN)
    assert configured_branch(paths) == (CHOSEN, str(paths.settings_file))


def test_the_option_and_the_environment_come_before_the_program_s_choice(tmp_path, monkeypatch):
    choose_in_program(tmp_path, CHOSEN)
    paths = resolve_paths(str(tmp_path), None)
    monkeypatch.setenv(ENV_BRANCH, " Optik Nord ")
    assert configured_branch(paths) == ("Optik Nord", ENV_BRANCH)
    assert configured_branch(paths, "Hörgeräte West") == ("Hörgeräte West", "--branch")
    monkeypatch.setenv(ENV_BRANCH, "  ")  # set but empty: as if not set
    assert configured_branch(paths) == (CHOSEN, str(paths.settings_file))


def test_serve_runs_for_the_branch_chosen_in_the_program(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_BRANCH, raising=False)
    data_dir = tmp_path / "data"
    choose_in_program(data_dir, CHOSEN)
    process = start_serve(data_dir, sqlite_url(tmp_path / "serve.sqlite3"))
    seen = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            seen.append(line)
            if "Scheduler started" in line:  # the stop signals are taken from here on
                break
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    serving = [line for line in seen if "serving " in line]
    assert serving, "".join(seen) + output
    assert f"branch {CHOSEN}, from " in serving[0]
    assert process.returncode == 0, output


def test_serve_follows_a_branch_chosen_in_the_program_while_it_runs(tmp_path, db):
    from desktop_app.jobs.scheduler import SchedulerLoop
    from desktop_app.jobs.service import follow_chosen_branch

    loop = SchedulerLoop(db, lambda *_: "ok", this_computer="KASSE-01")
    paths = resolve_paths(str(tmp_path), None)
    stopped = threading.Event()
    follower = threading.Thread(
        target=follow_chosen_branch, args=(paths, loop, None, stopped, 0.05), daemon=True
    )
    follower.start()
    try:
        choose_in_program(tmp_path, CHOSEN)
        assert wait_for(lambda: loop.this_branch == CHOSEN, 10)
        choose_in_program(tmp_path, "")  # no branch any more: only chain-wide ones run
        assert wait_for(lambda: loop.this_branch is None, 10)
    finally:
        stopped.set()
        follower.join(5)
    assert not follower.is_alive()
