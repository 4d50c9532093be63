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
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar, overload

from .formats.columns import Interned, MoneyById, MoneyColumn, cents_of
from .formats.records import AnyRecord, ImportRecord, ParsedFile, RecordTable, record_summary
from .formats.text import digits_key, format_amount_de, normalise_invoice_number
from .interface import ImportFormat

ZERO = Decimal(0)
DEFAULT_MAX_SHARE = Decimal("0.20")
#: Records planned per invoice look-up when the invoices are fetched on demand
#: (``plan_settlement(lookup=...)``): bounds the invoices held at any time.
LOOKUP_CHUNK = 4096

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    id: int
    number: str
    mandant: str
    branch: str | None
    invoice_date: date
    amount: Decimal
    open_amount: Decimal


@dataclass(frozen=True)
class GuardConfig:
    """The Offene-Posten guards (FORMATS.md §2); all on by default."""

    refuse_empty: bool = True
    refuse_older: bool = True
    max_share: Decimal | None = DEFAULT_MAX_SHARE  # None: no share limit


class RowStatus(enum.StrEnum):
    BOOKED = "booked"
    OVERPAID = "overpaid"  # the open amount was booked, the surplus is reported
    NOT_MONEY_IN = "not-money-in"  # amount ≤ 0, debit, return or reversal
    PENDING = "pending"  # not yet booked by the bank
    DUPLICATE = "duplicate"  # this row was booked before
    OTHER_MANDANT = "other-mandant"
    FOREIGN_CURRENCY = "foreign-currency"
    NO_REFERENCE = "no-reference"
    NOT_FOUND = "not-found"
    AMBIGUOUS = "ambiguous"
    ALREADY_SETTLED = "already-settled"  # nothing left open, e.g. paid by an earlier row
    # Offene Posten only:
    UNCHANGED = "unchanged"  # open in file = open now
    COMBINED = "combined"  # a further row of the same invoice, added to the first
    OUT_OF_SCOPE = "out-of-scope"  # invoice dated after the settlement date
    NEGATIVE_DIFFERENCE = "negative-difference"  # the file says more is open than is
    CREDIT_NOTE = "credit-note"  # negative open amount in the file


_DUPLICATE_DE = "Bereits gebucht: diese Zeile wurde schon einmal verarbeitet."

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

    @property
    def is_reported(self) -> bool:
        return self.status not in _FINE

    def describe_de(self) -> str:
        where = f"Zeile {self.line}" if self.line is not None else self.entry_id
        ref = f" ({self.reference_raw})" if self.reference_raw else ""
        return f"{where}{ref}: {self.reason_de or 'gebucht'}"


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
_METHODS = ("", "exact", "digits")
_METHOD_CODE = {"exact": 1, "digits": 2}
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

    def ledger_rows(self) -> Iterator[tuple[int, int | Decimal, str, int | None, str]]:
        """``(invoice_id, amount, source_key, line, invoice_number)`` of every booking: what
        the ledger stores, without building ``Booking`` objects. The amount is ``int``
        whole cents where it is whole cents (the unit the ledger stores), else the
        ``Decimal``."""
        records, keys = self._records, self._keys
        table = records if isinstance(records, RecordTable) else None
        amounts = self._amount
        for position, row in enumerate(self._row):
            if row == _NO_ROW:
                line, key = None, None
            elif table is not None:  # straight from the columns: a million rows
                line = table.line(row)
                key = None if position in keys else table.dedup_key(row)
            else:
                line, _, _, _, key = record_summary(records, row)
            invoice_id, number = self._invoice(position, row)
            yield (
                invoice_id,
                amounts.cents(position),  # type: ignore[misc]
                keys.get(position, key),  # type: ignore[arg-type]
                line,
                number,
            )

    def _item(self, position: int) -> Booking:
        row = self._row[position]
        if row == _NO_ROW:
            line, entry_id, key = None, "fehlt-in-datei", None
        else:
            line, entry_id, _, _, key = record_summary(self._records, row)
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
        )


def euro(value: Decimal) -> str:
    return f"{format_amount_de(value)} €"


