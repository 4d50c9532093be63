from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.users import Group
from desktop_app.jobs.credentials import SecretRef
from desktop_app.jobs.password_reveal import PasswordReveal, RevealOutcome
from desktop_app.store import audit
from desktop_app.store.audit import AuditLog
from desktop_app.store.db import Database
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
    secret_store.set(SecretRef.ftp("uid-1").key, SECRET)
    clock = Clock()
    reveal = PasswordReveal(users, catalog, secret_store, AuditLog(db), now=clock)
    return reveal, admin, staff, clock


def test_admin_with_right_password_sees_it(setup, db):
    reveal, admin, _, _ = setup
    result = reveal.reveal(admin, "Admin-Passwort-1", SecretRef.ftp("uid-1"), "Zahlungen")
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
    result = reveal.reveal(staff, "Anna-Passwort-1", SecretRef.ftp("uid-1"), "Zahlungen")
    assert result.outcome is RevealOutcome.NOT_ALLOWED and result.secret is None
    catalog.set_chain_options(ChainOptions(admins_may_reveal_passwords=False))
    assert not reveal.allowed(admin)
    assert reveal.reveal(admin, "Admin-Passwort-1", SecretRef.ftp("uid-1"), "Z").secret is None


def test_five_wrong_attempts_lock_for_five_minutes_across_restart(setup, db, catalog, secret_store):
    reveal, admin, _, clock = setup
    for left in (4, 3, 2, 1):
        result = reveal.reveal(admin, "falsch", SecretRef.ftp("uid-1"), "Z")
        assert result.outcome is RevealOutcome.WRONG_PASSWORD and result.attempts_left == left
    result = reveal.reveal(admin, "falsch", SecretRef.ftp("uid-1"), "Z")
    assert result.outcome is RevealOutcome.LOCKED

    # A restart: a new database connection and a new reveal object.
    again = Database(db.url)
    reveal2 = PasswordReveal(
        UserRepository(again, FAST), catalog, secret_store, AuditLog(again), now=clock
    )
    clock.now += timedelta(minutes=4, seconds=59)
    locked = reveal2.reveal(admin, "Admin-Passwort-1", SecretRef.ftp("uid-1"), "Z")
    assert locked.outcome is RevealOutcome.LOCKED and locked.secret is None
    clock.now += timedelta(seconds=2)
    assert reveal2.reveal(admin, "Admin-Passwort-1", SecretRef.ftp("uid-1"), "Z").secret == SECRET
    actions = [e.action for e in AuditLog(db).entries()]
    assert actions.count(audit.REVEAL_FAILED) == 5 and actions.count(audit.REVEAL_LOCKED) == 1
    again.dispose()


def test_audit_never_holds_the_secret(setup, db):
    reveal, admin, _, _ = setup
    reveal.reveal(admin, "Admin-Passwort-1", SecretRef.ftp("uid-1"), "Z")
    reveal.reveal(admin, "falsch", SecretRef.ftp("uid-1"), "Z")
    db.dispose()
    from pathlib import Path

    base = Path(db.url.removeprefix("sqlite:///"))
    files = [p for p in base.parent.iterdir() if p.name.startswith(base.name)]
    assert files
    for file in files:
        assert SECRET.encode() not in file.read_bytes(), file


def test_five_wrong_logins_lock_the_reveal_too(setup, db):
    from desktop_app.jobs.user_session import log_in

    reveal, admin, _, clock = setup
    users, log = reveal.users, AuditLog(db)
    for _ in range(4):
        attempt = log_in(users, log, "chefin", "falsch-falsch", clock.now)
        assert attempt.user is None and attempt.locked_until is None
    fifth = log_in(users, log, "chefin", "falsch-falsch", clock.now)
    assert fifth.user is None and fifth.locked_until is not None
    # The same person at the eye button, with the right password: locked as well.
    locked = reveal.reveal(admin, "Admin-Passwort-1", SecretRef.ftp("uid-1"), "Z")
    assert locked.outcome is RevealOutcome.LOCKED and locked.secret is None
    assert log_in(users, log, "chefin", "Admin-Passwort-1", clock.now).user is None
    assert [e.outcome for e in log.entries(action=audit.LOGIN_LOCKED)] == ["locked"]


def test_wrong_reveals_and_logins_count_together(setup, db):
    from desktop_app.jobs.user_session import log_in

    reveal, admin, _, clock = setup
    for left in (4, 3, 2):
        assert reveal.reveal(admin, "falsch", SecretRef.ftp("uid-1"), "Z").attempts_left == left
    assert log_in(reveal.users, AuditLog(db), "chefin", "falsch", clock.now).locked_until is None
    assert log_in(reveal.users, AuditLog(db), "chefin", "falsch", clock.now).locked_until
    attempt = log_in(reveal.users, AuditLog(db), "chefin", "Admin-Passwort-1", clock.now)
    assert attempt.user is None and attempt.locked_until is not None


