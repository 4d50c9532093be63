"""Verwaltung → Filialen und Mandanten: renaming, editing and deleting entries, in German,
by mouse and keyboard, each change audited as the logged-in administrator.

The ``catalog`` fixture holds the Mandanten "1" (DATEV 12345/1) and "2" and the branches
"Hörakustik Mitte" and "Optik Nord"; ``sample_settings`` uses "Optik Nord", "1" and "2".
"""

from __future__ import annotations

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QLabel,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.change_audit import (
    BRANCH_DELETED,
    BRANCH_RENAMED,
    MANDANT_CHANGED,
    MANDANT_DELETED,
)
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.ledger import Ledger
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.catalog_dialog import CatalogDialog
from desktop_app.ui.catalog_entry import EntryDialog

from .helpers import type_into, wait_idle
from .test_accessibility import _form_layouts, focus_chain
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    FAST,
    admin,
    audit_log,
    session_window,
    staff,
    users,
)

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811


@pytest.fixture
def session(db, admin) -> UserSession:
    # The catalogue never reads a password: a keyring that refuses everything will do.
    return UserSession.open(db, SecretStore(fail.Keyring()), admin, hasher=FAST)


@pytest.fixture
def dialog(qtbot, german, session, catalog):
    dialog = CatalogDialog(session)
    qtbot.addWidget(dialog)
    dialog.questions = []

    def answer_yes(question: str) -> bool:
        dialog.questions.append(question)
        return True

    dialog.confirm_delete = answer_yes
    with qtbot.waitExposed(dialog):
        dialog.show()
    wait_idle(qtbot)
    return dialog


def load_invoices(db, count: int, *, mandant: str = "1", branch: str = "Optik Nord") -> None:
    rows = "".join(f"R-{i};{mandant};{branch};01.03.2026;5,00;5,00\n" for i in range(count))
    text = "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;OffenerBetrag\n" + rows
    Ledger(db).import_invoices(read_invoices(text.encode(), file_name="r.csv"))


def entry_dialog(qtbot, dialog: CatalogDialog) -> EntryDialog:
    qtbot.waitUntil(lambda: dialog.entry_dialog is not None and dialog.entry_dialog.isVisible())
    entry = dialog.entry_dialog
    assert entry is not None
    return entry


def submit(qtbot, entry: EntryDialog) -> None:
    qtbot.mouseClick(entry.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def closed(entry: EntryDialog) -> bool:
    return not isValid(entry) or not entry.isVisible()


def actions(audit_log, action):
    return [(e.actor, e.target, e.details) for e in audit_log.entries(action=action)]


# --- selection ------------------------------------------------------------------------------


def test_rename_edit_and_delete_need_a_selected_entry(dialog):
    buttons = (
        dialog.rename_branch_button,
        dialog.delete_branch_button,
        dialog.edit_mandant_button,
        dialog.delete_mandant_button,
    )
    assert [b.text() for b in buttons] == ["Umbenennen …", "Löschen", "Bearbeiten …", "Löschen"]
    assert not any(b.isEnabled() for b in buttons)

    dialog.select_branch("Optik Nord")
    assert dialog.rename_branch_button.isEnabled() and dialog.delete_branch_button.isEnabled()
    assert not dialog.edit_mandant_button.isEnabled()

    dialog.mandant_table.selectRow(1)
    assert dialog.selected_mandant().name == "2"
    assert dialog.edit_mandant_button.isEnabled() and dialog.delete_mandant_button.isEnabled()

    dialog.branch_list.clearSelection()
    assert not dialog.rename_branch_button.isEnabled()


# --- branches -------------------------------------------------------------------------------


def test_renaming_a_branch(qtbot, dialog, db, repository, sample_settings, audit_log):
    repository.save(sample_settings)
    load_invoices(db, 2)
    dialog.select_branch("Optik Nord")
    qtbot.mouseClick(dialog.rename_branch_button, Qt.MouseButton.LeftButton)
    entry = entry_dialog(qtbot, dialog)
    assert entry.windowTitle() == "Filiale umbenennen"
    assert entry.fields["name"].text() == "Optik Nord"

    type_into(qtbot, entry.fields["name"], "Optik Nordost")
    submit(qtbot, entry)

    assert closed(entry)
    assert dialog.branch_names() == ["Hörakustik Mitte", "Optik Nordost"]
    assert dialog.selected_branch() == "Optik Nordost"
    assert dialog.branch_message.text() == "Filiale „Optik Nord“ in „Optik Nordost“ umbenannt."
    assert dialog.changed
    assert repository.get(sample_settings.name).settings.branch == "Optik Nordost"
    assert {i.branch for i in Ledger(db).invoices()} == {"Optik Nordost"}
    assert actions(audit_log, BRANCH_RENAMED) == [
        (ADMIN, "Optik Nordost", {"fields": ["name"], "renamed_from": "Optik Nord"})
    ]


def test_keeping_the_name_renames_nothing_and_says_nothing(qtbot, dialog, audit_log):
    dialog.select_branch("Optik Nord")
    qtbot.mouseClick(dialog.rename_branch_button, Qt.MouseButton.LeftButton)
    entry = entry_dialog(qtbot, dialog)
    type_into(qtbot, entry.fields["name"], "  Optik Nord ")  # blanks do not count
    renamed = []
    dialog.branch_renamed.connect(lambda old, new: renamed.append((old, new)))
    submit(qtbot, entry)

    assert closed(entry)
    assert dialog.branch_message.text() == ""  # not "renamed" to the name it had
    assert renamed == [] and not dialog.changed
    assert dialog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]
    assert actions(audit_log, BRANCH_RENAMED) == []


