"""The settlement planner: which invoices a parsed file pays, and why not the rest.

Pure: it is given the parsed file, the open invoices and the interface's choices, and
returns a ``SettlementPlan``. It never books; the job that runs the import writes the
plan's bookings (dated by "Rechnungen bezahlt setzen bis zum", flagged "nicht
exportieren") and stores each booking's ``source_key`` so no row ever books twice.
Every rule is from FORMATS.md, "Settlement rules" and §2 (Offene Posten).

A plan may cover a million rows: its rows, matches and bookings are kept column by
column (``PlanRows``, ``PlanMatches``, ``PlanBookings``) and read back as the same
``RowResult``, ``Match`` and ``Booking`` objects, built on access.
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar, overload

from .formats.columns import Interned, MoneyById, MoneyColumn, cents_of
from .formats.records import (
    AnyRecord,
    ImportRecord,
    ParsedFile,
    RecordTable,
    entry_label_de,
    record_summary,
)
from .formats.text import format_amount_de
from .interface import ImportFormat, OpenItemGuards
from .invoice_index import InvoiceIndex, OpenInvoice, Outcome, same_mandant

ZERO = Decimal(0)
DEFAULT_MAX_SHARE = Decimal("0.20")
#: Records planned per invoice look-up when the invoices are fetched on demand
#: (``plan_settlement(lookup=...)``): bounds the invoices held at any time.
LOOKUP_CHUNK = 4096

T = TypeVar("T")


@dataclass(frozen=True)
class GuardConfig:
    """The Offene-Posten guards (FORMATS.md §2); all on by default."""

    refuse_empty: bool = True
    refuse_older: bool = True
    max_share: Decimal | None = DEFAULT_MAX_SHARE  # None: no share limit

    @classmethod
    def of(cls, guards: OpenItemGuards) -> GuardConfig:
        share = guards.max_share_percent
        return cls(
            guards.refuse_empty,
            guards.refuse_older,
            None if share is None else Decimal(share) / 100,
        )

    @classmethod
    def off(cls) -> GuardConfig:
        """No guard at all: for a file a person imports once on purpose (audited)."""
        return cls(refuse_empty=False, refuse_older=False, max_share=None)


class RowStatus(enum.StrEnum):
    """What became of a row; the value is the machine-readable reason code (JSON)."""

    BOOKED = "booked"
    OVERPAID = "overpaid"  # the open amount was booked, the surplus is reported
    NOT_MONEY_IN = "not-money-in"  # amount ≤ 0 or a debit
    REVERSAL = "reversal"  # a storno or Generalumkehr
    RETURN = "return"  # a returned payment (Rücklastschrift, Retoure)
    NOT_A_PAYMENT = "not-a-payment"  # DATEV: a customer posting against no bank or cash
    NO_CUSTOMER_ACCOUNT = "no-customer-account"  # DATEV: a line without a Debitor
    PENDING = "pending"  # not yet booked by the bank
    DUPLICATE = "duplicate"  # this transaction was booked before
    POSSIBLE_DUPLICATE = "possible-duplicate"  # equal to a booking from another file
    OTHER_MANDANT = "other-mandant"
    FOREIGN_CURRENCY = "foreign-currency"
    NO_REFERENCE = "no-reference"
    NOT_FOUND = "not-found"
    POSSIBLE_MATCH = "possible-match"  # names a number that only resembles an invoice
    AMBIGUOUS = "ambiguous"
    ALREADY_SETTLED = "already-settled"  # nothing left open, e.g. paid by an earlier row
    # Offene Posten only:
    UNCHANGED = "unchanged"  # open in file = open now
    COMBINED = "combined"  # a further row of the same invoice, added to the first
    OUT_OF_SCOPE = "out-of-scope"  # invoice dated after the settlement date
    NEGATIVE_DIFFERENCE = "negative-difference"  # the file says more is open than is
    CREDIT_NOTE = "credit-note"  # negative open amount in the file


@dataclass(frozen=True, slots=True)
class EarlierBooking:
    """A booking from an earlier file, for telling a row booked before."""

    invoice_id: int
    amount: Decimal | None  # the row's amount in its file; None: "the whole open amount"
    paid_on: date | None  # the row's date in its file (Zahldatum, Belegdatum, bank date)
    file_name: str
    line: int | None

    def where_de(self) -> str:
        where = f"Datei „{self.file_name}“"
        return f"{where}, Zeile {self.line}" if self.line is not None else where


def _duplicate_de(earlier: EarlierBooking | None, line: int | None) -> str:
    if earlier is not None:
        return f"Bereits gebucht ({earlier.where_de()}); nicht noch einmal gebucht."
    if line is not None:
        return f"Bereits gebucht: dieselbe Buchung steht schon in Zeile {line} dieser Datei."
    return "Bereits gebucht: dieselbe Buchung steht schon weiter oben in dieser Datei."


def _possible_duplicate_de(earlier: EarlierBooking) -> str:
    return (
        f"Möglicherweise bereits gebucht ({earlier.where_de()}): gleiche Rechnung, gleicher "
        "Betrag, gleiches Datum. Nicht gebucht; bitte prüfen."
    )


def _possible_match_de(numbers: Sequence[str]) -> str:
    return (
        f"Möglicher Treffer: {', '.join(numbers)}. Die Nummer in der Zeile gleicht der "
        "Rechnung nur (andere Vorsilbe, nur Ziffern oder ohne Hinweis auf eine Rechnung); "
        "nicht gebucht, bitte prüfen."
    )


#: Statuses where the row did what it should; every other row is reported.
_FINE = {RowStatus.BOOKED, RowStatus.UNCHANGED, RowStatus.COMBINED}


@dataclass(frozen=True, slots=True)
class RowResult:
    line: int | None
    entry_id: str
    reference_raw: str | None
    amount: Decimal | None  # the row's amount (Offene Posten: the open amount in the file)
    status: RowStatus
    invoice_id: int | None = None
    invoice_number: str | None = None
    booked: Decimal = ZERO
    surplus: Decimal = ZERO
    reason_de: str = ""
    #: Invoices a person may want to look at: possible matches, the several invoices
    #: of an ambiguous row, the invoice a reported storno or return names.
    possible_invoices: tuple[str, ...] = ()
    #: The earlier booking a duplicate or possible duplicate repeats.
    earlier: EarlierBooking | None = None

    @property
    def is_reported(self) -> bool:
        return self.status not in _FINE

    @property
    def where_de(self) -> str:
        """ "Zeile 5", or "Auszug 1, Buchung 4" where the file has no usable lines."""
        return f"Zeile {self.line}" if self.line is not None else entry_label_de(self.entry_id)

    def describe_de(self) -> str:
        ref = f" ({self.reference_raw})" if self.reference_raw else ""
        return f"{self.where_de}{ref}: {self.reason_de or 'gebucht'}"


@dataclass(frozen=True, slots=True)
class Match:
    line: int | None
    entry_id: str
    invoice_id: int
    invoice_number: str
    method: str  # "exact" or "digits"


@dataclass(frozen=True, slots=True)
class Booking:
    invoice_id: int
    invoice_number: str
    amount: Decimal
    source_key: str  # stored with the booking; a key already stored never books again
    line: int | None  # None: an Offene-Posten invoice missing from the file
    entry_id: str
    booking_date: date
    exportable: bool = False  # settlement bookings are always "nicht exportieren"
    note_de: str = ""
    paid_amount: Decimal | None = None  # the row's amount as in its file
    paid_on: date | None = None  # the row's date as in its file


@dataclass(frozen=True, slots=True)
class GuardResult:
    name: str  # "empty", "older", "share"
    passed: bool
    message_de: str


@dataclass(frozen=True, slots=True)
class PlanTotals:
    rows: int
    booked_rows: int
    bookings: int
    booked_amount: Decimal
    surplus_amount: Decimal
    reported_rows: int
    invoices_settled: int
    invoices_in_scope: int | None = None  # Offene Posten only


@dataclass(frozen=True)
class SettlementPlan:
    """What one file settles. A refused plan has no bookings; its rows still show what
    each row would have done, so the report can explain the refusal."""

    format_id: str
    file_name: str
    booking_date: date
    rows: Sequence[RowResult]  # one per record, in file order (a PlanRows from the planner)
    matches: Sequence[Match]
    bookings: Sequence[Booking]  # empty when refused
    refused_reason_de: str | None
    guards: tuple[GuardResult, ...]
    totals: PlanTotals

    @property
    def refused(self) -> bool:
        return self.refused_reason_de is not None

    def _reported(self) -> Iterable[RowResult]:
        if isinstance(self.rows, PlanRows):
            return self.rows.reported()  # without building every fine row first
        return (r for r in self.rows if r.is_reported)

    @property
    def unmatched(self) -> tuple[RowResult, ...]:
        """Rows that booked nothing for a reason the user should see."""
        return tuple(r for r in self._reported() if r.booked == ZERO)

    @property
    def reported(self) -> tuple[RowResult, ...]:
        """Every row with a message, including overpayments that did book."""
        return tuple(self._reported())


# -- the plan's columns -------------------------------------------------------------------

_STATUSES = tuple(RowStatus)
_STATUS_CODE = {status: code for code, status in enumerate(_STATUSES)}
_FINE_CODES = frozenset(_STATUS_CODE[s] for s in _FINE)
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
    follows from the row's amounts (``_REASON_FROM_AMOUNTS``)."""

    def __init__(self, records: Sequence[ImportRecord]) -> None:
        count = len(records)
        self._records = records
        self._status = array("B", [_UNSET]) * count
        self._invoice = array("q", [_NO_ID]) * count
        self._method = array("B", bytes(count))
        self._booked = MoneyColumn(count)  # None: ZERO, the default
        self._surplus = MoneyColumn(count)  # None: ZERO, the default
        self._reasons: Interned[str] = Interned(count)  # None: "" or from the amounts
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
        reason_de: str | None,
        booked: Decimal,
        surplus: Decimal,
        booked_cents: int | None = None,
    ) -> None:
        """Decide row ``index``; ``reason_de`` ``None``: from the amounts (only for the
        statuses in ``_REASON_FROM_AMOUNTS``). ``booked_cents``: ``cents_of(booked)``
        where the caller has it."""
        if self._status[index] != _UNSET:
            raise AssertionError(f"row {index} decided twice")
        self._status[index] = _STATUS_CODE[status]
        if reason_de is None:
            if status not in _REASON_FROM_AMOUNTS:
                raise ValueError(f"{status}: no reason given and none follows from amounts")
        elif reason_de or status in _REASON_FROM_AMOUNTS:
            self._reasons[index] = reason_de  # None, the default, reads as below
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
            derive = _REASON_FROM_AMOUNTS.get(status)
            reason = "" if derive is None else derive(amount, booked, surplus)  # type: ignore[arg-type]
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
            reason_de=reason,
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
    (``per_invoice``), which is what the ledger update needs. A booking of a row takes
    that row's invoice, line and key from the rows and records instead of storing them."""

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


