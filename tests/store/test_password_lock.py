"""The lock after wrong passwords holds across processes: two real processes trying
wrong passwords at the same moment, each running argon2 with its real cost against the
same SQLite file or PostgreSQL database, never get more than five passwords checked."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.users import MAX_PASSWORD_FAILURES, PASSWORD_LOCK_DURATION, Group
from desktop_app.jobs.user_session import log_in
from desktop_app.store.audit import AuditLog
from desktop_app.store.catalog import Catalog
from desktop_app.store.users import PasswordOutcome, UserRepository

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Chefin-Passwort-1"
TRIES_PER_PROCESS = 6


def _race(url: str, modes: tuple[str, str]) -> list[int]:
    """Start one process per mode; each tries wrong passwords from the same instant."""
    start_at = time.time() + 4.0  # after both have imported and opened the database

    def one(mode: str) -> int:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.store.password_race",
                url,
                mode,
                "chefin",
                str(TRIES_PER_PROCESS),
                str(start_at),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])["checks"]

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(one, modes))


@pytest.mark.parametrize("modes", [("login", "login"), ("reveal", "reveal"), ("login", "reveal")])
def test_two_processes_racing_wrong_passwords_get_at_most_five_checked(any_db, modes):
    users = UserRepository(any_db, PasswordHasher())  # argon2's real cost: a real race
    admin = users.create("chefin", PASSWORD, Group.ADMINISTRATORS)
    Catalog(any_db).set_chain_options(ChainOptions(admins_may_reveal_passwords=True))

    checks = _race(any_db.url, modes)

    # 12 wrong passwords were typed; exactly five reached argon2, the others met the lock.
    assert sum(checks) == MAX_PASSWORD_FAILURES, checks
    assert users.locked_until(admin.id) is not None
    # The right password is not even checked now, at the login or anywhere else.
    attempt = log_in(users, AuditLog(any_db), "chefin", PASSWORD)
    assert attempt.user is None and attempt.locked_until is not None


FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def test_many_threads_at_once_still_check_five(db):
    """The same within one process, on 8 threads with their own connections."""
    users = UserRepository(db, FAST)
    admin = users.create("chefin", PASSWORD, Group.ADMINISTRATORS)
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(lambda n: users.try_password(admin.id, f"x{n}"), range(40)))
    wrong = [t for t in outcomes if t.outcome is PasswordOutcome.WRONG]
    assert len(wrong) == MAX_PASSWORD_FAILURES
    assert sorted(t.failures for t in wrong) == [1, 2, 3, 4, 5]
    assert all(t.outcome is PasswordOutcome.LOCKED for t in outcomes if t not in wrong)


def test_the_lock_runs_out_and_a_right_password_clears_the_count(db):
    users = UserRepository(db, FAST)
    admin = users.create("chefin", PASSWORD, Group.ADMINISTRATORS)
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    for n in range(1, 4):
        assert users.try_password(admin.id, "falsch", now).failures == n
    assert users.try_password(admin.id, PASSWORD, now).outcome is PasswordOutcome.RIGHT
    for n in range(1, MAX_PASSWORD_FAILURES + 1):
        tried = users.try_password(admin.id, "falsch", now)
        assert (tried.outcome, tried.failures) == (PasswordOutcome.WRONG, n)
    assert tried.locked_until == now + PASSWORD_LOCK_DURATION
    almost = now + PASSWORD_LOCK_DURATION - timedelta(seconds=1)
    assert users.try_password(admin.id, PASSWORD, almost).outcome is PasswordOutcome.LOCKED
    after = now + PASSWORD_LOCK_DURATION
    fresh = users.try_password(admin.id, "falsch", after)
    assert (fresh.outcome, fresh.failures, fresh.locked_until) == (PasswordOutcome.WRONG, 1, None)
    assert users.try_password(admin.id, PASSWORD, after).outcome is PasswordOutcome.RIGHT


def test_unlock_lifts_the_lock(db):
    users = UserRepository(db, FAST)
    admin = users.create("chefin", PASSWORD, Group.ADMINISTRATORS)
    for _ in range(MAX_PASSWORD_FAILURES):
        users.try_password(admin.id, "falsch")
    assert set(users.locks()) == {admin.id}
    assert users.unlock(admin.id) is True
    assert users.locks() == {} and users.locked_until(admin.id) is None
    assert users.unlock(admin.id) is False
    assert users.try_password(admin.id, PASSWORD).outcome is PasswordOutcome.RIGHT
