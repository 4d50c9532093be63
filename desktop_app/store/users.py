"""User accounts with argon2id password hashes."""

from __future__ import annotations

import enum
import hashlib
import secrets
import socket
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import (
    Boolean,
    String,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    not_,
    null,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session, aliased

from ..domain.said_error import SaidError
from ..domain.users import (
    MAX_PASSWORD_FAILURES,
    PASSWORD_LOCK_DURATION,
    Group,
    User,
    normal_form,
    password_problems,
    user_name_problems,
)
from .db import Database
from .dml import upsert_insert
from .models import UtcDateTime, utcnow
from .user_models import PasswordLockRow, UserRow

# Wrong tries a day old no longer count: a lock lasts minutes, and a name no user has,
# which no right password ever clears, must not stay in the table for ever.
FORGET_FAILURES_AFTER = timedelta(days=1)


class UserError(SaidError):
    """A user action refused for a reason the user can fix; ``message_de`` and
    ``message_en`` say which (the English text is the log's too)."""


class PasswordLocked(UserError):
    """Too many wrong passwords in a row on this computer: checks are refused here until
    ``locked_until``."""

    def __init__(self, locked_until: datetime | None):
        self.locked_until = locked_until
        at = f" bis {locked_until.astimezone():%H:%M} Uhr" if locked_until else ""
        until = f" until {locked_until.astimezone():%H:%M}" if locked_until else ""
        super().__init__(
            f"Zu viele falsche Passwörter nacheinander: Die Anmeldung ist an diesem Rechner{at} "
            "gesperrt. Ein Administrator kann die Sperre aufheben.",
            f"Too many wrong passwords in a row: logging in is locked on this computer{until}. "
            "An administrator can lift the lock.",
        )


class FirstAdminExists(UserError):
    """The first administrator was asked for, but someone else made a user meanwhile (the
    first start on another computer or in another window): log in with that account."""

    def __init__(self) -> None:
        super().__init__(
            "Inzwischen wurde schon ein Administrator angelegt (an einem anderen Rechner "
            "oder in einem anderen Fenster). Bitte melden Sie sich mit dessen Benutzernamen "
            "und Passwort an.",
            "An administrator was created meanwhile (on another computer or in another "
            "window). Please log in with that user name and password.",
        )


class PasswordOutcome(enum.StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    LOCKED = "locked"  # not checked: too many wrong ones in a row
    UNKNOWN = "unknown"  # no such user


@dataclass(frozen=True)
class PasswordTry:
    outcome: PasswordOutcome
    user: User | None = None  # only for RIGHT
    failures: int = 0  # wrong tries in a row, this one included
    locked_until: datetime | None = None  # LOCKED, or WRONG when this try set the lock

    @property
    def attempts_left(self) -> int:
        return max(0, MAX_PASSWORD_FAILURES - self.failures)


def _user(row: UserRow) -> User:
    return User(id=row.id, name=row.name, group=Group(row.group), enabled=row.enabled)


class UserRepository:
    """``computer``: where the passwords are typed, whose lock they count against; this
    computer's name (as ``jobs.computer.this_computer`` gives it) unless tests say."""

    def __init__(
        self, db: Database, hasher: PasswordHasher | None = None, *, computer: str | None = None
    ):
        self.db = db
        # argon2-cffi's defaults are argon2id with RFC 9106's low-memory parameters.
        self.hasher = hasher or PasswordHasher()
        self.computer = (computer or socket.gethostname()).strip().casefold()
        self._stand_in: str | None = None

    def count(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(UserRow)) or 0

    def needs_first_admin(self) -> bool:
        return self.count() == 0

    def list(self) -> list[User]:
        with self.db.session() as s:
            return [_user(r) for r in s.scalars(select(UserRow).order_by(UserRow.name))]

    def get(self, name: str) -> User | None:
        with self.db.session() as s:
            row = _row_named(s, name)
            return _user(row) if row else None

    def create(self, name: str, password: str, group: Group) -> User:
        name, password = _checked(name, password)
        with self.db.session() as s:
            taken = _row_named(s, name) or _row_alike(s, name)
            if taken is not None and taken.name == name:
                raise UserError(
                    f"Den Benutzer „{name}“ gibt es bereits.",
                    f"The user {name!r} already exists.",
                )
            if taken is not None:
                raise UserError(
                    f"Den Benutzer „{taken.name}“ gibt es bereits: Groß- und "
                    "Kleinschreibung unterscheiden Namen nicht.",
                    f"The user {taken.name!r} already exists: names do not differ by case.",
                )
            row = UserRow(
                name=name,
                group=group.value,
                password_hash=self.hasher.hash(password),
                enabled=True,
            )
            s.add(row)
            s.flush()
            return _user(row)

    def create_first_admin(self, name: str, password: str) -> User:
        """The first user, an administrator, made only while the database has no user:
        ``FirstAdminExists`` when another computer or window made one first.

        Counting and inserting must be one step: two computers starting at once on a new
        database would otherwise both count none and both make "the first" administrator.
        The count is part of the INSERT, which SQLite runs holding its write lock.
        PostgreSQL would run it on a snapshot that misses the other's uncommitted user, so
        there the table is locked against other writers first (self-conflicting, readers
        pass): whoever comes second counts after the first has committed."""
        name, password = _checked(name, password)
        password_hash = self.hasher.hash(password)  # slow: outside the lock
        nobody = ~select(UserRow.id).exists()
        with self.db.session() as s:
            if not self.db.is_sqlite:
                s.execute(text(f"LOCK TABLE {UserRow.__tablename__} IN SHARE ROW EXCLUSIVE MODE"))
            now = utcnow()
            made = s.execute(
                insert(UserRow)
                .from_select(
                    [
                        UserRow.name,
                        UserRow.group,
                        UserRow.password_hash,
                        UserRow.enabled,
                        UserRow.created_at,
                        UserRow.updated_at,
                    ],
                    select(
                        literal(name, String()),
                        literal(Group.ADMINISTRATORS.value, String()),
                        literal(password_hash, String()),
                        literal(True, Boolean()),
                        _instant(now),
                        _instant(now),
                    ).where(nobody),
                )
                .returning(UserRow.id)
            ).first()
            if made is None:
                raise FirstAdminExists()
            return User(id=made[0], name=name, group=Group.ADMINISTRATORS, enabled=True)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when name and password match and the account is enabled, else None.
        Counts like every password check (see ``try_password``)."""
        tried = self.try_password_of(name, password)
        if tried.outcome is PasswordOutcome.RIGHT and tried.user and tried.user.enabled:
            return tried.user
        return None

    def try_password_of(self, name: str, password: str, now: datetime | None = None) -> PasswordTry:
        """``try_password`` for the user called ``name``. A name no user has is counted,
        locked and checked (against a stand-in hash) just like a user's: only the outcome
        UNKNOWN in place of WRONG tells them apart, and it is for the audit log alone."""
        with self.db.session() as s:
            row = _row_named(s, name)
            user_id = row.id if row is not None else None
        if user_id is not None:
            return self.try_password(user_id, password, now)
        now = now or utcnow()
        account = _account_of_name(name)
        claim = self._claim_try(account, None, now)
        if claim is None:
            return self._refused_try(account, now)
        failures, locked_until = claim
        self._matching_form(self._stand_in_hash(), password)  # the time a real check takes
        return PasswordTry(PasswordOutcome.UNKNOWN, failures=failures, locked_until=locked_until)

    def try_password(self, user_id: int, password: str, now: datetime | None = None) -> PasswordTry:
        """Check a user's password, counting it against the lock shared by the login, the
        eye button and the own password change on this computer.

        The try is claimed in the database first, in one transaction that also refuses it
        while the user is locked here, and committed before argon2 runs: tries made at the
        same moment by other processes each count, and no more than
        ``MAX_PASSWORD_FAILURES`` wrong ones in a row are ever checked. A right password
        clears the count (and a lock its own claim set). Other computers keep their own
        count: wrong tries at one branch never lock the user out at another.
        """
        now = now or utcnow()
        account = _account_of_user(user_id)
        with self.db.session() as s:
            password_hash = s.scalar(select(UserRow.password_hash).where(UserRow.id == user_id))
        if password_hash is None:
            return PasswordTry(PasswordOutcome.UNKNOWN)
        claim = self._claim_try(account, user_id, now)
        if claim is None:
            return self._refused_try(account, now)
        failures, locked_until = claim
        self._stand_in_hash()  # made on the first check of either kind: no first-time gap
        matched = self._matching_form(password_hash, password)
        if matched is None:
            return PasswordTry(PasswordOutcome.WRONG, failures=failures, locked_until=locked_until)
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            if row is None:
                return PasswordTry(PasswordOutcome.UNKNOWN)
            s.execute(delete(PasswordLockRow).where(*self._here(account)))
            normal = normal_form(password)
            if matched != normal or self.hasher.check_needs_rehash(row.password_hash):
                row.password_hash = self.hasher.hash(normal)
            return PasswordTry(PasswordOutcome.RIGHT, user=_user(row))

    def _here(self, account: str) -> tuple:
        return (PasswordLockRow.account == account, PasswordLockRow.computer == self.computer)

    def _claim_try(
        self, account: str, user_id: int | None, now: datetime
    ) -> tuple[int, datetime | None] | None:
        """Count one more try of ``account`` on this computer unless it is locked here:
        (tries in a row now, the lock this try set when it is the last one allowed).
        None: locked.

        One transaction: counts a day old are forgotten first (a lock lasts minutes, and a
        name no user has must not stay for ever), the row is made if missing (PostgreSQL
        lets a second maker wait for the first's commit, SQLite holds its write lock), then
        the one UPDATE that counts refuses while locked."""
        lapsed = and_(
            PasswordLockRow.locked_until.is_not(None), PasswordLockRow.locked_until <= _instant(now)
        )
        failures = case((lapsed, 1), else_=PasswordLockRow.failures + 1)
        lock = case(
            (failures >= MAX_PASSWORD_FAILURES, _instant(now + PASSWORD_LOCK_DURATION)),
            else_=null(),
        )
        insert = upsert_insert(self.db.engine.dialect.name)
        with self.db.session() as s:
            s.execute(
                delete(PasswordLockRow).where(
                    PasswordLockRow.last_try_at < _instant(now - FORGET_FAILURES_AFTER)
                )
            )
            s.execute(
                insert(PasswordLockRow)
                .values(
                    account=account,
                    computer=self.computer,
                    user_id=user_id,
                    failures=0,
                    locked_until=None,
                    last_try_at=now,
                )
                .on_conflict_do_nothing(index_elements=["account", "computer"])
            )
            row = s.execute(
                update(PasswordLockRow)
                .where(
                    *self._here(account),
                    or_(
                        PasswordLockRow.locked_until.is_(None),
                        PasswordLockRow.locked_until <= _instant(now),
                    ),
                )
                .values(failures=failures, locked_until=lock, last_try_at=_instant(now))
                .returning(PasswordLockRow.failures, PasswordLockRow.locked_until)
                .execution_options(synchronize_session=False)
            ).one_or_none()
        return None if row is None else (row[0], row[1])

    def _refused_try(self, account: str, now: datetime) -> PasswordTry:
        with self.db.session() as s:
            row = s.scalars(select(PasswordLockRow).where(*self._here(account))).one_or_none()
            failures = row.failures if row is not None else 0
            until = row.locked_until if row is not None else None
            until = until if until is not None and until > now else None
            return PasswordTry(PasswordOutcome.LOCKED, failures=failures, locked_until=until)

    def _stand_in_hash(self) -> str:
        """A hash of nothing anyone types, made with this hasher's parameters: a name no
        user has is checked against it, so that it takes as long as a user's check."""
        if self._stand_in is None:
            self._stand_in = self.hasher.hash(secrets.token_urlsafe(24))
        return self._stand_in

    def _matching_form(self, password_hash: str, password: str) -> str | None:
        """The form of ``password`` that matches the hash, or None. Hashes are made from
        the NFC form; one made before that, from the password as it was typed, still
        matches the typed form or its NFD (the usual other one)."""
        forms = dict.fromkeys(
            (normal_form(password), password, unicodedata.normalize("NFD", password))
        )
        for form in forms:
            try:
                if self.hasher.verify(password_hash, form):
                    return form
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                pass
        return None

    def set_password(self, user_id: int, password: str) -> None:
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            if row is None:
                raise UserError("Den Benutzer gibt es nicht mehr.", "The user no longer exists.")
            problems = password_problems(password, user_name=row.name)
            if problems:
                english = password_problems(password, user_name=row.name, lang="en")
                raise UserError(" ".join(problems), " ".join(english))
            row.password_hash = self.hasher.hash(normal_form(password))
            row.updated_at = utcnow()

    def change_own_password(self, user_id: int, old: str, new: str) -> None:
        problems = password_problems(new)
        if problems:  # before the try: a weak new password must not cost one
            english = " ".join(password_problems(new, lang="en"))
            raise UserError(" ".join(problems), english)
        tried = self.try_password(user_id, old)
        if tried.outcome is PasswordOutcome.LOCKED:
            raise PasswordLocked(tried.locked_until)
        if tried.outcome is not PasswordOutcome.RIGHT:
            raise UserError("Das bisherige Passwort ist falsch.", "The current password is wrong.")
        self.set_password(user_id, new)

    def set_enabled(self, user_id: int, enabled: bool) -> None:
        """Enable or disable a user; the last active administrator stays enabled."""
        self._change(
            user_id,
            {UserRow.enabled: enabled},
            keep_an_admin=None
            if enabled
            else UserError(
                "Der letzte aktive Administrator kann nicht deaktiviert werden.",
                "The last active administrator cannot be deactivated.",
            ),
        )

    def set_group(self, user_id: int, group: Group) -> None:
        """Move a user to ``group``; the last active administrator stays one."""
        self._change(
            user_id,
            {UserRow.group: group.value},
            keep_an_admin=None
            if group is Group.ADMINISTRATORS
            else UserError(
                "Der letzte aktive Administrator muss Administrator bleiben; bitte "
                "zuerst einen anderen Benutzer zum Administrator machen.",
                "The last active administrator must stay an administrator; please "
                "make another user an administrator first.",
            ),
        )

    def _change(self, user_id: int, values: dict, keep_an_admin: UserError | None) -> None:
        """Write ``values`` to the user. ``keep_an_admin``: the change may take an active
        administrator away, and is refused with this error when that would leave none.

        Two administrators may disable or demote each other at the same moment, from two
        computers: counting first and writing after would let both pass. So the count is
        part of the one UPDATE that makes the change, which SQLite runs holding its write
        lock; PostgreSQL evaluates it on a snapshot that misses the other's uncommitted
        change, so there the active administrators' rows are locked first, in a fixed
        order, and whoever comes second counts after the first has committed.
        """
        active_admin = and_(UserRow.group == Group.ADMINISTRATORS.value, UserRow.enabled)
        with self.db.session() as s:
            statement = update(UserRow).where(UserRow.id == user_id)
            if keep_an_admin is not None:
                if not self.db.is_sqlite:
                    s.execute(
                        select(UserRow.id)
                        .where(active_admin)
                        .order_by(UserRow.id)
                        .with_for_update()
                    ).all()
                other = aliased(UserRow)
                other_admins = (
                    select(func.count())
                    .select_from(other)
                    .where(
                        other.group == Group.ADMINISTRATORS.value,
                        other.enabled,
                        other.id != user_id,
                    )
                    .scalar_subquery()
                )
                statement = statement.where(or_(not_(active_admin), other_admins > 0))
            changed = s.execute(
                statement.values({**values, UserRow.updated_at: utcnow()})
                .returning(UserRow.id)
                .execution_options(synchronize_session=False)
            ).first()
            if changed is not None:
                return
            if keep_an_admin is None or s.get(UserRow, user_id) is None:
                raise UserError("Den Benutzer gibt es nicht mehr.", "The user no longer exists.")
            raise keep_an_admin

    # -- the lock after wrong passwords ------------------------------------------------

    def locked_until(self, user_id: int, now: datetime | None = None) -> datetime | None:
        """Until when the user's password checks are locked on this computer; None when
        they are not."""
        now = now or utcnow()
        with self.db.session() as s:
            until = s.scalar(
                select(PasswordLockRow.locked_until).where(
                    *self._here(_account_of_user(user_id)),
                    PasswordLockRow.locked_until > _instant(now),
                )
            )
            return until

    def locks(self, now: datetime | None = None) -> dict[int, datetime]:
        """Every user locked on some computer, with the end of the last such lock."""
        now = now or utcnow()
        with self.db.session() as s:
            rows = s.execute(
                select(PasswordLockRow.user_id, func.max(PasswordLockRow.locked_until))
                .where(
                    PasswordLockRow.user_id.is_not(None),
                    PasswordLockRow.locked_until > _instant(now),
                )
                .group_by(PasswordLockRow.user_id)
            )
            return {user_id: until for user_id, until in rows if user_id and until}

    def unlock(self, user_id: int, now: datetime | None = None) -> bool:
        """Lift the user's locks on every computer and forget the wrong tries; False when
        there was no lock."""
        now = now or utcnow()
        with self.db.session() as s:
            if s.get(UserRow, user_id) is None:
                raise UserError("Den Benutzer gibt es nicht mehr.", "The user no longer exists.")
            mine = PasswordLockRow.account == _account_of_user(user_id)
            was_locked = s.scalar(
                select(func.count())
                .select_from(PasswordLockRow)
                .where(mine, PasswordLockRow.locked_until > _instant(now))
            )
            s.execute(delete(PasswordLockRow).where(mine))
            return bool(was_locked)

    def current(self, user_id: int) -> User | None:
        """The user as the database has it now (None: no longer there): rights follow
        this, not what was true at the login."""
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            return _user(row) if row else None


def _row_named(s: Session, name: str) -> UserRow | None:
    """The user called ``name`` in any Unicode normal form and, when only one user's name
    is it in another case ("chefin" for "Chefin"; lower(), not casefold(), which would
    make "Strauss" of "Strauß"), that user: names differing only in case
    are one name (``create`` refuses a second). Names are stored in NFC; one stored before
    they were may be in another form, and is still found. Should several be stored (users
    from before), the one spelt exactly as typed wins, then the one in the same normal
    form; of names differing only in case, none without the exact spelling."""
    wanted = normal_form(name)
    rows = s.scalars(select(UserRow).where(UserRow.name.in_({name, wanted}))).all()
    if rows:
        return next((r for r in rows if r.name == name), rows[0])
    folded = wanted.lower()
    alike = [
        (user_id, normal_form(stored))
        for user_id, stored in s.execute(select(UserRow.id, UserRow.name).order_by(UserRow.id))
        if normal_form(stored).lower() == folded
    ]
    same = [user_id for user_id, stored in alike if stored == wanted]
    if same:
        return s.get(UserRow, same[0])
    if len(alike) != 1:
        return None  # no one, or "Chefin" and "CHEFIN" from before: the case says which
    return s.get(UserRow, alike[0][0])


def _row_alike(s: Session, name: str) -> UserRow | None:
    """A user whose name is ``name`` but for case (one of several, when several are)."""
    folded = normal_form(name).lower()
    for user_id, stored in s.execute(select(UserRow.id, UserRow.name).order_by(UserRow.id)):
        if normal_form(stored).lower() == folded:
            return s.get(UserRow, user_id)
    return None


def _checked(name: str, password: str) -> tuple[str, str]:
    """Name and password in their normal form; UserError when either breaks a rule."""
    name, password = normal_form(name), normal_form(password)
    problems = user_name_problems(name) + password_problems(password, user_name=name)
    if problems:
        english = user_name_problems(name, "en")
        english += password_problems(password, user_name=name, lang="en")
        raise UserError(" ".join(problems), " ".join(english))
    return name, password


def _account_of_user(user_id: int) -> str:
    return hashlib.sha256(f"user:{user_id}".encode()).hexdigest()


def _account_of_name(name: str) -> str:
    """A name no user has, as the lock counts it: "Anna" and "anna" are one name. Only 16
    bits of its hash are kept: such a name is often a password typed into the name field,
    and a whole hash of it could be guessed back from the table, while one of 65,536
    buckets tells nothing. Two unknown names in one bucket share a count, which locks no
    user out."""
    digest = hashlib.sha256(f"name:{normal_form(name).strip().lower()}".encode()).hexdigest()
    return "name:" + digest[:4]


def _instant(value: datetime):
    """A bound instant typed like the columns it is compared with (UTC on every backend)."""
    return literal(value, UtcDateTime())
