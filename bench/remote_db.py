"""The desktop program on a far PostgreSQL (issue 18): the GUI's longest stall and a
10,000-row run's wall time, against the same run on the same server without the latency.

A TCP proxy on loopback (tests/latency_proxy.py) holds every chunk back by ``--delay``
each way (30 ms: a round trip costs 60 ms, a WAN link between two towns). Measured in one
run, on a private PostgreSQL (the tests' pgserver) or ``--pg-url`` (a role that may create
databases), with a real FTP server (pyftpdlib) on loopback:

  (a) the main window on the far database: opened, its list and first interface read,
      another interface shown, saved, the history and the invoices opened, the list read
      again; a 1 ms timer on the GUI thread measures the longest stall (as
      bench/gui_stall.py does; goal ≤ 16 ms);
  (b) "Jetzt ausführen" of one 10,000-row Geschlossene-Posten file on a ledger of 12,000
      invoices, on a pool thread through ``Op`` while the window is open, first near (the
      server directly) and then far (through the proxy), each on a fresh copy of the
      ledger (``CREATE DATABASE … TEMPLATE``); goal: far ≤ 2× near. The GUI's longest
      stall during the far run is printed too.

Round trips are counted by SQLAlchemy's event hooks (each statement, an executemany once;
BEGIN, COMMIT, ROLLBACK; each connection checkout: tests/round_trips.py); the time the
latency added, divided by a round trip's, says the same from the clock. The FTP server and
the proxy run in child processes: the GUI thread shares its interpreter with the program
alone. The machine's other load shows in the times: compare the figures of one run.

    .venv/bin/python bench/remote_db.py
    .venv/bin/python bench/remote_db.py --delay 0.03 --rows 10000 --invoices 12000
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

GOAL_STALL_MS = 16.0
GOAL_RATIO = 2.0
TODAY = date(2026, 3, 14)
INTERFACE = "Zahlungen"
FTP_USER = "buchhaltung"
FTP_PASSWORD = secrets.token_urlsafe(16)  # the loopback server's, made for each run


FTP_CHILD = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from tests.integration.servers import FULL_RIGHTS, start_ftp_server
server = start_ftp_server(Path({directory!r}), {{{user!r}: ({password!r}, FULL_RIGHTS)}})
print(server.port, flush=True)
sys.stdin.read()
server.stop()
"""


@contextlib.contextmanager
def child(args: list[str]) -> Iterator[str]:
    """A helper process (the FTP server, the proxy): its first line; ended by closing its
    stdin. Out of this process, so that the GUI thread here shares its GIL with no one
    but the program."""
    process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdin is not None and process.stdout is not None
    try:
        yield process.stdout.readline().strip()
    finally:
        process.stdin.close()
        process.wait(timeout=30)


def ftp_server(directory: Path):
    code = FTP_CHILD.format(
        root=str(ROOT), directory=str(directory), user=FTP_USER, password=FTP_PASSWORD
    )
    return child([sys.executable, "-c", code])


def latency_proxy(url: str, delay: float):
    """tests/latency_proxy.py in front of the server of ``url``: the URL through it."""
    return child([sys.executable, str(ROOT / "tests" / "latency_proxy.py"), url, str(delay)])


class StallMeter:
    """The longest gap between the ticks of a 1 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._last_ns = 0
        self.longest_ms = 0.0

    @contextlib.contextmanager
    def running(self) -> Iterator[StallMeter]:
        self.longest_ms = 0.0
        self._clock.start()
        self._last_ns = self._clock.nsecsElapsed()
        self._timer.start()
        try:
            yield self
        finally:
            self._timer.stop()

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed()
        self.longest_ms = max(self.longest_ms, (now - self._last_ns) / 1e6)
        self._last_ns = now


def wait_until(condition: Callable[[], bool], timeout: float = 300.0) -> None:
    """Run the event loop until ``condition()`` (checked every 5 ms)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: condition() and loop.quit())
    deadline = time.monotonic() + timeout
    timer.timeout.connect(lambda: time.monotonic() > deadline and loop.quit())
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise SystemExit("timed out waiting for the window")


def idle() -> bool:
    from desktop_app.ui.ops import pending_count

    return pending_count() == 0


# --- the databases -----------------------------------------------------------------------


