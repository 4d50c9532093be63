"""Planning an Offene-Posten list: every open invoice it leaves out is paid; and its checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..formats.records import (
    AnyRecord,
)
from ..invoice_index import OpenInvoice
from .plan import ZERO, GuardConfig, GuardResult, RowStatus
from .planner_state import Planner
from .reasons import duplicate_de, euro


def plan_open_items(p: Planner) -> list[OpenInvoice]:
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
            p.row(position, record, RowStatus.DUPLICATE, duplicate_de(earlier, line), invoice)
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
    _settle_missing(p, scope, listed)
    return scope


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
        p.row(position, record, RowStatus.BOOKED, "", invoice, booked=difference)
    elif difference < 0:
        reason = (
            f"Die Datei nennt {euro(open_in_file)} offen, offen sind nur "
            f"{euro(invoice.open_amount)}; nichts zurückgenommen."
        )
        p.row(position, record, RowStatus.NEGATIVE_DIFFERENCE, reason, invoice)
    else:
        p.row(position, record, RowStatus.UNCHANGED, "", invoice)


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
