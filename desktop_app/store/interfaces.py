"""Storing interfaces: mapping between ``InterfaceSettings`` and the database rows."""

from __future__ import annotations

import builtins  # the annotations below ``def list`` name the type, not the method
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.interface import (
    LAST_DAY,
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    OpenItemGuards,
    Protocol,
    SettleUntil,
    Weekday,
)
from ..domain.password_holders import PasswordCoverage, PasswordHolder
from ..domain.validation import Problem, ValidationError, interface_problems
from .catalog import Catalog
from .db import Database
from .models import Branch, InterfaceRow, Mandant, utcnow
from .password_holders import forget_holders, record_new_version


class InterfaceNotFound(Exception):
    def __init__(self, name: str):
        super().__init__(f"no interface named {name!r}")
        self.name = name
        self.message_de = f"Die Schnittstelle „{name}“ gibt es nicht."
        self.message_en = f"There is no interface named {name!r}."


@dataclass(frozen=True)
class StoredInterface:
    """An interface as stored, with what is known about its secret but never the secret."""

    id: int
    uid: str
    settings: InterfaceSettings
    password_stored: bool
    trusted_fingerprint: str | None
    password_version: str | None = None
    password_holders: tuple[PasswordHolder, ...] = ()

    @property
    def password_coverage(self) -> PasswordCoverage:
        """Which computers hold the password, and which of them the current one."""
        return PasswordCoverage(self.password_stored, self.password_version, self.password_holders)


def settings_of_row(row: InterfaceRow) -> InterfaceSettings:
    day: int | str = row.day_of_month
    day = LAST_DAY if day == LAST_DAY else int(day)
    return InterfaceSettings(
        name=row.name,
        enabled=row.enabled,
        branch=row.branch.name if row.branch else None,
        workstation=row.workstation,
        start_date=row.start_date,
        import_format=ImportFormat(row.import_format),
        mandants=tuple(m.name for m in row.mandants),
        settle_until=SettleUntil(row.settle_until),
        filename_filter=row.filename_filter,
        run_time=row.run_time,
        interval=Interval(
            kind=IntervalKind(row.interval_kind),
            every_minutes=row.every_minutes,
            weekdays=frozenset(Weekday(w) for w in row.weekdays.split(",") if w),
            day_of_month=day,
        ),
        ftp=FtpSettings(
            protocol=Protocol(row.ftp_protocol),
            host=row.ftp_host,
            port=row.ftp_port,
            directory=row.ftp_directory,
            date_subdirectories=row.ftp_date_subdirectories,
            user=row.ftp_user,
            passive=row.ftp_passive,
        ),
        error_email=row.error_email,
        invoice_pattern=row.invoice_pattern,
        open_item_guards=OpenItemGuards(
            row.guard_refuse_empty, row.guard_refuse_older, row.guard_max_share_percent or None
        )
        if row.own_guards
        else None,
    )


def _stored(row: InterfaceRow) -> StoredInterface:
    return StoredInterface(
        id=row.id,
        uid=row.uid,
        settings=settings_of_row(row),
        password_stored=row.ftp_password_stored,
        trusted_fingerprint=row.ftp_trusted_fingerprint,
        password_version=row.ftp_password_version,
        password_holders=tuple(
            PasswordHolder(h.computer, h.password_version, h.stored_at)
            for h in row.password_holders
        ),
    )


def fill_interface_row(session: Session, row: InterfaceRow, settings: InterfaceSettings) -> None:
    """Write ``settings`` into ``row``; the branch and Mandanten it names are looked up."""
    settings = settings.as_stored()
    # Look-ups first: a query would otherwise autoflush the half-filled new row.
    branch = (
        session.scalar(select(Branch).where(Branch.name == settings.branch))
        if settings.branch
        else None
    )
    mandants = list(session.scalars(select(Mandant).where(Mandant.name.in_(settings.mandants))))
    interval = settings.interval
    ftp = settings.ftp
    schedule_before = _schedule_of(row)
    row.name = settings.name
    row.enabled = settings.enabled
    row.branch = branch
    row.workstation = settings.workstation
    row.start_date = settings.start_date
    assert settings.import_format is not None and settings.settle_until is not None
    row.import_format = settings.import_format.value
    row.settle_until = settings.settle_until.value
    row.filename_filter = settings.filename_filter
    row.run_time = settings.run_time
    row.interval_kind = interval.kind.value
    row.every_minutes = interval.every_minutes
    row.weekdays = ",".join(d.value for d in Weekday if d in interval.weekdays)
    row.day_of_month = str(interval.day_of_month)
    row.ftp_protocol = ftp.protocol.value
    row.ftp_host = ftp.host
    row.ftp_port = ftp.port
    row.ftp_directory = ftp.directory
    row.ftp_date_subdirectories = ftp.date_subdirectories
    row.ftp_user = ftp.user
    row.ftp_passive = ftp.passive
    row.error_email = settings.error_email
    row.invoice_pattern = settings.invoice_pattern
    guards = settings.open_item_guards
    row.own_guards = guards is not None
    guards = guards or OpenItemGuards()
    row.guard_refuse_empty = guards.refuse_empty
    row.guard_refuse_older = guards.refuse_older
    row.guard_max_share_percent = guards.max_share_percent or 0  # None: no limit
    row.updated_at = utcnow()
    row.mandants = mandants
    if row.id is not None and _schedule_of(row) != schedule_before:
        row.schedule_changed_at = row.updated_at


