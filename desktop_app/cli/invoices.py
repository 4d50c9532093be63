"""``invoices import|list``: the invoice ledger."""

from __future__ import annotations

import argparse

from .common import (
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    file_argument,
    known_mandants,
    print_json,
    read_file,
)
from .texts import language, said, translate


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    invoices = commands.add_parser("invoices", help=translate("CliInvoices", "the invoice ledger"))
    vsub = invoices.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = vsub.add_parser(
        "import",
        parents=[common],
        help=translate("CliInvoices", "load or refresh invoices from a CSV file"),
    )
    p.add_argument(
        "file",
        type=file_argument,
        help=translate("CliInvoices", "the invoice list (CSV, as the accounting exports it)"),
    )
    _json_option(p)
    p.set_defaults(handler=cmd_import)
    p = vsub.add_parser("list", parents=[common], help=translate("CliInvoices", "list invoices"))
    p.add_argument(
        "--open", action="store_true", help=translate("CliInvoices", "only open invoices")
    )
    p.add_argument(
        "--mandant",
        action="append",
        default=[],
        metavar="M",
        help=translate("CliInvoices", "only this client's invoices; repeat it for several"),
    )
    _json_option(p)
    p.set_defaults(handler=cmd_list)


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help=translate("CliInvoices", "print the result as JSON")
    )


def _ledger(ctx: Context):
    from ..jobs.invoice_ledger import InvoiceLedger

    return InvoiceLedger(ctx.backend.db, ctx.backend.changes)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.formats.errors import FormatError

    data = read_file(args.file)
    try:
        report = _ledger(ctx).load_csv(data, args.file.name)
    except FormatError as exc:
        raise CliError(said(exc), EXIT_INVALID) from None
    if args.json:
        print_json(report.to_json())
        return EXIT_OK
    _print_report(report)
    return EXIT_OK


def _print_report(report) -> None:
    from ..domain.reason_texts import money

    print(
        translate(
            "CliInvoices", "Invoices: {created} created, {updated} updated, {unchanged} unchanged"
        ).format(created=report.created, updated=report.updated, unchanged=report.unchanged)
    )
    if report.kept:
        print(
            translate(
                "CliInvoices",
                "%n invoice(s) with bookings: their amounts are kept",
                None,
                report.kept,
            )
        )
    for difference in report.differences:
        print(
            translate(
                "CliInvoices",
                "line {line}: {number}: {field} is {in_file} in the file but {in_ledger} in the "
                "ledger; the invoice has bookings and stays as it is",
            ).format(
                line=difference.line,
                number=difference.number,
                field=difference.field,
                in_file=money(difference.in_file, language()),
                in_ledger=money(difference.in_ledger, language()),
            )
        )
    for name in report.new_mandants:
        print(translate("CliInvoices", "new client: {name}").format(name=name))
    for name in report.new_branches:
        print(translate("CliInvoices", "new branch: {name}").format(name=name))


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    mandants = known_mandants(ctx, args.mandant)
    invoices = _ledger(ctx).invoices(open_only=args.open, mandants=mandants)
    if args.json:
        print_json([i.to_json() for i in invoices])
    else:
        for i in invoices:
            print(
                f"{i.mandant}\t{i.number}\t{i.invoice_date.isoformat()}\t{i.amount}\t"
                f"{i.open_amount}\t{i.status}"
            )
    return EXIT_OK
