"""The command line of Klärungsfälle: ``cases list|show|assign|close`` (the bookings are
``bookings``). The same jobs as the GUI (``jobs.case_desk``); commands act as an
administrator of the computer's account and are audited as ``os:<account>``.

Exit codes as every command: 0 done, 1 failed (an unknown case or booking, a changed
ledger), 3 invalid input (an amount, a reason, an assignment that books too much).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .case_common import (
    case_desk,
    guarded,
    id_argument,
    json_option,
    positive_id,
    reason_option,
)
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    known_mandants,
    print_json,
    stored_interface,
)
from .texts import language, money_text, timestamp_text, translate


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``cases`` command group to ``commands``."""
    cases = commands.add_parser(
        "cases", help=translate("CliCases", "cases to clarify: payments not booked in full")
    )
    sub = cases.add_subparsers(dest="action", metavar="ACTION", required=True)
    _add_list(sub, common)
    p = sub.add_parser(
        "show", parents=[common], help=translate("CliCases", "one case with its suggestions")
    )
    id_argument(p, translate("CliCases", "the case's number"))
    json_option(p)
    p.set_defaults(handler=cmd_cases_show)
    _add_assign(sub, common)
    p = sub.add_parser(
        "close", parents=[common], help=translate("CliCases", "close a case without a booking")
    )
    id_argument(p, translate("CliCases", "the case's number"))
    reason_option(
        p, translate("CliCases", "why the case is closed (e.g. refunded to the customer)")
    )
    p.set_defaults(handler=cmd_cases_close)


def _add_list(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "list",
        parents=[common],
        help=translate("CliCases", "list cases, the longest waiting first"),
    )
    p.add_argument("--open", action="store_true", help=translate("CliCases", "only open cases"))
    p.add_argument(
        "--interface", metavar="NAME", help=translate("CliCases", "only cases of this interface")
    )
    p.add_argument(
        "--mandant", metavar="M", help=translate("CliCases", "only cases of this client (Mandant)")
    )
    p.add_argument(
        "--code", metavar="CODE", help=translate("CliCases", "only cases with this reason code")
    )
    p.add_argument(
        "--older-than",
        type=_days,
        metavar="DAYS",
        help=translate("CliCases", "only cases older than DAYS days (as the overdue mark counts)"),
    )
    p.add_argument(
        "--run",
        type=positive_id,
        metavar="ID",
        help=translate("CliCases", "only cases this run opened"),
    )
    json_option(p)
    p.set_defaults(handler=cmd_cases_list)


def _add_assign(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "assign", parents=[common], help=translate("CliCases", "book a case's payment on invoices")
    )
    id_argument(p, translate("CliCases", "the case's number"))
    p.add_argument(
        "--invoice",
        action="append",
        required=True,
        metavar="NR",
        help=translate("CliCases", "the invoice number; repeat it for several invoices"),
    )
    p.add_argument(
        "--amount",
        action="append",
        metavar="A",
        help=translate(
            "CliCases",
            "the amount for each --invoice, in the same order (default: what is open on the "
            "invoice, at most what is left of the payment)",
        ),
    )
    p.add_argument(
        "--mandant",
        metavar="M",
        help=translate("CliCases", "the invoices' client (default: the case's clients)"),
    )
    p.add_argument(
        "--allow-booked-before",
        action="store_true",
        help=translate(
            "CliCases",
            "book even on an invoice that has a booking of the same payment (amount, date) "
            "from another file or case, once you know it is another payment (written to "
            "the audit log)",
        ),
    )
    json_option(p)
    p.set_defaults(handler=cmd_cases_assign)


def _days(text: str) -> int:
    value = positive_id(text)
    if value > 36_500:
        raise argparse.ArgumentTypeError(translate("CliCases", "must be between 1 and 36500"))
    return value


