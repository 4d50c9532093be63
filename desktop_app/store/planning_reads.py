"""What planning a payment file reads from the ledger, all in one read transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from ..domain.interface import ChainOptions
from .catalog import chain_options_in
from .db import Database
from .earlier_bookings import EarlierBookings
from .import_cases import KnownCases, known_cases
from .invoice_reader import InvoiceReader
from .ledger_models import ImportFile, import_file_mandants
from .models import Mandant

# ``import_files.outcome`` of a file whose content counts as imported.
FILE_BOOKED = "booked"
FILE_NOTHING = "nothing"


class PlanningReads:
    def __init__(self, session: Session) -> None:
        self._session = session

    def chain_options(self) -> ChainOptions:
        """The chain's options as they are now (a far server: no extra transaction)."""
        return chain_options_in(self._session)

    def booked_before(self, sha256: str, interface_id: int | None) -> int | None:
        """The import record that booked this very content for this interface (None: a
        local file's import), if one did. The same content fetched by another interface
        may hold other Mandanten's rows: what it booked is found row by row instead."""
        return self._session.scalar(
            select(ImportFile.id)
            .where(
                ImportFile.sha256 == sha256,
                ImportFile.outcome == FILE_BOOKED,
                ImportFile.interface_id.is_not_distinct_from(interface_id),
            )
            .limit(1)
        )

    def mandants(self, names: Iterable[str]) -> list[Mandant]:
        return list(self._session.scalars(select(Mandant).where(Mandant.name.in_(list(names)))))

    def mandant_names(self) -> list[str]:
        """The names of every Mandant the ledger keeps, chosen or not."""
        return list(self._session.scalars(select(Mandant.name)))

    def invoices(self, mandants: list[Mandant]) -> InvoiceReader:
        return InvoiceReader(self._session.connection(), mandants)

    def earlier_bookings(
        self, own_sha256: str | None = None, own_interface_id: int | None = None
    ) -> EarlierBookings:
        """``own_sha256``: the content being planned, whose rows find the cases of other
        files' rows too (``EarlierBookings.of_invoices``); bookings by other interfaces
        than ``own_interface_id`` name theirs."""
        return EarlierBookings(self._session.connection(), own_sha256, own_interface_id)

    def known_cases(self, sha256: str, keys: set[str]) -> KnownCases:
        """The cases of this file's rows (by the file's hash and the bank's keys)."""
        return known_cases(self._session.connection(), sha256, keys)

    def last_file_date(
        self, interface_id: int | None, import_format: str, mandants: Sequence[str] = ()
    ) -> date | None:
        """The newest file date of the files read before from the same source (for the
        stale-file guard): an interface's own, or (``interface_id`` None) the local
        files imported by hand in ``import_format`` for any of ``mandants``. Neither
        looks at the other: a local file dated wrongly late (copied, so its modification
        day is today) must not refuse every list the server sends after it; and an
        interface's lists may be of other Mandanten than the file at hand."""
        if interface_id is not None:
            source = ImportFile.interface_id == interface_id
        else:  # an interface deleted since leaves its files' server: they are not local
            source = and_(
                ImportFile.interface_id.is_(None),
                ImportFile.server == "",
                ImportFile.import_format == import_format,
                _read_for_any_of(mandants),
            )
        return self._session.scalar(
            select(func.max(ImportFile.file_date)).where(
                source, ImportFile.outcome.in_([FILE_BOOKED, FILE_NOTHING])
            )
        )


def _read_for_any_of(mandants: Sequence[str]) -> ColumnElement[bool]:
    """A file read for one of ``mandants`` (a list of Mandant 1 and 2 is stale for
    Mandant 1 after Mandant 1's newer list), or one whose Mandanten are not recorded
    (imported before they were): such a file may have been any Mandant's, and comparing
    with it can only refuse a list a person may still import on purpose, never book one
    that is stale."""
    links = import_file_mandants
    linked = select(links.c.import_file_id).where(links.c.import_file_id == ImportFile.id)
    chosen = select(Mandant.id).where(Mandant.name.in_(list(mandants)))
    return or_(~exists(linked), exists(linked.where(links.c.mandant_id.in_(chosen))))


@contextmanager
def planning_reads(db: Database) -> Iterator[PlanningReads]:
    with db.session() as session:
        yield PlanningReads(session)