def test_a_refused_rename_is_explained_in_the_rename_dialog(qtbot, dialog, catalog, audit_log):
    dialog.select_branch("Optik Nord")
    dialog.rename_branch_button.click()
    entry = entry_dialog(qtbot, dialog)

    type_into(qtbot, entry.fields["name"], "   ")
    submit(qtbot, entry)
    assert entry.message.text() == "Bitte den Namen der Filiale eingeben."

    type_into(qtbot, entry.fields["name"], "Hörakustik Mitte")
    submit(qtbot, entry)
    assert entry.isVisible()
    assert entry.message.text() == "Die Filiale „Hörakustik Mitte“ gibt es bereits."
    assert entry.ok_button.isEnabled()  # the user may correct it and try again
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]
    assert not dialog.changed
    assert actions(audit_log, BRANCH_RENAMED) == []

    qtbot.mouseClick(entry.cancel_button, Qt.MouseButton.LeftButton)
    assert closed(entry)
    assert dialog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]


def test_a_branch_in_use_is_not_deleted(qtbot, dialog, db, repository, sample_settings, catalog):
    repository.save(sample_settings)
    repository.save(sample_settings.with_changes(name="Zweite"))
    load_invoices(db, 15)
    dialog.select_branch("Optik Nord")
    qtbot.mouseClick(dialog.delete_branch_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)

    assert dialog.questions == ["Die Filiale „Optik Nord“ wirklich löschen?"]
    assert dialog.branch_message.is_error()
    assert dialog.branch_message.text() == (
        "Die Filiale „Optik Nord“ wird noch von 2 Schnittstellen und 15 Rechnungen "
        "verwendet und kann nicht gelöscht werden."
    )
    assert "Optik Nord" in catalog.branch_names() and "Optik Nord" in dialog.branch_names()
    assert not dialog.changed


def test_a_delete_the_user_does_not_confirm_deletes_nothing(qtbot, dialog, catalog, audit_log):
    dialog.confirm_delete = lambda question: False
    dialog.select_branch("Hörakustik Mitte")
    dialog.delete_branch_button.click()
    wait_idle(qtbot)
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]
    assert actions(audit_log, BRANCH_DELETED) == []
    assert not dialog.changed


def test_deleting_an_unused_branch(qtbot, dialog, catalog, audit_log):
    dialog.select_branch("Hörakustik Mitte")
    dialog.delete_branch_button.click()
    wait_idle(qtbot)
    assert dialog.branch_names() == ["Optik Nord"] == catalog.branch_names()
    assert dialog.branch_message.text() == "Filiale „Hörakustik Mitte“ gelöscht."
    assert not dialog.rename_branch_button.isEnabled()  # nothing selected any more
    assert dialog.changed
    assert actions(audit_log, BRANCH_DELETED) == [(ADMIN, "Hörakustik Mitte", {})]


# --- Mandanten ------------------------------------------------------------------------------


