"""Screenshots of the eye button for docs/screenshots/ (issue 6).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m tests.gui.make_reveal_screenshots

An administrator is logged in, the chain option is on, the sample interfaces are stored
(one with a password, in a keyring that lives in this process's memory only). Saves
``reveal-dialog.png`` (the question for the own password, after one wrong entry) and
``password-revealed.png`` (the main window with the password shown in the form).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.demo import MemoryKeyring
from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.users import Group
from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.user_session import UserSession
from desktop_app.resources import APP_ICON, icon_file
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.secrets import SecretStore
from desktop_app.store.users import UserRepository
from desktop_app.ui import ops
from desktop_app.ui.translations import install_translators

from .make_screenshot import SAMPLES

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHOWN = "Zahlungen Steuerberater"


def _settle() -> None:
    """Let the background checks deliver and the window paint."""
    for _ in range(200):
        QTest.qWait(25)
        if ops.pending_count() == 0:
            break
    QTest.qWait(300)


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
        repository.catalog.set_chain_options(ChainOptions(admins_may_reveal_passwords=True))
        secrets = SecretStore(MemoryKeyring())  # nothing reaches a real keyring
        editor = InterfaceEditor(repository, secrets)
        for settings in SAMPLES:
            if settings.name == SHOWN:
                editor.save(settings, password="Filiale7-Ftp!2026")
            else:
                repository.save(settings)
        admin = UserRepository(db).create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
        session = UserSession.open(db, secrets, admin)

        settings_file = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_main_window(
            editor, settings_file, "de", host_name="KASSE-01", session=session
        )
        window.show()
        window.select_interface(SHOWN)
        _settle()

        field = window.form.password_field
        field.reveal_button().click()
        dialog = field.reveal_dialog()
        _settle()
        dialog.password_edit.setText("vertippt")
        dialog.show_button.click()
        _settle()
        dialog.password_edit.setText("Chefin-Pa")  # typing the right one, half-way
        _settle()
        dialog.grab().save(str(OUT / "reveal-dialog.png"))

        dialog.password_edit.setText("Chefin-Passwort-1")
        dialog.show_button.click()
        _settle()
        assert field.is_revealed(), "the password was not shown"
        window.grab().save(str(OUT / "password-revealed.png"))
        field.set_revealed(False)
        window.hide()
        db.dispose()
    print(f"saved {OUT / 'reveal-dialog.png'} and {OUT / 'password-revealed.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
