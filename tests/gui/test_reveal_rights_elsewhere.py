"""The eye button's question whether it may show (the chain option and the user's group,
both in the database) runs in the background, never on the GUI thread; until it is
answered the eye cannot be clicked, and an answer a newer question overtook is dropped.
An administrator demoted elsewhere (another computer on the shared database, another
window of this program) loses the eye with the window's next read, not only once clicked.
"""

# The fixtures imported are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from sqlalchemy import event

from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.users import Group
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.catalog import Catalog
from desktop_app.store.users import UserRepository

from .helpers import wait_idle
from .test_reveal import SECOND, stored  # noqa: F401
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    FAST,
    admin,
    audit_log,
    clock,
    other_admin,
    other_computer,
    reveal_on,
    session_for,
    session_window,
    users,
)

GATE_TIMEOUT = 5  # seconds; the old code waited for the gate on the GUI thread


def test_the_eye_asks_the_database_off_the_gui_thread(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored, db, other_computer
):
    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    assert field.reveal_button().isVisible()
    queries: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:
        queries.append(f"{threading.current_thread().name}: {statement}")

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        Catalog(other_computer).set_chain_options(ChainOptions(admins_may_reveal_passwords=False))
        window.reload_list()  # the option is read again: the eye asks again
        wait_idle(qtbot)
        assert not field.reveal_button().isVisible()
        window.select_interface(SECOND)  # another interface: the eye asks again
        wait_idle(qtbot)
        field.update_reveal_button()
        wait_idle(qtbot)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    gui_thread = threading.main_thread().name
    assert queries, "nothing was read at all"
    assert [q for q in queries if q.startswith(f"{gui_thread}:")] == []


def test_while_the_answer_is_on_its_way_the_eye_cannot_be_clicked(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    eye = field.reveal_button()
    assert eye.isVisible() and eye.isEnabled()
    session = window.session
    asked, gate = session.may_reveal, threading.Event()

    def slow_answer() -> bool:
        gate.wait(GATE_TIMEOUT)
        return asked()

    session.may_reveal = slow_answer
    try:
        field.update_reveal_button()
        assert not eye.isEnabled()  # fail closed until the answer is there
        qtbot.mouseClick(eye, Qt.MouseButton.LeftButton)
        assert field.reveal_dialog() is None
    finally:
        gate.set()
    wait_idle(qtbot)
    assert eye.isVisible() and eye.isEnabled()
    assert field.reveal_dialog() is None  # the click on the waiting eye was not kept


def test_an_older_answer_does_not_overwrite_a_newer_one(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored, other_computer
):
    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    session = window.session
    asked, gate, calls = session.may_reveal, threading.Event(), []

    def answer() -> bool:
        calls.append(1)
        if len(calls) == 1:  # the first question, asked for the first interface, is slow
            gate.wait(GATE_TIMEOUT)
            return True
        return asked()

    session.may_reveal = answer
    try:
        field.update_reveal_button()
        Catalog(other_computer).set_chain_options(ChainOptions(admins_may_reveal_passwords=False))
        window.select_interface(SECOND)  # another interface shown: asked again
        qtbot.waitUntil(lambda: len(calls) >= 2)
        qtbot.waitUntil(lambda: not field.reveal_button().isVisible())
    finally:
        gate.set()
    wait_idle(qtbot)
    assert window.form.original_name == SECOND
    assert not field.reveal_button().isVisible()  # the late "yes" was for an older question


def test_demoted_on_another_computer_the_eye_goes_with_the_windows_next_read(
    qtbot,
    session_window,
    editor,
    session_for,
    admin,
    other_admin,
    reveal_on,
    stored,
    other_computer,
):
    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    assert field.reveal_button().isVisible()
    elsewhere = UserRepository(other_computer, FAST)

    elsewhere.set_group(admin.id, Group.STAFF)
    window.refresh()  # what the window reads again (the banner's retry, a change)
    wait_idle(qtbot)
    assert not field.reveal_button().isVisible()
    field.set_revealed(True)
    wait_idle(qtbot)
    assert field.reveal_dialog() is None and not field.is_revealed()

    # Made an administrator again: the eye comes back the same way.
    elsewhere.set_group(admin.id, Group.ADMINISTRATORS)
    window.reload_list()
    wait_idle(qtbot)
    assert field.reveal_button().isVisible()


def test_deactivated_on_another_computer_the_eye_goes_too(
    qtbot,
    session_window,
    editor,
    session_for,
    admin,
    other_admin,
    reveal_on,
    stored,
    other_computer,
):
    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    assert field.reveal_button().isVisible()
    UserRepository(other_computer, FAST).set_enabled(admin.id, False)
    window.reload_list()
    wait_idle(qtbot)
    assert not field.reveal_button().isVisible()


def test_demoted_in_another_window_the_eye_goes_at_once(
    qtbot,
    session_window,
    editor,
    session_for,
    admin,
    other_admin,
    reveal_on,
    stored,
    db,
    secret_store,
):
    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    assert field.reveal_button().isVisible()
    # Another window of this program, where the other administrator is logged in: its
    # changes are announced on the same hub.
    other = UserSession.open(
        db, secret_store, other_admin, hasher=FAST, changes=window.session.changes
    )
    other.set_user_group(admin, Group.STAFF)  # announced; the window hears it queued
    qtbot.waitUntil(lambda: not field.reveal_button().isVisible(), timeout=5000)


def test_the_eye_waits_behind_the_windows_first_read(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    """At start-up the list's first read goes alone (ops.hold_secondary): the eye's
    question waits, the eye closed, and an overtaken question asks nothing."""
    from desktop_app.ui.ops import hold_secondary, release_secondary

    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    eye = field.reveal_button()
    session = window.session
    asked, answers = session.may_reveal, []

    def counted() -> bool:
        answers.append(asked())
        return answers[-1]

    session.may_reveal = counted
    hold_secondary()
    try:
        field.update_reveal_button()
        field.update_reveal_button()  # overtakes the first before it started
        qtbot.wait(50)
        assert answers == [] and not eye.isEnabled()
    finally:
        release_secondary()
    wait_idle(qtbot)
    assert answers == [True]
    assert eye.isVisible() and eye.isEnabled()
