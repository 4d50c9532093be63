"""Screenshots of the list with next and last runs, and of a run's history with a failed file.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tests.gui.make_run_screenshots

The screen is larger than the window's default size (1440×900), so the window has that
size and the form its two columns, every field in view; on a narrower screen it would
be one column that scrolls (make_small_screenshots shows that).

Everything is real except the clock of the plan: a local FTP server (pyftpdlib), the real
run pipeline booking into a temporary ledger, the scheduler's own planner for the next
runs and the staleness. Saves docs/screenshots/list-next-runs.png and history.png. The
window is that of HOST in branch BRANCH, where the FTP password was entered, the computer
the next runs are planned for.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.config import BRANCH_SETTING
from desktop_app.domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
    Weekday,
)
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.domain.schedule import latest_slot_at_or_before
from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.local_zone import local_zone
from desktop_app.jobs.run_import import ImportRunner
from desktop_app.jobs.run_now import ManualRun
from desktop_app.jobs.scheduler import SchedulerListener, SchedulerLoop
from desktop_app.jobs.scheduler_thread import SchedulerThread
from desktop_app.resources import APP_ICON, icon_file
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from desktop_app.store.schedule_state import FAILED, SKIPPED, ScheduleStateRepository
from desktop_app.store.secrets import SecretStore
from desktop_app.ui import ops
from desktop_app.ui.translations import install_translators
from tests.integration.servers import FULL_RIGHTS, start_ftp_server

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
HOST = "KASSE-01"
BRANCH = "Optik Nord"  # this computer's branch (QSettings "workstation/branch")
USER, PASSWORD = "filiale7", "Screenshot-Passwort-1"

PAID = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0001;;13.03.2026;1 Optik\r\n"
    "RE-2026-0002;59,90;13.03.2026;1 Optik\r\n"
    "RE-2026-0004;1.250,00;13.03.2026;1 Optik\r\n"
    "RE-2026-0999;10,00;13.03.2026;1 Optik\r\n"
).encode("cp1252")
PAID_LATER = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0003;238,00;14.03.2026;1 Optik\r\n"
    "RE-2026-0005;;14.03.2026;1 Optik\r\n"
    "RE-2026-0002;5,00;14.03.2026;1 Optik\r\n"
).encode("cp1252")
BROKEN = b"Rechnungsnummer;Betrag;Zahldatum\r\nRE-2026-0006;zwei Euro;14.03.2026\r\n"


class MemoryKeyring(KeyringBackend):
    """The screenshot's own keyring: nothing touches the user's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._items.pop((service, username), None)


def interfaces(port: int) -> list[InterfaceSettings]:
    local = FtpSettings(Protocol.FTP, "127.0.0.1", port, "IMPORT/", False, USER)
    return [
        InterfaceSettings(
            name="Zahlungen Steuerberater",
            branch="Optik Nord",
            import_format=ImportFormat.CLOSED_ITEMS,
            mandants=("1 Optik",),
            settle_until=SettleUntil.TODAY,
            filename_filter="Zahlungen",
            run_time=time(7, 30),
            interval=Interval(IntervalKind.DAILY),
            ftp=local,
        ),
        InterfaceSettings(
            name="Zahlungen Filiale Süd",
            branch="Optik Nord",
            import_format=ImportFormat.CLOSED_ITEMS,
            mandants=("1 Optik",),
            settle_until=SettleUntil.TODAY,
            filename_filter="Sued",
            run_time=time(6, 45),
            interval=Interval(IntervalKind.DAILY),
            ftp=FtpSettings(Protocol.FTPS, "ftp.filiale-sued.example", None, "OUT/", False, "sued"),
        ),
        InterfaceSettings(
            name="Kontoauszug Sparkasse",
            import_format=ImportFormat.CAMT053,
            mandants=("2 Hörakustik",),
            run_time=None,
            interval=Interval(IntervalKind.HOURLY, every_minutes=60),
            ftp=FtpSettings(Protocol.SFTP, "sftp.bank.example", None, "", False, "kto4711"),
        ),
        InterfaceSettings(
            name="Offene Posten Zentrale",
            import_format=ImportFormat.OPEN_ITEMS,
            mandants=("1 Optik", "2 Hörakustik"),
            run_time=time(6, 15),
            interval=Interval(IntervalKind.WEEKLY, weekdays=frozenset({Weekday.MON})),
            ftp=FtpSettings(Protocol.FTP, "ftp.zentrale.example", None, "OP/", False, "zentrale"),
        ),
        InterfaceSettings(
            name="DATEV Monatsabschluss",
            enabled=False,
            import_format=ImportFormat.DATEV_EXTF,
            mandants=("1 Optik",),
            run_time=time(21, 0),
            interval=Interval(IntervalKind.MONTHLY, day_of_month="last"),
            ftp=FtpSettings(Protocol.FTP, "ftp.datev.example", None, "EXTF/", False, "buero"),
        ),
    ]


