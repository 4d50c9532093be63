"""The eye button when its chain option is switched off elsewhere (on another computer):
it goes with the window's next read of the options, not only once clicked; and a click
on it before that read is still refused."""

# The fixtures imported are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from desktop_app.domain.interface import ChainOptions
from desktop_app.store import audit
from desktop_app.store.catalog import Catalog

from .helpers import wait_idle
from .test_reveal import SECOND, stored  # noqa: F401
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    admin,
    audit_log,
    clock,
    reveal_on,
    session_for,
    session_window,
    users,
)


def switched_off_on_another_computer(db) -> None:
    Catalog(db).set_chain_options(ChainOptions(admins_may_reveal_passwords=False))


def test_the_eye_goes_with_the_next_read_of_the_options(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored, db
):
    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    assert field.reveal_button().isVisible()

    switched_off_on_another_computer(db)
    window.reload_list()  # what a change of the catalogue or the interfaces reads again
    wait_idle(qtbot)
    assert not field.reveal_button().isVisible()

    # Switched on again: the eye comes back the same way.
    Catalog(db).set_chain_options(ChainOptions(admins_may_reveal_passwords=True))
    window.reload_list()
    wait_idle(qtbot)
    assert field.reveal_button().isVisible()


def test_a_click_on_the_eye_before_that_read_is_refused(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored, db, audit_log
):
    window = session_window(editor, session_for(admin))
    field = window.form.password_field
    assert field.reveal_button().isVisible()
    switched_off_on_another_computer(db)
    field.reveal_button().click()
    wait_idle(qtbot)
    assert field.reveal_dialog() is None and not field.is_revealed()
    assert field.line_edit().text() == ""
    assert not field.reveal_button().isVisible()
    assert audit_log.entries(action=audit.REVEAL) == []
    window.select_interface(SECOND)
    wait_idle(qtbot)
    assert not field.reveal_button().isVisible()
