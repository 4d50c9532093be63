"""The configuration of a chain read in one go, and written in one transaction together
with its audit entry: a configuration import is applied whole or not at all."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.config_file import ConfigSnapshot
from ..domain.mandants import MandantInfo
from ..domain.smtp_settings import SmtpSettings
from .audit import AuditNote, audit_row
from .catalog import fill_options_row, options_of
from .db import Database
from .interfaces import InterfaceNotFound, fill_interface_row, settings_of_row
from .models import Branch, ChainOptionsRow, InterfaceRow, Mandant, utcnow
from .smtp_store import SmtpRow, fill_smtp_row, stored_smtp


class ConfigConflict(Exception):
    """The ledger changed between the preview and the import (a Mandant or branch the
    file's interfaces need was deleted meanwhile); nothing was written."""

    def __init__(self, message_en: str, message_de: str):
        super().__init__(message_en)
        self.message_de = message_de + " Es wurde nichts importiert; bitte erneut versuchen."
        self.message_en = message_en + "; nothing was imported, please try again."


def read_config(db: Database, interface_names: Sequence[str] | None = None) -> ConfigSnapshot:
    """Everything ``config export`` writes; ``interface_names``: only these interfaces
    (and their fingerprints). Raises ``InterfaceNotFound`` for a name there is not."""
    with db.session() as s:
        query = select(InterfaceRow)
        if interface_names is not None:
            query = query.where(InterfaceRow.name.in_(interface_names))
        rows = list(s.scalars(query))
        missing = sorted(set(interface_names or ()) - {r.name for r in rows})
        if missing:
            raise InterfaceNotFound(missing[0])
        smtp = stored_smtp(s.get(SmtpRow, 1)).settings
        return ConfigSnapshot(
            branches=tuple(s.scalars(select(Branch.name))),
            mandants=tuple(
                MandantInfo(m.name, m.datev_berater, m.datev_mandant)
                for m in s.scalars(select(Mandant))
            ),
            chain_options=options_of(s.get(ChainOptionsRow, 1)),
            smtp=None if smtp == SmtpSettings() else smtp,
            interfaces=tuple(settings_of_row(r) for r in rows),
            fingerprints=tuple(
                (r.name, r.ftp_trusted_fingerprint) for r in rows if r.ftp_trusted_fingerprint
            ),
        )


def interface_uids(db: Database) -> dict[str, str]:
    """Each interface's name with the key of its keyring entry."""
    with db.session() as s:
        rows = s.execute(select(InterfaceRow.name, InterfaceRow.uid))
        return {name: uid for name, uid in rows}


def write_config(db: Database, changes: ConfigSnapshot, note: AuditNote) -> None:
    """Add or change every entry of ``changes`` (matched by name) and record ``note``, in
    one transaction. Raises ``ConfigConflict`` (nothing written)."""
    with db.session() as s:
        _write_catalogue(s, changes)
        if changes.chain_options is not None:
            row = s.get(ChainOptionsRow, 1) or ChainOptionsRow(id=1)
            fill_options_row(row, changes.chain_options)
            s.add(row)
        if changes.smtp is not None:
            smtp = s.get(SmtpRow, 1) or SmtpRow(id=1, password_stored=False)
            fill_smtp_row(smtp, changes.smtp)
            s.add(smtp)
        _write_interfaces(s, changes)
        s.add(audit_row(note))


def _write_catalogue(s: Session, changes: ConfigSnapshot) -> None:
    known = set(s.scalars(select(Branch.name)))
    s.add_all(Branch(name=name) for name in changes.branches if name not in known)
    mandants = {m.name: m for m in s.scalars(select(Mandant))}
    for info in changes.mandants:
        row = mandants.get(info.name) or Mandant(name=info.name)
        row.datev_berater, row.datev_mandant = info.datev_berater, info.datev_mandant
        s.add(row)
    s.flush()


def _write_interfaces(s: Session, changes: ConfigSnapshot) -> None:
    rows = {r.name: r for r in s.scalars(select(InterfaceRow))}
    for settings in changes.interfaces:
        row = rows.get(settings.name)
        if row is None:
            row = InterfaceRow(uid=str(uuid.uuid4()), ftp_password_stored=False)
        fill_interface_row(s, row, settings)
        _refuse_missing_references(row, settings.branch, settings.mandants)
        s.add(row)
        rows[settings.name] = row
    s.flush()
    for name, fingerprint in changes.fingerprints:
        row = rows.get(name)
        if row is None:
            raise ConfigConflict(
                f"the interface {name!r} was deleted meanwhile",
                f"Die Schnittstelle „{name}“ wurde inzwischen gelöscht.",
            )
        row.ftp_trusted_fingerprint = fingerprint
        row.updated_at = utcnow()


def _refuse_missing_references(row: InterfaceRow, branch: str | None, mandants) -> None:
    """The look-ups of ``fill_interface_row`` drop a name they do not find: a Mandant or
    branch deleted since the preview would otherwise vanish from the interface."""
    if branch and row.branch is None:
        raise ConfigConflict(
            f"the branch {branch!r} was deleted meanwhile",
            f"Die Filiale „{branch}“ wurde inzwischen gelöscht.",
        )
    found = {m.name for m in row.mandants}
    for name in mandants:
        if name not in found:
            raise ConfigConflict(
                f"the client {name!r} was deleted meanwhile",
                f"Der Mandant „{name}“ wurde inzwischen gelöscht.",
            )
