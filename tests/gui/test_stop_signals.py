"""Ctrl+C and SIGTERM end the desktop program and the demo cleanly: the signal reaches
Python while Qt's event loop waits, runs in progress are cancelled as the Cancel button
does, and the demo removes its directory."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from desktop_app.domain.users import Group
from desktop_app.jobs.run_import import RunStatus
from desktop_app.jobs.stop_signals import stop_signals_call
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.users import UserRepository
from desktop_app.ui.signal_wakeup import SignalWakeup

from .helpers import wait_idle
from .run_fixtures import *  # noqa: F403 (the fixtures)
from .run_fixtures import PASSWORD, make_runner, payment_settings, step_messages

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="sends POSIX signals; Windows has no kill(SIGINT)"
)
WAIT = 30.0


def test_a_signal_from_outside_reaches_python_while_qt_waits(qtbot):
    """Sent while the loop waits with nothing else to do: handled at once, not when some
    other event happens to wake the loop (the fallback timer here, after 20 s)."""
    received: list[str] = []
    loop = QEventLoop()
    fallback = QTimer(singleShot=True, interval=20_000)
    fallback.timeout.connect(loop.quit)
    wakeup = SignalWakeup()
    try:
        with stop_signals_call(lambda name: (received.append(name), loop.quit())):
            threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM)).start()
            fallback.start()
            began = time.monotonic()
            loop.exec()
            waited = time.monotonic() - began
    finally:
        wakeup.close()
    assert received == ["SIGTERM"]
    assert waited < 10, f"handled only after {waited:.1f} s"


def test_cancelling_the_runs_cancels_a_manual_run_as_the_button_does(
    qtbot, db, catalog, make_window, editor, secret_store, silent_server, settings_file
):
    from PySide6.QtCore import QSettings

    from desktop_app.gui_runtime import Backend, Runtime
    from desktop_app.jobs.run_now import ManualRun

    editor.save(payment_settings(silent_server.port, name="Stumm"), password=PASSWORD)
    run = ManualRun(make_runner(db, secret_store, timeout=60, mailer=None))
    window = make_window(editor, manual_run=run)
    window.select_interface("Stumm")
    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: "Verbinde mit 127.0.0.1" in step_messages(dialog), timeout=30_000)
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    runtime = Runtime(
        window, Backend(db, secret_store), settings, smoke=True, exit_with=lambda _c: None
    )
    runtime.cancel_runs()  # what the signal handler of run_gui calls
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=15_000)  # not the 60 s timeout
    try:
        assert dialog.run_result.status is RunStatus.CANCELLED
    finally:
        wait_idle(qtbot)


def _start(args: list[str], env_extra: dict[str, str]) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env_extra}
    env.pop("DISPLAY", None)
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def _wait_for_line(process: subprocess.Popen, pattern: str) -> tuple[str, list[str]]:
    lines: list[str] = []
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(pattern, line)
        if found:
            return found.group(1), lines
    raise AssertionError("never printed: " + pattern + "\n" + "".join(lines))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_the_demo_ends_on_a_signal_and_removes_its_directory(tmp_path, signum):
    process = _start(["--demo"], {"HOME": str(tmp_path)})
    try:
        directory, _ = _wait_for_line(process, r"Daten:\s+(\S+)")
        assert os.path.isdir(directory)
        time.sleep(3)  # the window is up and its loop idles at the login
        process.send_signal(signum)
        output, _ = process.communicate(timeout=WAIT)
        assert process.returncode == 0, output
        assert not os.path.exists(directory)
        assert "Traceback" not in output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_the_program_waiting_at_the_login_ends_on_a_signal(tmp_path, signum):
    data = tmp_path / "data"
    db = Database(sqlite_url(data / "desktop-app.sqlite3"))
    UserRepository(db).create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
    db.dispose()
    process = _start(["--data-dir", str(data)], {"HOME": str(tmp_path)})
    try:
        log = data / "logs" / "desktop-app.log"
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if log.exists() and "desktop program started" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        time.sleep(1)  # the login dialog is open: the loop waits for the user
        process.send_signal(signum)
        output, _ = process.communicate(timeout=WAIT)
        assert process.returncode == 0, output
        assert f"received {signal.Signals(signum).name}" in log.read_text(encoding="utf-8")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
