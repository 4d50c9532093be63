from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.users import Group
from desktop_app.jobs.password_reveal import PasswordReveal, RevealOutcome
from desktop_app.store import audit
from desktop_app.store.audit import AuditLog
from desktop_app.store.db import Database
from desktop_app.store.secrets import ftp_key
from desktop_app.store.users import UserRepository

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
SECRET = "FTP-Geheimnis-42"


class Clock:
    def __init__(self):
        self.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def setup(db, catalog, secret_store):
    users = UserRepository(db, FAST)
    admin = users.create("chefin", "Admin-Passwort-1", Group.ADMINISTRATORS)
    staff = users.create("anna", "Anna-Passwort-1", Group.STAFF)
    catalog.set_chain_options(ChainOptions(admins_may_reveal_passwords=True))
    secret_store.set(ftp_key("uid-1"), SECRET)
    clock = Clock()
    reveal = PasswordReveal(users, catalog, secret_store, AuditLog(db), now=clock)
    return reveal, admin, staff, clock


def test_admin_with_right_password_sees_it(setup, db):
    reveal, admin, _, _ = setup
    result = reveal.reveal(admin, "Admin-Passwort-1", ftp_key("uid-1"), "Zahlungen")
    assert result.outcome is RevealOutcome.SHOWN and result.secret == SECRET
    assert SECRET not in repr(result)
    entry = AuditLog(db).entries()[0]
    assert (entry.actor, entry.action, entry.target, entry.outcome) == (
        "chefin",
        audit.REVEAL,
        "Zahlungen",
        "shown",
    )


def test_staff_and_option_off_are_refused(setup, catalog):
    reveal, admin, staff, _ = setup
    assert not reveal.allowed(staff)
    result = reveal.reveal(staff, "Anna-Passwort-1", ftp_key("uid-1"), "Zahlungen")
    assert result.outcome is RevealOutcome.NOT_ALLOWED and result.secret is None
    catalog.set_chain_options(ChainOptions(admins_may_reveal_passwords=False))
    assert not reveal.allowed(admin)
    assert reveal.reveal(admin, "Admin-Passwort-1", ftp_key("uid-1"), "Z").secret is None


def test_five_wrong_attempts_lock_for_five_minutes_across_restart(setup, db, catalog, secret_store):
    reveal, admin, _, clock = setup
    for left in (4, 3, 2, 1):
        result = reveal.reveal(admin, "falsch", ftp_key("uid-1"), "Z")
        assert result.outcome is RevealOutcome.WRONG_PASSWORD and result.attempts_left == left
    result = reveal.reveal(admin, "falsch", ftp_key("uid-1"), "Z")
    assert result.outcome is RevealOutcome.LOCKED

    # A restart: a new database connection and a new reveal object.
    again = Database(db.url)
    reveal2 = PasswordReveal(
        UserRepository(again, FAST), catalog, secret_store, AuditLog(again), now=clock
    )
    clock.now += timedelta(minutes=4, seconds=59)
    locked = reveal2.reveal(admin, "Admin-Passwort-1", ftp_key("uid-1"), "Z")
    assert locked.outcome is RevealOutcome.LOCKED and locked.secret is None
    clock.now += timedelta(seconds=2)
    assert reveal2.reveal(admin, "Admin-Passwort-1", ftp_key("uid-1"), "Z").secret == SECRET
    actions = [e.action for e in AuditLog(db).entries()]
    assert actions.count(audit.REVEAL_FAILED) == 5 and actions.count(audit.REVEAL_LOCKED) == 1
    again.dispose()


def test_audit_never_holds_the_secret(setup, db):
    reveal, admin, _, _ = setup
    reveal.reveal(admin, "Admin-Passwort-1", ftp_key("uid-1"), "Z")
    reveal.reveal(admin, "falsch", ftp_key("uid-1"), "Z")
    db.dispose()
    from pathlib import Path

    base = Path(db.url.removeprefix("sqlite:///"))
    files = [p for p in base.parent.iterdir() if p.name.startswith(base.name)]
    assert files
    for file in files:
        assert SECRET.encode() not in file.read_bytes(), file
