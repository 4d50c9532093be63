"""Fixtures and helpers for the tests of how the main window reads again what other
computers changed: an administrator's window on one interface, the refresh's clock, the
statements run meanwhile by thread, and coming back to the window.

Imported by the test modules that need them (pytest finds fixtures in a module's names).
"""

# The fixtures imported from users_support are the fixtures' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QWidget
from sqlalchemy import event

from desktop_app.jobs.user_session import UserSession
from desktop_app.store.db import Database
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.window_refresh import WindowRefresh

from .helpers import wait_idle
from .users_support import FAST, admin, session_window, users  # noqa: F401

ADDED = "Zahlungen von drüben"
MINUTE = 60.0  # what the window lets pass before coming back reads again


@pytest.fixture
def session_for(db):
    """Sessions that never reach a keyring: nothing here reveals or stores a password."""
    return lambda user: UserSession.open(db, SecretStore(fail.Keyring()), user, hasher=FAST)


@pytest.fixture
def window(session_window, no_keyring_editor, session_for, admin, sample_settings):
    """An administrator's window on one interface, shown in a clean form."""
    no_keyring_editor.repository.save(sample_settings)
    win = session_window(no_keyring_editor, session_for(admin))
    assert win.form.original_name == sample_settings.name and not win.form.is_dirty()
    win.ask_unsaved_changes = lambda: pytest.fail("asked about unsaved changes")
    return win


class Clock:
    """The refresh's monotonic clock, in seconds: stands still until a test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@contextmanager
def sql_threads(db: Database) -> Iterator[list[str]]:
    """Every statement run on ``db`` meanwhile, as "thread: statement"."""
    queries: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:
        queries.append(f"{threading.current_thread().name}: {statement}")

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield queries
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def on_gui_thread(queries: list[str]) -> list[str]:
    return [q for q in queries if q.startswith(f"{threading.main_thread().name}:")]


def come_back(qtbot, window) -> None:
    """Another window is worked in, then this one again, as a user switches windows."""
    other = QWidget()
    with qtbot.waitActive(other):
        other.show()
        other.activateWindow()
    assert not window.isActiveWindow()
    with qtbot.waitActive(window):
        window.activateWindow()
    other.close()


def refresher_of(window) -> WindowRefresh:
    refresher = window.findChild(WindowRefresh)
    assert refresher is not None
    return refresher


def on_clock(qtbot, window) -> Clock:
    """The window's refresh on a clock the test moves; its list last read at ``now``."""
    clock = Clock()
    refresher_of(window).clock = clock
    window.reload_list()
    wait_idle(qtbot)
    return clock
