"""Recording which computer holds which version of an interface's FTP password.

The version is a random uuid4, drawn anew whenever the password is set anywhere; nothing
here ever sees the secret. See ``domain.password_holders`` for what the records mean.
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, insert, update
from sqlalchemy.orm import Session

from ..domain.password_holders import same_computer
from .db import Database
from .models import InterfaceRow, PasswordHolderRow, utcnow


def new_version() -> str:
    return str(uuid.uuid4())


def record_new_version(session: Session, row: InterfaceRow, computer: str) -> str:
    """``computer`` stored a new password for ``row``: a new version, held by it alone
    (the other computers' records stay, now outdated)."""
    version = new_version()
    row.ftp_password_version = version
    name = computer.strip()
    for holder in list(row.password_holders):
        if same_computer(holder.computer, name):
            row.password_holders.remove(holder)
    session.flush()  # the old record is gone before one of the same name comes
    row.password_holders.append(
        PasswordHolderRow(computer=name, password_version=version, stored_at=utcnow())
    )
    session.flush()
    return version


def forget_holders(session: Session, row: InterfaceRow) -> None:
    """The password was deleted: there is no current version and nobody holds one."""
    row.ftp_password_version = None
    row.password_holders.clear()
    session.flush()


class PasswordHolderRecords:
    """Writes outside an interface save: a computer taking over an unconfirmed password."""

    def __init__(self, db: Database):
        self.db = db

    def adopt_unconfirmed(self, interface_id: int, computer: str) -> bool:
        """Record ``computer`` as holder of a password set before versions were recorded
        (its version unset), giving it its first version. Only one computer of a chain
        wins (a compare-and-set on the unset version); False for the others, and when a
        version exists by now or the password was deleted meanwhile."""
        version = new_version()
        with self.db.engine.begin() as conn:
            won = conn.execute(
                update(InterfaceRow)
                .where(
                    InterfaceRow.id == interface_id,
                    InterfaceRow.ftp_password_version.is_(None),
                    InterfaceRow.ftp_password_stored.is_(True),
                )
                .values(ftp_password_version=version)
            ).rowcount
            if not won:
                return False
            name = computer.strip()
            conn.execute(
                delete(PasswordHolderRow).where(
                    PasswordHolderRow.interface_id == interface_id,
                    func.lower(PasswordHolderRow.computer) == name.lower(),
                )
            )
            conn.execute(
                insert(PasswordHolderRow).values(
                    interface_id=interface_id,
                    computer=name,
                    password_version=version,
                    stored_at=utcnow(),
                )
            )
        return True
