"""`desktop-app users add/list` (issue 6): an installation prepared by script. Commands
need no login, act as the operating-system account and never print a secret."""

from __future__ import annotations

import getpass
import json

import pytest

from desktop_app.domain.users import Group
from desktop_app.store import audit
from desktop_app.store.audit import AuditLog
from desktop_app.store.db import Database
from desktop_app.store.users import UserRepository
from tests.cli.test_interfaces_cli import run_cli

PASSWORD = "Skript-Passwort-77"


@pytest.fixture
def data(tmp_path):
    return tmp_path / "cli-data"


def _open(data) -> Database:
    return Database(f"sqlite:///{data / 'desktop-app.sqlite3'}")


def test_users_add_creates_an_administrator_from_stdin(data):
    result = run_cli(data, "users", "add", "chefin", "--admin", "--password-stdin", stdin=PASSWORD)
    assert result.returncode == 0, result.stderr
    assert "Created user 'chefin' (Administrators)." in result.stderr
    assert PASSWORD not in result.stdout + result.stderr

    result = run_cli(data, "users", "add", "anna", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr

    listed = run_cli(data, "users", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [
        {"name": "anna", "group": "staff", "enabled": True, "locked_until": None},
        {"name": "chefin", "group": "admin", "enabled": True, "locked_until": None},
    ]
    assert PASSWORD not in listed.stdout

    db = _open(data)
    try:
        users = UserRepository(db)
        assert users.get("chefin").group is Group.ADMINISTRATORS
        assert users.authenticate("chefin", PASSWORD) is not None  # the newline is not kept
        assert users.authenticate("anna", PASSWORD) is not None
        entries = AuditLog(db).entries(action=audit.USER_CREATED)
        assert {e.actor for e in entries} == {f"os:{getpass.getuser()}"}
        assert sorted(e.target for e in entries) == ["anna", "chefin"]
        assert PASSWORD not in repr(AuditLog(db).entries())
    finally:
        db.dispose()
    assert PASSWORD.encode() not in (data / "desktop-app.sqlite3").read_bytes()


def test_users_add_refuses_a_bad_password_a_duplicate_and_a_missing_stdin(data):
    weak = run_cli(data, "users", "add", "chefin", "--admin", "--password-stdin", stdin="kurz")
    assert weak.returncode == 3
    assert "at least 8 characters" in weak.stderr
    assert "kurz" not in weak.stderr

    no_stdin = run_cli(data, "users", "add", "chefin", "--admin")
    assert no_stdin.returncode == 2
    assert "--password-stdin is required" in no_stdin.stderr

    empty = run_cli(data, "users", "add", "chefin", "--password-stdin", stdin="")
    assert empty.returncode == 3

    first = run_cli(data, "users", "add", "chefin", "--password-stdin", stdin=PASSWORD)
    assert first.returncode == 0
    twice = run_cli(data, "users", "add", "chefin", "--password-stdin", stdin=PASSWORD)
    assert twice.returncode == 3
    assert "The user “chefin” already exists." in twice.stderr


def test_users_list_as_text(data):
    run_cli(data, "users", "add", "chefin", "--admin", "--password-stdin", stdin=PASSWORD)
    listed = run_cli(data, "users", "list")
    assert listed.returncode == 0
    assert listed.stdout.splitlines() == ["chefin\tAdministrators"]


def test_users_unlock_lifts_the_lock_and_is_audited(data):
    from desktop_app.jobs.user_session import log_in

    run_cli(data, "users", "add", "anna", "--password-stdin", stdin=PASSWORD)
    db = _open(data)
    try:
        users = UserRepository(db)
        for _ in range(5):
            log_in(users, AuditLog(db), "anna", "falsch-falsch")
        assert log_in(users, AuditLog(db), "anna", PASSWORD).user is None

        listed = run_cli(data, "users", "list")
        assert listed.stdout.startswith("anna\tStaff\t(locked until ")
        as_json = json.loads(run_cli(data, "users", "list", "--json").stdout)
        assert as_json[0]["locked_until"] is not None

        unlocked = run_cli(data, "users", "unlock", "anna")
        assert unlocked.returncode == 0, unlocked.stderr
        assert "Unlocked user 'anna'" in unlocked.stderr
        assert log_in(users, AuditLog(db), "anna", PASSWORD).user is not None
        entry = AuditLog(db).entries(action=audit.USER_UNLOCKED)[0]
        assert (entry.actor, entry.target, entry.details) == (
            f"os:{getpass.getuser()}",
            "anna",
            {"was_locked": True},
        )
    finally:
        db.dispose()
    again = run_cli(data, "users", "unlock", "anna")
    assert again.returncode == 0 and "was not locked" in again.stderr
    unknown = run_cli(data, "users", "unlock", "niemand")
    assert unknown.returncode == 1 and "There is no user “niemand”." in unknown.stderr
