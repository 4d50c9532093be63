"""Two computers start at once on a new database: only one makes the first administrator,
the other is told to log in with that account (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event

from desktop_app.jobs.user_session import create_first_admin
from desktop_app.store.audit import AuditLog
from desktop_app.store.db import Database
from desktop_app.store.user_errors import FirstAdminExists
from desktop_app.store.users import UserRepository

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def test_two_computers_make_one_first_administrator(any_db):
    """The first computer has written its administrator, not yet committed, when the
    second one asks for its own: the second must wait and then be refused."""
    db_a = any_db
    db_b = Database(str(db_a.engine.url.render_as_string(hide_password=False)))
    try:
        a = UserRepository(db_a, FAST, computer="filiale-a")
        b = UserRepository(db_b, FAST, computer="filiale-b")
        outcome: dict[str, object] = {}

        def second_computer() -> None:
            try:
                outcome["b"] = create_first_admin(b, AuditLog(db_b), "bernd", "Bernds-Passwort-1")
            except FirstAdminExists as exc:
                outcome["b"] = exc

        other = threading.Thread(target=second_computer)

        @event.listens_for(db_a.engine, "after_cursor_execute")
        def meanwhile(_conn, _cursor, statement, *_args):
            if statement.lstrip().upper().startswith("INSERT INTO USERS") and not other.ident:
                other.start()
                other.join(2)  # waits for the first's commit, or (the bug) runs through

        try:
            outcome["a"] = create_first_admin(a, AuditLog(db_a), "anna", "Annas-Passwort-1")
        except FirstAdminExists as exc:
            outcome["a"] = exc
        other.join(30)
        assert not other.is_alive()

        admins = [u.name for u in a.list() if u.is_admin]
        assert len(admins) == 1, admins
        refused = [v for v in outcome.values() if isinstance(v, FirstAdminExists)]
        assert len(refused) == 1
        assert "Bitte melden Sie sich" in refused[0].message_de
        assert "log in" in refused[0].message_en
    finally:
        db_b.dispose()


def test_first_administrator_only_on_an_empty_database(db):
    users = UserRepository(db, FAST)
    first = users.create_first_admin("chefin", "Sicheres-Passwort-1")
    assert first.is_admin and users.get("chefin") == first
    assert users.authenticate("chefin", "Sicheres-Passwort-1") == first
    with pytest.raises(FirstAdminExists):
        users.create_first_admin("zweite", "Zweites-Passwort-1")
    assert [u.name for u in users.list()] == ["chefin"]