def seed_ledger(db: Database) -> None:
    amounts = ["119,00", "59,90", "238,00", "1.250,00", "89,00", "412,50"]
    rows = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
        f"RE-2026-{i:04d};1 Optik;0{i}.02.2026;{a}\n" for i, a in enumerate(amounts, 1)
    )
    Ledger(db).import_invoices(read_invoices(rows.encode(), file_name="ledger.csv"))


def wait_for(condition, timeout_ms: int = 30000) -> None:
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("the screenshot waited in vain")
        QTest.qWait(50)
        waited += 50


def settle() -> None:
    wait_for(lambda: ops.pending_count() == 0)
    QTest.qWait(400)  # let what arrived paint


def plan(db: Database, now: datetime) -> tuple[dict, list]:
    """The scheduler's own view: next runs and staleness, without running anything."""
    heard: dict[str, object] = {}

    class Listener(SchedulerListener):
        def next_runs_changed(self, next_runs) -> None:
            heard["next"] = dict(next_runs)

        def stale_changed(self, stale) -> None:
            heard["stale"] = list(stale)

    def refuse(name, *_args) -> str:
        raise AssertionError(f"the screenshot runs nothing by schedule ({name})")

    loop = SchedulerLoop(
        db, refuse, this_computer=HOST, this_branch=BRANCH, listener=Listener(), now=lambda: now
    )
    loop.run_pending()
    return heard["next"], heard["stale"]


def main() -> int:
    app = QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(icon_file(APP_ICON))))
    install_translators(app, "de")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ftp"
        (root / "IMPORT").mkdir(parents=True)
        server = start_ftp_server(root, {USER: (PASSWORD, FULL_RIGHTS)})
        db = Database(sqlite_url(Path(tmp) / "screenshot.sqlite3"))
        repository = InterfaceRepository(db)
        for mandant in ("1 Optik", "2 Hörakustik"):
            repository.catalog.add_mandant(mandant)
        for branch in ("Hörakustik Mitte", "Optik Nord"):
            repository.catalog.add_branch(branch)
        seed_ledger(db)
        secrets = SecretStore(MemoryKeyring())
        # The password is entered on HOST, the computer whose plan and status bar are shown:
        # else the plan would find its holder elsewhere and leave the interface unplanned.
        editor = InterfaceEditor(repository, secrets, computer=HOST)
        for settings in interfaces(server.port):
            editor.save(settings, password=PASSWORD if settings.ftp.port else None)

        # Two real runs of "Zahlungen Steuerberater": one books, one keeps a broken file.
        runner = ImportRunner(db, secrets, settle_seconds=0, timeout=10, computer=HOST)
        (root / "IMPORT" / "Zahlungen_2026-03-13.csv").write_bytes(PAID)
        runner.run("Zahlungen Steuerberater", trigger="schedule")
        (root / "IMPORT" / "Zahlungen_2026-03-14.csv").write_bytes(PAID_LATER)
        (root / "IMPORT" / "Zahlungen_2026-03-14_nachtrag.csv").write_bytes(BROKEN)
        ManualRun(runner)("Zahlungen Steuerberater")
        server.stop()

        # What the schedule remembers of the others (no server to reach from here). Each
        # remembers its newest slot, whatever the day and hour: an older one would be a
        # missed slot, which the plan would catch up at once instead of showing its next.
        now = datetime.now(UTC)
        states = ScheduleStateRepository(db)
        stored = {s.settings.name: s for s in repository.list()}

        def newest_slot(name: str) -> tuple[int, datetime]:
            slot = latest_slot_at_or_before(stored[name].settings, now, local_zone())
            assert slot is not None, name
            return stored[name].id, slot

        sued, slot = newest_slot("Zahlungen Filiale Süd")
        states.record_slot_finished(sued, None, "ok", slot - timedelta(days=4))
        states.record_slot_started(sued, slot, slot)
        states.record_slot_finished(
            sued, slot, FAILED, slot + timedelta(minutes=2),
            retry_at=lambda _n: now + timedelta(minutes=40),
        )  # fmt: skip
        op, slot = newest_slot("Offene Posten Zentrale")
        states.record_slot_started(op, slot, slot)
        states.record_slot_finished(op, slot, SKIPPED, slot)
        next_runs, stale = plan(db, now)

        settings_file = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings_file.setValue(BRANCH_SETTING, BRANCH)  # the branch the plan was made for
        scheduler = SchedulerThread(db, lambda *_: "ok")  # never started: signals only
        window = build_main_window(
            editor,
            settings_file,
            "de",
            host_name=HOST,
            scheduler=scheduler,
            manual_run=ManualRun(runner),
        )
        window.show()
        scheduler.next_runs_changed.emit(next_runs)
        scheduler.stale_changed.emit(stale)
        wait_for(lambda: window.is_filled)  # the list reads its rows in the background
        window.select_interface("Zahlungen Steuerberater")
        settle()  # and the last runs
        window.grab().save(str(OUT / "list-next-runs.png"))

        history = window.show_history("Zahlungen Steuerberater")
        wait_for(lambda: not history.loading)  # read in the background
        settle()
        history.grab().save(str(OUT / "history.png"))
        history.close()
        window.hide()
        db.dispose()
    print(f"saved {OUT / 'list-next-runs.png'} and {OUT / 'history.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