def euro(value: Decimal) -> str:
    return f"{format_amount_de(value)} €"


#: Fetches the invoices the given records may name (by number or by digits), any status,
#: of the chosen Mandanten; more is harmless. See ``plan_settlement``.
InvoiceLookup = Callable[[Sequence[AnyRecord]], Iterable[OpenInvoice]]
#: Fetches the earlier bookings of the given invoice ids (from other files).
BookingLookup = Callable[[Collection[int]], Mapping[int, Sequence[EarlierBooking]]]


class _Planner:
    def __init__(
        self,
        parsed: ParsedFile,
        open_invoices: Iterable[OpenInvoice],
        mandants: tuple[str, ...],
        booking_date: date,
        already_booked: Mapping[str, EarlierBooking] | Set[str],
        currency: str,
        lookup: InvoiceLookup | None,
        earlier: Mapping[int, Sequence[EarlierBooking]] | BookingLookup,
    ) -> None:
        self.parsed = parsed
        self.mandants = mandants
        self._chosen: dict[str, bool] = {}
        self.invoices = [i for i in open_invoices if self.chosen(i.mandant)]
        self.booking_date = booking_date
        self.already_booked = already_booked
        self.currency = currency
        self.lookup = lookup
        records = parsed.records
        self.rows = PlanRows(records)
        self.matches = PlanMatches(self.rows)
        self.bookings = PlanBookings(self.rows, booking_date)
        # What this plan books per invoice; remaining = open amount minus that.
        self.booked = self.bookings.per_invoice
        self.booked_rows = 0
        self.reported_rows = 0
        self.booked_amount = ZERO
        # Keys booked by earlier rows of this file, with their line. A RecordTable's keys
        # are its line numbers, unique in the file: no later row can repeat one.
        self.seen_keys: dict[str, int | None] = {}
        self.track_keys = not isinstance(records, RecordTable)
        self.index = InvoiceIndex(self.invoices)
        self.last_possible: tuple[OpenInvoice, ...] = ()  # of the last row match() refused
        # Earlier bookings (other files) of the invoices of the records being planned.
        self._earlier_lookup = earlier if callable(earlier) else None
        self.earlier: Mapping[int, Sequence[EarlierBooking]] = {} if callable(earlier) else earlier

    def chosen(self, mandant: str) -> bool:
        """Whether a Mandant named in the file or the ledger is one of the chosen ones."""
        known = self._chosen.get(mandant)
        if known is None:
            known = self._chosen[mandant] = any(same_mandant(mandant, m) for m in self.mandants)
        return known

    def remaining(self, invoice: OpenInvoice) -> Decimal:
        booked = self.booked.get(invoice.id)
        open_amount = max(invoice.open_amount, ZERO)
        return open_amount if booked is None else open_amount - booked

    def each(self) -> Iterator[tuple[int, AnyRecord, InvoiceIndex]]:
        """Every record with its index and the invoice index to match it in.

        With a ``lookup`` the invoices are fetched for ``LOOKUP_CHUNK`` records at a time
        and let go after them: a million-row file never holds all its invoices at once.
        What was booked on an invoice is remembered across chunks (``booked``). The rows
        of a ``RecordTable`` are read as ``RecordRow``, with the same attributes.
        """
        records = self.parsed.records
        table = records if isinstance(records, RecordTable) else None
        if self.lookup is None and self._earlier_lookup is not None:
            self.earlier = self._earlier_lookup([i.id for i in self.invoices])
        if self.lookup is None and table is None:
            for position, record in enumerate(records):
                yield position, record, self.index
            return
        for start in range(0, len(records), LOOKUP_CHUNK):
            stop = start + LOOKUP_CHUNK
            chunk = table.rows(start, stop) if table is not None else records[start:stop]
            index = self.index
            if self.lookup is not None:
                found = [i for i in self.lookup(chunk) if self.chosen(i.mandant)]
                index = InvoiceIndex([*self.invoices, *found] if self.invoices else found)
                if self._earlier_lookup is not None:
                    self.earlier = self._earlier_lookup([i.id for i in found])
            for offset, record in enumerate(chunk):
                yield start + offset, record, index

    def row(
        self,
        position: int,
        record: AnyRecord,
        status: RowStatus,
        reason_de: str | None,
        invoice: OpenInvoice | None = None,
        booked: Decimal = ZERO,
        surplus: Decimal = ZERO,
    ) -> None:
        """Decide row ``position``. ``reason_de`` ``None``: the status's text follows from
        the amounts (``_REASON_FROM_AMOUNTS``)."""
        rows = self.rows
        if invoice is not None and rows._invoice[position] != invoice.id:  # match() sets it
            rows.set_invoice(position, invoice, record.reference_raw)
        # The row books what book() just booked: its cents are known already.
        last_amount, last_cents = self.bookings.last
        cents = last_cents if booked is last_amount else None
        rows.set(position, status, reason_de, booked, surplus, cents)
        if booked > 0:
            self.booked_rows += 1
        if status not in _FINE:
            self.reported_rows += 1

    def book(
        self,
        invoice: OpenInvoice,
        amount: Decimal,
        key: str,
        position: int | None,
        record: AnyRecord | None,
        note_de: str,
    ) -> None:
        if self.track_keys:
            self.seen_keys.setdefault(key, record.line if record is not None else None)
        self.bookings.append(position, record, invoice, amount, key, note_de)
        self.booked_amount += amount

    def duplicate_of(self, record: AnyRecord) -> tuple[bool, EarlierBooking | None, int | None]:
        """Whether the transaction was booked before: ``(yes, earlier booking from another
        file, line of an earlier row of this file)``."""
        booked, seen = self.already_booked, self.seen_keys
        if not booked and not seen:  # the usual new file: nothing to compare with
            return False, None, None
        for key in (record.dedup_key, record.source.key):
            if key in booked:
                earlier = booked.get(key) if isinstance(booked, Mapping) else None
                return True, earlier, None
            if key in seen:
                return True, None, seen[key]
        return False, None, None

    def possible_duplicate(
        self, record: AnyRecord, invoices: Sequence[OpenInvoice]
    ) -> EarlierBooking | None:
        """A booking from another file equal to this row (invoice, amount, date), where
        the row has no bank reference that would tell for sure."""
        if record.bank_reference or not self.earlier:
            return None
        for invoice in invoices:
            for earlier in self.earlier.get(invoice.id, ()):
                if earlier.amount == record.amount and earlier.paid_on == record.booking_date:
                    return earlier
        return None

    def gate(self, position: int, record: AnyRecord, *, check_duplicate: bool = True) -> bool:
        """Report the reasons a row books nothing before its invoice is looked up."""
        mandant = record.mandant_hint
        if mandant and not self.chosen(mandant):
            self.row(
                position,
                record,
                RowStatus.OTHER_MANDANT,
                f"Zeile für Mandant {mandant}; übersprungen.",
            )
        elif record.currency and record.currency.upper() != self.currency:
            reason = f"Währung {record.currency} statt {self.currency}; nicht gebucht."
            self.row(position, record, RowStatus.FOREIGN_CURRENCY, reason)
        else:
            duplicate, earlier, line = (
                self.duplicate_of(record) if check_duplicate else (False, None, None)
            )
            if not duplicate:
                return True
            if earlier is not None:
                self.rows.set_earlier(position, earlier)
            self.row(position, record, RowStatus.DUPLICATE, _duplicate_de(earlier, line))
        return False

    def match(
        self, position: int, record: AnyRecord, index: InvoiceIndex
    ) -> tuple[OpenInvoice, ...]:
        """The invoices ``record`` names, or ``()`` after reporting why there are none."""
        found = index.match(record)
        if isinstance(found, OpenInvoice):  # the usual row
            self.rows.set_invoice(position, found, record.reference_raw)
            self.rows.set_match(position, "exact")
            return (found,)
        self.last_possible = found.possible_invoices
        outcome = found.outcome
        if outcome in (Outcome.ONE, Outcome.SEVERAL):
            self.rows.set_invoice(position, found.invoices[0], record.reference_raw)
            self.rows.set_match(position, found.method)
            if outcome is Outcome.SEVERAL:
                self.rows.set_possible(position, found.possible)
            return found.invoices
        self.rows.set_possible(position, found.possible)
        status, reason = _UNMATCHED[outcome]
        if outcome is Outcome.POSSIBLE:
            reason = _possible_match_de(found.possible)
        elif found.possible:
            reason = reason.format(numbers=", ".join(found.possible))
        self.row(position, record, status, reason)
        return ()

    def related(self, position: int, record: AnyRecord, index: InvoiceIndex) -> None:
        """For a row reported before matching (a storno, a return): the invoices it names,
        for whoever sorts out the row. Nothing is booked on them."""
        found = index.match(record)
        if isinstance(found, OpenInvoice):
            self.rows.set_possible(position, (found.number,))
        elif found.outcome is not Outcome.POSSIBLE:
            numbers = found.possible or tuple(i.number for i in found.invoices)
            self.rows.set_possible(position, numbers)


