"""Text longer than a field's limit, pasted into a dialog: kept whole in the field and
refused with the limit in German, never cut to the limit and saved as another name."""

from __future__ import annotations

from shiboken6 import isValid

from desktop_app.jobs.case_desk import CaseActor, CaseDesk
from desktop_app.store.catalog import Catalog
from desktop_app.ui.case_dialogs import CloseCaseDialog

from .case_samples import fill_cases
from .helpers import wait_idle
from .test_catalog_dialog import dialog, session  # noqa: F401 - fixtures
from .users_support import (  # noqa: F401 - fixtures
    ADMIN,
    admin,
    clock,
    session_for,
    session_window,
    users,
)

# ruff: noqa: F811

LONG = " ".join(["Optik Nord am Marktplatz"] * 12) + "!"  # 300 characters, pasted


def test_a_long_branch_name_is_refused_not_cut(qtbot, dialog, catalog):
    dialog.branch_name_edit.setText(LONG)
    dialog.add_branch_button.click()
    wait_idle(qtbot)
    assert dialog.branch_name_edit.text() == LONG  # nothing of it lost
    assert dialog.branch_message.text() == "Der Name darf höchstens 100 Zeichen lang sein."
    assert Catalog(catalog.db).branch_names() == ["Hörakustik Mitte", "Optik Nord"]


def test_a_long_new_name_stays_in_the_rename_dialog(qtbot, dialog, catalog):
    dialog.select_branch("Optik Nord")
    rename = dialog.rename_branch()
    rename.fields["name"].setText(LONG)
    rename.ok_button.click()
    wait_idle(qtbot)
    assert isValid(rename) and rename.isVisible()
    assert rename.fields["name"].text() == LONG
    assert rename.message.text() == "Der Name darf höchstens 100 Zeichen lang sein."
    assert Catalog(catalog.db).branch_names() == ["Hörakustik Mitte", "Optik Nord"]


def test_a_long_user_name_is_refused_not_cut(qtbot, session_window, editor, session_for, admin):
    window = session_window(editor, session_for(admin))
    users_dialog = window.administration.open_users()
    wait_idle(qtbot)
    new = users_dialog.new_user()
    new.name_edit.setText("x" * 80)
    new.passwords.password_edit.setText("Bernd-Passwort-1")
    new.passwords.repeat_edit.setText("Bernd-Passwort-1")
    new.ok_button.click()
    wait_idle(qtbot)
    assert new.isVisible()
    assert new.name_edit.text() == "x" * 80
    assert new.message() == "Der Benutzername darf höchstens 64 Zeichen lang sein."
    assert users_dialog.names() == [ADMIN]


def test_a_long_reason_is_refused_not_cut(qtbot, german, db):
    (case_id, *_rest) = fill_cases(db)
    desk = CaseDesk(db, CaseActor("chefin", None, True))
    close = CloseCaseDialog(desk, case_id)
    qtbot.addWidget(close)
    close.show()
    reason = "; ".join(["an den Kunden zurücküberwiesen"] * 20) + "!"  # 639 characters
    close.reason_edit.setText(reason)
    close.submit_button.click()
    wait_idle(qtbot)
    assert isValid(close) and close.isVisible()
    assert close.reason_edit.text() == reason
    assert close.message_label.text() == (
        "Der Grund: Höchstens 500 Zeichen erlaubt (eingegeben: 639)."
    )
    assert desk.case(case_id).status.value == "open"
