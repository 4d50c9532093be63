"""A plan's rows, matches and bookings, kept column by column.

A plan may cover a million rows: they are stored in arrays and read back as the same
``RowResult``, ``Match`` and ``Booking`` objects, built on access."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar, overload

from ..formats.columns import Interned, MoneyById, MoneyColumn, cents_of
from ..formats.records import (
    AnyRecord,
    ImportRecord,
    RecordTable,
    record_summary,
)
from ..invoice_index import OpenInvoice
from ..reason_texts import NO_REASON, Reason
from .plan import FINE, ZERO, Booking, EarlierBooking, Match, RowResult, RowStatus
from .reasons import REASON_FROM_AMOUNTS

T = TypeVar("T")

# -- the plan's columns -------------------------------------------------------------------

_STATUSES = tuple(RowStatus)
_STATUS_CODE = {status: code for code, status in enumerate(_STATUSES)}
_FINE_CODES = frozenset(_STATUS_CODE[s] for s in FINE)
_UNSET = 255  # a row the planner has not decided yet
_METHODS = ("", "exact", "text")
_METHOD_CODE = {"exact": 1, "text": 2}  # the reference field as it is, or found in a text
_NO_ID = -(2**63)


class _Column(Sequence[T], Generic[T]):
    """A read-only sequence of objects built on access; equal to any sequence with the
    same items, so ``plan.bookings == ()`` reads as before."""

    def __len__(self) -> int:
        raise NotImplementedError

    def _item(self, index: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self._item(i) for i in range(*index.indices(len(self))))
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._item(index % len(self))

    def __iter__(self) -> Iterator[T]:
        for index in range(len(self)):
            yield self._item(index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)})"


class PlanRows(_Column[RowResult]):
    """The result of every record; row ``i`` is record ``i`` (each record gets exactly
    one row). Line, entry, reference and amount are read from the records themselves;
    a reason text is stored once however many rows share it, and not at all where it
    follows from the row's amounts (``REASON_FROM_AMOUNTS``)."""

    def __init__(self, records: Sequence[ImportRecord]) -> None:
        count = len(records)
        self._records = records
        self._status = array("B", [_UNSET]) * count
        self._invoice = array("q", [_NO_ID]) * count
        self._method = array("B", bytes(count))
        self._booked = MoneyColumn(count)  # None: ZERO, the default
        self._surplus = MoneyColumn(count)  # None: ZERO, the default
        self._reasons: Interned[Reason] = Interned(count)  # None: no reason or from the amounts
        self._numbers: dict[int, str] = {}  # invoice numbers written unlike the reference
        self._possible: dict[int, tuple[str, ...]] = {}  # few rows have any
        self._earlier: dict[int, EarlierBooking] = {}
        self.surplus_total = ZERO

    def __len__(self) -> int:
        return len(self._status)

    def set_invoice(self, index: int, invoice: OpenInvoice, reference_raw: str | None) -> None:
        self._invoice[index] = invoice.id
        if invoice.number != reference_raw:
            self._numbers[index] = invoice.number
        elif self._numbers:
            self._numbers.pop(index, None)

    def set_match(self, index: int, method: str) -> None:
        self._method[index] = _METHOD_CODE[method]

    def set_possible(self, index: int, numbers: Sequence[str]) -> None:
        if numbers:
            self._possible[index] = tuple(numbers)

    def set_earlier(self, index: int, earlier: EarlierBooking) -> None:
        self._earlier[index] = earlier

    def set(
        self,
        index: int,
        status: RowStatus,
        reason: Reason | None,
        booked: Decimal,
        surplus: Decimal,
        booked_cents: int | None = None,
    ) -> None:
        """Decide row ``index``; ``reason`` ``None``: from the amounts (only for the
        statuses in ``REASON_FROM_AMOUNTS``). ``booked_cents``: ``cents_of(booked)``
        where the caller has it."""
        if self._status[index] != _UNSET:
            raise AssertionError(f"row {index} decided twice")
        self._status[index] = _STATUS_CODE[status]
        if reason is None:
            if status not in REASON_FROM_AMOUNTS:
                raise ValueError(f"{status}: no reason given and none follows from amounts")
        elif reason or status in REASON_FROM_AMOUNTS:
            self._reasons[index] = reason  # None, the default, reads as below
        if booked_cents is not None:
            self._booked.set_cents(index, booked_cents)
        elif booked is not ZERO:
            self._booked[index] = booked
        if surplus is not ZERO:
            self._surplus[index] = surplus
            # The same as summing every row's surplus in file order: Decimal sums of
            # amounts are exact, and the ZEROs left out change neither value nor digits.
            self.surplus_total += surplus

    def undecided(self) -> bool:
        return _UNSET in self._status

    def invoice_number(self, index: int) -> str | None:
        if self._invoice[index] == _NO_ID:
            return None
        number = self._numbers.get(index)
        if number is not None:
            return number
        records = self._records  # else written as the row's reference
        if isinstance(records, RecordTable):
            return records.reference_raw(index)
        return records[index].reference_raw

    def invoice_id(self, index: int) -> int | None:
        invoice_id = self._invoice[index]
        return None if invoice_id == _NO_ID else invoice_id

    def method(self, index: int) -> str:
        return _METHODS[self._method[index]]

    def _item(self, index: int) -> RowResult:
        line, entry_id, reference_raw, amount, _ = record_summary(self._records, index)
        stored_booked = self._booked[index]
        booked = ZERO if stored_booked is None else stored_booked
        stored_surplus = self._surplus[index]
        surplus = ZERO if stored_surplus is None else stored_surplus
        status = _STATUSES[self._status[index]]
        reason = self._reasons[index]
        if reason is None:
            derive = REASON_FROM_AMOUNTS.get(status)
            reason = NO_REASON if derive is None else derive(amount, booked, surplus)  # type: ignore[arg-type]
        invoice_id = self._invoice[index]
        number = self._numbers.get(index, reference_raw) if invoice_id != _NO_ID else None
        return RowResult(
            line=line,
            entry_id=entry_id,
            reference_raw=reference_raw,
            amount=amount,
            status=status,
            invoice_id=None if invoice_id == _NO_ID else invoice_id,
            invoice_number=number,
            booked=booked,
            surplus=surplus,
            reason=reason,
            possible_invoices=self._possible.get(index, ()),
            earlier=self._earlier.get(index),
        )

    def reported(self) -> Iterator[RowResult]:
        fine = _FINE_CODES
        for index, code in enumerate(self._status):
            if code not in fine:
                yield self._item(index)