_UNMATCHED: dict[Outcome, tuple[RowStatus, str]] = {
    Outcome.SAME_NUMBER: (
        RowStatus.AMBIGUOUS,
        "Nicht eindeutig: die Nummer gibt es bei mehreren Mandanten ({numbers}); nicht gebucht.",
    ),
    Outcome.OTHER_MANDANT: (
        RowStatus.NOT_FOUND,
        "Die Rechnung ({numbers}) gehört nicht zum Mandanten der Zeile; nicht gebucht.",
    ),
    Outcome.POSSIBLE: (RowStatus.POSSIBLE_MATCH, ""),
    Outcome.NOT_FOUND: (
        RowStatus.NOT_FOUND,
        "Keine Rechnung mit dieser Nummer bei den gewählten Mandanten.",
    ),
    Outcome.NO_REFERENCE: (
        RowStatus.NO_REFERENCE,
        "Keine Rechnungsnummer der gewählten Mandanten im Text gefunden.",
    ),
}


def _money_in_problem(record: AnyRecord) -> tuple[RowStatus, str | None] | None:
    """Status and reason of a row that is no payment received, else ``None``. A reason
    ``None`` follows from the amount (``_REASON_FROM_AMOUNTS``)."""
    if record.non_payment is not None:
        status, reason = record.non_payment
        return RowStatus(status), reason
    if record.is_pending:
        return (
            RowStatus.PENDING,
            "Vorgemerkte Buchung (von der Bank noch nicht gebucht); wird nicht verarbeitet.",
        )
    if record.is_reversal:
        return RowStatus.REVERSAL, "Storno/Generalumkehr; wird nie automatisch gebucht."
    if record.is_return:
        return RowStatus.RETURN, "Rücklastschrift oder Rückgabe; wird nicht gebucht."
    if record.is_debit:
        reason = "Abgang (Soll/Lastschrift), kein Zahlungseingang; wird nicht gebucht."
        return RowStatus.NOT_MONEY_IN, reason
    if record.amount is not None and record.amount <= 0:
        return RowStatus.NOT_MONEY_IN, None  # _not_positive_reason_de
    return None