def test_an_administrator_unlocks_a_user_and_it_is_audited(setup, db, secret_store):
    from desktop_app.jobs.user_session import NotAllowed, UserSession, log_in

    reveal, admin, staff, clock = setup
    for _ in range(5):
        log_in(reveal.users, AuditLog(db), "anna", "falsch", clock.now)
    assert log_in(reveal.users, AuditLog(db), "anna", "Anna-Passwort-1", clock.now).user is None
    session = UserSession.open(db, secret_store, admin, hasher=FAST, now=clock)
    assert set(session.user_locks()) == {staff.id}
    assert session.unlock_user(staff) is True
    assert log_in(reveal.users, AuditLog(db), "anna", "Anna-Passwort-1", clock.now).user == staff
    entry = AuditLog(db).entries(action=audit.USER_UNLOCKED)[0]
    assert (entry.actor, entry.target, entry.details) == ("chefin", "anna", {"was_locked": True})
    staff_session = UserSession.open(db, secret_store, staff, hasher=FAST)
    with pytest.raises(NotAllowed):
        staff_session.unlock_user(admin)


def test_the_own_password_change_counts_wrong_current_passwords(setup, db, secret_store):
    from desktop_app.jobs.user_session import UserSession
    from desktop_app.store.user_errors import PasswordLocked, UserError

    _, admin, _, _ = setup
    session = UserSession.open(db, secret_store, admin, hasher=FAST)
    for _ in range(5):
        with pytest.raises(UserError) as wrong:
            session.change_own_password("falsch-falsch", "Neues-Passwort-22")
        assert wrong.value.message_de == "Das bisherige Passwort ist falsch."
    with pytest.raises(PasswordLocked):
        session.change_own_password("Admin-Passwort-1", "Neues-Passwort-22")


def test_a_keyring_that_is_gone_is_said_in_either_language(setup, db, catalog):
    """The eye button's dialog shows the keyring's own advice in the window's language."""
    from keyring.backends import fail

    from desktop_app.store.secrets import SecretStore

    _, admin, _, clock = setup
    users = UserRepository(db, FAST)
    gone = PasswordReveal(users, catalog, SecretStore(fail.Keyring()), AuditLog(db), now=clock)
    result = gone.reveal(admin, "Admin-Passwort-1", SecretRef.ftp("uid-1"), "Zahlungen")
    assert result.outcome is RevealOutcome.KEYRING_ERROR
    assert result.text("de").startswith("Es ist kein Schlüsselbund")
    assert result.text("en").startswith("No keyring (the operating system's password store)")
    assert "Please set up a keyring" in result.text("en")


@pytest.mark.parametrize("change", ["demoted", "deactivated"])
def test_rights_follow_the_user_as_the_database_has_them_now(setup, db, secret_store, change):
    """Another administrator, on another computer, demotes or deactivates one who is
    logged in: from then on that session can neither reveal nor administer."""
    from desktop_app.jobs.user_session import NotAllowed, UserSession

    reveal, admin, _staff, clock = setup
    other = reveal.users.create("zweit", "Zweit-Passwort-1", Group.ADMINISTRATORS)
    mine = UserSession.open(db, secret_store, admin, hasher=FAST, now=clock)
    theirs = UserSession.open(db, secret_store, other, hasher=FAST, now=clock)
    assert mine.may_reveal()
    if change == "demoted":
        theirs.set_user_group(admin, Group.STAFF)
    else:
        theirs.set_user_enabled(admin, False)
    assert not mine.may_reveal()
    shown = mine.reveal("Admin-Passwort-1", SecretRef.ftp("uid-1"), "Zahlungen")
    assert shown.outcome is RevealOutcome.NOT_ALLOWED and shown.secret is None
    for action in (
        lambda: mine.create_user("hintertuer", "Hinter-Tuer-123", Group.ADMINISTRATORS),
        lambda: mine.set_user_group(other, Group.STAFF),
        lambda: mine.reset_password(other, "Neu-Gesetzt-1234"),
        mine.list_users,
    ):
        with pytest.raises(NotAllowed):
            action()
    assert [u.name for u in reveal.users.list() if u.is_admin and u.enabled] == ["zweit"]


def test_an_administrator_neither_resets_nor_unlocks_their_own_password(setup, db, secret_store):
    """Their own password proves who sits at the keyboard before a reveal: it changes
    only with the current one (change_own_password), and its lock is lifted by another
    administrator or by time."""
    from desktop_app.jobs.user_session import UserSession
    from desktop_app.store.user_errors import UserError

    reveal, admin, _, clock = setup
    session = UserSession.open(db, secret_store, admin, hasher=FAST, now=clock)
    with pytest.raises(UserError):
        session.reset_password(admin, "Fremd-Gesetzt-1234")
    for _ in range(5):
        reveal.reveal(admin, "falsch", SecretRef.ftp("uid-1"), "Z")
    with pytest.raises(UserError):
        session.unlock_user(admin)
    locked = session.reveal("Admin-Passwort-1", SecretRef.ftp("uid-1"), "Z")
    assert locked.outcome is RevealOutcome.LOCKED