class PlanMatches(_Column[Match]):
    """The rows that found their invoice. The planner matches each record at most once
    and in file order, so these are the rows with a match method, in row order: nothing
    stored beyond that column."""

    def __init__(self, rows: PlanRows) -> None:
        self._rows = rows
        self._positions = array("q")  # built on first access by position

    def __len__(self) -> int:
        methods = self._rows._method
        return len(methods) - methods.count(0)

    def _item(self, position: int) -> Match:
        if len(self._positions) != len(self):
            methods = self._rows._method
            self._positions = array("q", (i for i, m in enumerate(methods) if m))
        index = self._positions[position]
        rows = self._rows
        line, entry_id, *_ = record_summary(rows._records, index)
        return Match(
            line,
            entry_id,
            rows.invoice_id(index),  # type: ignore[arg-type]
            rows.invoice_number(index),  # type: ignore[arg-type]
            rows.method(index),
        )

    def __iter__(self) -> Iterator[Match]:
        for position in range(len(self)):
            yield self._item(position)


_NO_ROW = -1  # a booking of no row: an Offene-Posten invoice missing from the file


class PlanBookings(_Column[Booking]):
    """The bookings in the order they were planned; also what they add up to per invoice
    (``per_invoice``) and the open amount the plan saw on it (``seen_open``), which is
    what the ledger update needs. A booking of a row takes that row's invoice, line and
    key from the rows and records instead of storing them."""

    def __init__(self, rows: PlanRows, booking_date: date) -> None:
        self._rows = rows
        self._records = rows._records
        self._booking_date = booking_date
        self._row = array("q")
        self._amount = MoneyColumn()
        self._notes: Interned[str] = Interned()
        # Only for bookings that differ from their row (Offene Posten "missing" ones):
        self._invoices: dict[int, tuple[int, str]] = {}  # (invoice id, number)
        self._keys: dict[int, str] = {}
        self.per_invoice = MoneyById()
        # The first read of an invoice the plan books on: the ledger books the plan only
        # where the open amount is still that (a later read differing from it is a
        # change meanwhile as well, and the plan is refused then too).
        self.seen_open = MoneyById()
        self.last: tuple[Decimal | None, int | None] = (None, None)  # amount, cents

    def __len__(self) -> int:
        return len(self._row)

    def append(
        self,
        row: int | None,
        record: AnyRecord | None,
        invoice: OpenInvoice,
        amount: Decimal,
        source_key: str,
        note_de: str,
    ) -> None:
        """Book ``amount`` on ``invoice`` for record number ``row`` (``None``: no row)."""
        position = len(self._row)
        if row is None or record is None or self._rows._invoice[row] != invoice.id:
            self._invoices[position] = (invoice.id, invoice.number)
        if record is None or record.dedup_key != source_key:
            self._keys[position] = source_key
        self._row.append(_NO_ROW if row is None else row)
        cents = cents_of(amount)  # once, for both columns (and the row's booked amount)
        self.last = (amount, cents)
        if cents is None:
            self._amount.append(amount)
            self.per_invoice.add(invoice.id, amount)
        else:
            self._amount.append_cents(cents)
            self.per_invoice.add_cents(invoice.id, cents)
        self._notes.append(note_de)
        self.seen_open.keep_first(invoice.id, invoice.open_amount)

    def ledger_updates(self) -> Iterator[tuple[int, int | Decimal, int | Decimal]]:
        """``(invoice_id, amount, seen_open)`` per invoice booked on, in ascending id:
        what the plan books on it in all and the open amount it saw (``int``: whole
        cents)."""
        seen = self.seen_open.cents_items()
        for (invoice_id, amount), (seen_id, open_amount) in zip(
            self.per_invoice.cents_items(), seen, strict=True
        ):
            if seen_id != invoice_id:
                raise AssertionError(f"invoice {invoice_id} booked without its open amount")
            yield invoice_id, amount, open_amount

    def _invoice(self, position: int, row: int) -> tuple[int, str]:
        own = self._invoices.get(position)
        if own is not None:
            return own
        return self._rows._invoice[row], self._rows.invoice_number(row)  # type: ignore[return-value]

    def ledger_rows(
        self,
    ) -> Iterator[
        tuple[int, int | Decimal, str, int | None, str, int | Decimal | None, date | None]
    ]:
        """``(invoice_id, amount, source_key, line, invoice_number, paid_amount, paid_on)``
        of every booking: what the ledger stores, without building ``Booking`` objects.
        Amounts are ``int`` whole cents where they are whole cents (the unit the ledger
        stores), else the ``Decimal``; ``paid_*`` are the row's own amount and date."""
        records, keys = self._records, self._keys
        table = records if isinstance(records, RecordTable) else None
        amounts = self._amount
        for position, row in enumerate(self._row):
            paid: int | Decimal | None = None
            paid_on: date | None = None
            if row == _NO_ROW:
                line, key = None, None
            elif table is not None:  # straight from the columns: a million rows
                line = table.line(row)
                key = None if position in keys else table.dedup_key(row)
                paid, paid_on = table.amounts.cents(row), table.booking_date(row)
            else:
                line, _, _, _, key = record_summary(records, row)
                record = records[row]
                paid, paid_on = record.amount, record.booking_date
            invoice_id, number = self._invoice(position, row)
            yield (
                invoice_id,
                amounts.cents(position),  # type: ignore[misc]
                keys.get(position, key),  # type: ignore[arg-type]
                line,
                number,
                paid,
                paid_on,
            )

    def _item(self, position: int) -> Booking:
        row = self._row[position]
        paid: Decimal | None = None
        paid_on: date | None = None
        if row == _NO_ROW:
            line, entry_id, key = None, "fehlt-in-datei", None
        else:
            line, entry_id, _, _, key = record_summary(self._records, row)
            record = self._records[row]
            paid, paid_on = record.amount, record.booking_date
        invoice_id, number = self._invoice(position, row)
        return Booking(
            invoice_id=invoice_id,
            invoice_number=number,
            amount=self._amount[position],  # type: ignore[arg-type]
            source_key=self._keys.get(position, key),  # type: ignore[arg-type]
            line=line,
            entry_id=entry_id,
            booking_date=self._booking_date,
            note_de=self._notes[position] or "",
            paid_amount=paid,
            paid_on=paid_on,
        )