def _not_positive_reason_de(amount: Decimal) -> str:
    return f"Betrag {euro(amount)} ist nicht positiv; wird nicht gebucht."


def _settled_reason_de(surplus: Decimal) -> str:
    reason = "Rechnung ist bereits vollständig ausgeglichen; nichts gebucht."
    if surplus:
        reason += f" Überzahlung {euro(surplus)}."
    return reason


def _overpaid_reason_de(booked: Decimal, surplus: Decimal) -> str:
    return (
        f"Überzahlung: {euro(surplus)} mehr als offen; der offene Betrag "
        f"{euro(booked)} wurde gebucht."
    )


#: Reasons that follow from a row's amount, booked and surplus amounts: ``PlanRows``
#: writes them when a row is read instead of keeping a text for each of perhaps
#: 100,000 rows. The planner passes ``None`` as the reason for these.
_REASON_FROM_AMOUNTS: dict[RowStatus, Callable[[Decimal, Decimal, Decimal], str]] = {
    RowStatus.NOT_MONEY_IN: lambda amount, booked, surplus: _not_positive_reason_de(amount),
    RowStatus.ALREADY_SETTLED: lambda amount, booked, surplus: _settled_reason_de(surplus),
    RowStatus.OVERPAID: lambda amount, booked, surplus: _overpaid_reason_de(booked, surplus),
}


