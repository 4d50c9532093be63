"""User accounts with argon2id password hashes."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    String,
    and_,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import aliased

from ..domain.users import (
    Group,
    User,
    normal_form,
    password_problems,
    same_password_problem,
    user_name_problems,
)
from .models import utc_instant as _instant
from .models import utcnow
from .password_checks import PasswordChecks, PasswordOutcome
from .user_errors import FirstAdminExists, PasswordLocked, UserError
from .user_models import UserRow
from .user_rows import row_alike as _row_alike
from .user_rows import row_named as _row_named
from .user_rows import user_of as _user


class UserRepository(PasswordChecks):
    """Users' accounts: made, listed, changed, and (``PasswordChecks``) their passwords
    checked against the lock on this computer."""

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
                    f"The user “{name}” already exists.",
                )
            if taken is not None:
                raise UserError(
                    f"Den Benutzer „{taken.name}“ gibt es bereits: Groß- und "
                    "Kleinschreibung unterscheiden Namen nicht.",
                    f"The user “{taken.name}” already exists: names do not differ by case.",
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
        same = same_password_problem(old, new)
        if same is not None:  # before the try too: it says nothing about the stored one
            raise UserError(same, same_password_problem(old, new, "en") or same)
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

    def current(self, user_id: int) -> User | None:
        """The user as the database has it now (None: no longer there): rights follow
        this, not what was true at the login."""
        with self.db.session() as s:
            row = s.get(UserRow, user_id)
            return _user(row) if row else None


def _checked(name: str, password: str) -> tuple[str, str]:
    """Name and password in their normal form; UserError when either breaks a rule."""
    name, password = normal_form(name), normal_form(password)
    problems = user_name_problems(name) + password_problems(password, user_name=name)
    if problems:
        english = user_name_problems(name, "en")
        english += password_problems(password, user_name=name, lang="en")
        raise UserError(" ".join(problems), " ".join(english))
    return name, password