def test_editing_a_mandant(qtbot, dialog, catalog, repository, sample_settings, audit_log):
    repository.save(sample_settings)
    dialog.tabs.setCurrentIndex(1)
    dialog.select_mandant("1")
    qtbot.mouseClick(dialog.edit_mandant_button, Qt.MouseButton.LeftButton)
    entry = entry_dialog(qtbot, dialog)
    fields = entry.fields
    assert entry.windowTitle() == "Mandant bearbeiten"
    assert [fields[k].text() for k in ("name", "datev_berater", "datev_mandant")] == [
        "1",
        "12345",
        "1",
    ]

    type_into(qtbot, fields["name"], "1 Optik")
    type_into(qtbot, fields["datev_berater"], "29098")
    type_into(qtbot, fields["datev_mandant"], "")
    submit(qtbot, entry)

    assert closed(entry)
    assert dialog.mandant_rows() == [("1 Optik", "29098", ""), ("2", "", "")]
    assert dialog.selected_mandant().name == "1 Optik"
    assert dialog.mandant_message.text() == "Mandant „1 Optik“ gespeichert."
    assert dialog.changed
    assert repository.get(sample_settings.name).settings.mandants == ("1 Optik", "2")
    assert actions(audit_log, MANDANT_CHANGED) == [
        (
            ADMIN,
            "1 Optik",
            {"fields": ["datev_berater", "datev_mandant", "name"], "renamed_from": "1"},
        )
    ]


def test_wrong_mandant_values_stay_in_the_edit_dialog(qtbot, dialog, catalog, audit_log):
    dialog.tabs.setCurrentIndex(1)
    dialog.select_mandant("2")
    dialog.edit_mandant_button.click()
    entry = entry_dialog(qtbot, dialog)

    type_into(qtbot, entry.fields["name"], "")
    type_into(qtbot, entry.fields["datev_berater"], "12")
    submit(qtbot, entry)
    assert entry.message.text().splitlines() == [
        "Bitte den Namen des Mandanten eingeben.",
        "Die DATEV-Beraternummer hat 4 bis 7 Ziffern (1001 bis 9999999).",
    ]

    type_into(qtbot, entry.fields["name"], "1")
    type_into(qtbot, entry.fields["datev_berater"], "")
    submit(qtbot, entry)
    assert entry.message.text() == "Den Mandanten „1“ gibt es bereits."
    assert catalog.mandant_names() == ["1", "2"]
    assert actions(audit_log, MANDANT_CHANGED) == []


def test_saving_a_mandant_unchanged_is_no_audited_change(qtbot, dialog, audit_log):
    dialog.select_mandant("1")
    dialog.edit_mandant_button.click()
    submit(qtbot, entry_dialog(qtbot, dialog))
    assert dialog.mandant_rows()[0] == ("1", "12345", "1")
    assert actions(audit_log, MANDANT_CHANGED) == []


def test_deleting_mandanten(qtbot, dialog, db, catalog, audit_log):
    load_invoices(db, 1, mandant="2")
    dialog.tabs.setCurrentIndex(1)
    dialog.select_mandant("2")
    dialog.delete_mandant_button.click()
    wait_idle(qtbot)
    assert dialog.questions == ["Den Mandanten „2“ wirklich löschen?"]
    assert dialog.mandant_message.text() == (
        "Der Mandant „2“ wird noch von 1 Rechnung verwendet und kann nicht gelöscht werden."
    )
    assert not dialog.changed

    dialog.select_mandant("1")
    dialog.delete_mandant_button.click()
    wait_idle(qtbot)
    assert dialog.mandant_rows() == [("2", "", "")]
    assert dialog.mandant_message.text() == "Mandant „1“ gelöscht."
    assert dialog.changed
    assert catalog.mandant_names() == ["2"]
    assert actions(audit_log, MANDANT_DELETED) == [(ADMIN, "1", {})]


