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
from desktop_app.store.password_checks import PasswordOutcome
from desktop_app.store.users import UserRepository

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


class CountingHasher(PasswordHasher):
    """FAST's cost; counts the argon2 checks, the work that takes a login its time."""

    def __init__(self):
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.checks = 0

    def verify(self, hash, password):
        self.checks += 1
        return super().verify(hash, password)


def test_a_name_no_user_has_is_counted_locked_and_checked_like_a_wrong_password(db):
    """Trying a name a few times must not tell whether a user has it: the same count, the
    same lock at the same try, and an argon2 check each (no user is made for it)."""
    hasher = CountingHasher()
    users = UserRepository(db, hasher)
    users.create("chefin", PASSWORD, Group.ADMINISTRATORS)
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def tries(name: str) -> list[tuple[int, bool, bool, int]]:
        seen = []
        for _ in range(MAX_PASSWORD_FAILURES + 1):
            before = hasher.checks
            tried = users.try_password_of(name, "falsch-falsch", now)
            locked = tried.outcome is PasswordOutcome.LOCKED
            checks = hasher.checks - before
            seen.append((tried.failures, tried.locked_until is not None, locked, checks))
        return seen

    known, unknown = tries("chefin"), tries("niemand")
    assert unknown == known
    assert [checks for *_, checks in known] == [1] * MAX_PASSWORD_FAILURES + [0]
    assert known[-1][1:3] == (True, True)
    assert [u.name for u in users.list()] == ["chefin"]
    # Case and Unicode form make no other name: "NIEMAND" is as locked as "niemand".
    assert users.try_password_of("NIEMAND", "x", now).outcome is PasswordOutcome.LOCKED
    # The lock runs out for both alike.
    after = now + PASSWORD_LOCK_DURATION
    assert users.try_password_of("niemand", "x", after).failures == 1
    assert users.try_password_of("chefin", PASSWORD, after).outcome is PasswordOutcome.RIGHT


def test_a_lock_on_one_computer_does_not_stop_the_user_on_another(db):
    """Wrong passwords typed at one branch's login lock the name there only: nobody can
    lock the chain's administrator out at every computer on the database."""
    at_a = UserRepository(db, FAST, computer="FILIALE-A")
    at_b = UserRepository(db, FAST, computer="filiale-b")
    admin = at_a.create("chefin", PASSWORD, Group.ADMINISTRATORS)
    for _ in range(MAX_PASSWORD_FAILURES):
        at_a.try_password_of("chefin", "falsch")
    assert at_a.try_password_of("chefin", PASSWORD).outcome is PasswordOutcome.LOCKED
    # The same computer under another case of its name is the same computer.
    again_a = UserRepository(db, FAST, computer=" Filiale-A ")
    assert again_a.try_password(admin.id, PASSWORD).outcome is PasswordOutcome.LOCKED
    assert at_a.locked_until(admin.id) is not None and at_b.locked_until(admin.id) is None
    assert at_b.try_password_of("chefin", PASSWORD).outcome is PasswordOutcome.RIGHT
    # An administrator still sees the lock, from any computer, and lifts it everywhere.
    assert set(at_b.locks()) == {admin.id}
    for _ in range(MAX_PASSWORD_FAILURES):
        at_b.try_password(admin.id, "falsch")
    assert at_b.unlock(admin.id) is True
    assert at_a.locks() == {} and at_a.locked_until(admin.id) is None
    assert at_a.try_password(admin.id, PASSWORD).outcome is PasswordOutcome.RIGHT
    assert at_b.try_password(admin.id, PASSWORD).outcome is PasswordOutcome.RIGHT


def test_wrong_tries_a_day_old_are_forgotten_and_a_name_is_not_kept_as_typed(db):
    users = UserRepository(db, FAST, computer="kasse-1")
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    for n in range(1, 4):
        assert users.try_password_of("Passwort-im-Namensfeld", "x", now).failures == n
    with db.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT account, computer FROM password_locks").all()
    assert len(stored) == 1 and "Namensfeld" not in str(stored) and stored[0][1] == "kasse-1"
    # 16 bits of a hash: nothing to guess a password typed into the name field back from.
    assert stored[0][0].startswith("name:") and len(stored[0][0]) == len("name:") + 4
    later = now + timedelta(days=1, seconds=1)
    assert users.try_password_of("jemand-anders", "x", later).failures == 1
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM password_locks").scalar() == 1
    assert users.try_password_of("Passwort-im-Namensfeld", "x", later).failures == 1


def test_a_database_of_the_shared_lock_upgrades_keeping_users_and_their_audit(data_dir):
    """0016 moves the lock out of "users": a SQLite database left at 0015 keeps its users
    and the audit entries that point at them; a lock standing then is dropped."""
    import sqlalchemy as sa

    from desktop_app.store.db import Database, sqlite_url

    url = sqlite_url(data_dir / "old.sqlite3")
    old = Database(url, upgrade=False)
    old.upgrade("0015")
    old_users = UserRepository(old, FAST)
    with old.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO users (name, user_group, password_hash, enabled, created_at, "
                "updated_at, reveal_failures, reveal_locked_until) VALUES ('chefin', 'admin', "
                ":hash, 1, '2026-11-24 09:00:00', '2026-11-24 09:00:00', 5, '2999-01-01 00:00:00')"
            ),
            {"hash": old_users.hasher.hash(PASSWORD)},
        )
        conn.execute(
            sa.text(
                "INSERT INTO audit_log (at, actor, user_id, action, target, outcome, details) "
                "VALUES ('2026-11-24 09:00:00', 'chefin', 1, 'login', 'chefin', 'ok', '')"
            )
        )
    old.dispose()

    upgraded = Database(url)
    users = UserRepository(upgraded, FAST)
    assert users.locks() == {}
    assert users.authenticate("chefin", PASSWORD) is not None
    with upgraded.engine.connect() as conn:
        owners = conn.execute(sa.text("SELECT user_id FROM audit_log")).scalars().all()
    assert owners == [1]
    upgraded.dispose()
