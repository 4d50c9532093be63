"""The form's rules in sight and its states current: a run time typed as people type it,
06:00–22:00 and the required fields shown, Speichern saying what is missing on an empty
form, Verwendung following the binding, old status lines gone on the next edit, and
the keyring's absence said before anyone types a password."""

from __future__ import annotations

from datetime import time

from keyring.backends import fail
from PySide6.QtCore import Qt, QTime

from desktop_app.demo import MemoryKeyring
from desktop_app.domain import validation as v
from desktop_app.domain.interface import IntervalKind
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.widgets.time_field import parse_time

from .helpers import choose, type_into, wait_idle


def _leave(qtbot, window) -> None:
    """Focus elsewhere, as a click into another field would."""
    window.form.name_edit.setFocus()
    qtbot.waitUntil(window.form.name_edit.hasFocus)


def test_the_run_time_takes_what_people_type(window, qtbot):
    form = window.form
    choose(form.interval_combo, IntervalKind.DAILY.value)
    edit = form.run_time_edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    type_into(qtbot, edit, "10")
    assert form.settings().run_time == time(10, 0)
    _leave(qtbot, window)
    assert edit.text() == "10:00"
    for typed, meant in (("1030", time(10, 30)), ("7.5", time(7, 5)), ("7:45", time(7, 45))):
        type_into(qtbot, edit, typed)
        assert form.settings().run_time == meant, typed
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.time() == QTime(7, 50)


def test_a_run_time_that_is_no_time_is_said_on_leaving_and_on_saving(window, qtbot):
    form = window.form
    choose(form.interval_combo, IntervalKind.DAILY.value)
    form.run_time_edit.setFocus()
    type_into(qtbot, form.run_time_edit, "25")
    _leave(qtbot, window)
    unreadable = "„25“ ist keine Uhrzeit; bitte eine wie 07:30 eingeben."
    assert form.message_for(v.RUN_TIME) == unreadable
    window.save()
    assert form.message_for(v.RUN_TIME) == unreadable


def test_parse_time_reads_hours_and_minutes_and_refuses_the_rest():
    assert parse_time("6") == time(6, 0)
    assert parse_time("0615") == time(6, 15)
    assert parse_time("22:00") == time(22, 0)
    for text in ("24", "7:60", "12345", "", "ab", "7:"):
        assert parse_time(text) is None, text


def test_the_window_of_run_times_shows_under_the_field(window):
    box = window.form.field_box(v.RUN_TIME)
    assert box.message.isVisibleTo(window) and "06:00 und 22:00" in box.message.text()
    assert window.form.message_for(v.RUN_TIME) == ""  # a hint, not a complaint


def test_required_fields_are_marked(window):
    form = window.form
    marked = {
        label.buddy(): label.text()
        for label in form.findChildren(type(form.required_legend))
        if label.buddy() is not None
    }
    for editor in (form.name_edit, form.format_combo, form.mandant_list, form.host_edit):
        assert marked[editor].endswith(" *"), marked[editor]
    for editor in (form.filename_edit, form.port_edit, form.email_edit):
        assert not marked[editor].endswith("*"), marked[editor]
    assert form.required_legend.isVisibleTo(window)
    assert form.required_legend.text() == "* Pflichtangabe"


def test_speichern_on_an_empty_form_says_what_is_missing(window, repository):
    form = window.form
    assert form.original_name is None and not form.is_dirty()
    assert form.save_button.isEnabled() and window.save_action.isEnabled()
    form.save_button.click()
    for key in (v.NAME, v.IMPORT_FORMAT, v.MANDANTS, v.FTP_HOST, v.FTP_USER):
        assert form.message_for(key), key
    assert form.status_label.text().startswith("Nicht gespeichert:")
    assert repository.names() == []


def test_usage_follows_the_binding_to_a_computer(window, qtbot):
    form = window.form
    assert form.usage_label.text() == "Serverseitig"
    form.workstation_check.setChecked(True)
    assert form.usage_label.text() == "Arbeitsplatz („KASSE-TEST“)"
    type_into(qtbot, form.workstation_edit, "KASSE-02")
    assert form.usage_label.text() == "Arbeitsplatz („KASSE-02“)"
    form.workstation_check.setChecked(False)
    assert form.usage_label.text() == "Serverseitig"


def test_an_old_error_count_goes_with_the_next_edit(window, qtbot):
    form = window.form
    form.save_button.click()
    assert "korrigiert" in form.status_label.text()
    type_into(qtbot, form.name_edit, "Zahlungen")
    assert form.status_label.text() == ""


def test_gespeichert_goes_with_the_next_edit(window, qtbot, sample_settings, repository):
    form = window.form
    repository.save(sample_settings)
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface(sample_settings.name)
    type_into(qtbot, form.filename_edit, "Zahlungen2")
    window.save()
    wait_idle(qtbot)
    assert form.status_label.text() == "Gespeichert."
    type_into(qtbot, form.filename_edit, "Zahlungen3")
    assert form.status_label.text() == ""


def test_no_keyring_is_said_before_a_password_is_typed(window, qtbot):
    wait_idle(qtbot)  # the keyring is asked in the background
    state = window.form.password_field.findChild(type(window.form.usage_label), "passwordState")
    assert state.text().startswith("Kein Schlüsselbund auf diesem Rechner")
    assert "ohne Passwort gespeichert" in state.text()


def test_a_keyring_in_memory_does_not_claim_the_keyring(
    make_window, repository, sample_settings, qtbot
):
    """The demo without a keyring keeps its password in memory and says so."""
    secrets = SecretStore(MemoryKeyring())
    editor = InterfaceEditor(repository, secrets)
    editor.save(sample_settings, password="Demo-Passwort-1")
    window = make_window(editor)
    window.select_interface(sample_settings.name)
    wait_idle(qtbot)
    state = window.form.password_field.findChild(type(window.form.usage_label), "passwordState")
    assert "Arbeitsspeicher" in state.text()
    assert "Schlüsselbund gespeichert" not in state.text()


def test_the_store_says_where_a_password_goes():
    assert SecretStore(fail.Keyring()).storage() == "none"
    assert SecretStore(MemoryKeyring()).storage() == "memory"
