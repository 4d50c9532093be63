"""Checking users' passwords with argon2id, and the lock after too many wrong ones."""

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
from sqlalchemy import and_, case, delete, func, null, or_, select, update

from ..domain.users import (
    MAX_PASSWORD_FAILURES,
    PASSWORD_LOCK_DURATION,
    User,
    normal_form,
)
from .db import Database
from .dml import upsert_insert
from .models import utc_instant as _instant
from .models import utcnow
from .user_errors import UserError
from .user_models import PasswordLockRow, UserRow
from .user_rows import row_named as _row_named
from .user_rows import user_of as _user

# Wrong tries a day old no longer count: a lock lasts minutes, and a name no user has,
# which no right password ever clears, must not stay in the table for ever.
FORGET_FAILURES_AFTER = timedelta(days=1)


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


class PasswordChecks:
    """Users' passwords checked with argon2id, each try counted against the lock.

    ``computer``: where the passwords are typed, whose lock they count against; this
    computer's name (as ``jobs.computer.this_computer`` gives it) unless tests say."""

    def __init__(
        self, db: Database, hasher: PasswordHasher | None = None, *, computer: str | None = None
    ):
        self.db = db
        # argon2-cffi's defaults are argon2id with RFC 9106's low-memory parameters.
        self.hasher = hasher or PasswordHasher()
        self.computer = (computer or socket.gethostname()).strip().casefold()
        self._stand_in: str | None = None

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