def _schedule_of(row: InterfaceRow) -> tuple:
    """What decides the slots of ``row``: enabled, Start, time and interval."""
    return (
        row.enabled, row.start_date, row.run_time, row.interval_kind, row.every_minutes,
        row.weekdays, row.day_of_month,
    )  # fmt: skip


def _named_row(session: Session, name: str) -> InterfaceRow:
    row = session.scalar(select(InterfaceRow).where(InterfaceRow.name == name))
    if row is None:
        raise InterfaceNotFound(name)
    return row


class InterfaceRepository:
    def __init__(self, db: Database):
        self.db = db
        self.catalog = Catalog(db)

    def list(self) -> list[StoredInterface]:
        with self.db.session() as s:
            return [_stored(r) for r in s.scalars(select(InterfaceRow).order_by(InterfaceRow.name))]

    def names(self) -> builtins.list[str]:
        with self.db.session() as s:
            return list(s.scalars(select(InterfaceRow.name).order_by(InterfaceRow.name)))

    def get(self, name: str) -> StoredInterface:
        with self.db.session() as s:
            row = _named_row(s, name)
            return _stored(row)

    def find(self, name: str) -> StoredInterface | None:
        try:
            return self.get(name)
        except InterfaceNotFound:
            return None

    def problems(
        self, settings: InterfaceSettings, original_name: str | None = None
    ) -> builtins.list[Problem]:
        """Every rule of the form, plus what only the store knows (unique name, catalogue)."""
        return interface_problems(
            settings,
            self.catalog.chain_options(),
            original_name=original_name,
            known_names=self.names(),
            known_mandants=self.catalog.mandant_names(),
            known_branches=self.catalog.branch_names(),
        )

    def new_uid(self) -> str:
        return str(uuid.uuid4())

    def save(
        self,
        settings: InterfaceSettings,
        *,
        original_name: str | None = None,
        uid: str | None = None,
        password_stored: bool | None = None,
        password_set_on: str | None = None,
    ) -> StoredInterface:
        """Create (``original_name`` None) or update an interface after validating it.

        ``password_stored`` None keeps the stored flag as it is. ``password_set_on``: the
        computer whose keyring just took a new password; it becomes the holder of a new
        version (with ``password_stored`` True). A deleted password forgets every holder.
        """
        problems = self.problems(settings, original_name)
        if problems:
            raise ValidationError(problems)
        with self.db.session() as s:
            if original_name is None:
                row = InterfaceRow(uid=uid or self.new_uid(), ftp_password_stored=False)
            else:
                row = _named_row(s, original_name)
            fill_interface_row(s, row, settings)
            s.add(row)
            if password_stored is not None:
                row.ftp_password_stored = password_stored
            s.flush()
            if password_stored and password_set_on is not None:
                record_new_version(s, row, password_set_on)
            elif password_stored is False:
                forget_holders(s, row)
            return _stored(row)

    def password_set(self, name: str, computer: str) -> StoredInterface:
        """The keyring of ``computer`` took a new password for ``name``: a new version,
        held by that computer only (the others' turn outdated)."""
        with self.db.session() as s:
            row = _named_row(s, name)
            row.ftp_password_stored = True
            row.updated_at = utcnow()
            record_new_version(s, row, computer)
            return _stored(row)

    def set_enabled(self, name: str, enabled: bool) -> None:
        with self.db.session() as s:
            row = _named_row(s, name)
            if row.enabled != enabled:
                row.schedule_changed_at = utcnow()
            row.enabled = enabled
            row.updated_at = utcnow()

    def set_trusted_fingerprint(self, name: str, fingerprint: str | None) -> None:
        with self.db.session() as s:
            row = _named_row(s, name)
            row.ftp_trusted_fingerprint = fingerprint
            row.updated_at = utcnow()

    def delete(self, name: str) -> StoredInterface:
        with self.db.session() as s:
            row = _named_row(s, name)
            stored = _stored(row)
            s.delete(row)
            return stored

    def free_copy_name(self, name: str) -> str:
        """'X (Kopie)', 'X (Kopie 2)', … the first name not taken."""
        taken = set(self.names())
        candidate = f"{name} (Kopie)"
        number = 2
        while candidate in taken:
            candidate = f"{name} (Kopie {number})"
            number += 1
        return candidate
