"""Users' rows read as people name them: by a name typed in any case or Unicode form,
and as the domain's ``User``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.users import Group, User, normal_form
from .user_models import UserRow


def user_of(row: UserRow) -> User:
    return User(id=row.id, name=row.name, group=Group(row.group), enabled=row.enabled)


def row_named(s: Session, name: str) -> UserRow | None:
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


def row_alike(s: Session, name: str) -> UserRow | None:
    """A user whose name is ``name`` but for case (one of several, when several are)."""
    folded = normal_form(name).lower()
    for user_id, stored in s.execute(select(UserRow.id, UserRow.name).order_by(UserRow.id)):
        if normal_form(stored).lower() == folded:
            return s.get(UserRow, user_id)
    return None