def test_the_form_offers_the_new_names_once_the_dialog_closes(
    qtbot, session_window, no_keyring_editor, session
):
    window = session_window(no_keyring_editor, session)
    dialog = window.administration.open_catalog()
    dialog.confirm_delete = lambda question: True
    wait_idle(qtbot)
    dialog.select_branch("Optik Nord")
    dialog.rename_branch_button.click()
    entry = entry_dialog(qtbot, dialog)
    type_into(qtbot, entry.fields["name"], "Optik Nordost")
    submit(qtbot, entry)
    dialog.select_mandant("2")
    dialog.delete_mandant_button.click()
    wait_idle(qtbot)

    dialog.reject()
    wait_idle(qtbot)
    branches = window.form.branch_combo
    assert branches.findData("Optik Nordost") >= 0 and branches.findData("Optik Nord") < 0
    mandants = window.form.mandant_list
    assert [mandants.item(i).text() for i in range(mandants.count())] == ["1"]


def test_only_administrators_change_the_catalogue(qtbot, german, db, staff, catalog, audit_log):
    dialog = CatalogDialog(UserSession.open(db, SecretStore(fail.Keyring()), staff, hasher=FAST))
    qtbot.addWidget(dialog)
    dialog.confirm_delete = lambda question: True
    wait_idle(qtbot)
    dialog.select_branch("Hörakustik Mitte")
    dialog.delete_branch_button.click()
    wait_idle(qtbot)
    assert dialog.branch_message.text() == "Diese Aktion ist nur für Administratoren erlaubt."
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]
    assert actions(audit_log, BRANCH_DELETED) == []


# --- asking, keyboard, accessibility --------------------------------------------------------


def test_the_delete_question_defaults_to_not_deleting(qtbot, german, session, catalog):
    dialog = CatalogDialog(session)
    qtbot.addWidget(dialog)
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.text(), box.defaultButton().text(), box.escapeButton().text()))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default button

    QTimer.singleShot(0, answer)
    assert dialog.confirm_delete("Die Filiale „Optik Nord“ wirklich löschen?") is False
    assert seen == [
        ("Die Filiale „Optik Nord“ wirklich löschen?", "Nicht löschen", "Nicht löschen")
    ]
    wait_idle(qtbot)


def test_renaming_by_keyboard(qtbot, dialog, catalog):
    dialog.activateWindow()
    dialog.branch_list.setFocus()
    dialog.select_branch("Hörakustik Mitte")
    qtbot.keyClick(dialog.branch_list, Qt.Key.Key_Return)  # Enter on an entry: rename it
    entry = entry_dialog(qtbot, dialog)
    type_into(qtbot, entry.fields["name"], "Hörakustik Zentrum")
    qtbot.keyClick(entry.fields["name"], Qt.Key.Key_Return)  # Enter in the field: OK
    wait_idle(qtbot)
    assert catalog.branch_names() == ["Hörakustik Zentrum", "Optik Nord"]


def _unbound_labels(widget) -> list[str]:
    unbound = []
    for form in _form_layouts(widget):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item else None
            if isinstance(label, QLabel) and label.text().strip() and label.buddy() is None:
                unbound.append(label.text())
    return unbound


def _unreachable(widget) -> list[str]:
    """Visible, enabled widgets that take focus by Tab but are not in the Tab chain."""
    chain = focus_chain(widget)
    return [
        w.objectName() or type(w).__name__
        for w in widget.findChildren(QWidget)
        if w.isVisibleTo(widget)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w not in chain
    ]


def _textless_buttons(widget) -> list[str]:
    return [
        b.objectName() or repr(b)
        for b in widget.findChildren(QAbstractButton)
        if b.isVisibleTo(widget) and not b.text().strip() and not b.accessibleName().strip()
    ]


@pytest.mark.parametrize("tab", [0, 1])
def test_both_tabs_and_the_edit_dialogs_are_usable_by_keyboard(qtbot, dialog, tab):
    dialog.tabs.setCurrentIndex(tab)
    dialog.select_branch("Optik Nord")
    dialog.select_mandant("1")
    assert _unbound_labels(dialog) == []
    assert _textless_buttons(dialog) == []
    assert _unreachable(dialog) == []

    (dialog.rename_branch_button if tab == 0 else dialog.edit_mandant_button).click()
    entry = entry_dialog(qtbot, dialog)
    assert _unbound_labels(entry) == [] and _textless_buttons(entry) == []
    assert _unreachable(entry) == []
    order = [w for w in focus_chain(entry) if w in entry.fields.values()]
    assert order == list(entry.fields.values())  # Tab goes through the fields in order
    assert entry.ok_button in focus_chain(entry) and entry.cancel_button in focus_chain(entry)
    entry.reject()
