import contextlib
import threading
import unicodedata

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event

from desktop_app.domain.users import Group
from desktop_app.store.db import Database
from desktop_app.store.user_errors import UserError
from desktop_app.store.users import UserRepository

# Cheap argon2id parameters: the tests check behaviour, not the cost settings.
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def users(db):
    return UserRepository(db, FAST)


def test_first_admin_then_login(users, db):
    assert users.needs_first_admin()
    admin = users.create("chefin", "Sicheres-Passwort-1", Group.ADMINISTRATORS)
    assert not users.needs_first_admin() and admin.is_admin
    assert users.authenticate("chefin", "Sicheres-Passwort-1") == admin
    assert users.authenticate("chefin", "falsch-falsch") is None
    assert users.authenticate("niemand", "Sicheres-Passwort-1") is None


def test_hash_is_argon2id_and_not_the_password(users, db):
    import sqlalchemy as sa

    users.create("chefin", "Sicheres-Passwort-1", Group.ADMINISTRATORS)
    with db.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM users")).scalar()
    assert stored.startswith("$argon2id$") and "Sicheres-Passwort-1" not in stored


def test_rules(users):
    with pytest.raises(UserError) as err:
        users.create("a", "kurz", Group.STAFF)
    assert "mindestens 8" in err.value.message_de
    users.create("anna", "Anna-Passwort-1", Group.STAFF)
    with pytest.raises(UserError) as err:
        users.create("anna", "Anna-Passwort-2", Group.STAFF)
    assert "gibt es bereits" in err.value.message_de


def test_disable_reset_and_change_own(users):
    admin = users.create("chefin", "Sicheres-Passwort-1", Group.ADMINISTRATORS)
    anna = users.create("anna", "Anna-Passwort-1", Group.STAFF)
    with pytest.raises(UserError) as err:
        users.set_enabled(admin.id, False)
    assert "letzte aktive Administrator" in err.value.message_de
    users.set_enabled(anna.id, False)
    assert users.authenticate("anna", "Anna-Passwort-1") is None
    users.set_enabled(anna.id, True)
    users.set_password(anna.id, "Neues-Passwort-2")
    assert users.authenticate("anna", "Neues-Passwort-2")
    with pytest.raises(UserError) as err:
        users.change_own_password(anna.id, "falsch-falsch", "Drittes-Passwort-3")
    assert "bisherige Passwort ist falsch" in err.value.message_de
    users.change_own_password(anna.id, "Neues-Passwort-2", "Drittes-Passwort-3")
    assert users.authenticate("anna", "Drittes-Passwort-3")


def test_a_changed_own_password_differs_from_the_current_one(users):
    anna = users.create("anna", "Anna-Passwort-1", Group.STAFF)
    # The same password in another Unicode form is still the same password.
    composed = "Anna-Pässwort-1"
    users.set_password(anna.id, composed)
    decomposed = unicodedata.normalize("NFD", composed)
    with pytest.raises(UserError) as err:
        users.change_own_password(anna.id, composed, decomposed)
    assert err.value.message_de == "Das neue Passwort muss sich vom bisherigen unterscheiden."
    assert str(err.value) == "The new password must differ from the current one."
    assert users.authenticate("anna", composed)


def test_set_group_keeps_one_active_administrator(any_db):
    users = UserRepository(any_db, FAST)
    chefin = users.create("chefin", "Sicheres-Passwort-1", Group.ADMINISTRATORS)
    anna = users.create("anna", "Anna-Passwort-1", Group.STAFF)
    with pytest.raises(UserError) as err:
        users.set_group(chefin.id, Group.STAFF)
    assert "letzte aktive Administrator" in err.value.message_de
    users.set_group(anna.id, Group.ADMINISTRATORS)
    users.set_group(chefin.id, Group.STAFF)  # anna is an administrator now
    assert users.get("chefin").group is Group.STAFF
    assert users.get("anna").is_admin
    with pytest.raises(UserError):
        users.set_group(anna.id, Group.STAFF)


def _computer_that_waits_for_the_other(url: str, barrier: threading.Barrier) -> Database:
    """A second connection (another computer) that, after each statement counting or
    locking the administrators, waits for the other computer to get as far: both check
    before either writes, when nothing stops the second. A computer that is blocked
    instead lets the barrier time out, and the first goes on."""
    database = Database(url)

    @event.listens_for(database.engine, "after_cursor_execute")
    def _wait(_conn, _cursor, statement, *_args):
        if "count(" in statement.lower() or "for update" in statement.lower():
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=1)

    return database


def _disable(users: UserRepository, user_id: int) -> None:
    users.set_enabled(user_id, False)


def _demote(users: UserRepository, user_id: int) -> None:
    users.set_group(user_id, Group.STAFF)