def same_mandant(a: str, b: str) -> bool:
    """``"1"`` and ``"01"`` name the same Mandant; anything else compares as written."""
    if a == b:  # the usual case, and equal before stripping means equal after
        return True
    a, b = a.strip(), b.strip()
    return a == b or (a.isdigit() and b.isdigit() and int(a) == int(b))


@dataclass(frozen=True, slots=True)
class _Lookup:
    invoice: OpenInvoice | None
    method: str = ""
    status: RowStatus | None = None
    reason_de: str = ""


class InvoiceIndex:
    """Finds an invoice by number: exact normalised first, then unique digits.

    Never a substring: ``42`` and ``0420`` differ in both steps.
    """

    def __init__(self, invoices: Iterable[OpenInvoice]) -> None:
        # A number's invoices, as a list only where there are several: one list per
        # invoice would be as many objects more for the garbage collector to scan.
        self._by_number: dict[str, OpenInvoice | list[OpenInvoice]] = {}
        by_number = self._by_number
        for invoice in invoices:
            number = normalise_invoice_number(invoice.number)
            known = by_number.get(number)
            if known is None:
                by_number[number] = invoice
            elif isinstance(known, list):
                known.append(invoice)
            else:
                by_number[number] = [known, invoice]
        self._digits: dict[str, OpenInvoice | list[OpenInvoice]] | None = None

    def _with_number(self, number: str) -> Sequence[OpenInvoice]:
        return _as_sequence(self._by_number.get(number))

    def _with_digits(self, digits: str) -> Sequence[OpenInvoice]:
        return _as_sequence(self._by_digits.get(digits))

    @property
    def _by_digits(self) -> dict[str, OpenInvoice | list[OpenInvoice]]:
        # Built when a row first needs the digits step, which not every chunk of a file
        # does; like _by_number, a list only where several invoices share the digits.
        if self._digits is None:
            self._digits = {}
            by_digits = self._digits
            for number, found in self._by_number.items():
                if not (digits := digits_key(number)):
                    continue
                known = by_digits.get(digits)
                if known is None and not isinstance(found, list):
                    by_digits[digits] = found
                else:
                    by_digits[digits] = [*_as_sequence(known), *_as_sequence(found)]
        return self._digits

    def find(self, candidates: Sequence[str], mandant_hint: str | None) -> _Lookup:
        # Runs once per row: plain loops, no per-call closures or lambdas.
        if len(candidates) == 1:
            # The usual row: one number, one invoice with it (of the row's Mandant).
            found = self._by_number.get(candidates[0])
            if isinstance(found, OpenInvoice) and (
                not mandant_hint or same_mandant(found.mandant, mandant_hint)
            ):
                return _Lookup(found, "exact")
        for method, by_digits in (("exact", False), ("digits", True)):
            hits: dict[int, OpenInvoice] = {}
            for candidate in candidates:
                key = digits_key(candidate) if by_digits else candidate
                if not key:
                    continue
                found_by = self._with_digits(key) if by_digits else self._with_number(key)
                for invoice in found_by:
                    if mandant_hint and not same_mandant(invoice.mandant, mandant_hint):
                        continue
                    hits[invoice.id] = invoice
            if len(hits) == 1:
                return _Lookup(next(iter(hits.values())), method)
            if len(hits) > 1:
                numbers = ", ".join(sorted(i.number for i in hits.values()))
                return _Lookup(
                    None,
                    status=RowStatus.AMBIGUOUS,
                    reason_de=f"Nicht eindeutig: passt zu mehreren Rechnungen ({numbers}).",
                )
        return _NOT_FOUND


def _as_sequence(found: OpenInvoice | list[OpenInvoice] | None) -> Sequence[OpenInvoice]:
    if found is None:
        return ()
    return found if isinstance(found, list) else (found,)


_NOT_FOUND = _Lookup(
    None,
    status=RowStatus.NOT_FOUND,
    reason_de="Keine Rechnung mit dieser Nummer bei den gewählten Mandanten.",
)

#: Fetches the invoices the given records may name (by number or by digits), any status,
#: of the chosen Mandanten; more is harmless. See ``plan_settlement``.
InvoiceLookup = Callable[[Sequence[AnyRecord]], Iterable[OpenInvoice]]


