"""The settlement planner's entry: ``plan_settlement``."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence, Set
from datetime import date

from ..formats.records import (
    ParsedFile,
)
from ..interface import ImportFormat
from ..invoice_index import OpenInvoice
from ..reason_texts import Reason
from .open_items import check_guards, plan_open_items
from .payments import plan_payments
from .plan import (
    ZERO,
    Booking,
    EarlierBooking,
    GuardConfig,
    GuardResult,
    Match,
    PlanTotals,
    RowResult,
    SettlementPlan,
)
from .planner_state import BookingLookup, InvoiceLookup, Planner


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
    ledger_mandants: Collection[str] = (),
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
    ``ledger_mandants``: the names of every Mandant the ledger keeps, so that a file's
    ``"01"`` is not taken for the chosen ``"1"`` where the ledger has both.
    """
    if open_items_semantics is None:
        open_items_semantics = ImportFormat(parsed.format_id).has_open_items_semantics
    chosen = tuple(m for m in mandants if m.strip())
    p = Planner(
        parsed,
        open_invoices,
        chosen,
        booking_date,
        already_booked_keys,
        currency.upper(),
        lookup,
        {} if earlier_bookings is None else earlier_bookings,
        ledger_mandants,
    )
    refused: Reason | None = None
    guard_results: list[GuardResult] = []
    scope: list[OpenInvoice] | None = None
    if not chosen:
        refused = Reason.of("no-mandant")
    elif open_items_semantics:
        if lookup is not None:
            raise ValueError("Offene Posten need every open invoice in scope, not a lookup")
        scope = plan_open_items(p)
        guard_results = check_guards(p, scope, guards or GuardConfig(), last_file_date)
        refused = next((g.reason for g in guard_results if not g.passed), None)
    else:
        plan_payments(p)
    if chosen and p.rows.undecided():
        raise AssertionError("a row without a result")  # every branch above decides each row
    return _plan_of(p, parsed, booking_date, refused, guard_results, scope)


def _plan_of(
    p: Planner,
    parsed: ParsedFile,
    booking_date: date,
    refused: Reason | None,
    guard_results: list[GuardResult],
    scope: list[OpenInvoice] | None,
) -> SettlementPlan:
    # Without a Mandant nothing was planned: no rows to show, only the refusal.
    chosen = bool(p.mandants)
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
        refused_reason=refused,
        guards=tuple(guard_results),
        totals=totals,
    )
