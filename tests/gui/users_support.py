"""Fixtures and helpers for the tests of users, login and the password reveal (issue 6).

Imported by the test modules that need them (pytest finds fixtures in a module's names):
a fast argon2 hasher, an administrator and a staff user, the chain option, a main window
on a session of one's own (fake clock, short show duration), and answering the
reveal, login and first-administrator dialogs as a user would.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.users import REVEAL_SHOW_DURATION, Group
from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.audit import AuditLog
from desktop_app.store.db import Database
from desktop_app.store.users import UserRepository
from desktop_app.ui.login_dialog import LoginDialog
from desktop_app.ui.main_window import UnsavedChoice
from desktop_app.ui.new_user_dialog import NewUserDialog
from desktop_app.ui.reveal_dialog import RevealDialog
from desktop_app.ui.widgets.password_field import PasswordField

from .conftest import TEST_HOST
from .helpers import type_into, wait_idle

# Cheap parameters: the tests check the rules, not argon2's cost.
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
ADMIN = "chefin"
ADMIN_PASSWORD = "Chefin-Passwort-1"
STAFF = "anna"
STAFF_PASSWORD = "Anna-Passwort-1"
FTP_SECRET = "Ftp-Geheimnis-0815!"  # what the eye shows; nowhere else


class Clock:
    """The reveal lock's clock: stands still until a test moves it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def users(db) -> UserRepository:
    return UserRepository(db, FAST)


@pytest.fixture
def admin(users):
    return users.create(ADMIN, ADMIN_PASSWORD, Group.ADMINISTRATORS)


@pytest.fixture
def staff(users):
    return users.create(STAFF, STAFF_PASSWORD, Group.STAFF)


@pytest.fixture
def other_admin(users):
    """A second administrator: the last active one could not be demoted."""
    return users.create("zweiter", "Zweiter-Passwort-1", Group.ADMINISTRATORS)


@pytest.fixture
def other_computer(db):
    """The same database file opened by another program: its writes announce nothing here."""
    database = Database(db.url)
    yield database
    database.dispose()


@pytest.fixture
def reveal_on(catalog):
    catalog.set_chain_options(ChainOptions(admins_may_reveal_passwords=True))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def audit_log(db) -> AuditLog:
    return AuditLog(db)


@pytest.fixture
def session_for(db, secret_store, clock) -> Callable[..., UserSession]:
    """``session_for(user, show_duration=...)``: a session on the test's db and keyring."""

    def make(user, *, show_duration: timedelta = REVEAL_SHOW_DURATION, secrets=None):
        return UserSession.open(
            db,
            secrets or secret_store,
            user,
            hasher=FAST,
            now=clock,
            show_duration=show_duration,
        )

    return make


@pytest.fixture
def session_window(qtbot, settings_file, german):
    """``session_window(editor, session)``: a shown main window of a logged-in user;
    several share one database and settings file, like restarts of the program."""
    windows = []

    def make(editor, session: UserSession | None):
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = build_main_window(editor, settings, "de", host_name=TEST_HOST, session=session)
        window.errors = []
        window.show_error = window.errors.append
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        windows.append(window)
        wait_idle(qtbot)  # the list and the first interface are read in the background
        return window

    yield make
    wait_idle(qtbot)
    for window in windows:
        window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
        window.close()
        window.deleteLater()


def open_reveal_dialog(qtbot, field: PasswordField) -> RevealDialog:
    """Click the eye, as a user does; the re-authentication dialog opens once the
    session confirmed in the background that a reveal is allowed."""
    button = field.reveal_button()
    wait_idle(qtbot)  # the field's own question whether its eye may show
    assert button.isVisible(), "no eye button"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    dialog = field.reveal_dialog()
    assert isinstance(dialog, RevealDialog)
    qtbot.waitUntil(dialog.isVisible)
    wait_idle(qtbot)  # the lock check that runs when it opens
    return dialog


def enter_own_password(qtbot, dialog: RevealDialog, password: str) -> None:
    type_into(qtbot, dialog.password_edit, password)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def reveal(qtbot, field: PasswordField, password: str = ADMIN_PASSWORD) -> None:
    """The whole reveal: eye, own password, shown."""
    dialog = open_reveal_dialog(qtbot, field)
    enter_own_password(qtbot, dialog, password)
    qtbot.waitUntil(field.is_revealed)


class StartDialogAnswers:
    """For a timer while ``run_gui`` runs: fills in the first-administrator dialog or the
    login dialog once each, and clicks its OK, as the user at the first start would."""

    def __init__(
        self,
        *,
        first_admin: tuple[str, str] | None = None,
        login: tuple[str, str] | None = None,
        quit_login: bool = False,
    ):
        self.first_admin = first_admin
        self.login = login
        self.quit_login = quit_login
        self.seen: list[str] = []

    def __call__(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible() or widget in self.seen:
                continue
            if isinstance(widget, NewUserDialog) and self.first_admin:
                self.seen.append(widget)
                name, password = self.first_admin
                widget.name_edit.setText(name)
                widget.passwords.password_edit.setText(password)
                widget.passwords.repeat_edit.setText(password)
                widget.ok_button.click()
            elif isinstance(widget, LoginDialog):
                self.seen.append(widget)
                if self.quit_login or self.login is None:
                    widget.reject()
                    continue
                widget.name_edit.setText(self.login[0])
                widget.password_edit.setText(self.login[1])
                widget.ok_button.click()


def audit_entries_with_money() -> list:
    """Audit entries whose details hold amounts and counts, as the jobs record them."""
    from datetime import UTC, datetime

    from desktop_app.jobs import case_desk, guard_override
    from desktop_app.store.audit import AuditEntry

    def entry(action, **details):
        return AuditEntry(datetime(2026, 12, 5, tzinfo=UTC), ADMIN, action, "x", "ok", details)

    return [
        entry(guard_override.GUARDS_OVERRIDDEN, booked=3, booked_amount="1234.50"),
        entry(guard_override.GUARDS_OVERRIDDEN, booked=1, booked_amount="9.90"),
        entry(case_desk.CASE_ASSIGNED, invoices=[{"invoice": "RE-1", "amount": "89.90"}]),
        entry(case_desk.BOOKING_REVERSED, invoice="RE-2", amount="12.00"),
        entry(case_desk.BOOKING_REVERSED, invoice="RE-3", amount="not a number"),
        entry(guard_override.GUARDS_OVERRIDDEN, booked="drei", booked_amount="1"),
    ]
