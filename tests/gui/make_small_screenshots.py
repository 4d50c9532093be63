"""Screenshots on a 1024×768 screen, for docs/screenshots/:

    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python -m tests.gui.make_small_screenshots

``small-main.png`` (the list with its next and last runs, and the form, the window as
large as the screen allows),
``small-test-failed.png`` (the form after a Test whose login failed, the results
scrolled into view), ``small-history.png`` (Verlauf of an interface with a failed file)
and ``small-import.png`` (Datei importieren with its preview). Real servers on loopback
ports and the real run pipeline, as in make_run_screenshots; nothing touches the user's
keyring. The window is that of HOST in branch BRANCH, where the FTP password was entered,
the computer the next runs are planned for; the sample ledger's Mandanten carry the names
the interfaces and payment files use.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.config import BRANCH_SETTING
from desktop_app.domain.users import Group
from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import ImportRunner
from desktop_app.jobs.run_now import ManualRun
from desktop_app.jobs.scheduler_thread import SchedulerThread
from desktop_app.resources import APP_ICON, icon_file
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.secrets import SecretStore
from desktop_app.store.users import UserRepository
from desktop_app.ui.main_window import UnsavedChoice
from desktop_app.ui.translations import install_translators

from ..integration.servers import FULL_RIGHTS, start_ftp_server
from .ledger_samples import fill_ledger, sample
from .make_run_screenshots import (
    BRANCH,
    BROKEN,
    HOST,
    PASSWORD,
    USER,
    MemoryKeyring,
    interfaces,
    plan,
    settle,
    wait_for,
)

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# The Mandanten of the sample ledger by the names the interfaces and payment files use.
NAMED = {"1": "1 Optik", "2": "2 Hörakustik"}

# What the FTP runs pay: invoices of the sample ledger that the sample file of the import
# preview leaves alone (RE-2026-0001 … 0006), so that preview still finds them open.
PAID = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0011;;13.03.2026;1 Optik\r\n"
    "RE-2026-0012;714,00;13.03.2026;1 Optik\r\n"
    "RE-2026-0014;416,50;13.03.2026;1 Optik\r\n"
    "RE-2026-0999;10,00;13.03.2026;1 Optik\r\n"
).encode("cp1252")
PAID_LATER = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0013;29,75;14.03.2026;1 Optik\r\n"
    "RE-2026-0015;;14.03.2026;1 Optik\r\n"
    "RE-2026-0012;5,00;14.03.2026;1 Optik\r\n"
).encode("cp1252")


def fits_screen(widget: QWidget) -> str:
    """ "" when ``widget``'s frame fits the screen's available area, else what sticks out."""
    screen = QGuiApplication.primaryScreen().availableGeometry()
    frame = widget.frameGeometry()
    if screen.contains(frame):
        return ""
    size, room = frame.size(), screen.size()
    name = type(widget).__name__
    return f"{name} {size.width()}×{size.height()} > {room.width()}×{room.height()}"


def named_sample(folder: Path, name: str) -> Path:
    """A copy of sample file ``name`` in ``folder`` whose Mandant column names the Mandanten
    as the catalogue does (the samples say "1" and "2")."""
    lines = sample(name).read_text(encoding="cp1252").splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        rest, mandant = line.rsplit(";", 1)
        rows.append(f"{rest};{NAMED.get(mandant, mandant)}")
    copy = folder / name
    copy.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return copy


def main() -> int:
    app = QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(icon_file(APP_ICON))))
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    install_translators(app, "de")
    OUT.mkdir(parents=True, exist_ok=True)
    too_big: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ftp"
        (root / "IMPORT").mkdir(parents=True)
        server = start_ftp_server(root, {USER: (PASSWORD, FULL_RIGHTS)})
        db = Database(sqlite_url(Path(tmp) / "screenshot.sqlite3"))
        repository = InterfaceRepository(db)
        fill_ledger(db)  # Mandant 1 and 2 with the invoices the sample files pay
        for number, name in NAMED.items():  # one set of Mandanten, named as the chain has them
            repository.catalog.update_mandant(number, name, None, None)
        secrets = SecretStore(MemoryKeyring())
        # The password is entered on HOST, the computer whose plan and status bar are shown:
        # else the plan would find its holder elsewhere and leave the interface unplanned.
        editor = InterfaceEditor(repository, secrets, computer=HOST)
        for settings in interfaces(server.port):
            editor.save(settings, password=PASSWORD if settings.ftp.port else None)
        runner = ImportRunner(db, secrets, settle_seconds=0, timeout=10, computer=HOST)
        (root / "IMPORT" / "Zahlungen_2026-03-13.csv").write_bytes(PAID)
        runner.run("Zahlungen Steuerberater", trigger="schedule")
        (root / "IMPORT" / "Zahlungen_2026-03-14.csv").write_bytes(PAID_LATER)
        (root / "IMPORT" / "Zahlungen_2026-03-14_nachtrag.csv").write_bytes(BROKEN)
        ManualRun(runner)("Zahlungen Steuerberater")

        next_runs, _stale = plan(db, datetime.now(UTC))

        settings_file = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings_file.setValue(BRANCH_SETTING, BRANCH)  # the branch the plan was made for
        # Logged in as the branch's staff, as on a real day (the status bar says who).
        user = UserRepository(db).create("filiale7", "ein-langes-Passwort", Group.STAFF)
        scheduler = SchedulerThread(db, lambda *_: "ok")  # never started: signals only
        window = build_main_window(
            editor,
            settings_file,
            "de",
            host_name=HOST,
            scheduler=scheduler,
            manual_run=ManualRun(runner),
            user=user,
        )
        window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
        window.show()
        scheduler.next_runs_changed.emit(next_runs)  # the run times the list shows
        wait_for(lambda: window.is_filled)  # the list reads its rows in the background
        window.select_interface("Zahlungen Steuerberater")
        settle()
        too_big.append(fits_screen(window))
        window.grab().save(str(OUT / "small-main.png"))

        # A Test with a wrong password: it fails at the login, the steps scroll into view.
        form = window.form
        QTest.keyClicks(form.password_field.line_edit(), "falsches-Passwort")
        finished: list[object] = []
        form.ftp_test.finished.connect(finished.append)
        form.ftp_test.test_button.click()
        wait_for(lambda: bool(finished))
        settle()
        window.grab().save(str(OUT / "small-test-failed.png"))

        history = window.show_history("Zahlungen Steuerberater")
        wait_for(lambda: not history.loading)
        settle()
        too_big.append(fits_screen(history))
        history.grab().save(str(OUT / "small-history.png"))
        history.close()

        dialog = window.open_import_preview()
        settle()
        dialog.load_file(named_sample(Path(tmp), "geschlossene_posten.csv"))
        settle()
        dialog.set_mandants([NAMED["1"]])
        dialog.preview()
        settle()
        too_big.append(fits_screen(dialog))
        dialog.grab().save(str(OUT / "small-import.png"))
        dialog.close()

        smtp = window.open_smtp_dialog()  # checked for its size, not pictured
        settle()
        too_big.append(fits_screen(smtp))
        smtp.close()

        server.stop()
        window.hide()
        db.dispose()
    problems = [p for p in too_big if p]
    for problem in problems:
        print("does not fit:", problem)
    print(f"saved small-*.png in {OUT}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
