"""The administrator dialogs that are open while another administrator takes the user's
rights (on another computer): they stay open with what was typed, say so at their top,
and offer nothing that changes or saves; Close stays. Rights given back free them."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from desktop_app.domain.users import Group
from desktop_app.store.users import UserRepository
from desktop_app.ui.new_user_dialog import NewUserDialog

from .helpers import type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    FAST,
    admin,
    clock,
    other_admin,
    other_computer,
    session_for,
    session_window,
    users,
)

WITHDRAWN = (
    "Ihnen wurden die Administratorrechte entzogen; Änderungen hier werden nicht mehr gespeichert."
)
TYPED = "Optik Süd"
WAIT = 15000


@dataclass
class Kind:
    """How to open one administrator dialog, where to type, what would change or save."""

    open: Callable[[object], QDialog]
    typed_into: str | None  # the line edit's attribute, or the entry dialog's field
    saves: tuple[str, ...]


KINDS = {
    "users": Kind(
        lambda w: w.administration.open_users(),
        None,
        ("new_button", "reset_button", "toggle_button", "group_button"),
    ),
    "chain-options": Kind(
        lambda w: w.administration.open_chain_options(),
        None,
        ("ok_button", "reveal_check", "future_check", "rate_spin", "grace_spin"),
    ),
    "catalog": Kind(
        lambda w: w.administration.open_catalog(),
        "branch_name_edit",
        ("add_branch_button", "branch_name_edit", "add_mandant_button"),
    ),
    "smtp": Kind(
        lambda w: w.open_smtp_dialog(),
        "host_edit",
        ("save_button", "test_button", "host_edit", "port_edit"),
    ),
    "workstation-branch": Kind(
        lambda w: w.administration.open_workstation_branch(),
        None,
        ("ok_button", "branch_combo"),
    ),
    "add-branch-in-place": Kind(
        lambda w: w.administration.add_branch_in_place(lambda _name: None),
        "fields",
        ("ok_button",),
    ),
}


@pytest.fixture
def elsewhere(other_computer):
    """The users as another computer sees them: its writes announce nothing here."""
    return UserRepository(other_computer, FAST)


def _open(qtbot, session_window, editor, session_for, admin, kind: Kind) -> tuple:
    window = session_window(editor, session_for(admin))
    dialog = kind.open(window)
    assert dialog is not None
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: not getattr(dialog, "busy", False), timeout=WAIT)
    return window, dialog


def _edit(dialog, kind: Kind):
    if kind.typed_into is None:
        return None
    if kind.typed_into == "fields":
        return dialog.fields["name"]
    return getattr(dialog, kind.typed_into)


def _leaving_buttons(dialog: QDialog) -> list[QWidget]:
    boxes = [b for b in dialog.findChildren(QDialogButtonBox) if b.window() is dialog]
    return [
        button
        for box in boxes
        for button in box.buttons()
        if box.buttonRole(button) == QDialogButtonBox.ButtonRole.RejectRole
    ]


def _banner(dialog: QDialog) -> QLabel | None:
    return dialog.findChild(QLabel, "rightsWithdrawnMessage")


def _shows_withdrawn(dialog: QDialog) -> bool:
    banner = _banner(dialog)
    return banner is not None and banner.isVisible() and banner.text() == WITHDRAWN


def _read_again(qtbot, window) -> None:
    window.refresh()  # what the window reads again (a change, the banner's retry)
    wait_idle(qtbot)


@pytest.mark.parametrize("name", list(KINDS))
def test_an_open_admin_dialog_stops_offering_to_save_when_the_rights_go(
    qtbot,
    session_window,
    editor,
    session_for,
    admin,
    other_admin,
    elsewhere,
    name,
):
    kind = KINDS[name]
    window, dialog = _open(qtbot, session_window, editor, session_for, admin, kind)
    if name == "users":
        dialog.select(other_admin.name)  # the buttons for another user are offered
    edit = _edit(dialog, kind)
    if edit is not None:
        type_into(qtbot, edit, TYPED)
    saves = [getattr(dialog, attribute) for attribute in kind.saves]
    assert all(widget.isEnabled() for widget in saves)
    assert not _shows_withdrawn(dialog)

    elsewhere.set_group(admin.id, Group.STAFF)
    _read_again(qtbot, window)

    assert dialog.isVisible(), "the dialog was closed"
    qtbot.waitUntil(lambda: _shows_withdrawn(dialog), timeout=WAIT)
    assert [w for w in saves if w.isEnabled()] == []
    leaving = _leaving_buttons(dialog)
    assert leaving and all(button.isEnabled() for button in leaving)
    if edit is not None:
        assert edit.text() == TYPED
    # The banner stands above everything else the dialog shows.
    top = dialog.layout().itemAt(0).widget()
    assert top is _banner(dialog)


def test_the_users_dialog_stays_locked_when_another_user_is_selected(
    qtbot, session_window, editor, session_for, admin, other_admin, elsewhere
):
    window, dialog = _open(qtbot, session_window, editor, session_for, admin, KINDS["users"])
    elsewhere.set_enabled(admin.id, False)  # deactivated: no administrator either
    _read_again(qtbot, window)
    qtbot.waitUntil(lambda: _shows_withdrawn(dialog), timeout=WAIT)
    # A selection enables the buttons by the dialog's own rules: not while locked.
    dialog.select(other_admin.name)
    assert not dialog.group_button.isEnabled() and not dialog.reset_button.isEnabled()
    assert not dialog.new_button.isEnabled()


def test_a_new_user_dialog_open_over_the_users_keeps_its_name_and_offers_cancel(
    qtbot, session_window, editor, session_for, admin, other_admin, elsewhere
):
    window, users_dialog = _open(qtbot, session_window, editor, session_for, admin, KINDS["users"])
    dialog = users_dialog.new_user()
    assert isinstance(dialog, NewUserDialog)
    type_into(qtbot, dialog.name_edit, "neu")
    elsewhere.set_group(admin.id, Group.STAFF)
    _read_again(qtbot, window)
    qtbot.waitUntil(lambda: _shows_withdrawn(dialog), timeout=WAIT)
    assert not dialog.ok_button.isEnabled() and not dialog.name_edit.isEnabled()
    assert dialog.name_edit.text() == "neu"
    assert all(button.isEnabled() for button in _leaving_buttons(dialog))


def test_rights_given_back_make_the_open_dialog_usable_again(
    qtbot, session_window, editor, session_for, admin, other_admin, elsewhere, catalog
):
    kind = KINDS["chain-options"]
    window, dialog = _open(qtbot, session_window, editor, session_for, admin, kind)
    dialog.rate_spin.setValue(77)
    elsewhere.set_group(admin.id, Group.STAFF)
    _read_again(qtbot, window)
    qtbot.waitUntil(lambda: _shows_withdrawn(dialog), timeout=WAIT)
    assert not dialog.ok_button.isEnabled()

    elsewhere.set_group(admin.id, Group.ADMINISTRATORS)
    _read_again(qtbot, window)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=WAIT)
    assert _banner(dialog) is None or not _banner(dialog).isVisible()
    assert dialog.rate_spin.isEnabled() and dialog.rate_spin.value() == 77
    # Only the dialog's own rule holds again: the months follow their check box.
    assert dialog.months_spin.isEnabled() == dialog.future_check.isChecked()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.accept()  # and what was typed is saved now
    assert catalog.chain_options().download_min_kib_per_second == 77


def test_a_dialog_opened_from_a_locked_one_is_locked_too(
    qtbot, session_window, editor, session_for, admin, other_admin, elsewhere, catalog
):
    catalog.add_branch("Optik West")
    kind = KINDS["catalog"]
    window, dialog = _open(qtbot, session_window, editor, session_for, admin, kind)
    elsewhere.set_group(admin.id, Group.STAFF)
    _read_again(qtbot, window)
    qtbot.waitUntil(lambda: _shows_withdrawn(dialog), timeout=WAIT)
    # Double-clicking a branch still opens the rename: it offers nothing to save either.
    dialog.select_branch("Optik West")
    entry = dialog.rename_branch()
    assert entry is not None
    qtbot.waitUntil(lambda: _shows_withdrawn(entry), timeout=WAIT)
    assert not entry.ok_button.isEnabled() and entry.cancel_button.isEnabled()
    assert entry.fields["name"].text() == "Optik West"


def test_a_button_the_dialog_disabled_while_locked_stays_disabled_when_freed(
    qtbot, session_window, editor, session_for, admin, other_admin, elsewhere
):
    window, dialog = _open(qtbot, session_window, editor, session_for, admin, KINDS["users"])
    dialog.select(other_admin.name)
    assert dialog.group_button.isEnabled()
    elsewhere.set_group(admin.id, Group.STAFF)
    _read_again(qtbot, window)
    qtbot.waitUntil(lambda: _shows_withdrawn(dialog), timeout=WAIT)
    # The own row, chosen while locked: the dialog disables what is not for oneself, on
    # buttons the lock holds disabled already.
    dialog.select(admin.name)

    elsewhere.set_group(admin.id, Group.ADMINISTRATORS)
    _read_again(qtbot, window)
    qtbot.waitUntil(lambda: dialog.new_button.isEnabled(), timeout=WAIT)
    assert dialog.selected_user().name == admin.name
    assert not dialog.group_button.isEnabled()
    assert not dialog.reset_button.isEnabled() and not dialog.toggle_button.isEnabled()


def test_a_dialog_without_a_layout_shows_the_line_inside_itself(qtbot):
    from PySide6.QtWidgets import QPushButton

    from desktop_app.ui.admin_dialogs import mark_admin_dialog, set_withdrawn

    dialog = QDialog()
    qtbot.addWidget(dialog)
    save = QPushButton("Speichern", dialog)
    mark_admin_dialog(dialog)
    dialog.show()
    set_withdrawn(dialog, True)
    line = dialog.findChild(QLabel, "rightsWithdrawnMessage")
    assert line is not None
    assert not line.isWindow() and line.isVisible()  # never a window of its own
    assert not save.isEnabled()


def test_the_config_import_offers_no_import_while_the_rights_are_gone(
    qtbot, tmp_path, session_window, editor, session_for, admin, other_admin, elsewhere, catalog
):
    path = tmp_path / "kette.json"
    config = {"schema": 1, "kind": "desktop-app-config", "branches": [TYPED]}
    path.write_text(json.dumps(config), encoding="utf-8")
    kind = Kind(lambda w: w.administration.import_config(path), None, ("import_button",))
    window, dialog = _open(qtbot, session_window, editor, session_for, admin, kind)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=WAIT)
    rows = [dialog.row_texts(row) for row in range(dialog.table.rowCount())]
    assert ["Filiale", TYPED, "neu", ""] in rows

    elsewhere.set_group(admin.id, Group.STAFF)
    _read_again(qtbot, window)

    assert dialog.isVisible(), "the dialog was closed"
    qtbot.waitUntil(lambda: _shows_withdrawn(dialog), timeout=WAIT)
    assert not dialog.import_button.isEnabled()
    assert dialog.close_button.isEnabled() and dialog.close_button in _leaving_buttons(dialog)
    assert dialog.layout().itemAt(0).widget() is _banner(dialog)
    # The preview stays to be read, and a click on the locked button imports nothing.
    assert [dialog.row_texts(row) for row in range(dialog.table.rowCount())] == rows
    dialog.import_button.click()
    assert not dialog.busy and TYPED not in catalog.branch_names()

    elsewhere.set_group(admin.id, Group.ADMINISTRATORS)
    _read_again(qtbot, window)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=WAIT)
    assert _banner(dialog) is None or not _banner(dialog).isVisible()
    dialog.import_button.click()
    qtbot.waitUntil(
        lambda: dialog.result_shown is not None and dialog.result_shown.applied, timeout=WAIT
    )
    assert TYPED in catalog.branch_names()