def _plan_payments(p: _Planner) -> None:
    """Closed items, DATEV, bank: each row is a payment, in file order."""
    for position, record, index in p.each():
        if problem := _money_in_problem(record):
            p.row(position, record, *problem)
            if problem[0] is not RowStatus.NO_CUSTOMER_ACCOUNT:
                p.related(position, record, index)
            continue
        if not p.gate(position, record):
            continue
        invoices = p.match(position, record, index)
        if not invoices:
            continue
        earlier = p.possible_duplicate(record, invoices)
        if earlier is not None:
            p.rows.set_earlier(position, earlier)
            status, reason = RowStatus.POSSIBLE_DUPLICATE, _possible_duplicate_de(earlier)
            p.row(position, record, status, reason, invoices[0])
        elif len(invoices) == 1:
            _book_one(p, position, record, invoices[0])
        else:
            _book_several(p, position, record, invoices)


def _book_one(p: _Planner, position: int, record: AnyRecord, invoice: OpenInvoice) -> None:
    remaining = p.remaining(invoice)
    if remaining <= 0:
        surplus = record.amount or ZERO  # reason: _settled_reason_de
        p.row(position, record, RowStatus.ALREADY_SETTLED, None, invoice, surplus=surplus)
        return
    wanted = remaining if record.amount is None else record.amount
    amount = min(wanted, remaining)
    surplus = wanted - amount
    note = "Zahlung laut Datei" if record.amount is not None else "Rechnung laut Datei bezahlt"
    p.book(invoice, amount, record.dedup_key, position, record, note)
    if surplus > 0:  # reason: _overpaid_reason_de
        p.row(
            position,
            record,
            RowStatus.OVERPAID,
            None,
            invoice,
            booked=amount,
            surplus=surplus,
        )
    else:
        p.row(position, record, RowStatus.BOOKED, "", invoice, booked=amount)


