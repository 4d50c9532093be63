"""Planning payments: each row that names an invoice pays it, up to what is open."""

from __future__ import annotations

from collections.abc import Sequence

from ..formats.records import (
    AnyRecord,
)
from ..invoice_index import OpenInvoice
from ..reason_texts import NO_REASON, Reason
from .plan import ZERO, RowStatus
from .planner_state import Planner
from .reasons import money_in_problem, possible_duplicate_reason


def plan_payments(p: Planner) -> None:
    """Closed items, DATEV, bank: each row is a payment, in file order."""
    for position, record, index in p.each():
        if problem := money_in_problem(record):
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
            status, reason = RowStatus.POSSIBLE_DUPLICATE, possible_duplicate_reason(earlier)
            p.row(position, record, status, reason, invoices[0])
        elif len(invoices) == 1:
            _book_one(p, position, record, invoices[0])
        else:
            _book_several(p, position, record, invoices)


def _book_one(p: Planner, position: int, record: AnyRecord, invoice: OpenInvoice) -> None:
    remaining = p.remaining(invoice)
    if remaining <= 0:
        surplus = record.amount or ZERO  # reason: already-settled
        p.row(position, record, RowStatus.ALREADY_SETTLED, None, invoice, surplus=surplus)
        return
    wanted = remaining if record.amount is None else record.amount
    amount = min(wanted, remaining)
    surplus = wanted - amount
    note = "Zahlung laut Datei" if record.amount is not None else "Rechnung laut Datei bezahlt"
    p.book(invoice, amount, record.dedup_key, position, record, note)
    if surplus > 0:  # reason: overpaid
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
        p.row(position, record, RowStatus.BOOKED, NO_REASON, invoice, booked=amount)


def _book_several(
    p: Planner, position: int, record: AnyRecord, invoices: Sequence[OpenInvoice]
) -> None:
    """A payment naming several invoices: booked only when it pays exactly what is open
    on them together (or names no amount); any other split would be a guess."""
    open_ones = [(i, r) for i in invoices if (r := p.remaining(i)) > 0]
    if not open_ones:
        surplus = record.amount or ZERO  # reason: already-settled
        p.row(position, record, RowStatus.ALREADY_SETTLED, None, invoices[0], surplus=surplus)
        return
    total = sum((r for _, r in open_ones), ZERO)
    if record.amount is not None and record.amount != total:
        numbers = ", ".join(i.number for i in invoices)
        reason = Reason.of(
            "several-not-their-total", numbers=numbers, amount=record.amount, total=total
        )
        p.row(position, record, RowStatus.AMBIGUOUS, reason)
        return
    note = "Zahlung für mehrere Rechnungen laut Datei"
    for n, (invoice, remaining) in enumerate(open_ones):
        key = record.dedup_key if n == 0 else f"{record.dedup_key}+{n}"
        p.book(invoice, remaining, key, position, record, note)
    p.row(position, record, RowStatus.BOOKED, NO_REASON, open_ones[0][0], booked=total)
