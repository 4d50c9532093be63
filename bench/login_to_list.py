"""What a person waits for at a real start: the login dialog, then the list after "Anmelden".

``bench/startup.py`` spawns the program and reads Qt's painting log; it cannot type. This
one starts the real program (``app.run_gui``) in a new process through a small driver,
which plays a person: it waits until the login dialog shows, "types" for ``--typing``
seconds (nothing happens meanwhile: the database opens behind the dialog), fills in the
name and password and clicks "Anmelden". It reports, from the process start:

- the login dialog shown (the driver's timer sees it visible),
- "Anmelden" clicked,
- the list and the form show their data (``MainWindow.filled``),

and the wait after the click, against a bare PySide6 window's first paint measured in
the same run by ``bench/startup.py``'s method (goal: the wait after the click ≤ 3× it).

    .venv/bin/python bench/login_to_list.py [--runs 7] [--typing 2.0]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import BARE, child_env, first_paint, median_text

ADD_USER = [sys.executable, "-m", "desktop_app", "users", "add", "--admin", "--password-stdin"]

DRIVER = r"""
import json, sys, time
started = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.app import run_gui
from desktop_app.config import resolve_paths
from desktop_app.ui.login_dialog import LoginDialog
from desktop_app.ui.main_window import MainWindow

data_dir, name, password, typing = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
marks = {}
app = QApplication(sys.argv[:1])

def now():
    return time.perf_counter() - started

def tick():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, LoginDialog) and widget.isVisible():
            marks.setdefault("login", now())
            if "clicked" not in marks and now() - marks["login"] >= typing:
                widget.name_edit.setText(name)
                widget.password_edit.setText(password)
                widget.ok_button.click()
                marks["clicked"] = now()
        if isinstance(widget, MainWindow) and widget.is_attached and "clicked" in marks:
            if "hooked" not in marks:
                marks["hooked"] = 1
                def filled(window=widget):
                    marks["filled"] = now()
                    timer.stop()
                    window.close()
                if widget.is_filled:
                    filled()
                else:
                    widget.filled.connect(filled)

timer = QTimer()
timer.timeout.connect(tick)
timer.start(1)
code = run_gui(resolve_paths(data_dir), "de")
marks.pop("hooked", None)
print("MARKS " + json.dumps(marks), flush=True)
sys.exit(code)
"""


def one_start(data_dir: Path, password: str, typing: float, env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(data_dir), "chefin", password, str(typing)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("MARKS ")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"the start failed ({result.returncode}): {result.stderr[-2000:]}")
    marks = json.loads(lines[-1][len("MARKS ") :])
    if "filled" not in marks:
        raise RuntimeError(f"the list never showed its data: {marks}")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--typing", type=float, default=2.0, help="seconds the person types")
    args = parser.parse_args()
    bare, login, wait = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp) / "pycache")
        env["HOME"] = tmp  # no keyring of the machine's user is asked
        data_dir, password = Path(tmp) / "installed", secrets.token_urlsafe(16)
        subprocess.run(
            [*ADD_USER, "--data-dir", str(data_dir), "chefin"],
            input=password,
            text=True,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        first_paint([sys.executable, "-c", BARE], env, wait=False)  # warm-up: disk cache
        one_start(data_dir, password, args.typing, env)
        for _ in range(args.runs):
            bare.append(first_paint([sys.executable, "-c", BARE], env, wait=False)[0])
            marks = one_start(data_dir, password, args.typing, env)
            login.append(marks["login"])
            wait.append(marks["filled"] - marks["clicked"])

    b = statistics.median(bare)
    print(f"bare PySide6 window, first paint            {median_text(bare)}")
    print(f"login dialog shown (from the process start) {median_text(login)}")
    print(f"after Anmelden, the list and form usable    {median_text(wait)}")
    print(
        f"ratio login dialog {statistics.median(login) / b:.2f}; "
        f"wait after Anmelden {statistics.median(wait) / b:.2f} (goal ≤ 3)"
    )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
