import pytest
from argon2 import PasswordHasher

from desktop_app.domain.users import Group
from desktop_app.store.users import UserError, UserRepository

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