_PLAIN_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _amount(text: str) -> Decimal:
    """``12.50`` or ``12,50``; positive, at most two decimals."""
    raw = text.strip()
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        if not _PLAIN_AMOUNT.fullmatch(raw):  # Decimal alone also takes "1e2" and "1_000"
            raise InvalidOperation(raw)
        value = Decimal(raw)
    except InvalidOperation:
        raise CliError(
            translate(
                "CliCases", "--amount {text}: that is not an amount; write it like 12.50."
            ).format(text=repr(text)),
            EXIT_INVALID,
        ) from None
    if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
        raise CliError(
            translate(
                "CliCases",
                "--amount {text}: the amount must be positive, with at most two decimals.",
            ).format(text=repr(text)),
            EXIT_INVALID,
        )
    return value


def cmd_cases_list(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.case_desk import CaseFilter

    interface_id = stored_interface(ctx, args.interface).id if args.interface else None
    # An empty name is refused, not read as no filter.
    (mandant,) = known_mandants(ctx, [args.mandant]) if args.mandant is not None else (None,)
    flt = CaseFilter(
        open_only=args.open,
        interface_id=interface_id,
        mandant=mandant,
        code=args.code,
        older_than_days=args.older_than,
        run_id=args.run,
        limit=None,
    )
    desk = case_desk(ctx)
    guarded(lambda: desk.check_filter(flt))
    cases = desk.cases(flt)
    today = date.today()
    if args.json:
        suggestions = desk.suggestions_of(cases)  # the open ones', looked up together
        booked_before = desk.booked_before_of(suggestions)  # one look-up for all the cases
        rows = []
        for case in cases:
            row = case.to_json(today, language())
            if case.id in suggestions:
                row["suggestions"] = [s.to_json(language()) for s in suggestions[case.id]]
            # As ``cases show`` has it: for an open case only.
            row["booked_before"] = [b.to_json() for b in booked_before.get(case.id, [])]
            rows.append(row)
        print_json(rows)
        return EXIT_OK
    for case in cases:
        remaining = case.remaining
        print(
            f"{case.id}\t{case.status.value}\t{case.age_days(today)}d\t"
            f"{case.amount if case.amount is not None else '-'}\t"
            f"{remaining if remaining is not None else '-'}\t{case.payer_name or '-'}\t"
            f"{case.code}\t{case.reference or case.text[:40] or '-'}"
        )
    return EXIT_OK


def cmd_cases_show(ctx: Context, args: argparse.Namespace) -> int:
    desk = case_desk(ctx)
    case = guarded(lambda: desk.case(args.id))
    suggestions = desk.suggestions(case.id)
    booked_before = desk.booked_before(case.id, suggestions) if case.status.value == "open" else []
    if args.json:
        data = case.to_json(date.today(), language())
        data["suggestions"] = [s.to_json(language()) for s in suggestions]
        data["bookings"] = [b.to_json() for b in desk.bookings(case_id=case.id)]
        data["booked_before"] = [b.to_json() for b in booked_before]
        print_json(data)
        return EXIT_OK
    for label, value in _case_lines(case):
        print(f"{label}: {value}")
    if case.status.value != "open":
        _print_outcome(case)
    for earlier in booked_before:
        print(translate("CliCases", "Warning: {hint}").format(hint=earlier.hint(language())))
    for s in suggestions:
        text = translate(
            "CliCases", "  Suggestion {invoice} (client {mandant}, open {open}): {why}"
        )
        why = s.reasons_text(language())
        print(
            text.format(
                invoice=s.number, mandant=s.mandant, open=money_text(s.open_amount), why=why
            )
        )
    return EXIT_OK


def _case_lines(case) -> list[tuple[str, object]]:
    """The case for a person: a label in the current language and its value."""
    lang, none = language(), "-"
    remaining = case.remaining
    where = case.where_text(lang)
    return [
        (translate("CliCases", "Case"), case.id),
        (translate("CliCases", "Status"), _status_text(case.status.value)),
        (translate("CliCases", "Reason code"), case.code),
        (translate("CliCases", "Reason"), case.reason_text(lang) or none),
        (translate("CliCases", "File"), f"{case.file_name}, {where}" if where else case.file_name),
        (translate("CliCases", "Payer"), case.payer_name or none),
        (translate("CliCases", "IBAN"), case.payer_iban or none),
        (translate("CliCases", "Amount"), none if case.amount is None else money_text(case.amount)),
        (translate("CliCases", "Remaining"), none if remaining is None else money_text(remaining)),
        (translate("CliCases", "Text"), case.text or none),
        (translate("CliCases", "Interface"), case.interface or none),
        (translate("CliCases", "Clients"), ", ".join(case.mandants) or none),
        (
            translate("CliCases", "Opened"),
            translate("CliCases", "%n day(s) ago", None, case.age_days(date.today())),
        ),
    ]


def _status_text(status: str) -> str:
    texts = {
        "open": translate("CliCases", "open"),
        "settled": translate("CliCases", "assigned in full"),
        "closed": translate("CliCases", "closed without a booking"),
    }
    return texts.get(status, status)


def _print_outcome(case) -> None:
    """Who ended a settled or closed case, when, and why."""
    none = "-"
    # Local time to the minute, as the Verlauf and every other text line write a time;
    # --json keeps the exact instant.
    closed_at = timestamp_text(case.closed_at) if case.closed_at else none
    print(translate("CliCases", "Done by: {who}").format(who=case.closed_by or none))
    print(translate("CliCases", "Done at: {when}").format(when=closed_at))
    if case.close_reason:
        print(
            translate("CliCases", "Reason for closing: {reason}").format(reason=case.close_reason)
        )


def cmd_cases_assign(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.case_desk import AllocationRequest

    amounts: list[Decimal | None] = [_amount(a) for a in args.amount or []]
    if amounts and len(amounts) != len(args.invoice):
        raise CliError(
            translate(
                "CliCases",
                "Please give one --amount for each --invoice, in the same order, or no "
                "--amount at all.",
            ),
            EXIT_INVALID,
        )
    requests = [
        AllocationRequest(number=number, mandant=args.mandant, amount=amount)
        for number, amount in zip(args.invoice, amounts or [None] * len(args.invoice), strict=True)
    ]
    desk = case_desk(ctx)
    done = guarded(
        lambda: desk.assign(args.id, requests, allow_booked_before=args.allow_booked_before),
        booked_before_hint,
    )
    data = {
        "case": done.case_id,
        "status": done.status.value,
        "remaining": None if done.remaining is None else str(done.remaining),
        "bookings": [
            {
                "id": p.booking_id,
                "invoice": p.invoice_number,
                "mandant": p.mandant,
                "amount": str(p.amount),
                "open_amount": str(p.open_after),
            }
            for p in done.parts
        ],
    }
    if args.json:
        print_json(data)
    else:
        _print_assigned(done)
    return EXIT_OK


def booked_before_hint() -> str:
    """Said after the refusal of an invoice that has the same payment booked already."""
    return translate(
        "CliCases",
        "If it is another payment, repeat the command with --allow-booked-before.",
    )


def _print_assigned(done) -> None:
    for p in done.parts:
        print(
            translate(
                "CliCases",
                "Booked {amount} on invoice {invoice} (client {mandant}); open now: {open}.",
            ).format(
                amount=money_text(p.amount),
                invoice=p.invoice_number,
                mandant=p.mandant,
                open=money_text(p.open_after),
            )
        )
    print(
        translate("CliCases", "Case {case}: {status}").format(
            case=done.case_id, status=_status_text(done.status.value)
        )
    )


def cmd_cases_close(ctx: Context, args: argparse.Namespace) -> int:
    desk = case_desk(ctx)
    guarded(lambda: desk.close(args.id, args.reason))
    print(
        translate("CliCases", "Case {case} is closed without a booking.").format(case=args.id),
        file=sys.stderr,
    )
    return EXIT_OK
