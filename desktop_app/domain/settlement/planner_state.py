"""The planner's state while it walks a file: rows, invoices, what each has booked so far."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence, Set
from datetime import date
from decimal import Decimal

from ..formats.records import (
    AnyRecord,
    ParsedFile,
    RecordTable,
)
from ..invoice_index import InvoiceIndex, MandantNames, OpenInvoice, Outcome, RowMatch
from ..reason_texts import Reason
from .columns import PlanBookings, PlanMatches, PlanRows
from .plan import FINE, ZERO, EarlierBooking, RowStatus
from .reasons import UNMATCHED, WITH_NUMBERS, duplicate_reason, possible_match_reason

#: Records planned per invoice look-up when the invoices are fetched on demand
#: (``plan_settlement(lookup=...)``): bounds the invoices held at any time.
LOOKUP_CHUNK = 4096

#: Fetches the invoices the given records may name (by number or by digits), any status,
#: of the chosen Mandanten; more is harmless. See ``plan_settlement``.
InvoiceLookup = Callable[[Sequence[AnyRecord]], Iterable[OpenInvoice]]
#: Fetches the earlier bookings of the given invoice ids (from other files).
BookingLookup = Callable[[Collection[int]], Mapping[int, Sequence[EarlierBooking]]]


class Planner:
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
        ledger_mandants: Collection[str] = (),
    ) -> None:
        self.parsed = parsed
        self.mandants = mandants
        self.mandant_names = MandantNames([*mandants, *ledger_mandants])
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
        self.index = InvoiceIndex(self.invoices, self.mandant_names)
        self.last_possible: tuple[OpenInvoice, ...] = ()  # of the last row match() refused
        # Earlier bookings (other files) of the invoices of the records being planned.
        self._earlier_lookup = earlier if callable(earlier) else None
        self.earlier: Mapping[int, Sequence[EarlierBooking]] = {} if callable(earlier) else earlier

    def chosen(self, mandant: str) -> bool:
        """Whether a Mandant named in the file or the ledger is one of the chosen ones."""
        known = self._chosen.get(mandant)
        if known is None:
            same = self.mandant_names.same
            known = self._chosen[mandant] = any(same(mandant, m) for m in self.mandants)
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
        record: AnyRecord
        table = records if isinstance(records, RecordTable) else None
        if self.lookup is None and self._earlier_lookup is not None:
            self.earlier = self._earlier_lookup([i.id for i in self.invoices])
        if self.lookup is None and table is None:
            for position, record in enumerate(records):
                yield position, record, self.index
            return
        for start in range(0, len(records), LOOKUP_CHUNK):
            stop = start + LOOKUP_CHUNK
            chunk: Sequence[AnyRecord] = (
                table.rows(start, stop) if table is not None else records[start:stop]
            )
            index = self.index
            if self.lookup is not None:
                found = [i for i in self.lookup(chunk) if self.chosen(i.mandant)]
                index = InvoiceIndex(
                    [*self.invoices, *found] if self.invoices else found, self.mandant_names
                )
                if self._earlier_lookup is not None:
                    self.earlier = self._earlier_lookup([i.id for i in found])
            for offset, record in enumerate(chunk):
                yield start + offset, record, index

    def record_at(self, position: int) -> AnyRecord:
        """Record ``position`` again, as ``each`` gave it (a ``RecordTable``'s as
        ``RecordRow``): for a planner that keeps positions rather than records."""
        records = self.parsed.records
        if isinstance(records, RecordTable):
            return records.row(position)
        return records[position]

    def row(
        self,
        position: int,
        record: AnyRecord,
        status: RowStatus,
        reason: Reason | None,
        invoice: OpenInvoice | None = None,
        booked: Decimal = ZERO,
        surplus: Decimal = ZERO,
    ) -> None:
        """Decide row ``position``. ``reason`` ``None``: the status's reason follows from
        the amounts (``REASON_FROM_AMOUNTS``)."""
        rows = self.rows
        if invoice is not None and rows._invoice[position] != invoice.id:  # match() sets it
            rows.set_invoice(position, invoice, record.reference_raw)
        # The row books what book() just booked: its cents are known already.
        last_amount, last_cents = self.bookings.last
        cents = last_cents if booked is last_amount else None
        rows.set(position, status, reason, booked, surplus, cents)
        if booked > 0:
            self.booked_rows += 1
        if status not in FINE:
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
                Reason.of("other-mandant", mandant=mandant),
            )
        elif record.currency and record.currency.upper() != self.currency:
            reason = Reason.of("foreign-currency", currency=record.currency, expected=self.currency)
            self.row(position, record, RowStatus.FOREIGN_CURRENCY, reason)
        else:
            duplicate, earlier, line = (
                self.duplicate_of(record) if check_duplicate else (False, None, None)
            )
            if not duplicate:
                return True
            if earlier is not None:
                self.rows.set_earlier(position, earlier)
            self.row(position, record, RowStatus.DUPLICATE, duplicate_reason(earlier, line))
        return False

    def match(
        self, position: int, record: AnyRecord, index: InvoiceIndex
    ) -> tuple[OpenInvoice, ...]:
        """The invoices ``record`` names, or ``()`` after reporting why there are none."""
        return self.take(position, record, index.match(record))

    def take(
        self, position: int, record: AnyRecord, found: OpenInvoice | RowMatch
    ) -> tuple[OpenInvoice, ...]:
        """``match`` with what the index found for ``record`` already."""
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
        status, code = UNMATCHED[outcome]
        if outcome is Outcome.POSSIBLE:
            reason = possible_match_reason(found.possible)
        elif code in WITH_NUMBERS:
            reason = Reason.of(code, numbers=", ".join(found.possible))
        else:
            reason = Reason.of(code)
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
