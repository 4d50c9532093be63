"""The first start on an empty database: the form says what is missing (Mandant, branch,
SMTP server) and an administrator sets it up in place; a change in the catalogue reaches
the open form at once, keeping what was typed; the empty list says how to begin."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication

from desktop_app.jobs.change_audit import BRANCH_CREATED, MANDANT_CREATED
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.catalog import Catalog
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.catalog_entry import EntryDialog
from desktop_app.ui.smtp_dialog import SmtpDialog

from .helpers import type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    FAST,
    admin,
    audit_log,
    session_window,
    staff,
    users,
)


@pytest.fixture
def empty_editor(db) -> InterfaceEditor:
    """A fresh installation: no Mandant, no branch, no interface, no SMTP server."""
    return InterfaceEditor(InterfaceRepository(db), SecretStore(fail.Keyring()))


def _session(db, user) -> UserSession:
    return UserSession.open(db, SecretStore(fail.Keyring()), user, hasher=FAST)


def _open_entry(qtbot, window) -> EntryDialog:
    qtbot.waitUntil(lambda: window.findChild(EntryDialog) is not None)
    dialog = window.findChild(EntryDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_form_says_what_is_missing_and_adds_a_mandant_in_place(
    qtbot, db, session_window, empty_editor, admin, audit_log
):
    window = session_window(empty_editor, _session(db, admin))
    wait_idle(qtbot)
    form = window.form
    assert "Mandant" in form.mandant_setup.text()
    assert form.mandant_setup.button.isVisibleTo(window)
    assert "Filiale" in form.branch_setup.text()
    assert "SMTP" in form.email_test.status_label.text()
    assert form.email_test.setup_button.isVisibleTo(window)

    type_into(qtbot, form.name_edit, "Zahlungen Steuerberater")  # typed before noticing
    form.mandant_setup.button.click()
    entry = _open_entry(qtbot, window)
    type_into(qtbot, entry.fields["name"], "1 Optik")
    type_into(qtbot, entry.fields["datev_berater"], "29098")
    entry.ok_button.click()
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: window.findChild(EntryDialog) is None)  # closed, deleted

    assert form.mandant_list.names() == ["1 Optik"]
    assert form.mandant_list.checked() == ("1 Optik",)
    assert form.name_edit.text() == "Zahlungen Steuerberater"
    assert form.mandant_setup.text() == ""
    assert Catalog(db).mandant_names() == ["1 Optik"]
    assert [e.target for e in audit_log.entries(action=MANDANT_CREATED)] == ["1 Optik"]


def test_a_branch_added_in_place_is_chosen(
    qtbot, db, session_window, empty_editor, admin, audit_log
):
    window = session_window(empty_editor, _session(db, admin))
    wait_idle(qtbot)
    window.form.branch_setup.button.click()
    entry = _open_entry(qtbot, window)
    entry.ok_button.click()
    assert entry.message.text() == "Bitte den Namen der Filiale eingeben."
    type_into(qtbot, entry.fields["name"], "Optik Nord")
    entry.ok_button.click()
    wait_idle(qtbot)
    assert window.form.branch_combo.currentData() == "Optik Nord"
    assert window.form.branch_setup.text() == ""
    assert [e.target for e in audit_log.entries(action=BRANCH_CREATED)] == ["Optik Nord"]


def test_the_smtp_server_is_set_up_from_the_form(qtbot, db, session_window, empty_editor, admin):
    window = session_window(empty_editor, _session(db, admin))
    wait_idle(qtbot)
    window.form.email_test.setup_button.click()
    qtbot.waitUntil(lambda: any(isinstance(w, SmtpDialog) for w in _visible_windows()))


def _visible_windows():
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_staff_are_told_who_sets_it_up(qtbot, db, session_window, empty_editor, staff):
    window = session_window(empty_editor, _session(db, staff))
    wait_idle(qtbot)
    form = window.form
    assert "Administrator" in form.mandant_setup.text()
    assert not form.mandant_setup.button.isVisibleTo(window)
    assert "Administrator" in form.email_test.status_label.text()
    assert not form.email_test.setup_button.isVisibleTo(window)


def test_a_mandant_added_in_the_catalogue_dialog_reaches_the_open_form(
    qtbot, db, session_window, empty_editor, admin
):
    Catalog(db).add_mandant("1")
    window = session_window(empty_editor, _session(db, admin))
    form = window.form
    type_into(qtbot, form.name_edit, "Zahlungen")  # unsaved: nothing may be lost
    dialog = window.administration.open_catalog()
    wait_idle(qtbot)
    type_into(qtbot, dialog.mandant_name_edit, "2 Hörakustik")
    dialog.add_mandant_button.click()
    wait_idle(qtbot)

    assert dialog.isVisible()  # while it is still open
    assert form.mandant_list.names() == ["1", "2 Hörakustik"]
    assert form.name_edit.text() == "Zahlungen" and form.is_dirty()


def test_the_empty_list_says_how_to_begin(qtbot, db, session_window, empty_editor, admin):
    window = session_window(empty_editor, _session(db, admin))
    wait_idle(qtbot)
    assert "Noch keine Schnittstelle" in window.view.empty_hint()
