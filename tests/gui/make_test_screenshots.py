"""Screenshots of the form's FTP Test results, for docs/screenshots/.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m tests.gui.make_test_screenshots

Starts real servers on loopback ports (as the integration tests do) and saves
``test-ok.png`` (every step passed, and an e-mail test sent), ``test-certificate.png``
(FTPS with a self-signed certificate: refused, with its fingerprint and the trust action)
and ``test-smtp-dialog.png`` (the SMTP-Postausgangsserver dialog after its Test).
No keyring is touched: the password is typed into the form, not saved.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import time
from pathlib import Path

from keyring.backends import fail
from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from desktop_app.domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
)
from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.resources import APP_ICON, icon_file
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.secrets import SecretStore
from desktop_app.store.smtp_store import SmtpStore
from desktop_app.ui import ops
from desktop_app.ui.main_window import MainWindow, UnsavedChoice
from desktop_app.ui.translations import install_translators

from ..integration.servers import FULL_RIGHTS, make_certificate, start_ftp_server, start_smtp_server
from .make_run_screenshots import wait_for

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
USER, PASSWORD = "filiale7", "Screenshot-Passwort-1!"


def interface(name: str, protocol: Protocol, port: int) -> InterfaceSettings:
    return InterfaceSettings(
        name=name,
        import_format=ImportFormat.CLOSED_ITEMS,
        mandants=("1 Optik",),
        settle_until=SettleUntil.YESTERDAY,
        filename_filter="Zahlungen",
        run_time=time(7, 30),
        interval=Interval(IntervalKind.DAILY),
        ftp=FtpSettings(
            protocol=protocol, host="127.0.0.1", port=port, directory="IMPORTE/", user=USER
        ),
        error_email="buchhaltung@filiale.example",
    )


def test_and_grab(window: MainWindow, name: str, path: Path) -> None:
    window.select_interface(name)
    form = window.form
    panel = form.ftp_test
    assert panel is not None
    QTest.keyClicks(form.password_field.line_edit(), PASSWORD)  # typed, not saved
    finished = []
    panel.finished.connect(finished.append)
    panel.test_button.click()
    wait_for(lambda: bool(finished))
    wait_for(lambda: ops.pending_count() == 0)
    QTest.qWait(300)
    scroll = form.findChild(QScrollArea)
    scroll.ensureWidgetVisible(panel.steps_view, 0, 0)
    QTest.qWait(200)
    window.grab().save(str(path))


def main() -> int:
    app = QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(icon_file(APP_ICON))))
    install_translators(app, "de")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ftp-root"
        (root / "IMPORTE").mkdir(parents=True)
        (root / "IMPORTE" / "Zahlungen-2026-11-30.csv").write_text("R-1;5,00\n")
        users = {USER: (PASSWORD, FULL_RIGHTS)}
        plain = start_ftp_server(root, users)
        db = Database(sqlite_url(Path(tmp) / "screenshot.sqlite3"))
        repository = InterfaceRepository(db)
        repository.catalog.add_mandant("1 Optik")
        repository.save(interface("Zahlungen Steuerberater", Protocol.FTP, plain.port))
        smtp = start_smtp_server()
        SmtpStore(db).save(
            SmtpSettings(smtp.host, smtp.port, SmtpSecurity.NONE, sender="import@kette.example")
        )
        editor = InterfaceEditor(repository, SecretStore(fail.Keyring()))
        settings_file = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_main_window(editor, settings_file, "de", host_name="KASSE-01")
        window.show()
        QTest.qWait(300)
        # The list narrow, the form wide: the results are what the pictures are about.
        window.splitter.setSizes([280, sum(window.splitter.sizes()) - 280])

        window.form.email_test.start()
        wait_for(lambda: window.form.email_test.button.isEnabled())
        test_and_grab(window, "Zahlungen Steuerberater", OUT / "test-ok.png")
        plain.stop()

        cert = make_certificate(Path(tmp), "ftps")
        secure = start_ftp_server(root, users, tls=cert)
        repository.save(interface("Kontoauszug FTPS", Protocol.FTPS, secure.port))
        window.reload_list()
        wait_for(lambda: ops.pending_count() == 0)
        window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD  # the typed password
        test_and_grab(window, "Kontoauszug FTPS", OUT / "test-certificate.png")
        secure.stop()

        dialog = window.open_smtp_dialog()
        wait_for(lambda: not dialog.busy)
        dialog.test_button.click()
        wait_for(dialog.test_button.isEnabled)
        QTest.qWait(300)
        dialog.grab().save(str(OUT / "test-smtp-dialog.png"))
        dialog.reject()
        smtp.stop()
        window.hide()  # hidden, not closed: closing would ask about the typed password
        db.dispose()
    print(f"saved test-ok.png, test-certificate.png and test-smtp-dialog.png in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
