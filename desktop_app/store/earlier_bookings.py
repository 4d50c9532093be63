"""What earlier imports booked, for telling a transaction seen before."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, select

from ..domain.settlement import EarlierBooking
from .bulk_sql import InSelect, chunks, max_in_values, padded
from .case_models import CaseRow
from .ledger_models import Booking, ImportFile, Invoice
from .models import InterfaceRow


class EarlierBookings:
    """Reads what earlier imports booked, for telling a transaction seen before.

    Both look-ups run through ``InSelect``: a large file asks for thousands of invoices
    or keys at once, and the usual answer is none."""

    def __init__(
        self,
        connection: Connection,
        own_sha256: str | None = None,
        own_interface_id: int | None = None,
    ) -> None:
        """``own_sha256``: the content being planned; ``of_invoices`` then also names the
        Klärungsfälle of other files' rows that named these invoices. A booking by
        another interface than ``own_interface_id`` (None: a local file) names it and
        when: two interfaces reading one folder fetch the same files."""
        b, f, i = Booking.__table__, ImportFile.__table__, InterfaceRow.__table__
        base = (
            select(
                *(b.c.invoice_id, b.c.paid_amount, b.c.paid_on, f.c.name, b.c.source_line),
                *(b.c.source_key, f.c.interface_id, i.c.name, f.c.imported_at),
            )
            .join(f, f.c.id == b.c.import_file_id)
            .outerjoin(i, i.c.id == f.c.interface_id)
        )
        self._by_invoice = InSelect(connection, lambda v: base.where(b.c.invoice_id.in_(v)))
        self._by_key = InSelect(connection, lambda v: base.where(b.c.source_key.in_(v)))
        self._in_size = max_in_values(connection)
        self._connection, self._base = connection, base
        self._own_sha256 = own_sha256
        self._own_interface_id = own_interface_id

    def _read(self, select_in: InSelect, values: list) -> Iterator[tuple[EarlierBooking, str]]:
        to_money, to_date = select_in.processors[1], select_in.processors[2]
        to_instant = select_in.processors[8]
        for chunk in chunks(values, self._in_size):
            for row in select_in.rows(padded(chunk)):
                invoice_id, paid, day, name, line, key, interface_id, interface, at = row
                yield (
                    EarlierBooking(
                        invoice_id,
                        to_money(paid) if to_money and paid is not None else paid,
                        to_date(day) if to_date and day is not None else day,
                        name,
                        line,
                        **self._by_other(interface_id, interface, at, to_instant),
                    ),
                    key,
                )

    def of_invoices(self, invoice_ids: Iterable[int]) -> dict[int, list[EarlierBooking]]:
        """The bookings of these invoices, in the order they were made; then the cases of
        other files' rows that named them (see ``_cases_naming``)."""
        found: dict[int, list[EarlierBooking]] = {}
        seen: set[str] = set()  # padded() repeats values: a booking may come twice
        ids = sorted(set(invoice_ids))
        for earlier, key in self._read(self._by_invoice, ids):
            if key not in seen:
                seen.add(key)
                found.setdefault(earlier.invoice_id, []).append(earlier)
        if self._own_sha256 is not None and ids:
            for earlier in self._cases_naming(ids, self._own_sha256):
                found.setdefault(earlier.invoice_id, []).append(earlier)
        return found

    def _cases_naming(self, invoice_ids: list[int], own_sha256: str) -> Iterator[EarlierBooking]:
        """Klärungsfälle of rows of other files whose reference is one of these invoices'
        numbers: a payment seen before (an invoice not yet in the ledger then, a refund a
        person closed, a payment assigned by hand) that a file sent again or extended
        names once more. This file's own rows find their cases by key instead."""
        c, i, f = CaseRow.__table__, Invoice.__table__, ImportFile.__table__
        for chunk in chunks(invoice_ids, self._in_size):
            rows = self._connection.execute(
                select(i.c.id, c.c.amount, c.c.value_date, f.c.name, c.c.line, c.c.id)
                .join(c, c.c.reference == i.c.number)
                .join(f, f.c.id == c.c.import_file_id)
                .where(i.c.id.in_(chunk), f.c.sha256 != own_sha256)
                .order_by(c.c.id)
            )
            for invoice_id, amount, day, name, line, case_id in rows:
                yield EarlierBooking(invoice_id, amount, day, name, line, case_id=case_id)

    def of_keys(self, keys: Iterable[str]) -> dict[str, EarlierBooking]:
        """The bookings stored under these source keys."""
        return {key: earlier for earlier, key in self._read(self._by_key, sorted(set(keys)))}

    def of_content(self, sha256: str) -> dict[str, EarlierBooking]:
        """The bookings under keys made of this content's hash (``<sha256>:…``), by
        whichever import of it made them: one range of the keys' unique index."""
        key = Booking.__table__.c.source_key
        rows = self._connection.execute(
            self._base.where(key >= f"{sha256}:", key < f"{sha256};")  # ";" follows ":"
        )
        return {
            source_key: EarlierBooking(
                invoice_id, paid, day, name, line, **self._by_other(interface_id, interface, at)
            )
            for invoice_id, paid, day, name, line, source_key, interface_id, interface, at in rows
        }

    def _by_other(
        self,
        interface_id: int | None,
        interface: str | None,
        at: Any,
        to_instant: Callable[[Any], Any] | None = None,
    ) -> dict:
        """``interface`` and ``booked_at`` of a booking by another interface, else none;
        ``to_instant``: how a raw row's time becomes one (only for those it names)."""
        if interface_id is None or interface_id == self._own_interface_id:
            return {}
        if to_instant is not None and at is not None:
            at = to_instant(at)
        return {"interface": interface, "booked_at": at}
