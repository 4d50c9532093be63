"""A stored FTP password goes only to the server it was stored for: whoever may edit
the form cannot have it sent elsewhere by the Test or by saving other values beside it
(PRODUCT.md §5: only an administrator sees it, after entering their own password)."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import socket
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.domain.interface import Protocol
from desktop_app.domain.validation import FTP_PASSWORD

from .helpers import type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    FTP_SECRET,
    clock,
    session_for,
    session_window,
    staff,
    users,
)


def listening_server() -> tuple[int, list[str]]:
    """A plain socket that answers like an FTP server and keeps every line it gets: a
    server someone set up to collect passwords."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    heard: list[str] = []

    def serve() -> None:
        try:
            connection, _ = server.accept()
        except OSError:
            return  # closed unused: nobody connected
        with connection, connection.makefile("rwb", buffering=0) as lines:
            connection.sendall(b"220 ready\r\n")
            for line in lines:
                heard.append(line.decode(errors="replace").strip())
                connection.sendall(b"331 go on\r\n" if line.startswith(b"USER") else b"530 no\r\n")

    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()[1], heard


def _point_at(qtbot, form, port: int) -> None:
    form.protocol_combo.setCurrentIndex(form.protocol_combo.findData(Protocol.FTP.value))
    type_into(qtbot, form.host_edit, "127.0.0.1")
    type_into(qtbot, form.port_edit, str(port))


def test_the_test_never_sends_the_stored_password_to_other_values(
    qtbot, session_window, editor, session_for, staff, sample_settings
):
    editor.save(sample_settings.with_changes(workstation=None), password=FTP_SECRET)
    window = session_window(editor, session_for(staff))
    port, heard = listening_server()
    _point_at(qtbot, window.form, port)
    panel = window.form.ftp_test
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "gilt nur für FTPS ftp.steuerberater.example" in panel.summary_label.text()
    assert "Passwort neu eingeben" in panel.summary_label.text()
    assert heard == [] and not panel.is_running()


def test_saving_other_server_values_beside_the_stored_password_is_refused(
    qtbot, session_window, editor, session_for, staff, sample_settings, repository
):
    before = editor.save(sample_settings.with_changes(workstation=None), password=FTP_SECRET)
    window = session_window(editor, session_for(staff))
    window.errors = []
    window.show_error = window.errors.append
    port, _heard = listening_server()
    _point_at(qtbot, window.form, port)
    window.save()
    wait_idle(qtbot)
    assert "Passwort neu eingeben" in window.form.message_for(FTP_PASSWORD)
    assert repository.get(before.settings.name).settings.ftp == before.settings.ftp

    type_into(qtbot, window.form.password_field.line_edit(), "Fuer-den-neuen-Server-1")
    window.save()
    wait_idle(qtbot)
    assert repository.get(before.settings.name).settings.ftp.port == port


def test_the_field_says_the_stored_password_is_for_the_old_server(
    qtbot, session_window, editor, session_for, staff, sample_settings
):
    """The field does not offer to keep a password the save would refuse to keep: it
    says which server it is for and asks for the password of the values typed now."""
    editor.save(sample_settings.with_changes(workstation=None), password=FTP_SECRET)
    window = session_window(editor, session_for(staff))
    field = window.form.password_field
    state = field.findChild(QLabel, "passwordState")
    assert "leer lassen, um es zu behalten" in state.text()
    assert "gespeichert" in field.line_edit().placeholderText()

    type_into(qtbot, window.form.host_edit, "ftp.anderer-server.example")
    assert state.text() == (
        "Das gespeicherte Passwort gilt nur für FTPS ftp.steuerberater.example:2121, "
        f"{sample_settings.ftp.user}; für den jetzt eingegebenen Server, Port, Benutzer und "
        "das Protokoll bitte das Passwort eingeben."
    )
    assert field.line_edit().placeholderText() == "Passwort eingeben"
    assert field.clear_button().isVisible()  # deleting it is still what the save would do

    type_into(qtbot, field.line_edit(), "Fuer-den-neuen-Server-1")
    assert "beim Speichern im Schlüsselbund abgelegt" in state.text()
    type_into(qtbot, field.line_edit(), "")
    type_into(qtbot, window.form.host_edit, "FTP.Steuerberater.example")  # the same server
    assert "leer lassen, um es zu behalten" in state.text()

    # Another interface shown starts with what applies to it.
    type_into(qtbot, window.form.user_edit, "jemand-anders")
    assert "gilt nur für" in state.text()
    window.form.discardRequested.emit()
    wait_idle(qtbot)
    assert "leer lassen, um es zu behalten" in state.text()
