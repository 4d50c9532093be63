"""The window follows the logged-in user's rights as they are now: another administrator
(on another computer on the shared database, or in another window of this program) takes
or gives the administrator rights, or deactivates the user. With the window's next read
the Verwaltung menu and the user in the status bar say so, read off the GUI thread, and
whatever is being typed stays: nobody is logged out."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import threading

import pytest
from keyring.backends import fail
from sqlalchemy import event

from desktop_app.domain.users import Group
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.secrets import SecretStore
from desktop_app.store.users import UserRepository

from .helpers import type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    FAST,
    STAFF,
    admin,
    other_admin,
    other_computer,
    session_window,
    staff,
    users,
)

ADMINISTRATION = "&Verwaltung"


@pytest.fixture
def session_for(db):
    """Sessions that never reach a keyring: nothing here reveals or stores a password."""
    return lambda user, changes=None: UserSession.open(
        db, SecretStore(fail.Keyring()), user, hasher=FAST, changes=changes
    )


@pytest.fixture
def elsewhere(other_computer):
    """The users of the same database as another program sees them: its writes announce
    nothing to this window."""
    return UserRepository(other_computer, FAST)


def _menus(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.isVisible()]


def _admin_entries_reachable(window) -> bool:
    administration = window.administration
    return administration.menu is not None and administration.users_action.isEnabled()


def test_demoted_on_another_computer_the_menu_and_the_label_follow_the_next_read(
    qtbot, session_window, no_keyring_editor, session_for, admin, other_admin, elsewhere, db
):
    window = session_window(no_keyring_editor, session_for(admin))
    assert ADMINISTRATION in _menus(window) and _admin_entries_reachable(window)
    assert window.user_label.text() == f"Angemeldet: {ADMIN} (Administratoren)"
    queries: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:
        queries.append(f"{threading.current_thread().name}: {statement}")

    elsewhere.set_group(admin.id, Group.STAFF)
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        window.refresh()  # what the window reads again (the banner's retry, a change)
        wait_idle(qtbot)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert ADMINISTRATION not in _menus(window)
    assert window.administration.menu is None
    assert window.user_label.text() == f"Angemeldet: {ADMIN} (Mitarbeiter)"
    assert window.statusBar().currentMessage() == (
        "Ein Administrator hat Ihnen die Administratorrechte entzogen."
    )
    assert not window.session.is_admin
    gui_thread = threading.main_thread().name
    assert any("users" in q for q in queries), "the user's row was not read again"
    assert [q for q in queries if q.startswith(f"{gui_thread}:")] == []

    # Made an administrator again: the menu comes back the same way.
    elsewhere.set_group(admin.id, Group.ADMINISTRATORS)
    window.reload_list()
    wait_idle(qtbot)
    assert ADMINISTRATION in _menus(window) and _admin_entries_reachable(window)
    assert window.user_label.text() == f"Angemeldet: {ADMIN} (Administratoren)"
    assert window.statusBar().currentMessage() == (
        "Ein Administrator hat Ihnen Administratorrechte gegeben."
    )


def test_promoted_in_another_window_the_menu_comes_at_once(
    qtbot, session_window, no_keyring_editor, session_for, admin, staff
):
    window = session_window(no_keyring_editor, session_for(staff))
    assert ADMINISTRATION not in _menus(window)
    assert window.user_label.text() == f"Angemeldet: {STAFF} (Mitarbeiter)"
    # Another window of this program, where the administrator is logged in: its changes
    # are announced on the same hub.
    other = session_for(admin, window.session.changes)
    other.set_user_group(staff, Group.ADMINISTRATORS)  # announced; the window hears it
    qtbot.waitUntil(lambda: ADMINISTRATION in _menus(window), timeout=5000)
    wait_idle(qtbot)
    assert _admin_entries_reachable(window)
    assert window.user_label.text() == f"Angemeldet: {STAFF} (Administratoren)"
    assert window.administration.open_users() is not None  # and it works as this admin


def test_deactivated_elsewhere_the_label_says_so_and_the_edit_stays(
    qtbot, session_window, no_keyring_editor, session_for, admin, other_admin, elsewhere
):
    window = session_window(no_keyring_editor, session_for(admin))
    type_into(qtbot, window.form.filename_edit, "halb getippt")
    assert window.form.is_dirty()
    window.ask_login = lambda _session: pytest.fail("logged out mid-edit")

    elsewhere.set_enabled(admin.id, False)
    window.reload_list()
    wait_idle(qtbot)
    assert window.user_label.text() == f"Angemeldet: {ADMIN} (deaktiviert)"
    assert "nächste Anmeldung" in window.user_label.toolTip()
    assert window.statusBar().currentMessage() == (
        "Ein Administrator hat Ihren Benutzer deaktiviert: Die nächste Anmeldung wird abgelehnt."
    )
    assert ADMINISTRATION not in _menus(window)
    assert not window.session.is_admin
    # Not logged out: the form and what was typed into it stay.
    assert window.centralWidget().isVisible() and window.session.user.name == ADMIN
    assert window.form.filename_edit.text() == "halb getippt" and window.form.is_dirty()

    elsewhere.set_enabled(admin.id, True)
    window.reload_list()
    wait_idle(qtbot)
    assert window.user_label.text() == f"Angemeldet: {ADMIN} (Administratoren)"
    assert window.user_label.toolTip() == ""
    assert ADMINISTRATION in _menus(window)
    assert window.form.filename_edit.text() == "halb getippt"


def test_while_nobody_is_logged_in_no_rights_are_followed(
    qtbot, session_window, no_keyring_editor, session_for, admin, staff, elsewhere
):
    window = session_window(no_keyring_editor, session_for(staff))
    seen = []

    def log_in_again(_session):
        # Promoted meanwhile, and the window reads again while the login is asked:
        # the menu is offered to nobody.
        elsewhere.set_group(staff.id, Group.ADMINISTRATORS)
        window.reload_list()
        wait_idle(qtbot)
        seen.append((ADMINISTRATION in _menus(window), window.statusBar().currentMessage()))
        return elsewhere.get(STAFF)

    window.ask_login = log_in_again
    window.logout_action.trigger()
    wait_idle(qtbot)
    assert seen == [(False, "Abgemeldet.")]
    assert ADMINISTRATION in _menus(window)  # logged in again, with the rights as they are
    assert window.user_label.text() == f"Angemeldet: {STAFF} (Administratoren)"