def _book_several(
    p: _Planner, position: int, record: AnyRecord, invoices: Sequence[OpenInvoice]
) -> None:
    """A payment naming several invoices: booked only when it pays exactly what is open
    on them together (or names no amount); any other split would be a guess."""
    open_ones = [(i, r) for i in invoices if (r := p.remaining(i)) > 0]
    if not open_ones:
        surplus = record.amount or ZERO  # reason: _settled_reason_de
        p.row(position, record, RowStatus.ALREADY_SETTLED, None, invoices[0], surplus=surplus)
        return
    total = sum((r for _, r in open_ones), ZERO)
    if record.amount is not None and record.amount != total:
        numbers = ", ".join(i.number for i in invoices)
        reason = (
            f"Nennt mehrere Rechnungen ({numbers}); der Betrag {euro(record.amount)} ist "
            f"nicht ihre offene Summe {euro(total)}. Nicht gebucht; bitte aufteilen."
        )
        p.row(position, record, RowStatus.AMBIGUOUS, reason)
        return
    note = "Zahlung für mehrere Rechnungen laut Datei"
    for n, (invoice, remaining) in enumerate(open_ones):
        key = record.dedup_key if n == 0 else f"{record.dedup_key}+{n}"
        p.book(invoice, remaining, key, position, record, note)
    p.row(position, record, RowStatus.BOOKED, "", open_ones[0][0], booked=total)


