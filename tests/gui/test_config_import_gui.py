"""Verwaltung → Konfiguration exportieren / importieren: the preview lists every change
before anything is written, the import applies it as the logged-in administrator and
names the passwords this computer still lacks; a wrong file imports nothing."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from desktop_app.domain.interface_json import to_json
from desktop_app.store import audit
from desktop_app.store.catalog import Catalog
from desktop_app.ui.config_import_dialog import ConfigImportDialog

from .helpers import wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    FAST,
    admin,
    audit_log,
    clock,
    session_for,
    session_window,
    staff,
    users,
)

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811


def _config(sample_settings, **changes) -> dict:
    interface = to_json(sample_settings)
    return {
        "schema": 1,
        "kind": "desktop-app-config",
        "branches": ["Optik Nord", "Optik Süd"],
        "mandants": [{"name": "1", "datev_berater": 12345, "datev_mandant": 9}],
        "interfaces": [interface],
        **changes,
    }


def _open(qtbot, window, path) -> ConfigImportDialog:
    dialog = window.administration.import_config(path)
    assert isinstance(dialog, ConfigImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    wait_idle(qtbot)
    return dialog


def test_preview_then_import_as_the_administrator(
    qtbot, tmp_path, session_window, editor, session_for, admin, audit_log, sample_settings, db
):
    window = session_window(editor, session_for(admin))
    path = tmp_path / "kette.json"
    path.write_text(json.dumps(_config(sample_settings)), encoding="utf-8")
    dialog = _open(qtbot, window, path)

    rows = [dialog.row_texts(row) for row in range(dialog.table.rowCount())]
    assert rows == [
        ["Filiale", "Optik Nord", "unverändert", ""],
        ["Filiale", "Optik Süd", "neu", ""],
        ["Mandant", "1", "geändert", "datev_mandant"],
        ["Schnittstelle", sample_settings.name, "neu", ""],
    ]
    assert "Filialen: neu 1, geändert 0, unverändert 1" in dialog.summary_label.text()
    assert "nach dem Import noch" in dialog.passwords_label.text()
    assert sample_settings.name in dialog.passwords_label.text()
    assert Catalog(db).branch_names() == ["Hörakustik Mitte", "Optik Nord"]  # nothing yet
    assert dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.result_shown is not None and dialog.result_shown.applied
    assert dialog.message_label.text() == "Die Konfiguration wurde importiert."
    assert dialog.passwords_label.text().startswith(
        "Auf diesem Rechner noch zu setzende Passwörter:"
    )
    assert not dialog.import_button.isVisible() and dialog.close_button.text() == "Schließen"
    assert "Optik Süd" in Catalog(db).branch_names()
    assert Catalog(db).mandant("1").datev_mandant == 9
    assert editor.get(sample_settings.name).settings.ftp.host == sample_settings.ftp.host
    (entry,) = audit_log.entries(action=audit.CONFIG_IMPORTED)
    assert (entry.actor, entry.target) == (ADMIN, "kette.json")


def test_an_invalid_file_lists_its_problems_and_imports_nothing(
    qtbot, tmp_path, session_window, editor, session_for, admin, audit_log, sample_settings, db
):
    window = session_window(editor, session_for(admin))
    config = _config(sample_settings)
    config["interfaces"][0]["run_time"] = "23:30"
    config["mandants"][0]["datev_mandant"] = 123456
    path = tmp_path / "falsch.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    dialog = _open(qtbot, window, path)

    text = dialog.message_label.text()
    assert dialog.message_label.is_error()
    assert text.startswith("Die Datei enthält ungültige Einträge; es wurde nichts importiert:")
    assert "mandants[0].datev_mandant: Die DATEV-Mandantennummer" in text
    assert "run_time: Die Ausführungszeit muss zwischen 06:00 und 22:00 Uhr liegen" in text
    assert not dialog.import_button.isEnabled() and dialog.table.rowCount() == 0
    assert "Optik Süd" not in Catalog(db).branch_names()
    assert audit_log.entries(action=audit.CONFIG_IMPORTED) == []


def test_a_pattern_its_importart_never_reads_is_named_and_left_out(
    qtbot, tmp_path, session_window, editor, session_for, admin, sample_settings
):
    window = session_window(editor, session_for(admin))
    config = _config(sample_settings)
    config["interfaces"][0]["invoice_pattern"] = r"RG\d{6}"  # Geschlossene Posten
    path = tmp_path / "alt.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    dialog = _open(qtbot, window, path)

    assert dialog.warnings_label.isVisible()
    assert dialog.warnings_label.text() == (
        f"Schnittstelle „{sample_settings.name}“: Das Muster der Rechnungsnummer wird für "
        "„Geschlossene Posten“ nicht verwendet und nicht gespeichert."
    )
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.result_shown is not None and dialog.result_shown.applied
    assert editor.get(sample_settings.name).settings.invoice_pattern == ""


def test_export_writes_the_file_off_the_gui_thread(
    qtbot, tmp_path, session_window, editor, session_for, admin, sample_settings
):
    editor.save(sample_settings, password="Ftp-Geheimnis-im-Schluesselbund")
    window = session_window(editor, session_for(admin))
    path = tmp_path / "export.json"
    assert window.administration.export_config(path) is not None
    wait_idle(qtbot)
    text = path.read_text(encoding="utf-8")
    assert "Ftp-Geheimnis-im-Schluesselbund" not in text
    data = json.loads(text)
    assert [i["name"] for i in data["interfaces"]] == [sample_settings.name]
    assert window.statusBar().currentMessage().startswith("Konfiguration exportiert nach")


def test_staff_can_neither_export_nor_import(
    qtbot, tmp_path, session_window, editor, session_for, staff
):
    window = session_window(editor, session_for(staff))
    assert window.administration.menu is None
    assert window.administration.import_config(tmp_path / "x.json") is None
    assert window.administration.export_config(tmp_path / "x.json") is None


def test_a_named_pipe_is_refused_at_once(
    qtbot, session_window, editor, session_for, admin, named_pipe
):
    # Reading it would wait for a writer that never comes.
    window = session_window(editor, session_for(admin))
    dialog = window.administration.import_config(named_pipe)
    qtbot.waitUntil(dialog.isVisible)
    wait_idle(qtbot, 5000)
    assert dialog.message_label.text() == (
        "„zahlungen.csv“ ist keine gewöhnliche Datei (sondern z. B. eine Pipe oder ein "
        "Gerät). Bitte eine gespeicherte Datei wählen."
    )
    assert not dialog.import_button.isEnabled()
