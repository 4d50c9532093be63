"""Datei → Abmelden: back to the login, the next user works in the same window; an
administrator moves users between the groups (audited), but never the last one."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import pytest
from keyring.backends import fail

from desktop_app.domain.users import Group
from desktop_app.jobs.user_session import UserSession
from desktop_app.store import audit
from desktop_app.store.secrets import SecretStore
from desktop_app.store.user_errors import UserError
from desktop_app.ui.main_window import UnsavedChoice

from .helpers import type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    FAST,
    STAFF,
    admin,
    audit_log,
    session_window,
    staff,
    users,
)


@pytest.fixture
def session_for(db):
    """Sessions that never reach a keyring: nothing here reveals or stores a password."""
    return lambda user: UserSession.open(db, SecretStore(fail.Keyring()), user, hasher=FAST)


def _menus(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.isVisible()]


def test_log_out_and_in_as_someone_else(
    qtbot, session_window, no_keyring_editor, session_for, admin, staff, audit_log
):
    window = session_window(no_keyring_editor, session_for(admin))
    assert "&Verwaltung" in _menus(window)
    asked = []

    def answer(session):
        asked.append(window.centralWidget().isVisible())  # nothing readable meanwhile
        return staff

    window.ask_login = answer
    window.logout_action.trigger()
    wait_idle(qtbot)
    assert asked == [False]
    assert window.centralWidget().isVisible()
    assert window.user_label.text() == f"Angemeldet: {STAFF} (Mitarbeiter)"
    assert "&Verwaltung" not in _menus(window)
    assert window.session.user == staff
    logout = audit_log.entries(action=audit.LOGOUT)
    assert [(e.actor, e.target) for e in logout] == [(ADMIN, ADMIN)]


def _status(window) -> tuple[str, bool, bool, bool, bool]:
    """The user label; whether the Klärungsfälle link, Verwaltung, and in Datei Abmelden
    and the own password show."""
    file_menu = window.menuBar().actions()[0].menu()
    own = [a.text() for a in file_menu.actions() if a.isVisible()]
    return (
        window.user_label.text(),
        window.case_count.isVisible(),
        "&Verwaltung" in _menus(window),
        window.logout_action.isVisible(),
        "Eigenes &Passwort ändern …" in own,
    )


def test_nothing_of_the_last_user_shows_until_the_next_login(
    qtbot, session_window, no_keyring_editor, session_for, admin, staff
):
    window = session_window(no_keyring_editor, session_for(admin))
    qtbot.waitUntil(lambda: window.case_count.text() != "")
    assert _status(window) == (f"Angemeldet: {ADMIN} (Administratoren)", True, True, True, True)
    asked = []

    def answer(_session):
        asked.append(_status(window))
        return staff

    window.ask_login = answer
    window.logout_action.trigger()
    wait_idle(qtbot)
    assert asked == [("Nicht angemeldet", False, False, False, False)]
    assert _status(window) == (f"Angemeldet: {STAFF} (Mitarbeiter)", True, False, True, True)


def test_log_out_asks_about_unsaved_changes_first(
    qtbot, session_window, no_keyring_editor, session_for, admin
):
    window = session_window(no_keyring_editor, session_for(admin))
    type_into(qtbot, window.form.name_edit, "Neu")
    questions = []
    window.ask_unsaved_changes = lambda: questions.append(True) or UnsavedChoice.CANCEL
    window.ask_login = lambda _s: pytest.fail("logged out despite Abbrechen")
    window.logout_action.trigger()
    assert questions == [True] and window.session.user == admin


def test_quitting_the_login_after_log_out_closes_the_window(
    qtbot, session_window, no_keyring_editor, session_for, admin
):
    window = session_window(no_keyring_editor, session_for(admin))
    window.ask_login = lambda _session: None
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_window_that_refuses_to_close_asks_for_the_login_again(
    qtbot, session_window, no_keyring_editor, session_for, admin, staff
):
    window = session_window(no_keyring_editor, session_for(admin))
    answers = iter([None, staff])
    asked = []

    def answer(_session):
        user = next(answers)
        asked.append(user)
        if user is None:
            # Something the window asks about on closing, answered with Abbrechen below.
            window.form.filename_edit.setText("halb getippt")
        return user

    window.ask_login = answer
    window.ask_unsaved_changes = lambda: UnsavedChoice.CANCEL
    window.logout_action.trigger()
    wait_idle(qtbot)
    assert asked == [None, staff]
    assert window.isVisible() and window.centralWidget().isVisible()
    assert window.session.user == staff
    assert window.user_label.text() == f"Angemeldet: {STAFF} (Mitarbeiter)"
    assert window.refresher.timer.isActive() and not window.rights.paused


def test_an_administrator_changes_a_users_group(
    qtbot, session_window, no_keyring_editor, session_for, admin, staff, users, audit_log
):
    window = session_window(no_keyring_editor, session_for(admin))
    dialog = window.administration.open_users()
    wait_idle(qtbot)
    dialog.select(STAFF)
    assert dialog.group_button.text() == "Zum Administrator machen"
    dialog.group_button.click()
    wait_idle(qtbot)
    assert users.get(STAFF).group is Group.ADMINISTRATORS
    assert dialog.message_label.text() == f"„{STAFF}“ ist jetzt Administrator."
    entry = audit_log.entries(action=audit.USER_CHANGED)[0]
    assert (entry.actor, entry.target) == (ADMIN, STAFF)
    assert entry.details["fields"] == ["group"] and entry.details["group"] == "admin"

    dialog.select(STAFF)
    assert dialog.group_button.text() == "Zu den Mitarbeitern"
    dialog.group_button.click()
    wait_idle(qtbot)
    assert users.get(STAFF).group is Group.STAFF


def test_the_last_administrator_stays_one(
    qtbot, session_window, no_keyring_editor, session_for, admin, users
):
    other = users.create("zweite", "Zweite-Passwort-1", Group.ADMINISTRATORS)
    window = session_window(no_keyring_editor, session_for(users.get("zweite")))
    session = window.session
    with pytest.raises(UserError) as own:
        session.set_user_group(users.get("zweite"), Group.STAFF)
    assert "eigene Gruppe" in own.value.message_de
    users.set_enabled(other.id, False)  # a disabled administrator does not count
    with pytest.raises(UserError) as refused:  # the command line acts through the store
        users.set_group(admin.id, Group.STAFF)
    assert refused.value.message_de.startswith("Der letzte aktive Administrator muss")
    assert users.get(ADMIN).group is Group.ADMINISTRATORS
    with pytest.raises(UserError) as gone:  # and a deactivated one administers nothing
        session.set_user_group(admin, Group.STAFF)
    assert gone.value.message_de == "Diese Aktion ist nur für Administratoren erlaubt."


def test_one_additional_month_is_singular(
    qtbot, session_window, no_keyring_editor, session_for, admin
):
    window = session_window(no_keyring_editor, session_for(admin))
    dialog = window.administration.open_chain_options()
    wait_idle(qtbot)
    dialog.months_spin.setValue(1)
    assert dialog.months_label.text() == "zusätzlicher Monat"
    dialog.months_spin.setValue(3)
    assert dialog.months_label.text() == "zusätzliche Monate"
    dialog.reject()


def test_saving_on_close_after_quitting_the_login_does_not_ask_for_the_login_again(
    qtbot, session_window, no_keyring_editor, session_for, admin
):
    """Verwerfen at Abmelden leaves the typed values in the form; quitting the login then
    asks about them, and Speichern closes the window once saved: no second login."""
    window = session_window(no_keyring_editor, session_for(admin))
    wait_idle(qtbot)
    window.form.filename_edit.setText("halb getippt")
    assert window.form.is_dirty()
    choices = iter([UnsavedChoice.DISCARD, UnsavedChoice.SAVE])
    window.ask_unsaved_changes = lambda: next(choices, UnsavedChoice.DISCARD)
    asked = []

    def answer(_session):
        asked.append(None)
        return None if len(asked) == 1 else admin  # asked again: someone logs in

    window.ask_login = answer
    window.logout_action.trigger()
    wait_idle(qtbot)
    assert asked == [None]
    qtbot.waitUntil(lambda: not window.isVisible())