def _plan_open_items(p: _Planner) -> list[OpenInvoice]:
    """Offene Posten: pay the difference for listed invoices, everything for missing ones.

    Returns the invoices in scope, for the share guard.
    """
    # p.invoices are already those of the chosen Mandanten.
    scope = [i for i in p.invoices if i.invoice_date <= p.booking_date and i.open_amount > 0]
    in_scope = {i.id: i for i in scope}
    listed: set[int] = set()
    first_row: dict[int, tuple[int, AnyRecord]] = {}
    in_file: dict[int, Decimal] = {}
    for position, record, index in p.each():
        if not p.gate(position, record, check_duplicate=False):
            continue
        invoices = p.match(position, record, index)
        if len(invoices) != 1:
            # A look-alike or unclear number may mean an invoice: never take it as missing.
            listed.update(i.id for i in (*invoices, *p.last_possible))
            if invoices:
                numbers = ", ".join(i.number for i in invoices)
                reason = f"Die Zeile nennt mehrere Rechnungen ({numbers}); nicht gebucht."
                p.row(position, record, RowStatus.AMBIGUOUS, reason)
            continue
        (invoice,) = invoices
        listed.add(invoice.id)  # listed, whatever follows: never treated as missing
        open_in_file = record.open_amount if record.open_amount is not None else ZERO
        duplicate, earlier, line = p.duplicate_of(record)
        if duplicate:
            p.row(position, record, RowStatus.DUPLICATE, _duplicate_de(earlier, line), invoice)
        elif open_in_file < 0:
            reason = f"Negativer Saldo {euro(open_in_file)} (Gutschrift); nicht gebucht."
            p.row(position, record, RowStatus.CREDIT_NOTE, reason, invoice)
        elif invoice.id not in in_scope and invoice.open_amount <= 0:
            # Paid already (the list is older than the payment): nothing is left to book.
            reason = "Rechnung ist bereits ausgeglichen; nichts gebucht."
            p.row(position, record, RowStatus.ALREADY_SETTLED, reason, invoice)
        elif invoice.id not in in_scope:
            reason = (
                f"Rechnungsdatum {invoice.invoice_date:%d.%m.%Y} liegt nach dem Buchungsdatum "
                f"{p.booking_date:%d.%m.%Y}; nicht gebucht."
            )
            p.row(position, record, RowStatus.OUT_OF_SCOPE, reason, invoice)
        elif invoice.id in first_row:
            # Several open items of one invoice (OPOS lists part payments apart): add up.
            in_file[invoice.id] += open_in_file
            first = first_row[invoice.id][1].line
            reason = f"Zusammengefasst mit Zeile {first}."
            p.row(position, record, RowStatus.COMBINED, reason, invoice)
        else:
            first_row[invoice.id] = (position, record)
            in_file[invoice.id] = open_in_file
    for invoice_id, (position, record) in first_row.items():
        _settle_listed(p, in_scope[invoice_id], position, record, in_file[invoice_id])
    for invoice in scope:
        if invoice.id in listed:
            continue
        key = f"{p.parsed.file_sha256}:op-missing:{invoice.id}"
        if key in p.already_booked:
            continue
        p.book(invoice, invoice.open_amount, key, None, None, "Fehlt in der Offene-Posten-Liste")
    return scope


def _settle_listed(
    p: _Planner,
    invoice: OpenInvoice,
    position: int,
    record: AnyRecord,
    open_in_file: Decimal,
) -> None:
    difference = invoice.open_amount - open_in_file
    if difference > 0:
        note = "Differenz laut Offene-Posten-Liste"
        p.book(invoice, difference, record.dedup_key, position, record, note)
        p.row(position, record, RowStatus.BOOKED, "", invoice, booked=difference)
    elif difference < 0:
        reason = (
            f"Die Datei nennt {euro(open_in_file)} offen, offen sind nur "
            f"{euro(invoice.open_amount)}; nichts zurückgenommen."
        )
        p.row(position, record, RowStatus.NEGATIVE_DIFFERENCE, reason, invoice)
    else:
        p.row(position, record, RowStatus.UNCHANGED, "", invoice)


