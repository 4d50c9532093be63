"""The main window by keyboard alone: Tab reaches every control once and leaves the list
with one press; the shortcuts (Ctrl+F, Del, Ctrl+S, Ctrl+R, Esc, F5) and the form's mnemonics;
Hilfe → Tastenkürzel lists them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QWidget

from .helpers import type_into, wait_idle

SECOND = "Zahlungen Zweitbank"


@pytest.fixture
def window(make_window, no_keyring_editor, sample_settings):
    """Two interfaces, the first shown; its password stored, so "Passwort löschen" shows."""
    repository = no_keyring_editor.repository
    repository.save(sample_settings)
    repository.save(sample_settings.with_changes(name=SECOND, workstation=None))
    win = make_window(no_keyring_editor)
    win.select_interface(sample_settings.name)
    win.form.password_field.set_stored(True)
    return win


def _tab_walk(qtbot, start: QWidget, presses: int, key=Qt.Key.Key_Tab) -> list[QWidget]:
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = []
    for _ in range(presses):
        widget = QApplication.focusWidget()
        seen.append(widget)
        qtbot.keyClick(widget, key)
    return seen


def test_tab_reaches_every_control_and_comes_back(window, qtbot):
    form = window.form
    type_into(qtbot, form.filename_edit, "Zahlungen2")  # Speichern and Verwerfen enabled
    seen = _tab_walk(qtbot, window.search_edit, 120)
    cycle = seen[: seen.index(window.search_edit, 1)]  # once round, back to the search

    for widget in (
        window.view,
        form.name_edit,
        form.enabled_check,
        form.branch_combo,
        form.mandant_list,
        form.password_field.line_edit(),
        form.password_field.clear_button(),
        form.email_edit,
        form.discard_button,
        form.save_button,
    ):
        assert cycle.count(widget) == 1, widget.objectName() or type(widget).__name__
    order = [cycle.index(w) for w in (window.view, form.name_edit, form.save_button)]
    assert order == sorted(order)
    assert form.original_name == "Zahlungen Steuerberater"  # Tab changed no selection


def test_one_tab_leaves_the_list_and_the_arrows_move_inside(window, qtbot):
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert not window.view.hasFocus()
    assert window.form.original_name == "Zahlungen Steuerberater"

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.form.original_name == SECOND


def test_shift_tab_walks_back_the_same_way(window, qtbot):
    # From Protokoll on: a date or time field's Tab walks its sections too.
    forward = _tab_walk(qtbot, window.form.protocol_combo, 8)
    backward = _tab_walk(qtbot, forward[-1], 8, Qt.Key.Key_Backtab)
    assert backward[:8] == list(reversed(forward))[:8]


def test_ctrl_f_goes_to_the_search_and_esc_empties_it(window, qtbot):
    window.form.name_edit.setFocus()
    qtbot.waitUntil(window.form.name_edit.hasFocus)
    qtbot.keyClick(window.form.name_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    qtbot.keyClicks(window.search_edit, "Zweit")
    assert window.visible_names() == [SECOND]
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == "" and len(window.visible_names()) == 2
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.view.hasFocus()


def test_del_deletes_from_the_list_but_not_from_a_field(window, qtbot):
    asked: list[str] = []
    window.confirm_delete = lambda name: asked.append(name) or False
    form = window.form
    form.name_edit.setFocus()
    qtbot.waitUntil(form.name_edit.hasFocus)
    form.name_edit.setCursorPosition(0)
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Delete)
    assert asked == [] and form.name_edit.text() == "ahlungen Steuerberater"

    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert asked == ["Zahlungen Steuerberater"]


def test_ctrl_s_saves_and_f5_is_run_now(window, qtbot):
    form = window.form
    type_into(qtbot, form.filename_edit, "Zahlungen2")
    qtbot.keyClick(form.filename_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    assert not form.is_dirty()
    assert window.base_editor.get("Zahlungen Steuerberater").settings.filename_filter == (
        "Zahlungen2"
    )
    assert window.run_now_action.shortcut().toString() == "F5"


def _form_labels(form) -> list[QLabel]:
    labels = []
    for layout in form.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item else None
            buddy = label.buddy() if isinstance(label, QLabel) else None
            if buddy is not None and label.text() and not isinstance(buddy, QLabel):
                labels.append(label)
    return labels


def without_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if at >= 0 else None


def test_the_form_labels_have_mnemonics_that_clash_with_nothing(window):
    labels = [label for label in _form_labels(window.form) if label.isVisibleTo(window)]
    letters = {
        without_mnemonic(label.text()).removesuffix(" *").removesuffix(":"): _mnemonic(label.text())
        for label in labels
    }
    assert len(letters) >= 15
    without = [text for text, letter in letters.items() if letter is None]
    assert without == ["Port"]  # the one field whose letters all are taken
    menus = {_mnemonic(action.text()) for action in window.menuBar().actions()}
    used = [letter for letter in letters.values() if letter]
    assert len(used) == len(set(used))
    assert not set(used) & menus


def test_a_mnemonic_jumps_to_its_field(window, qtbot):
    form = window.form
    form.name_edit.setFocus()
    qtbot.waitUntil(form.name_edit.hasFocus)
    # "Ben&utzer": Alt+U goes to the FTP user field.
    qtbot.keyClick(form.name_edit, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert form.user_edit.hasFocus()


def test_help_lists_the_shortcuts(window, qtbot):
    menu_titles = [action.text() for action in window.menuBar().actions()]
    assert "&Hilfe" in menu_titles
    window.shortcuts_action.trigger()
    dialog = window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    keys = {keys for keys, _action in dialog.rows()}
    assert {"Strg+F", "Strg+N", "Strg+S", "Strg+R", "Entf", "Esc"} <= keys
    assert ("Strg+R", "Aktualisieren") in dialog.rows()
    assert any("Suche" in action for _keys, action in dialog.rows())
    dialog.close()


def test_f1_opens_the_manual_inside_the_program(window, qtbot):
    window.form.name_edit.setFocus()
    qtbot.waitUntil(window.form.name_edit.hasFocus)
    qtbot.keyClick(window.form.name_edit, Qt.Key.Key_F1)
    dialog = window.handbook_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.browser.toPlainText()
    assert text.startswith("Handbuch: Buchhaltungsimport per FTP")
    assert "Anteil offener Rechnungen" in text and "Geschlossene Posten" in text
    dialog.close()