@contextlib.contextmanager
def postgres(admin_url: str | None) -> Iterator[str]:
    if admin_url:
        yield admin_url
        return
    from tests.private_services import private_postgres

    with private_postgres() as url:
        yield url


class Databases:
    """Databases made on the server of ``admin_url``, dropped at the end."""

    def __init__(self, admin_url: str) -> None:
        import sqlalchemy as sa

        self._admin_url = admin_url
        self._admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self._names: list[str] = []

    def create(self, template: str | None = None) -> tuple[str, str]:
        """A new database (a copy of ``template``): its name and URL."""
        import sqlalchemy as sa
        from sqlalchemy.engine import make_url

        name = f"bench_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with self._admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
        self._names.append(name)
        url = make_url(self._admin_url).set(database=name)
        return name, url.render_as_string(hide_password=False)

    def drop_all(self) -> None:
        import sqlalchemy as sa

        with self._admin.connect() as conn:
            for name in reversed(self._names):
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._admin.dispose()


def build_template(url: str, invoices: int, ftp_port: int, secrets) -> None:
    """Mandant 1, the ledger, and two interfaces on the FTP server (the password in
    ``secrets``, a memory keyring)."""
    from desktop_app.domain.interface import (
        FtpSettings,
        ImportFormat,
        InterfaceSettings,
        Interval,
        IntervalKind,
        Protocol,
        SettleUntil,
    )
    from desktop_app.domain.invoice_csv import read_invoices
    from desktop_app.jobs.interface_edit import InterfaceEditor
    from desktop_app.store.catalog import Catalog
    from desktop_app.store.db import Database
    from desktop_app.store.interfaces import InterfaceRepository
    from desktop_app.store.ledger import Ledger
    from tests.payment_samples import ledger_csv

    db = Database(url)
    try:
        Catalog(db).add_mandant("1")
        Ledger(db).import_invoices(read_invoices(ledger_csv(invoices), file_name="ledger.csv"))
        settings = InterfaceSettings(
            name=INTERFACE,
            import_format=ImportFormat.CLOSED_ITEMS,
            mandants=("1",),
            settle_until=SettleUntil.TODAY,
            filename_filter="zahlungen",
            run_time=clock_time(7, 0),
            interval=Interval(IntervalKind.DAILY),
            ftp=FtpSettings(Protocol.FTP, "127.0.0.1", ftp_port, "IMPORT/", False, FTP_USER),
        )
        editor = InterfaceEditor(InterfaceRepository(db), secrets)
        editor.save(settings, password=FTP_PASSWORD)
        editor.save(settings.with_changes(name="Bank Mitte", enabled=False))
    finally:
        db.dispose()


# --- the measurements --------------------------------------------------------------------


@dataclass
class RunFigures:
    seconds: float
    round_trips: int
    statements: str  # the round trips, by kind and statement
    stall_ms: float
    booked: int


def window_on(db, secrets, settings_path: Path):
    from desktop_app.gui_runtime import build_main_window
    from desktop_app.jobs.interface_edit import InterfaceEditor
    from desktop_app.store.interfaces import InterfaceRepository

    editor = InterfaceEditor(InterfaceRepository(db), secrets)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = build_main_window(editor, settings, "de", host_name="BENCH")
    window.show_error = lambda text: print(f"  window error: {text}")
    return window


def use_the_window(db, secrets, settings_path: Path, meter: StallMeter):
    """(a): what a user does in the window, every read and write far away; the longest
    stall of each step."""
    from desktop_app.jobs.quiet_gc import freeze_startup_heap

    window = window_on(db, secrets, settings_path)  # built before: bench/startup.py's part
    freeze_startup_heap()  # as the desktop program does once its window stands
    steps: dict[str, float] = {}

    def step(name: str, action: Callable[[], object]) -> None:
        with meter.running():
            action()
            wait_until(idle)
        steps[name] = meter.longest_ms

    step("shown, list and first interface read", window.show)
    step("another interface shown", lambda: window.select_interface(INTERFACE))
    step("Dateiname changed and saved", lambda: (
        window.form.filename_edit.setText("Zahlungen2"), window.save()))  # fmt: skip
    views = []
    step("history opened", lambda: views.append(window.show_history(INTERFACE)))
    step("invoices opened", lambda: views.append(window.open_invoices()))
    step("list read again", window.reload_list)
    for view in views:
        view.close()
    return window, steps


