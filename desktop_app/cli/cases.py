"""The command line of Klärungsfälle and bookings: ``cases list|show|assign|close`` and
``bookings list|reverse``. The same jobs as the GUI (``jobs.case_desk``); commands act as
an administrator of the computer's account and are audited as ``os:<account>``.

Exit codes as every command: 0 done, 1 failed (an unknown case or booking, a changed
ledger), 3 invalid input (an amount, a reason, an assignment that books too much).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    print_json,
    print_json_listing,
    stored_interface,
)


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``cases`` and ``bookings`` command groups to ``commands``."""
    cases = commands.add_parser("cases", help="Klärungsfälle: payments not booked in full")
    sub = cases.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub.add_parser("list", parents=[common], help="list cases, the longest waiting first")
    p.add_argument("--open", action="store_true", help="only open cases")
    p.add_argument("--interface", metavar="NAME", help="only cases of this interface")
    p.add_argument("--mandant", metavar="M", help="only cases of this Mandant")
    p.add_argument("--code", metavar="CODE", help="only cases with this reason code")
    p.add_argument("--older-than", type=_days, metavar="DAYS", help="opened at least DAYS ago")
    p.add_argument("--run", type=_case_id, metavar="ID", help="only cases a run opened")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cases_list)
    p = sub.add_parser("show", parents=[common], help="one case with its suggestions")
    p.add_argument("id", type=_case_id)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cases_show)
    p = sub.add_parser("assign", parents=[common], help="book a case's payment on invoices")
    p.add_argument("id", type=_case_id)
    p.add_argument("--invoice", action="append", required=True, metavar="NR", help="repeatable")
    p.add_argument(
        "--amount",
        action="append",
        metavar="A",
        help="per --invoice, in order (default: what is open, at most what is left)",
    )
    p.add_argument("--mandant", metavar="M", help="the invoices' Mandant (default: the case's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cases_assign)
    p = sub.add_parser("close", parents=[common], help="close a case without a booking")
    p.add_argument("id", type=_case_id)
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(handler=cmd_cases_close)

    bookings = commands.add_parser("bookings", help="bookings of the ledger, and their storno")
    sub = bookings.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub.add_parser("list", parents=[common], help="bookings, oldest first")
    p.add_argument("--invoice", metavar="NR", help="only this invoice's bookings")
    p.add_argument("--mandant", metavar="M", help="the invoice's Mandant")
    p.add_argument("--case", type=_case_id, metavar="ID", help="only this case's bookings")
    most = p.add_mutually_exclusive_group()
    most.add_argument(
        "--limit",
        type=_case_id,
        metavar="N",
        help="at most N bookings (default 10,000); a cut list is said on stderr",
    )
    most.add_argument("--all", action="store_true", help="every booking, however many")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bookings_list)
    p = sub.add_parser("reverse", parents=[common], help="reverse a booking (storno)")
    p.add_argument("id", type=_case_id)
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bookings_reverse)


def _case_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 2**53:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


def _days(text: str) -> int:
    value = _case_id(text)
    if value > 36_500:
        raise argparse.ArgumentTypeError("must be between 1 and 36500")
    return value


def _amount(text: str) -> Decimal:
    """``12.50`` or ``12,50``; positive, at most two decimals."""
    raw = text.strip()
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise CliError(f"--amount {text!r} is no amount (write 12.50)", EXIT_INVALID) from None
    if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
        raise CliError(f"--amount {text!r}: positive, with at most two decimals", EXIT_INVALID)
    return value


def _desk(ctx: Context):
    from ..jobs.case_desk import CaseActor, CaseDesk

    backend = ctx.backend
    return CaseDesk(backend.db, CaseActor.command_line(), changes=backend.changes)


def _failed(exc: Exception) -> CliError:
    """A case error as the command's failure: wrong input is 3, the rest 1."""
    from ..domain.booking_policy import FutureBookingNotAllowed

    code = EXIT_INVALID if isinstance(exc, ValueError) else EXIT_FAILED
    if isinstance(exc, FutureBookingNotAllowed):
        code = EXIT_FAILED
    return CliError(str(exc), code)


def _guarded(action):
    from ..domain.booking_policy import FutureBookingNotAllowed
    from ..domain.cases import CaseError

    try:
        return action()
    except (CaseError, FutureBookingNotAllowed) as exc:
        raise _failed(exc) from None


