"""Start-up time: process start to the first paint of the main window.

Compares, in the same run, the full program (``desktop-app`` on a fresh data directory)
with a bare PySide6 window (QApplication + one QMainWindow), both as new processes, and
prints the medians and their ratio (goal: ours ≤ 1.5 × bare).

    python bench/startup.py [--runs 7]

The time is taken from just before the process is spawned to the first Paint event of a
QMainWindow, seen by an application-wide event filter installed before the program runs.
The program is started with ``--smoke``: the same start-up (imports, database open and
upgrade, scheduler, window) without waiting for a person at the login dialog.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

PROBE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print(f"PAINT {time.time():.6f}", flush=True)
            app.exit(0)
            app.removeEventFilter(self)
        return False

first_paint = FirstPaint()
app.installEventFilter(first_paint)
"""

BARE = PROBE + r"""
window = QMainWindow()
window.resize(1000, 700)
window.show()
sys.exit(app.exec())
"""

OURS = PROBE + r"""
from desktop_app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def measure(code: str, args: list[str], env: dict[str, str]) -> float:
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    for line in result.stdout.splitlines():
        if line.startswith("PAINT "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no paint seen (exit {result.returncode}): {result.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    bare, ours, first = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        existing = ["--smoke", "--data-dir", f"{tmp}/existing"]
        # One warm-up each: the first start pays for the disk cache, not for the program;
        # it also creates the database that every usual start then opens.
        measure(BARE, [], env)
        measure(OURS, existing, env)
        for run in range(args.runs):
            bare.append(measure(BARE, [], env))
            ours.append(measure(OURS, existing, env))
            first.append(measure(OURS, ["--smoke", "--data-dir", f"{tmp}/first{run}"], env))
    b, o, f = (statistics.median(x) for x in (bare, ours, first))
    print(f"bare PySide6 window        median {b * 1000:7.1f} ms  (runs: {len(bare)})")
    print(f"desktop-app, usual start   median {o * 1000:7.1f} ms  (existing database)")
    print(f"desktop-app, first start   median {f * 1000:7.1f} ms  (creates the database)")
    print(f"ratio {o / b:.2f} (goal ≤ 1.5); first start {f / b:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
