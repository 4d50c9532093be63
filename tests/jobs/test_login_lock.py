"""The login's lock after wrong passwords tells nobody which names exist, and wrong tries
at one computer do not lock the user out at another."""

from __future__ import annotations

from datetime import UTC, datetime

from argon2 import PasswordHasher

from desktop_app.domain.users import MAX_PASSWORD_FAILURES, Group
from desktop_app.jobs.user_session import log_in
from desktop_app.store import audit
from desktop_app.store.audit import AuditLog
from desktop_app.store.users import UserRepository

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_an_unknown_name_gets_the_answers_of_a_wrong_password_try_after_try(db):
    users = UserRepository(db, FAST, computer="kasse-1")
    users.create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
    log = AuditLog(db)

    def answers(name: str) -> list[tuple[object, object]]:
        return [
            (attempt.user, attempt.locked_until)
            for attempt in (
                log_in(users, log, name, "falsch-falsch", NOW)
                for _ in range(MAX_PASSWORD_FAILURES + 2)
            )
        ]

    wrong, unknown = answers("chefin"), answers("niemand")
    assert unknown == wrong
    assert [until is not None for _, until in wrong] == [False] * 4 + [True] * 3
    # The audit log, for administrators, tells them apart, and says where it happened;
    # a name nobody has stays out of it (it may be a password typed one field up).
    locked = log.entries(action=audit.LOGIN_LOCKED)
    assert sorted((e.target, e.details["reason"]) for e in locked) == [
        ("", "unknown_user"),
        ("chefin", "wrong_password"),
    ]
    tries = log.entries(action=audit.LOGIN_FAILED)
    assert {e.details["computer"] for e in locked + tries} == {"kasse-1"}
    assert "niemand" not in str([(e.target, e.details) for e in log.entries()])


def test_a_login_locked_at_one_branch_works_at_another(db):
    at_branch = UserRepository(db, FAST, computer="FILIALE-NORD")
    at_office = UserRepository(db, FAST, computer="ZENTRALE")
    admin = at_branch.create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
    log = AuditLog(db)
    for _ in range(MAX_PASSWORD_FAILURES):
        log_in(at_branch, log, "chefin", "falsch-falsch", NOW)
    assert log_in(at_branch, log, "chefin", "Chefin-Passwort-1", NOW).user is None
    assert log_in(at_office, log, "chefin", "Chefin-Passwort-1", NOW).user == admin
    # Wrong tries at the office start their own count there.
    assert log_in(at_office, log, "chefin", "falsch", NOW).locked_until is None
