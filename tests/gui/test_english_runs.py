""" "Jetzt ausführen" and the history in English: the run's steps, its result and the
reasons of the rows not booked, from a real FTP server, with no German that bypassed the
catalogue."""

# ruff: noqa: F811 (the fixtures imported by name are the tests' parameters)

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop_app.gui_runtime import build_main_window
from desktop_app.ui.main_window import UnsavedChoice

from ..integration.conftest import PASSWORD, USER, serve_ftp  # noqa: F401 - a fixture by name
from .conftest import TEST_HOST
from .english_texts import german_in, german_texts
from .helpers import wait_idle
from .run_fixtures import *  # noqa: F403 (the fixtures)
from .run_fixtures import GOOD, step_messages
from .test_english import english  # noqa: F401 - a fixture by name

RUN_TIMEOUT = 30_000  # ms; a loaded 2-core machine, never a timing assertion
# The test's data: the interface, its file, host and the ledger's names.
DATA = ("Zahlungen_0313.csv", "Zahlungen", "Optik Nord", "127.0.0.1", "IMPORT/")


def test_a_run_and_its_history_are_english(
    qtbot, english, settings_file, editor, payments, import_dir, ledger, manual_run
):
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)  # RE-2026-0999 is no invoice
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(editor, settings, "en", host_name=TEST_HOST, manual_run=manual_run)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)
    window.select_interface("Zahlungen")
    wait_idle(qtbot)
    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=RUN_TIMEOUT)
    steps = step_messages(dialog)
    assert "Connecting to 127.0.0.1" in steps
    assert "File 1 of 1: Zahlungen_0313.csv" in steps
    assert "Deleting Zahlungen_0313.csv on the server" in steps
    assert german_texts(dialog, DATA) == []

    history = window.show_history("Zahlungen")
    qtbot.waitUntil(lambda: history.skipped_model.rowCount() == 1, timeout=10_000)
    reason = history.skipped_model.index(0, 3).data()
    assert reason == "No invoice with this number for the chosen clients."
    assert german_texts(history, DATA) == []
    history.close()
    wait_idle(qtbot)
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.close()
    window.deleteLater()


def test_a_reason_stored_before_it_had_a_code_shows_its_stored_text(english):
    from desktop_app.ui.history_view import reason_text

    old = {"line": 4, "reason": "Keine Rechnung mit dieser Nummer bei den gewählten Mandanten."}
    assert reason_text(old) == old["reason"]
    new = {**old, "detail": {"code": "not-found", "params": {}}}
    assert reason_text(new) == "No invoice with this number for the chosen clients."
    unknown = {**old, "detail": {"code": "from-a-newer-version", "params": {}}}
    assert reason_text(unknown) == old["reason"]


def test_the_ftp_test_speaks_english(qtbot, english, no_keyring_editor, serve_ftp):
    """Every step's line, a success and a refused login, against a real FTP server."""
    from desktop_app.ui.interface_form import InterfaceForm

    from .test_ftp_test_gui import enter_ftp, run_test

    server = serve_ftp()
    texts = []
    for password in (PASSWORD, "wrong"):
        form = InterfaceForm("en", TEST_HOST, editor=no_keyring_editor, test_timeout=5.0)
        qtbot.addWidget(form)
        form.resize(640, 1000)
        form.show()
        enter_ftp(qtbot, form, server.host, server.port, password=password)
        run_test(qtbot, form.ftp_test)
        view = form.ftp_test.steps_view
        texts += [view.message(key) for key in view.step_keys()]
        assert german_texts(form.ftp_test, (server.host, USER)) == []
    assert f"Logged in as “{USER}”." in texts
    assert "Not run, because an earlier step failed." in texts
    assert not any(german_in(text) for text in texts), texts
    wait_idle(qtbot)
