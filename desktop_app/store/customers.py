"""The customers the invoice list names (its optional column ``Kunde``)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .case_models import CustomerRow

CHUNK = 500


def ensure_customers(s: Session, names: Iterable[str]) -> dict[str, int]:
    """The id of each name, adding the names not known yet (on the session's transaction)."""
    wanted = sorted(set(names))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        query = select(CustomerRow.name, CustomerRow.id).where(CustomerRow.name.in_(chunk))
        found.update(s.execute(query).all())
    new = [{"name": name} for name in wanted if name not in found]
    if new:
        s.execute(insert(CustomerRow), new)
        return ensure_customers(s, wanted)
    return found
