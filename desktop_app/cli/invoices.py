"""``invoices import|list``: the invoice ledger."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_INVALID, EXIT_OK, CliError, Context, print_json, read_file


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    invoices = commands.add_parser("invoices", help="the invoice ledger")
    vsub = invoices.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = vsub.add_parser("import", parents=[common], help="load or refresh invoices from CSV")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)
    p = vsub.add_parser("list", parents=[common], help="list invoices")
    p.add_argument("--open", action="store_true", help="only open invoices")
    p.add_argument("--mandant", action="append", default=[], metavar="M")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)


def _ledger(ctx: Context):
    from ..jobs.invoice_ledger import InvoiceLedger

    return InvoiceLedger(ctx.backend.db, ctx.backend.changes)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.formats.errors import FormatError

    data = read_file(args.file)
    try:
        report = _ledger(ctx).load_csv(data, args.file.name)
    except FormatError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None
    if args.json:
        print_json(report.to_json())
        return EXIT_OK
    print(f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged")
    if report.kept:
        print(f"{report.kept} with bookings: their amounts kept")
    for difference in report.differences:
        print(
            f"line {difference.line}: {difference.number}: {difference.field} "
            f"{difference.in_file} in the file, {difference.in_ledger} in the ledger; kept"
        )
    for name in report.new_mandants:
        print(f"new Mandant: {name}")
    for name in report.new_branches:
        print(f"new branch: {name}")
    return EXIT_OK


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    invoices = _ledger(ctx).invoices(open_only=args.open, mandants=args.mandant)
    if args.json:
        print_json([i.to_json() for i in invoices])
    else:
        for i in invoices:
            print(
                f"{i.mandant}\t{i.number}\t{i.invoice_date.isoformat()}\t{i.amount}\t"
                f"{i.open_amount}\t{i.status}"
            )
    return EXIT_OK
