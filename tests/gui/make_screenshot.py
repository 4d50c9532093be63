"""Screenshot of the main window with a filled form, for docs/screenshots/.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m tests.gui.make_screenshot

Builds the window on a temporary database with three sample interfaces, exactly as the
program shows it (German, default window size), and saves ``form.png`` plus
``form-validation.png`` (the same form after a save with mistakes).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, time
from pathlib import Path

from keyring.backends import fail
from PySide6.QtCore import QSettings, QTime
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

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
from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.resources import APP_ICON, icon_file
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.translations import install_translators

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

SAMPLES = [
    InterfaceSettings(
        name="Zahlungen Steuerberater",
        branch="Optik Nord",
        workstation="KASSE-01",
        start_date=date(2026, 12, 1),
        import_format=ImportFormat.CLOSED_ITEMS,
        mandants=("1 Optik", "2 Hörakustik"),
        settle_until=SettleUntil.YESTERDAY,
        filename_filter="Zahlungen",
        run_time=time(7, 30),
        interval=Interval(IntervalKind.WEEKLY, weekdays=frozenset({Weekday.MON, Weekday.THU})),
        ftp=FtpSettings(
            protocol=Protocol.FTPS,
            host="ftp.steuerberater.example",
            directory="BUCHHALTUNG/IMPORTE/",
            date_subdirectories=True,
            user="filiale7",
        ),
        error_email="buchhaltung@filiale.example",
    ),
    InterfaceSettings(
        name="Kontoauszug Sparkasse",
        branch="Hörakustik Mitte",
        import_format=ImportFormat.CAMT053,
        mandants=("2 Hörakustik",),
        run_time=None,
        interval=Interval(IntervalKind.HOURLY, every_minutes=30),
        ftp=FtpSettings(protocol=Protocol.SFTP, host="sftp.bank.example", user="kto4711"),
    ),
    InterfaceSettings(
        name="DATEV Monatsabschluss",
        enabled=False,
        import_format=ImportFormat.DATEV_EXTF,
        mandants=("1 Optik",),
        run_time=time(21, 0),
        interval=Interval(IntervalKind.MONTHLY, day_of_month="last"),
        ftp=FtpSettings(host="ftp.datev.example", directory="EXTF/", user="buero"),
    ),
]


def main() -> int:
    app = QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(icon_file(APP_ICON))))
    install_translators(app, "de")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(sqlite_url(Path(tmp) / "screenshot.sqlite3"))
        repository = InterfaceRepository(db)
        for mandant in ("1 Optik", "2 Hörakustik", "3 Zentrale"):
            repository.catalog.add_mandant(mandant)
        for branch in ("Hörakustik Mitte", "Optik Nord"):
            repository.catalog.add_branch(branch)
        for settings in SAMPLES:
            repository.save(settings, password_stored=settings.name.startswith("Zahlungen"))
        # No keyring is touched: the screenshot saves nothing with a password.
        editor = InterfaceEditor(repository, SecretStore(fail.Keyring()))
        settings_file = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_main_window(editor, settings_file, "de", host_name="KASSE-01")
        window.show()
        window.select_interface("Zahlungen Steuerberater")
        QTest.qWait(500)
        window.grab().save(str(OUT / "form.png"))

        form = window.form
        form.directory_edit.setText("BUCHHALTUNG/IMPORTE")
        form.run_time_edit.setTime(QTime(5, 0))
        form.settle_combo.setCurrentIndex(form.settle_combo.findData("tomorrow"))
        window.save()
        QTest.qWait(300)
        window.grab().save(str(OUT / "form-validation.png"))
        window.hide()  # hidden, not closed: closing would ask about the unsaved mistakes
        db.dispose()
    print(f"saved {OUT / 'form.png'} and {OUT / 'form-validation.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
