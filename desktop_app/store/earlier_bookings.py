"""What earlier imports booked, for telling a transaction seen before."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, select

from ..domain.settlement import EarlierBooking
from .bulk_sql import InSelect, chunks, max_in_values, padded
from .ledger_models import Booking, ImportFile


class EarlierBookings:
    """Reads what earlier imports booked, for telling a transaction seen before.

    Both look-ups run through ``InSelect``: a large file asks for thousands of invoices
    or keys at once, and the usual answer is none."""

    def __init__(self, connection: Connection) -> None:
        b, f = Booking.__table__, ImportFile.__table__
        base = select(
            b.c.invoice_id, b.c.paid_amount, b.c.paid_on, f.c.name, b.c.source_line, b.c.source_key
        ).join(f, f.c.id == b.c.import_file_id)
        self._by_invoice = InSelect(connection, lambda v: base.where(b.c.invoice_id.in_(v)))
        self._by_key = InSelect(connection, lambda v: base.where(b.c.source_key.in_(v)))
        self._in_size = max_in_values(connection)
        self._connection, self._base = connection, base

    def _read(self, select_in: InSelect, values: list) -> Iterator[tuple[EarlierBooking, str]]:
        to_money, to_date = select_in.processors[1], select_in.processors[2]
        for chunk in chunks(values, self._in_size):
            for invoice_id, paid, day, name, line, key in select_in.rows(padded(chunk)):
                yield (
                    EarlierBooking(
                        invoice_id,
                        to_money(paid) if to_money and paid is not None else paid,
                        to_date(day) if to_date and day is not None else day,
                        name,
                        line,
                    ),
                    key,
                )

    def of_invoices(self, invoice_ids: Iterable[int]) -> dict[int, list[EarlierBooking]]:
        """The bookings of these invoices, in the order they were made."""
        found: dict[int, list[EarlierBooking]] = {}
        seen: set[str] = set()  # padded() repeats values: a booking may come twice
        for earlier, key in self._read(self._by_invoice, sorted(set(invoice_ids))):
            if key not in seen:
                seen.add(key)
                found.setdefault(earlier.invoice_id, []).append(earlier)
        return found

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
            source_key: EarlierBooking(invoice_id, paid, day, name, line)
            for invoice_id, paid, day, name, line, source_key in rows
        }