def cmd_cases_list(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.case_desk import CaseFilter

    interface_id = stored_interface(ctx, args.interface).id if args.interface else None
    flt = CaseFilter(
        open_only=args.open,
        interface_id=interface_id,
        mandant=args.mandant,
        code=args.code,
        older_than_days=args.older_than,
        run_id=args.run,
        limit=None,
    )
    desk = _desk(ctx)
    cases = desk.cases(flt)
    today = date.today()
    if args.json:
        rows = []
        for case in cases:
            row = case.to_json(today)
            if case.status.value == "open":
                row["suggestions"] = [s.to_json() for s in desk.suggestions(case.id)]
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
    desk = _desk(ctx)
    case = _guarded(lambda: desk.case(args.id))
    data = case.to_json(date.today())
    data["suggestions"] = [s.to_json() for s in desk.suggestions(case.id)]
    data["bookings"] = [b.to_json() for b in desk.bookings(case_id=case.id)]
    if args.json:
        print_json(data)
        return EXIT_OK
    for key in ("id", "status", "code", "reason", "file", "where", "payer", "iban", "amount",
                "remaining", "text", "interface", "mandants", "age_days"):  # fmt: skip
        print(f"{key}: {data[key]}")
    if data["status"] != "open":
        _print_outcome(data)
    for s in data["suggestions"]:
        reasons = "; ".join(r["text"] for r in s["reasons"])
        print(f"  suggestion {s['invoice']} ({s['mandant']}, open {s['open_amount']}): {reasons}")
    return EXIT_OK


_OUTCOMES = {"settled": "assigned in full", "closed": "closed without a booking"}


def _print_outcome(data: dict) -> None:
    """How a settled or closed case ended: what, by whom, when, why."""
    print(f"outcome: {_OUTCOMES[data['status']]}")
    for key in ("closed_by", "closed_at", "close_reason"):
        print(f"{key}: {data[key] or '-'}")


def cmd_cases_assign(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.case_desk import AllocationRequest

    amounts: list[Decimal | None] = [_amount(a) for a in args.amount or []]
    if amounts and len(amounts) != len(args.invoice):
        raise CliError("give one --amount per --invoice, or none", EXIT_INVALID)
    requests = [
        AllocationRequest(number=number, mandant=args.mandant, amount=amount)
        for number, amount in zip(args.invoice, amounts or [None] * len(args.invoice), strict=True)
    ]
    desk = _desk(ctx)
    done = _guarded(lambda: desk.assign(args.id, requests))
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
        for p in done.parts:
            print(f"booked {p.amount} on {p.invoice_number} ({p.mandant}), open now {p.open_after}")
        print(f"case {done.case_id}: {done.status.value}")
    return EXIT_OK


def cmd_cases_close(ctx: Context, args: argparse.Namespace) -> int:
    desk = _desk(ctx)
    _guarded(lambda: desk.close(args.id, args.reason))
    print(f"case {args.id} closed without a booking", file=sys.stderr)
    return EXIT_OK


def cmd_bookings_list(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.booking_listing import DEFAULT_LIMIT

    desk = _desk(ctx)
    limit = None if args.all else (args.limit or DEFAULT_LIMIT)
    listing = _guarded(
        lambda: desk.booking_listing(
            invoice=args.invoice,
            mandant=args.mandant,
            case_id=args.case,
            limit=limit,
        )
    )
    if args.json:
        print_json_listing("bookings", (b.to_json() for b in listing), lambda: _tail(listing))
    else:
        for b in listing:
            print(_booking_line(b))
        _tail(listing)
    return EXIT_OK


def _booking_line(b) -> str:
    mark = " (reversed)" if b.reversed_by_id else (" (storno)" if b.reverses_id else "")
    return (
        f"{b.id}\t{b.booking_date.isoformat()}\t{b.invoice_number}\t{b.mandant}\t"
        f"{b.amount}\t{b.file_name}\t{b.created_by or 'import'}{mark}"
    )


def _tail(listing) -> dict:
    """The listing's count for --json, and on stderr a warning when the limit cut it."""
    total = listing.total()
    if listing.truncated:
        sys.stdout.flush()  # the rows first, then the warning after them
        print(
            f"bookings list: only the first {listing.shown:,} of {total:,} bookings are "
            "listed; --limit N lists more, --all lists every one",
            file=sys.stderr,
        )
    return {"shown": listing.shown, "total": total, "truncated": listing.truncated,
            "limit": listing.limit}  # fmt: skip


def cmd_bookings_reverse(ctx: Context, args: argparse.Namespace) -> int:
    desk = _desk(ctx)
    done = _guarded(lambda: desk.reverse(args.id, args.reason))
    data = {
        "booking": done.booking_id,
        "storno": done.counter_id,
        "invoice": done.invoice_number,
        "mandant": done.mandant,
        "amount": str(done.amount),
        "open_amount": str(done.open_after),
        "case": done.case_id,
        "case_opened": done.case_created,
    }
    if args.json:
        print_json(data)
    else:
        print(
            f"booking {done.booking_id} reversed by {done.counter_id}: {done.invoice_number} "
            f"open now {done.open_after}; case {done.case_id} open"
        )
    return EXIT_OK
