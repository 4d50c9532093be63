"""The command line of the ledger's bookings: ``bookings list|reverse``, through the same
case desk as the GUI (``jobs.case_desk``); audited as ``os:<account>``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .case_common import (
    case_desk,
    guarded,
    id_argument,
    json_option,
    positive_id,
    reason_option,
)
from .common import EXIT_OK, Context, known_mandants, print_json, print_json_listing
from .texts import count_text, money_text, translate


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``bookings`` command group to ``commands``."""
    bookings = commands.add_parser(
        "bookings", help=translate("CliCases", "the ledger's bookings, and their reversal (storno)")
    )
    sub = bookings.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub.add_parser(
        "list", parents=[common], help=translate("CliCases", "bookings, oldest first")
    )
    p.add_argument(
        "--invoice", metavar="NR", help=translate("CliCases", "only this invoice's bookings")
    )
    p.add_argument(
        "--mandant",
        metavar="M",
        help=translate("CliCases", "only this client's bookings (with --invoice: the invoice's)"),
    )
    p.add_argument(
        "--case",
        type=positive_id,
        metavar="ID",
        help=translate("CliCases", "only this case's bookings"),
    )
    most = p.add_mutually_exclusive_group()
    most.add_argument(
        "--limit",
        type=positive_id,
        metavar="N",
        help=translate(
            "CliCases",
            "at most N bookings (default 10,000); a list cut short says so on standard error",
        ),
    )
    most.add_argument(
        "--all", action="store_true", help=translate("CliCases", "every booking, however many")
    )
    json_option(p)
    p.set_defaults(handler=cmd_bookings_list)
    p = sub.add_parser(
        "reverse", parents=[common], help=translate("CliCases", "reverse a booking (storno)")
    )
    id_argument(p, translate("CliCases", "the booking's number"))
    reason_option(p, translate("CliCases", "why the booking is reversed"))
    json_option(p)
    p.set_defaults(handler=cmd_bookings_reverse)


def cmd_bookings_list(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.booking_listing import DEFAULT_LIMIT

    (mandant,) = known_mandants(ctx, [args.mandant]) if args.mandant is not None else (None,)
    desk = case_desk(ctx)
    limit = None if args.all else (args.limit or DEFAULT_LIMIT)
    listing = guarded(
        lambda: desk.booking_listing(
            invoice=args.invoice,
            mandant=mandant,
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
    # Each of the two rows names the other: a list may hold several such pairs.
    mark = ""
    if b.reversed_by_id:
        mark = " " + translate("CliCases", "(reversed by booking {id})").format(id=b.reversed_by_id)
    elif b.reverses_id:
        mark = " " + translate("CliCases", "(reversal of booking {id})").format(id=b.reverses_id)
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
            translate(
                "CliCases",
                "bookings list: only the first {shown} of {total} bookings are listed; "
                "--limit N lists more, --all lists every one.",
            ).format(shown=count_text(listing.shown), total=count_text(total)),
            file=sys.stderr,
        )
    return {"shown": listing.shown, "total": total, "truncated": listing.truncated,
            "limit": listing.limit}  # fmt: skip


def cmd_bookings_reverse(ctx: Context, args: argparse.Namespace) -> int:
    desk = case_desk(ctx)
    done = guarded(lambda: desk.reverse(args.id, args.reason))
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
        print(_reversed_text(done))
    return EXIT_OK


def _reversed_text(done) -> str:
    if done.case_created:
        text = translate(
            "CliCases",
            "Booking {booking} is reversed by booking {storno}. Open on invoice {invoice} now: "
            "{open}. The payment waits in the new case {case}.",
        )
    else:
        text = translate(
            "CliCases",
            "Booking {booking} is reversed by booking {storno}. Open on invoice {invoice} now: "
            "{open}. Case {case} is open again.",
        )
    return text.format(
        booking=done.booking_id,
        storno=done.counter_id,
        invoice=done.invoice_number,
        open=money_text(done.open_after),
        case=done.case_id,
    )
