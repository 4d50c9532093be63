"""The FTP password through the form: into the real keyring and nowhere else; kept when
untouched; deleted on request; never lost when the keyring refuses."""

from __future__ import annotations

import logging
import threading

import keyring.backend
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLineEdit, QToolButton

from desktop_app.config import AppPaths, setup_logging
from desktop_app.domain.validation import FTP_PASSWORD
from desktop_app.jobs.interface_edit import KEEP_PASSWORD, InterfaceEditor
from desktop_app.store.secrets import SecretStore, ftp_key
from desktop_app.ui.widgets.password_field import PasswordField

from .helpers import fill_form, type_into, wait_idle

PASSWORD = "Gehe1m-Ftp-Passwort!"  # test data, typed into the form


def _valid(sample_settings):
    return sample_settings.with_changes(workstation=None)


def _save_new(qtbot, window, settings, password):
    window.new_interface()
    fill_form(qtbot, window.form, settings, password=password)
    qtbot.mouseClick(window.form.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


@pytest.fixture
def app_log(data_dir, db):
    """The program's real log file, as the desktop program writes it, at DEBUG."""
    paths = AppPaths(data_dir=data_dir, db_url=db.url)
    root = logging.getLogger()
    level = root.level
    setup_logging(paths, level=logging.DEBUG)
    yield paths.log_file
    root.setLevel(level)  # later tests must not inherit DEBUG
    for handler in list(root.handlers):
        if getattr(handler, "_desktop_app", False):
            root.removeHandler(handler)
            handler.close()


def test_password_goes_to_the_keyring_and_nowhere_else(
    qtbot,
    make_window,
    editor,
    secret_store,
    repository,
    sample_settings,
    data_dir,
    db,
    settings_file,
    app_log,
    caplog,
):
    caplog.set_level(logging.DEBUG)
    window = make_window(editor)
    _save_new(qtbot, window, _valid(sample_settings), PASSWORD)

    stored = repository.get(sample_settings.name)
    assert stored.password_stored
    assert secret_store.get(ftp_key(stored.uid)) == PASSWORD
    # The field forgets the text and only says that a password is stored.
    field = window.form.password_field
    assert field.line_edit().text() == ""
    assert "gespeichert" in field.line_edit().placeholderText()
    assert field.password_change() is KEEP_PASSWORD

    window.close()  # writes the settings file
    db.dispose()  # checkpoints SQLite's write-ahead log into the file
    assert settings_file.exists() and app_log.exists()
    needle = PASSWORD.encode()
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files)
    for path in files:
        content = path.read_bytes()
        assert needle not in content, path
        assert PASSWORD.encode("utf-16-le") not in content, path
    assert PASSWORD not in caplog.text
    assert all(PASSWORD not in repr(r.args) for r in caplog.records)


def test_untouched_password_field_keeps_the_stored_password(
    qtbot, make_window, editor, secret_store, repository, sample_settings
):
    window = make_window(editor)
    _save_new(qtbot, window, _valid(sample_settings), PASSWORD)
    window.close()

    reopened = make_window(editor)
    reopened.select_interface(sample_settings.name)
    field = reopened.form.password_field
    assert field.line_edit().text() == ""  # never loaded into the widget
    assert field.line_edit().placeholderText() == "•••••••• (gespeichert)"
    type_into(qtbot, reopened.form.filename_edit, "Andere")
    reopened.save()
    wait_idle(qtbot)

    stored = repository.get(sample_settings.name)
    assert stored.settings.filename_filter == "Andere"
    assert stored.password_stored
    assert secret_store.get(ftp_key(stored.uid)) == PASSWORD


def test_a_new_password_replaces_and_delete_removes(
    qtbot, make_window, editor, secret_store, repository, sample_settings
):
    window = make_window(editor)
    _save_new(qtbot, window, _valid(sample_settings), PASSWORD)
    uid = repository.get(sample_settings.name).uid

    type_into(qtbot, window.form.password_field.line_edit(), "Neues-Passwort-2")
    window.save()
    wait_idle(qtbot)
    assert secret_store.get(ftp_key(uid)) == "Neues-Passwort-2"

    qtbot.mouseClick(
        window.form.password_field.findChild(QToolButton, "clearPasswordButton"),
        Qt.MouseButton.LeftButton,
    )
    assert window.form.is_dirty()
    window.save()
    wait_idle(qtbot)
    assert secret_store.get(ftp_key(uid)) is None
    assert not repository.get(sample_settings.name).password_stored
    assert window.form.password_field.line_edit().placeholderText() == ""


