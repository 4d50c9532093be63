"""User accounts with argon2id password hashes."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select

from ..domain.users import Group, User, password_problems, user_name_problems
from .db import Database
from .models import utcnow
from .user_models import UserRow


class UserError(Exception):
    """A user action refused for a reason the user can fix; ``message_de`` says which."""

    def __init__(self, message_de: str, message_en: str | None = None):
        super().__init__(message_en or message_de)
        self.message_de = message_de


def _user(row: UserRow) -> User:
    return User(id=row.id, name=row.name, group=Group(row.group), enabled=row.enabled)


class UserRepository:
    def __init__(self, db: Database, hasher: PasswordHasher | None = None):
        self.db = db
        # argon2-cffi's defaults are argon2id with RFC 9106's low-memory parameters.
        self.hasher = hasher or PasswordHasher()

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
            row = s.scalar(select(UserRow).where(UserRow.name == name))
            return _user(row) if row else None

    def create(self, name: str, password: str, group: Group) -> User:
        problems = user_name_problems(name) + password_problems(password, user_name=name)
        if problems:
            raise UserError(" ".join(problems), "invalid user name or password")
        with self.db.session() as s:
            if s.scalar(select(UserRow).where(UserRow.name == name)):
                raise UserError(f"Den Benutzer „{name}“ gibt es bereits.", "user exists")
            row = UserRow(
                name=name,
                group=group.value,
                password_hash=self.hasher.hash(password),
                enabled=True,
                reveal_failures=0,
            )
            s.add(row)
            s.flush()
            return _user(row)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when name and password match and the account is enabled, else None."""
        with self.db.session() as s:
            row = s.scalar(select(UserRow).where(UserRow.name == name))
            if row is None:
                # Spend the same time as a real check: no hint which names exist.
                self.hasher.hash(password)
                return None
            if not self._verify(row, password) or not row.enabled:
                return None
            return _user(row)

    def verify(self, user_id: int, password: str) -> bool:
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            return bool(row and row.enabled and self._verify(row, password))

    def _verify(self, row: UserRow, password: str) -> bool:
        try:
            self.hasher.verify(row.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        if self.hasher.check_needs_rehash(row.password_hash):
            row.password_hash = self.hasher.hash(password)
        return True

    def set_password(self, user_id: int, password: str) -> None:
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            if row is None:
                raise UserError("Den Benutzer gibt es nicht mehr.", "no such user")
            problems = password_problems(password, user_name=row.name)
            if problems:
                raise UserError(" ".join(problems), "password too weak")
            row.password_hash = self.hasher.hash(password)
            row.updated_at = utcnow()

    def change_own_password(self, user_id: int, old: str, new: str) -> None:
        if not self.verify(user_id, old):
            raise UserError("Das bisherige Passwort ist falsch.", "wrong current password")
        self.set_password(user_id, new)

    def set_enabled(self, user_id: int, enabled: bool) -> None:
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            if row is None:
                raise UserError("Den Benutzer gibt es nicht mehr.", "no such user")
            if not enabled and row.group == Group.ADMINISTRATORS.value:
                active_admins = s.scalar(
                    select(func.count())
                    .select_from(UserRow)
                    .where(UserRow.group == Group.ADMINISTRATORS.value, UserRow.enabled)
                )
                if row.enabled and active_admins <= 1:
                    raise UserError(
                        "Der letzte aktive Administrator kann nicht deaktiviert werden.",
                        "cannot disable the last administrator",
                    )
            row.enabled = enabled
            row.updated_at = utcnow()

    def set_group(self, user_id: int, group: Group) -> None:
        """Move a user to ``group``; the last active administrator stays one."""
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            if row is None:
                raise UserError("Den Benutzer gibt es nicht mehr.", "no such user")
            demoted = row.group == Group.ADMINISTRATORS.value and group is not Group.ADMINISTRATORS
            if demoted and row.enabled:
                # Locked: two administrators demoting each other at once cannot both pass.
                admins = s.scalars(
                    select(UserRow.id)
                    .where(UserRow.group == Group.ADMINISTRATORS.value, UserRow.enabled)
                    .with_for_update()
                ).all()
                if len(admins) <= 1:
                    raise UserError(
                        "Der letzte aktive Administrator muss Administrator bleiben; bitte "
                        "zuerst einen anderen Benutzer zum Administrator machen.",
                        "cannot demote the last administrator",
                    )
            row.group = group.value
            row.updated_at = utcnow()

    # -- the reveal lock --------------------------------------------------------------

    def reveal_lock(self, user_id: int) -> tuple[int, datetime | None]:
        """(failures so far, locked until)."""
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            return (row.reveal_failures, row.reveal_locked_until) if row else (0, None)

    def set_reveal_lock(self, user_id: int, failures: int, locked_until: datetime | None) -> None:
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            if row is not None:
                row.reveal_failures = failures
                row.reveal_locked_until = locked_until