class _Planner:
    def __init__(
        self,
        parsed: ParsedFile,
        open_invoices: Iterable[OpenInvoice],
        mandants: tuple[str, ...],
        booking_date: date,
        already_booked: Set[str],
        currency: str,
        lookup: InvoiceLookup | None,
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
        # Keys booked by earlier rows of this file. A RecordTable's keys are its line
        # numbers, unique in the file: no later row can repeat one, so none are kept.
        self.seen_keys: set[str] = set()
        self.track_keys = not isinstance(records, RecordTable)
        self.index = InvoiceIndex(self.invoices)

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
            self.seen_keys.add(key)
        self.bookings.append(position, record, invoice, amount, key, note_de)
        self.booked_amount += amount

    def is_duplicate(self, record: AnyRecord) -> bool:
        booked, seen = self.already_booked, self.seen_keys
        if not booked and not seen:  # the usual new file: nothing to compare with
            return False
        dedup_key, source_key = record.dedup_key, record.source.key
        return (
            dedup_key in booked or source_key in booked or dedup_key in seen or source_key in seen
        )

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
        elif check_duplicate and self.is_duplicate(record):
            self.row(position, record, RowStatus.DUPLICATE, _DUPLICATE_DE)
        elif not record.candidates:
            self.row(position, record, RowStatus.NO_REFERENCE, "Keine Rechnungsnummer gefunden.")
        else:
            return True
        return False

    def match(self, position: int, record: AnyRecord, index: InvoiceIndex) -> OpenInvoice | None:
        found = index.find(record.candidates, record.mandant_hint)
        if found.invoice is None:
            self.row(position, record, found.status or RowStatus.NOT_FOUND, found.reason_de)
            return None
        self.rows.set_invoice(position, found.invoice, record.reference_raw)
        self.rows.set_match(position, found.method)
        return found.invoice


def _money_in_problem(record: AnyRecord) -> tuple[RowStatus, str | None] | None:
    """Status and reason of a row that is no payment received, else ``None``. A reason
    ``None`` follows from the amount (``_REASON_FROM_AMOUNTS``)."""
    if record.is_pending:
        return (
            RowStatus.PENDING,
            "Vorgemerkte Buchung (noch nicht gebucht); wird nicht verarbeitet.",
        )
    if record.is_reversal:
        return RowStatus.NOT_MONEY_IN, "Storno/Generalumkehr; wird nie automatisch gebucht."
    if record.is_return:
        return RowStatus.NOT_MONEY_IN, "Rücklastschrift oder Rückgabe; wird nicht gebucht."
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
            continue
        if not p.gate(position, record):
            continue
        invoice = p.match(position, record, index)
        if invoice is None:
            continue
        remaining = p.remaining(invoice)
        if remaining <= 0:
            surplus = record.amount or ZERO  # reason: _settled_reason_de
            p.row(position, record, RowStatus.ALREADY_SETTLED, None, invoice, surplus=surplus)
            continue
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
        invoice = p.match(position, record, index)
        if invoice is None:
            continue
        listed.add(invoice.id)  # listed, whatever follows: never treated as missing
        open_in_file = record.open_amount if record.open_amount is not None else ZERO
        if p.is_duplicate(record):
            p.row(position, record, RowStatus.DUPLICATE, _DUPLICATE_DE, invoice)
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
    already_booked_keys: Set[str] = frozenset(),
    open_items_semantics: bool | None = None,
    guards: GuardConfig | None = None,
    last_file_date: date | None = None,
    currency: str = "EUR",
    lookup: InvoiceLookup | None = None,
) -> SettlementPlan:
    """Plan what ``parsed`` settles among ``open_invoices`` of the chosen ``mandants``.

    ``open_items_semantics`` defaults to the format's (Offene Posten, DATEV OPOS);
    ``already_booked_keys`` are the ``source_key`` values of earlier bookings;
    ``last_file_date`` is the date of the last file imported by this interface.
    ``lookup``, for payment formats, fetches the invoices of a chunk of records on
    demand, in addition to ``open_invoices``: for files too large to hold every invoice
    they name at once. The plan is the same either way.
    """
    if open_items_semantics is None:
        open_items_semantics = ImportFormat(parsed.format_id).has_open_items_semantics
    chosen = tuple(m for m in mandants if m.strip())
    p = _Planner(
        parsed, open_invoices, chosen, booking_date, already_booked_keys, currency.upper(), lookup
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
