"""User accounts from the command line: no login there, changes audited as the OS account.

The GUI administers users through ``UserSession`` (administrators only); both announce
``Change.USERS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.users import Group, User
from ..store.user_errors import UserError
from ..store.users import UserRepository
from .change_audit import ChangeAudit
from .changes import Change, ChangeHub


@dataclass
class UserAccounts:
    users: UserRepository
    audit: ChangeAudit
    changes: ChangeHub | None = None

    def _announce(self) -> None:
        if self.changes is not None:
            self.changes.publish(Change.USERS)

    def add(self, name: str, password: str, group: Group) -> User:
        """Raises ``UserError`` (its German text names the rule, never the password)."""
        user = self.users.create(name, password, group)
        self.audit.user_created(user)
        self._announce()
        return user

    def with_locks(self) -> tuple[list[User], dict[int, datetime]]:
        """Every user, and the end of each lock after too many wrong passwords."""
        return self.users.list(), self.users.locks()

    def unlock(self, name: str) -> tuple[User, bool]:
        """Lift ``name``'s lock; audited. Returns the user and whether there was one."""
        user = self.users.get(name)
        if user is None:
            raise UserError(f"Es gibt keinen Benutzer „{name}“.", f"There is no user “{name}”.")
        was_locked = self.users.unlock(user.id)
        self.audit.user_unlocked(user.name, was_locked=was_locked)
        self._announce()
        return user, was_locked
