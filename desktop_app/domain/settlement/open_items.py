"""Planning an Offene-Posten list: every open invoice it leaves out is paid; and its checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..formats.columns import MoneyById
from ..formats.records import (
    AnyRecord,
)
from ..invoice_index import OpenInvoice, Outcome, RowMatch
from ..reason_texts import NO_REASON, Param, Reason
from .look_alikes import LookAlikes
from .plan import ZERO, GuardConfig, GuardResult, RowStatus
from .planner_state import Planner
from .reasons import duplicate_reason, possible_match_reason


def plan_open_items(p: Planner) -> list[OpenInvoice]:
    """Offene Posten: pay the difference for listed invoices, everything for missing ones.

    Returns the invoices in scope, for the share guard.
    """
    # p.invoices are already those of the chosen Mandanten.
    scope = [i for i in p.invoices if i.invoice_date <= p.booking_date and i.open_amount > 0]
    in_scope = {i.id: i for i in scope}
    listed: set[int] = set()
    # By position, not record: a list names most open invoices, and holding a record
    # for each until all are read would cost more than the records' table itself.
    first_row: dict[int, int] = {}  # invoice id -> position of its first row
    in_file = MoneyById()  # invoice id -> open amount the file states, rows added up
    unknown: list[tuple[int, AnyRecord]] = []  # rows naming a number the ledger lacks
    for position, record, index in p.each():
        if not p.gate(position, record, check_duplicate=False):
            # Another Mandant's or currency's row: an invoice of that number here is not
            # proven paid by it either.
            listed.update(i.id for i in index.with_number(record.reference or ""))
            continue
        found = index.match(record)
        if isinstance(found, RowMatch) and found.outcome is Outcome.NOT_FOUND:
            unknown.append((position, record))  # decided once the missing are known
            continue
        invoices = p.take(position, record, found)
        if len(invoices) != 1:
            # A look-alike or unclear number may mean an invoice: never take it as missing.
            listed.update(i.id for i in (*invoices, *p.last_possible))
            if invoices:
                numbers = ", ".join(i.number for i in invoices)
                reason = Reason.of("several-invoices", numbers=numbers)
                p.row(position, record, RowStatus.AMBIGUOUS, reason)
            continue
        (invoice,) = invoices
        listed.add(invoice.id)  # listed, whatever follows: never treated as missing
        open_in_file = record.open_amount if record.open_amount is not None else ZERO
        duplicate, earlier, line = p.duplicate_of(record)
        if duplicate:
            p.row(position, record, RowStatus.DUPLICATE, duplicate_reason(earlier, line), invoice)
        elif open_in_file < 0:
            reason = Reason.of("credit-note", amount=open_in_file)
            p.row(position, record, RowStatus.CREDIT_NOTE, reason, invoice)
        elif invoice.id not in in_scope and invoice.open_amount <= 0:
            # Paid already (the list is older than the payment): nothing is left to book.
            reason = Reason.of("settled-before")
            p.row(position, record, RowStatus.ALREADY_SETTLED, reason, invoice)
        elif invoice.id not in in_scope:
            reason = Reason.of(
                "out-of-scope", invoice_date=invoice.invoice_date, booking_date=p.booking_date
            )
            p.row(position, record, RowStatus.OUT_OF_SCOPE, reason, invoice)
        elif invoice.id in first_row:
            # Several open items of one invoice (OPOS lists part payments apart): add up.
            in_file.add(invoice.id, open_in_file)
            first = p.record_at(first_row[invoice.id]).line
            reason = Reason.of("combined", line=first)
            p.row(position, record, RowStatus.COMBINED, reason, invoice)
        else:
            first_row[invoice.id] = position
            in_file[invoice.id] = open_in_file
    for invoice_id, position in first_row.items():
        open_listed = in_file.get(invoice_id)
        assert open_listed is not None  # set with first_row
        _settle_listed(p, in_scope[invoice_id], position, p.record_at(position), open_listed)
    could_be_listed = _written_before_the_list(p, scope)
    _report_unknown(p, unknown, [i for i in could_be_listed if i.id not in listed], listed)
    _settle_missing(p, could_be_listed, listed)
    return scope


def _written_before_the_list(p: Planner, scope: list[OpenInvoice]) -> list[OpenInvoice]:
    """The invoices in scope the list surely could name: those dated before the day it
    was written (its time stamp on the server), when known. One dated later is missing
    from it because it is newer, not because it was paid: the tax advisor's list lags the
    branch's invoices, and taking it as paid would book money that never came in. Nor
    one of the list's own day: a list written in the morning lacks that day's invoices,
    and a time stamp from LIST, of unknown zone, may read as the next day."""
    written = p.parsed.file_date
    if written is None:
        return scope
    return [i for i in scope if i.invoice_date < written]


def _report_unknown(
    p: Planner, unknown: list[tuple[int, AnyRecord]], missing: list[OpenInvoice], listed: set[int]
) -> None:
    """A number the ledger lacks is reported; where it may be a typing error of a missing
    invoice's number, it is a possible match of that invoice, which is then not taken as
    missing (the list may say it is still open)."""
    look_alikes = None
    if unknown and missing:
        look_alikes = LookAlikes(missing, (record.reference or "" for _, record in unknown))
    for position, record in unknown:
        near = look_alikes.of(record.reference or "") if look_alikes else []
        if not near:
            p.row(position, record, RowStatus.NOT_FOUND, Reason.of("not-found"))
            continue
        listed.update(i.id for i in near)
        numbers = [i.number for i in near]
        p.rows.set_possible(position, numbers)
        p.row(position, record, RowStatus.POSSIBLE_MATCH, possible_match_reason(numbers))


def _settle_missing(p: Planner, scope: list[OpenInvoice], listed: set[int]) -> None:
    """An open invoice the list leaves out is paid in full (once per file's content)."""
    for invoice in scope:
        if invoice.id in listed:
            continue
        key = f"{p.parsed.file_sha256}:op-missing:{invoice.id}"
        if key in p.already_booked:
            continue
        p.book(invoice, invoice.open_amount, key, None, None, "Fehlt in der Offene-Posten-Liste")


def _settle_listed(
    p: Planner,
    invoice: OpenInvoice,
    position: int,
    record: AnyRecord,
    open_in_file: Decimal,
) -> None:
    difference = invoice.open_amount - open_in_file
    if difference > 0:
        note = "Differenz laut Offene-Posten-Liste"
        p.book(invoice, difference, record.dedup_key, position, record, note)
        p.row(position, record, RowStatus.BOOKED, NO_REASON, invoice, booked=difference)
    elif difference < 0:
        reason = Reason.of("negative-difference", in_file=open_in_file, open=invoice.open_amount)
        p.row(position, record, RowStatus.NEGATIVE_DIFFERENCE, reason, invoice)
    else:
        p.row(position, record, RowStatus.UNCHANGED, NO_REASON, invoice)


def check_guards(
    p: Planner, scope: list[OpenInvoice], config: GuardConfig, last_file_date: date | None
) -> list[GuardResult]:
    results: list[GuardResult] = []
    if config.refuse_empty:
        empty = p.parsed.data_rows == 0
        results.append(
            GuardResult(
                "empty",
                not empty,
                Reason.of("guard-empty")
                if empty
                else Reason.of("guard-rows", rows=p.parsed.data_rows),
            )
        )
    if config.refuse_older:
        file_date = p.parsed.file_date
        # The day, and where it came from when known (a list dated by its date folder
        # rather than by itself is worth a second look when refused).
        dated: dict[str, Param] = {"file_date": file_date}
        if p.parsed.file_date_source:
            dated["source"] = str(p.parsed.file_date_source)
        if file_date is None:
            results.append(GuardResult("older", True, Reason.of("guard-no-date")))
        elif last_file_date is None:  # the first list from its source: nothing to compare
            results.append(GuardResult("older", True, Reason.of("guard-first", **dated)))
        else:
            older = file_date < last_file_date
            results.append(
                GuardResult(
                    "older",
                    not older,
                    Reason.of(
                        "guard-older" if older else "guard-date", **dated, last_date=last_file_date
                    ),
                )
            )
    if config.max_share is not None:
        settled = len(p.booked)  # invoices with a booking
        share = Decimal(settled) / Decimal(len(scope)) if scope else ZERO
        too_many = share > config.max_share
        found: dict[str, Param] = {
            "settled": settled,
            "total": len(scope),
            "share": f"{share * 100:.0f}",
            "limit": f"{config.max_share * 100:.0f}",
        }
        code = "guard-share-exceeded" if too_many else "guard-share"
        limit = config.max_share * 100
        results.append(GuardResult("share", not too_many, Reason.of(code, **found), limit))
    return results