def test_no_keyring_nothing_saved_nothing_lost(
    qtbot, make_window, no_keyring_editor, repository, sample_settings
):
    window = make_window(no_keyring_editor)
    settings = _valid(sample_settings)
    _save_new(qtbot, window, settings, PASSWORD)

    message = window.form.message_for(FTP_PASSWORD)
    assert "kein Schlüsselbund" in message
    assert message.endswith("Um ohne Passwort zu speichern, das Passwortfeld leeren.")
    assert window.errors == []  # said once, next to the field, not again in a box
    assert repository.names() == []
    assert window.form.password_field.line_edit().text() == PASSWORD
    assert window.form.settings() == settings
    assert window.form.is_dirty()
    assert all(g.isEnabled() for g in window.form.findChildren(QGroupBox))
    assert window.form.status_label.text() == (
        "Nicht gespeichert: Das Passwort konnte nicht gespeichert werden (siehe Passwort)."
    )


class BlockingKeyring(keyring.backend.KeyringBackend):
    """A keyring that waits, like the Secret Service behind an unlock prompt."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()
        self.passwords: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entered.set()
        assert self.release.wait(20), "the test never released the keyring"
        self.passwords[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


def test_a_waiting_keyring_never_blocks_the_window(qtbot, make_window, repository, sample_settings):
    backend = BlockingKeyring()
    window = make_window(InterfaceEditor(repository, SecretStore(backend)))
    window.new_interface()
    fill_form(qtbot, window.form, _valid(sample_settings), password=PASSWORD)
    qtbot.mouseClick(window.form.save_button, Qt.MouseButton.LeftButton)

    # The click returned while the keyring still waits: the event loop runs on.
    qtbot.waitUntil(backend.entered.is_set)
    assert window.busy
    assert not window.form.save_button.isEnabled()
    assert not any(g.isEnabled() for g in window.form.findChildren(QGroupBox))
    assert window.form.status_label.text() == "Wird gespeichert …"
    ticks = []
    qtbot.waitUntil(lambda: ticks.append(1) or len(ticks) > 3)  # the GUI thread is free
    assert repository.names() == []

    backend.release.set()
    wait_idle(qtbot)
    assert not window.busy
    assert repository.get(sample_settings.name).password_stored
    assert window.form.status_label.text() == "Gespeichert."


def test_closing_during_a_save_waits_for_it(qtbot, make_window, repository, sample_settings):
    backend = BlockingKeyring()
    window = make_window(InterfaceEditor(repository, SecretStore(backend)))
    window.new_interface()
    fill_form(qtbot, window.form, _valid(sample_settings), password=PASSWORD)
    window.save()
    qtbot.waitUntil(backend.entered.is_set)
    window.close()
    assert window.isVisible()  # not while the keyring may still show a prompt
    backend.release.set()
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert repository.get(sample_settings.name).password_stored


# --- the widget on its own ----------------------------------------------------------------


@pytest.fixture
def field(qtbot, german):
    widget = PasswordField()
    qtbot.addWidget(widget)
    return widget


def test_field_reports_keep_new_or_clear(qtbot, field):
    assert field.password_change() is KEEP_PASSWORD
    field.set_stored(True)
    assert field.password_change() is KEEP_PASSWORD
    type_into(qtbot, field.line_edit(), "abc")
    assert field.password_change() == "abc"
    type_into(qtbot, field.line_edit(), "")
    assert field.password_change() is KEEP_PASSWORD  # emptied by typing: nothing to change
    field.clear_password()
    assert field.password_change() == ""
    type_into(qtbot, field.line_edit(), "xyz")
    assert field.password_change() == "xyz"  # typed after clearing: the new one wins
    field.set_stored(True)
    assert field.password_change() is KEEP_PASSWORD


def test_field_shows_that_a_password_is_stored_without_having_it(field):
    edit = field.line_edit()
    clear = field.findChild(QToolButton, "clearPasswordButton")
    assert not clear.isVisibleTo(field)
    field.set_stored(True)
    assert edit.text() == ""
    assert edit.placeholderText() == "•••••••• (gespeichert)"
    assert clear.isVisibleTo(field)
    assert clear.text() == "Passwort löschen"
    clear.click()
    assert edit.placeholderText() == ""
    assert not clear.isVisibleTo(field)


def test_field_text_cannot_be_copied(field):
    edit = field.line_edit()
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert edit.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def test_revealed_is_the_one_switch_for_readable_text(qtbot, field):
    edit = field.line_edit()
    field.set_stored(True)
    assert field.property("revealed") is False
    # Without a session that allows it (issue 6) the switch refuses: no dialog, no text.
    # What an administrator sees is tested in test_reveal.py.
    with qtbot.assertNotEmitted(field.revealedChanged):
        field.setProperty("revealed", True)
    assert field.is_revealed() is False
    assert field.reveal_dialog() is None
    assert edit.echoMode() == QLineEdit.EchoMode.Password
