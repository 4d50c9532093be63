"""The three things a person does to the ledger by hand, each one transaction:
assign a case's payment to invoices, close a case without a booking, reverse a booking.

Nothing is ever deleted: a storno is a counter-booking (the negative amount, pointing at
the booking it reverses), the invoice's open amount returns, and the payment's case is
open again (or opened, for a booking the import made). Rows are locked before they are
read, so two people on two computers never both book what is left of one payment.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ..domain.cases import (
    ZERO,
    Allocation,
    BookingNotFound,
    CaseNotFound,
    CaseNotOpen,
    CaseStatus,
    CurrencyNotAssignable,
    LedgerChanged,
    NotReversible,
    check_allocations,
    remaining_amount,
)
from ..domain.same_payment import BookedBefore, PaymentBookedBefore
from .audit import AuditNote, audit_row
from .case_models import CaseRow, case_mandants
from .db import Database
from .dml import insert_one, run_dml
from .ledger import invoice_status
from .ledger_models import Booking, ImportFile, Invoice
from .models import InterfaceRow, Mandant, utcnow
from .same_payment import same_payment_bookings

#: The reason code of a case opened by the storno of a booking the import made.
REVERSED_BOOKING = "reversed-booking"


@dataclass(frozen=True)
class BookedPart:
    booking_id: int
    invoice_id: int
    invoice_number: str
    mandant: str
    amount: Decimal
    open_after: Decimal


@dataclass(frozen=True)
class Assigned:
    case_id: int
    parts: tuple[BookedPart, ...]
    remaining: Decimal | None
    status: CaseStatus
    #: Bookings of the same payment on these invoices the person confirmed to book past.
    booked_before: tuple[BookedBefore, ...] = ()


@dataclass(frozen=True)
class Reversed:
    booking_id: int
    counter_id: int
    invoice_number: str
    mandant: str
    amount: Decimal
    open_after: Decimal
    case_id: int
    case_created: bool


def _locked_case(s: Session, case_id: int) -> CaseRow:
    # The no-op UPDATE takes SQLite's write lock now (pysqlite would begin only at the
    # first write, after the reads); PostgreSQL locks the row with FOR UPDATE.
    changed = run_dml(
        s, update(CaseRow).where(CaseRow.id == case_id).values(status=CaseRow.status)
    ).rowcount
    row = s.get(CaseRow, case_id, with_for_update=True) if changed else None
    if row is None:
        raise CaseNotFound(case_id)
    return row


def _placed(s: Session, case_id: int) -> Decimal:
    total = s.scalar(select(func.sum(Booking.amount)).where(Booking.case_id == case_id))
    return ZERO if total is None else total


def assign_case(
    db: Database,
    case_id: int,
    wanted: Sequence[tuple[int, Decimal | None]],
    *,
    booking_date: date,
    actor: str,
    audit: Callable[[Assigned], AuditNote] | None = None,
    allow_booked_before: bool | AbstractSet[int] = False,
) -> Assigned:
    """Book ``(invoice id, amount or None for "what may be booked")`` from the case's
    payment, refusing (``AllocationError``) more than is open on an invoice or left of
    the payment, and (``PaymentBookedBefore``) an invoice that has a booking of the same
    payment already, unless ``allow_booked_before``: the person confirmed it is another
    (True: whatever is found; booking ids: those bookings, the ones the person was shown,
    so that one made while they decided is asked about too). ``audit``: the entry to
    write with it, in the same transaction."""
    now = utcnow()
    with db.session() as s:
        case = _locked_case(s, case_id)
        if case.status != CaseStatus.OPEN:
            raise CaseNotOpen(case_id, CaseStatus(case.status))
        if case.currency.upper() != "EUR":
            raise CurrencyNotAssignable(case.currency)
        remaining = remaining_amount(
            case.amount, case.booked_by_import, _placed(s, case_id), case.closed_amount
        )
        invoices = _locked_invoices(s, [invoice_id for invoice_id, _ in wanted])
        allocations = [
            Allocation(invoice_id, invoices[invoice_id][0], invoices[invoice_id][2], amount)
            for invoice_id, amount in wanted
        ]
        # Read with the invoices locked: no booking of them can come in between.
        booked_before = same_payment_bookings(s.connection(), {case_id: invoices})[case_id]
        if isinstance(allow_booked_before, bool):
            confirmed = allow_booked_before
        else:
            confirmed = all(b.booking_id in allow_booked_before for b in booked_before)
        if booked_before and not confirmed:
            raise PaymentBookedBefore(booked_before)
        parts = []
        for allocation, amount in check_allocations(allocations, remaining):
            number, mandant, open_amount = invoices[allocation.invoice_id]
            booking_id = _book(s, case, allocation.invoice_id, number, amount, booking_date, actor)
            open_after = _change_open(s, allocation.invoice_id, open_amount, -amount)
            parts.append(
                BookedPart(booking_id, allocation.invoice_id, number, mandant, amount, open_after)
            )
        left = remaining_amount(
            case.amount, case.booked_by_import, _placed(s, case_id), case.closed_amount
        )
        settled = left is None or left <= 0
        case.status = (CaseStatus.SETTLED if settled else CaseStatus.OPEN).value
        case.updated_at = now
        if settled:
            case.closed_at, case.closed_by, case.close_reason = now, actor[:128], ""
        done = Assigned(case_id, tuple(parts), left, CaseStatus(case.status), tuple(booked_before))
        if audit is not None:
            s.add(audit_row(audit(done)))
        return done


def _locked_invoices(s: Session, ids: Sequence[int]) -> dict[int, tuple[str, str, Decimal]]:
    """``id -> (number, Mandant, open amount)``; an unknown id is an invoice deleted since
    it was chosen."""
    query = (
        select(Invoice.id, Invoice.number, Mandant.name, Invoice.open_amount)
        .join(Mandant, Mandant.id == Invoice.mandant_id)
        .where(Invoice.id.in_(list(ids)))
        .order_by(Invoice.id)  # two bookings lock invoices in the same order
        .with_for_update(of=Invoice)
    )
    found = {row[0]: (row[1], row[2], row[3]) for row in s.execute(query)}
    if set(ids) - set(found):
        raise LedgerChanged()
    return found


def _book(
    s: Session,
    case: CaseRow,
    invoice_id: int,
    number: str,
    amount: Decimal,
    booking_date: date,
    actor: str,
) -> int:
    return insert_one(
        s,
        insert(Booking).values(
            invoice_id=invoice_id,
            booking_date=booking_date,
            amount=amount,
            # Unique like every booking's key; the case's id says where it came from.
            source_key=f"case:{case.id}:{uuid.uuid4().hex}",
            import_file_id=case.import_file_id,
            source_line=case.line,
            reference=number[:255],
            no_export=True,  # like every automatic booking: "nicht exportieren"
            run_id=None,
            created_at=utcnow(),
            paid_amount=case.amount,
            paid_on=case.value_date,
            payer_iban=case.payer_iban or None,
            case_id=case.id,
            reverses_id=None,
            note="",
            created_by=actor[:128],
        ),
    )


def _change_open(s: Session, invoice_id: int, open_before: Decimal, change: Decimal) -> Decimal:
    """Move the open amount by ``change``, conditional on what was read: a changed
    invoice (another computer without our lock) rolls the transaction back."""
    after = open_before + change
    if after < 0:
        raise LedgerChanged()
    done = run_dml(
        s,
        update(Invoice)
        .where(Invoice.id == invoice_id, Invoice.open_amount == open_before)
        .values(open_amount=after, status=invoice_status(after), updated_at=utcnow()),
        execution_options={"synchronize_session": False},
    ).rowcount
    if done != 1:
        raise LedgerChanged()
    return after


def close_case(
    db: Database, case_id: int, *, reason: str, actor: str, audit: AuditNote | None = None
) -> CaseStatus:
    """Erledigt ohne Buchung: nothing is booked; the reason stays with the case.
    ``audit``: the entry to write with it, in the same transaction."""
    now = utcnow()
    with db.session() as s:
        case = _locked_case(s, case_id)
        if case.status != CaseStatus.OPEN:
            raise CaseNotOpen(case_id, CaseStatus(case.status))
        case.status = CaseStatus.CLOSED.value
        case.closed_at, case.closed_by, case.close_reason = now, actor[:128], reason[:500]
        left = remaining_amount(case.amount, case.booked_by_import, _placed(s, case_id))
        case.closed_amount = max(left or ZERO, ZERO)
        case.updated_at = now
        if audit is not None:
            s.add(audit_row(audit))
        return CaseStatus.CLOSED


def reverse_booking(
    db: Database,
    booking_id: int,
    *,
    reason: str,
    actor: str,
    booking_date: date,
    audit: Callable[[Reversed], AuditNote] | None = None,
) -> Reversed:
    """Storno: a counter-booking; the invoice's open amount returns; the payment's case
    is open again, or is opened for a booking the import made without one. ``audit``:
    the entry to write with it, in the same transaction."""
    with db.session() as s:
        changed = run_dml(
            s, update(Booking).where(Booking.id == booking_id).values(note=Booking.note)
        ).rowcount
        booking = s.get(Booking, booking_id, with_for_update=True) if changed else None
        if booking is None:
            raise BookingNotFound(booking_id)
        if booking.reverses_id is not None:
            raise NotReversible(booking_id, counter=True)
        if s.scalar(select(Booking.id).where(Booking.reverses_id == booking_id)) is not None:
            raise NotReversible(booking_id, counter=False)
        invoice = s.get(Invoice, booking.invoice_id, with_for_update=True)
        assert invoice is not None  # bookings restrict deleting their invoice
        if invoice.open_amount + booking.amount > invoice.amount:
            raise LedgerChanged()  # more would be open than the invoice is worth
        case_id, created = _case_of(s, booking, invoice)
        counter = insert_one(
            s,
            insert(Booking).values(
                invoice_id=booking.invoice_id,
                # Never before the booking it reverses (one dated "morgen", say).
                booking_date=max(booking_date, booking.booking_date),
                amount=-booking.amount,
                source_key=f"storno:{booking.id}",
                import_file_id=booking.import_file_id,
                source_line=booking.source_line,
                reference=booking.reference,
                no_export=True,
                run_id=None,
                created_at=utcnow(),
                paid_amount=None,
                paid_on=None,
                payer_iban=None,
                case_id=case_id,
                reverses_id=booking.id,
                note=reason[:500],
                created_by=actor[:128],
            ),
        )
        open_after = _change_open(s, invoice.id, invoice.open_amount, booking.amount)
        # Open again for what the storno gives back. A part a person closed (refunded,
        # not ours) stays closed, with its reason: it must never be placed again.
        s.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(status=CaseStatus.OPEN.value, updated_at=utcnow(), closed_at=None)
        )
        s.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id, CaseRow.closed_amount == 0)
            .values(closed_by="", close_reason="")
        )
        mandant = s.scalar(select(Mandant.name).where(Mandant.id == invoice.mandant_id)) or ""
        done = Reversed(
            booking.id, counter, invoice.number, mandant, booking.amount, open_after, case_id,
            created,
        )  # fmt: skip
        if audit is not None:
            s.add(audit_row(audit(done)))
        return done


def _case_of(s: Session, booking: Booking, invoice: Invoice) -> tuple[int, bool]:
    """The case of a booking's payment: its own, the case its row opened (an overpayment),
    or a new one for the payment the storno gives back."""
    if booking.case_id is not None:
        return booking.case_id, False
    existing = s.scalar(select(CaseRow.id).where(CaseRow.source_key == booking.source_key))
    if existing is not None:
        return existing, False
    source = s.get(ImportFile, booking.import_file_id)
    interface = s.get(InterfaceRow, source.interface_id) if source and source.interface_id else None
    now = utcnow()
    case_id = insert_one(
        s,
        insert(CaseRow).values(
            source_key=booking.source_key,
            status=CaseStatus.OPEN.value,
            code=REVERSED_BOOKING,
            reason=f"Buchung auf Rechnung {booking.reference or invoice.number} storniert; "
            "die Zahlung ist wieder zuzuordnen.",
            import_file_id=booking.import_file_id,
            interface_id=source.interface_id if source else None,
            run_id=booking.run_id,
            line=booking.source_line,
            entry_id="",
            where_text=f"Zeile {booking.source_line}" if booking.source_line is not None else "",
            reference=booking.reference,
            text=booking.reference,
            possible=invoice.number,
            payer_name="",
            payer_iban=booking.payer_iban or "",
            amount=booking.amount,
            # What the import booked; the storno (a booking of this case) gives it back.
            booked_by_import=booking.amount,
            currency="EUR",
            value_date=booking.paid_on,
            settle_until=interface.settle_until if interface is not None else "",
            booking_date=booking.booking_date,
            opened_at=now,
            updated_at=now,
            closed_at=None,
            closed_by="",
            close_reason="",
        ),
    )
    s.execute(insert(case_mandants).values(case_id=case_id, mandant_id=invoice.mandant_id))
    return case_id, True