def timed_run(db, secrets, meter: StallMeter) -> RunFigures:
    """(b): "Jetzt ausführen" as the window runs it, on a pool thread through ``Op``."""
    from desktop_app.jobs.run_import import ImportRunner, RunStatus
    from desktop_app.jobs.run_now import ManualRun
    from desktop_app.ui.ops import Op
    from tests.round_trips import counting_round_trips

    run = ManualRun(ImportRunner(db, secrets, timeout=30, settle_seconds=0, today=lambda: TODAY))
    results = []
    with counting_round_trips(db) as trips, meter.running():
        began = time.perf_counter()
        Op(lambda: run(INTERFACE)).success(results.append).failure(
            lambda exc: results.append(exc)
        ).run_in_background()
        wait_until(lambda: bool(results))
        seconds = time.perf_counter() - began
    result = results[0]
    if isinstance(result, Exception) or result.status is not RunStatus.OK:
        raise SystemExit(f"the run failed: {result!r}")
    return RunFigures(
        seconds,
        trips.total,
        trips.report(),
        meter.longest_ms,
        sum(f.booked for f in result.files),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.030, help="seconds added each way")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--invoices", type=int, default=12_000)
    parser.add_argument("--pg-url", help="a PostgreSQL role that may create databases")
    parser.add_argument("--statements", action="store_true", help="list the run's round trips")
    args = parser.parse_args()

    from desktop_app.demo import MemoryKeyring
    from desktop_app.store.db import Database
    from desktop_app.store.secrets import SecretStore
    from tests.payment_samples import payments_csv

    app = QApplication.instance() or QApplication(sys.argv)
    print(f"platform {app.platformName()}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    secrets = SecretStore(MemoryKeyring())
    meter = StallMeter()
    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="remote-db-")))
        admin = stack.enter_context(postgres(args.pg_url))
        import_dir = work / "ftp" / "IMPORT"
        import_dir.mkdir(parents=True)
        ftp_port = int(stack.enter_context(ftp_server(work / "ftp")))
        databases = Databases(admin)
        stack.callback(databases.drop_all)
        template, template_url = databases.create()
        print(f"building a ledger of {args.invoices:,} invoices …")
        build_template(template_url, args.invoices, ftp_port, secrets)
        payments = payments_csv(args.rows, args.invoices, seed=18)

        def fresh(far: bool) -> Database:
            _, url = databases.create(template)
            if far:
                url = stack.enter_context(latency_proxy(url, args.delay))
            (import_dir / "zahlungen.csv").write_bytes(payments)
            db = Database(url)
            stack.callback(db.dispose)
            return db

        window_db = fresh(far=True)
        window, steps = use_the_window(window_db, secrets, work / "settings.ini", meter)
        window_stall = max(steps.values())
        near = timed_run(fresh(far=False), secrets, meter)
        far = timed_run(fresh(far=True), secrets, meter)
        window.close()

    ratio = far.seconds / near.seconds
    rtt = 2 * args.delay
    print()
    print(f"a {args.rows:,}-row run, {near.booked:,} bookings; {rtt * 1000:.0f} ms a round trip")
    print(f"{'':<28} {'seconds':>8} {'round trips':>12} {'GUI stall':>10}")
    for name, figures in (("near (the server directly)", near), ("far (through the proxy)", far)):
        print(f"{name:<28} {figures.seconds:8.2f} {figures.round_trips:12d} "
              f"{figures.stall_ms:8.1f}ms")  # fmt: skip
    print()
    if args.statements:
        print(far.statements, end="\n\n")
    print("the window on the far database, longest GUI stall per step:")
    for name, ms in steps.items():
        print(f"  {name:<40} {ms:7.1f} ms")
    stall = max(window_stall, far.stall_ms)
    print()
    print(f"longest GUI stall: {window_stall:.1f} ms in the window, {far.stall_ms:.1f} ms during "
          f"the far run (goal ≤ {GOAL_STALL_MS:.0f} ms)")  # fmt: skip
    print(f"the run far / near: {ratio:.2f}× (goal ≤ {GOAL_RATIO:.0f}×); {far.round_trips} "
          f"round trips counted, {(far.seconds - near.seconds) / rtt:.0f} round trips' worth "
          "of time added")  # fmt: skip
    return 0 if stall <= GOAL_STALL_MS and ratio <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