def _guards(
    p: _Planner, scope: list[OpenInvoice], config: GuardConfig, last_file_date: date | None
) -> list[GuardResult]:
    results: list[GuardResult] = []
    if config.refuse_empty:
        empty = p.parsed.data_rows == 0
        results.append(
            GuardResult(
                "empty",
                not empty,
                "Die Datei enthält keine Datenzeilen; sonst gälten alle offenen Rechnungen "
                "als bezahlt."
                if empty
                else f"{p.parsed.data_rows} Datenzeilen.",
            )
        )
    if config.refuse_older:
        file_date = p.parsed.file_date
        if file_date is None or last_file_date is None:
            results.append(
                GuardResult("older", True, "Dateidatum nicht prüfbar (kein Datum bekannt).")
            )
        else:
            older = file_date < last_file_date
            results.append(
                GuardResult(
                    "older",
                    not older,
                    f"Die Datei vom {file_date:%d.%m.%Y} ist älter als die zuletzt "
                    f"eingelesene vom {last_file_date:%d.%m.%Y}."
                    if older
                    else f"Dateidatum {file_date:%d.%m.%Y}.",
                )
            )
    if config.max_share is not None:
        settled = len(p.booked)  # invoices with a booking
        share = Decimal(settled) / Decimal(len(scope)) if scope else ZERO
        too_many = share > config.max_share
        limit = f"{config.max_share * 100:.0f} %"
        results.append(
            GuardResult(
                "share",
                not too_many,
                f"Die Datei würde {settled} von {len(scope)} offenen Rechnungen ausgleichen "
                f"({share * 100:.0f} %), erlaubt sind höchstens {limit}."
                if too_many
                else f"{settled} von {len(scope)} offenen Rechnungen ({share * 100:.0f} %).",
            )
        )
    return results


def plan_settlement(
    parsed: ParsedFile,
    open_invoices: Iterable[OpenInvoice],
    *,
    mandants: Collection[str],
    booking_date: date,
    already_booked_keys: Mapping[str, EarlierBooking] | Set[str] = frozenset(),
    earlier_bookings: Mapping[int, Sequence[EarlierBooking]] | BookingLookup | None = None,
    open_items_semantics: bool | None = None,
    guards: GuardConfig | None = None,
    last_file_date: date | None = None,
    currency: str = "EUR",
    lookup: InvoiceLookup | None = None,
) -> SettlementPlan:
    """Plan what ``parsed`` settles among ``open_invoices`` of the chosen ``mandants``.

    ``open_items_semantics`` defaults to the format's (Offene Posten, DATEV OPOS);
    ``already_booked_keys`` are the ``source_key`` values of earlier bookings (with the
    booking, where known, to name it); ``earlier_bookings`` are the earlier bookings
    per invoice id, or a function fetching them for given ids: a row equal to one of
    them (invoice, amount, date) is held as a possible duplicate; ``last_file_date``
    is the date of the last file imported by this interface.
    ``lookup``, for payment formats, fetches the invoices of a chunk of records on
    demand, in addition to ``open_invoices``: for files too large to hold every invoice
    they name at once. The plan is the same either way.
    """
    if open_items_semantics is None:
        open_items_semantics = ImportFormat(parsed.format_id).has_open_items_semantics
    chosen = tuple(m for m in mandants if m.strip())
    p = _Planner(
        parsed,
        open_invoices,
        chosen,
        booking_date,
        already_booked_keys,
        currency.upper(),
        lookup,
        {} if earlier_bookings is None else earlier_bookings,
    )
    refused: str | None = None
    guard_results: list[GuardResult] = []
    scope: list[OpenInvoice] | None = None
    if not chosen:
        refused = "Der Schnittstelle ist kein Mandant zugeordnet; es wird nichts gebucht."
    elif open_items_semantics:
        if lookup is not None:
            raise ValueError("Offene Posten need every open invoice in scope, not a lookup")
        scope = _plan_open_items(p)
        guard_results = _guards(p, scope, guards or GuardConfig(), last_file_date)
        refused = next((g.message_de for g in guard_results if not g.passed), None)
    else:
        _plan_payments(p)
    if chosen and p.rows.undecided():
        raise AssertionError("a row without a result")  # every branch above decides each row
    # Without a Mandant nothing was planned: no rows to show, only the refusal.
    rows: Sequence[RowResult] = p.rows if chosen else ()
    matches: Sequence[Match] = p.matches if chosen else ()
    bookings: Sequence[Booking] = () if refused else p.bookings
    totals = PlanTotals(
        rows=len(parsed.records),
        booked_rows=p.booked_rows if not refused else 0,
        bookings=len(bookings),
        booked_amount=p.booked_amount if not refused else ZERO,
        surplus_amount=p.rows.surplus_total,
        reported_rows=p.reported_rows,
        invoices_settled=len(p.booked) if not refused else 0,
        invoices_in_scope=len(scope) if scope is not None else None,
    )
    return SettlementPlan(
        format_id=parsed.format_id,
        file_name=parsed.file_name,
        booking_date=booking_date,
        rows=rows,
        matches=matches,
        bookings=bookings,
        refused_reason_de=refused,
        guards=tuple(guard_results),
        totals=totals,
    )