@pytest.mark.parametrize(
    "first, second",
    [(_disable, _disable), (_demote, _disable), (_demote, _demote)],
    ids=["disable-disable", "demote-disable", "demote-demote"],
)
def test_two_administrators_removing_each_other_at_once_leave_one(any_db, first, second):
    users = UserRepository(any_db, FAST)
    anton = users.create("anton", "Anton-Passwort-1", Group.ADMINISTRATORS)
    berta = users.create("berta", "Berta-Passwort-1", Group.ADMINISTRATORS)
    barrier = threading.Barrier(2)
    computers = [_computer_that_waits_for_the_other(any_db.url, barrier) for _ in range(2)]
    refusals: list[UserError] = []

    def run(change, database, user_id):
        try:
            change(UserRepository(database, FAST), user_id)
        except UserError as exc:
            refusals.append(exc)

    threads = [
        threading.Thread(target=run, args=(first, computers[0], berta.id)),
        threading.Thread(target=run, args=(second, computers[1], anton.id)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for database in computers:
        database.dispose()
    active_admins = [u.name for u in users.list() if u.is_admin and u.enabled]
    assert len(active_admins) == 1
    assert len(refusals) == 1 and "letzte aktive Administrator" in refusals[0].message_de


# "Jürgen" as one "ü" (NFC, most keyboards) and as "u" with a combining diaeresis (NFD,
# macOS and text pasted from there): the same on screen.
JUERGEN_NFC = unicodedata.normalize("NFC", "Jürgen")
JUERGEN_NFD = unicodedata.normalize("NFD", "Jürgen")
GRUESSE_NFC = unicodedata.normalize("NFC", "Grüße-aus-Köln-1")
GRUESSE_NFD = unicodedata.normalize("NFD", "Grüße-aus-Köln-1")


def test_names_alike_in_unicode_are_one_user(users):
    jurgen = users.create(JUERGEN_NFD, "Jürgens-Passwort-1", Group.STAFF)
    assert jurgen.name == JUERGEN_NFC  # stored in NFC
    with pytest.raises(UserError) as err:
        users.create(JUERGEN_NFC, "Anderes-Passwort-2", Group.STAFF)
    assert "gibt es bereits" in err.value.message_de
    assert users.get(JUERGEN_NFD) == jurgen == users.get(JUERGEN_NFC)
    assert users.authenticate(JUERGEN_NFD, "Jürgens-Passwort-1") == jurgen


def test_a_password_matches_in_either_unicode_form(users):
    users.create("anna", GRUESSE_NFD, Group.STAFF)
    assert users.authenticate("anna", GRUESSE_NFC)
    assert users.authenticate("anna", GRUESSE_NFD)
    users.set_password(users.get("anna").id, GRUESSE_NFC.replace("1", "2"))
    assert users.authenticate("anna", GRUESSE_NFD.replace("1", "2"))


def test_users_saved_before_normalising_still_log_in(users, db):
    """A name and a password hash stored as typed (NFD) by an older version: found and
    matched from either form, and the hash is then replaced by the NFC one."""
    import sqlalchemy as sa

    users.create("platzhalter", "Platzhalter-Passwort-1", Group.STAFF)
    with db.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE users SET name = :name, password_hash = :hash"),
            {"name": JUERGEN_NFD, "hash": FAST.hash(GRUESSE_NFD)},
        )
    with pytest.raises(UserError):
        users.create(JUERGEN_NFC, "Anderes-Passwort-2", Group.STAFF)
    assert users.authenticate(JUERGEN_NFD, GRUESSE_NFD)
    assert users.authenticate(JUERGEN_NFC, GRUESSE_NFC)
    with db.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM users")).scalar()
    assert FAST.verify(stored, GRUESSE_NFC)


def test_a_name_in_another_case_is_the_same_user(users):
    chefin = users.create("Chefin", "Sicheres-Passwort-1", Group.ADMINISTRATORS)
    assert users.get("chefin") == chefin == users.get("CHEFIN")
    assert users.authenticate("chefin", "Sicheres-Passwort-1") == chefin
    assert users.authenticate("Jürgen", "Sicheres-Passwort-1") is None
    with pytest.raises(UserError) as err:
        users.create("CHEFIN", "Anderes-Passwort-2", Group.STAFF)
    assert "„Chefin“ gibt es bereits" in err.value.message_de
    assert "“Chefin” already exists" in err.value.message_en
    jurgen = users.create("Jürgen", "Jürgens-Passwort-1", Group.STAFF)
    assert users.get("JÜRGEN") == jurgen


def test_names_from_before_differing_in_case_need_the_exact_spelling(users, db):
    import sqlalchemy as sa

    users.create("anna", "Annas-Passwort-1", Group.STAFF)
    users.create("platzhalter", "Bertas-Passwort-1", Group.STAFF)
    with db.engine.begin() as conn:  # two users an older version let in
        conn.execute(sa.text("UPDATE users SET name = 'ANNA' WHERE name = 'platzhalter'"))
    assert users.authenticate("anna", "Annas-Passwort-1").name == "anna"
    assert users.authenticate("ANNA", "Bertas-Passwort-1").name == "ANNA"
    assert users.get("Anna") is None  # which of the two is not for the program to guess
    with pytest.raises(UserError):
        users.create("Anna", "Drittes-Passwort-1", Group.STAFF)


def test_names_differing_in_more_than_case_stay_two_users(users):
    strauss = users.create("Strauß", "Sicheres-Passwort-1", Group.STAFF)
    assert users.get("STRAUß") == strauss
    assert users.get("Strauss") is None  # ß is not ss: another name
    other = users.create("Strauss", "Anderes-Passwort-2", Group.STAFF)
    assert other.id != strauss.id
    assert users.authenticate("Strauss", "Sicheres-Passwort-1") is None
