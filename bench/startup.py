"""Start-up time: process start to the first paint of the main window (issue 7).

Compares, in the same run and interleaved, the desktop program with a bare PySide6
window (QApplication + one empty QMainWindow), both started as new processes, and prints
the medians and their ratio (goal: ours ≤ 1.5 × bare).

    .venv/bin/python bench/startup.py [--runs 9]

How "first paint" is seen: Qt's own ``qt.widgets.painting`` log (switched on through
QT_LOGGING_RULES, time-stamped through QT_MESSAGE_PATTERN) says when a window's first
frame is flushed to the screen. Nothing is injected into either program; an earlier
version put a Python event filter on the application, and converting every event to
Python cost the program with more widgets 30 ms that it does not have without it.

The program is started as ``python -m desktop_app --smoke --data-dir DIR``: the real
start-up (window, then the database, scheduler and tray on a worker thread) without a
person at the login dialog; it ends by itself once the main window is attached to the
data. Its log line "main window ready" gives the second figure, the time until the list
and the form can be used. Both programs run offscreen (``--smoke`` forces it).

A real start asks who logs in first. The third figure is that: an installation with one
user, started without ``--smoke``, from the spawn to the first frame of the login dialog
(Qt's painting log again); the program is stopped there, nobody types. Behind the dialog
the database opens while the user types, so the list follows the login at once.

Bytecode: the programs get the environment without PYTHONDONTWRITEBYTECODE and with a
temporary PYTHONPYCACHEPREFIX, so the warm-up start writes the bytecode every later start
reads, as any installation (pip or the PyInstaller bundle) has it; compiling the sources
on every start is not what users pay. Both programs get the same.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1000, 700)
window.show()
sys.exit(app.exec())
"""

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"
FIRST_FLUSH = re.compile(
    r"^(\S+) qt\.widgets\.painting: Flushing .* of (?:Q?MainWindow)\(.*to QWidgetWindow"
)
LOGIN_FLUSH = re.compile(
    r"^(\S+) qt\.widgets\.painting: Flushing .* of LoginDialog\(.*to QWidgetWindow"
)
READY = re.compile(r"^(\S+ \S+) INFO desktop_app\.gui_runtime: main window ready$")


def median_text(values: list[float]) -> str:
    """Seconds as "median … ms (runs: …)", the runs sorted."""
    runs = " ".join(f"{v * 1000:.0f}" for v in sorted(values))
    return f"median {statistics.median(values) * 1000:7.1f} ms   (runs: {runs})"


def child_env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)  # also for a read-only checkout
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["QT_LOGGING_RULES"] = "qt.widgets.painting=true"
    env["QT_MESSAGE_PATTERN"] = "%{time yyyy-MM-ddTHH:mm:ss.zzz} %{category}: %{message}"
    return env


def first_paint(
    command: list[str], env: dict[str, str], *, wait: bool, window: re.Pattern = FIRST_FLUSH
) -> tuple[float, int]:
    """Seconds from spawning ``command`` to the first flush of ``window`` (its main
    window); the exit code (``wait``: let the program end by itself; else stop it once it
    has painted)."""
    started = time.time()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    painted = None
    assert process.stderr is not None
    for line in process.stderr:
        match = window.match(line)
        if match and painted is None:
            painted = datetime.strptime(match.group(1), TIME_FORMAT).timestamp() - started
            if not wait:
                process.kill()
                break
    code = process.wait(timeout=120)
    if painted is None:
        raise RuntimeError(f"{command[:3]}: no paint seen (exit {code})")
    return painted, (0 if not wait else code)


def ready_after(log_file: Path, started: float) -> float:
    """Seconds from ``started`` to the last "main window ready" line of ``log_file``."""
    lines = [m for m in map(READY.match, log_file.read_text(encoding="utf-8").splitlines()) if m]
    if not lines:
        raise RuntimeError(f"no 'main window ready' in {log_file}")
    return datetime.strptime(lines[-1].group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp() - started


def ours(data_dir: Path, env: dict[str, str]) -> tuple[float, float]:
    """First paint and ready, in seconds from the spawn, of one smoke start."""
    command = [sys.executable, "-m", "desktop_app", "--smoke", "--data-dir", str(data_dir)]
    started = time.time()
    painted, code = first_paint(command, env, wait=True)
    if code != 0:
        raise RuntimeError(f"the smoke start failed with exit code {code}")
    return painted, ready_after(data_dir / "logs" / "desktop-app.log", started)


def login_shown(data_dir: Path, env: dict[str, str]) -> float:
    """Seconds from the spawn to the login dialog's first frame, on an installation with
    one user (``prepare_login``)."""
    command = [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir)]
    return first_paint(command, env, wait=False, window=LOGIN_FLUSH)[0]


def prepare_login(data_dir: Path, env: dict[str, str]) -> None:
    """An installation with its database and one administrator (the password is made
    here and forgotten: nobody logs in)."""
    import secrets

    subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "users",
            "add",
            "--admin",
            "--password-stdin",
            "--data-dir",
            str(data_dir),
            "chefin",
        ],
        input=secrets.token_urlsafe(16),
        text=True,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    bare_command = [sys.executable, "-c", BARE]
    bare, paint, ready, first_paint_new, first_ready_new, login = [], [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp) / "pycache")
        existing = Path(tmp) / "existing"
        # One warm-up each: the first start pays for the disk cache and the bytecode, not
        # for the program; it also creates the database every usual start then opens.
        first_paint(bare_command, env, wait=False)
        ours(existing, env)
        installed = Path(tmp) / "installed"
        prepare_login(installed, env)
        login_shown(installed, env)
        for run in range(args.runs):
            bare.append(first_paint(bare_command, env, wait=False)[0])
            p, r = ours(existing, env)
            paint.append(p)
            ready.append(r)
            p, r = ours(Path(tmp) / f"new{run}", env)
            first_paint_new.append(p)
            first_ready_new.append(r)
            login.append(login_shown(installed, env))

    b = statistics.median(bare)
    print(f"bare PySide6 window, first paint          {median_text(bare)}")
    print(f"desktop-app, first paint                  {median_text(paint)}")
    print(f"desktop-app, ready (list and form usable) {median_text(ready)}")
    print(f"desktop-app on a new database, first paint {median_text(first_paint_new)}")
    print(f"desktop-app on a new database, ready       {median_text(first_ready_new)}")
    print(f"desktop-app with a user, login dialog shown {median_text(login)}")
    print(
        f"ratio first paint {statistics.median(paint) / b:.2f} (goal ≤ 1.5); "
        f"ready {statistics.median(ready) / b:.2f}; "
        f"new database: first paint {statistics.median(first_paint_new) / b:.2f}, "
        f"ready {statistics.median(first_ready_new) / b:.2f}; "
        f"login dialog {statistics.median(login) / b:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
