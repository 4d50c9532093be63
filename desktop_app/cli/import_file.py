"""``import-file``: settle invoices from a local payment file."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path

from .common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    file_argument,
    print_json,
)
from .texts import day_text, language, money_text, said, translate


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    from ..domain.interface import ImportFormat, SettleUntil

    p = commands.add_parser(
        "import-file",
        parents=[common],
        help=translate("CliImport", "settle invoices from a local payment file"),
    )
    p.add_argument("file", type=file_argument, help=translate("CliImport", "the payment file"))
    formats = ", ".join(f.value for f in ImportFormat)
    p.add_argument(
        "--format",
        required=True,
        dest="format_id",
        metavar="ID",
        choices=[f.value for f in ImportFormat],
        help=translate("CliImport", "the file's import type: {formats}").format(formats=formats),
    )
    p.add_argument(
        "--mandant",
        action="append",
        required=True,
        metavar="M",
        help=translate("CliImport", "a client whose invoices the file settles (repeatable)"),
    )
    p.add_argument(
        "--settle",
        choices=[s.value for s in SettleUntil],
        default="today",
        help=translate("CliImport", "the booking date (default: today)"),
    )
    p.add_argument(
        "--file-date",
        type=_file_day,
        metavar="YYYY-MM-DD",
        help=translate(
            "CliImport",
            "the day the file was written (also DD.MM.YYYY; default: the day it was last "
            "modified); invoices dated on or after it are not taken as paid when an "
            "open-items list leaves them out",
        ),
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=translate("CliImport", "show the plan, book nothing"),
    )
    p.add_argument(
        "--invoice-pattern",
        default="",
        metavar="REGEX",
        help=translate(
            "CliImport",
            "optional, for {formats} only: what this regular expression finds is a reference too",
        ).format(formats=_pattern_formats()),
    )
    _guard_options(p)
    p.add_argument(
        "--json", action="store_true", help=translate("CliImport", "print the result as JSON")
    )
    p.set_defaults(handler=cmd_import_file)


def _guard_options(p: argparse.ArgumentParser) -> None:
    """The checks of an open-items list, for this import only."""
    guards = p.add_argument_group(
        translate("CliImport", "checks of open-items lists"),
        translate(
            "CliImport",
            "default: the chain options (Administration → Chain options); these options "
            "change them for this import only",
        ),
    )
    share = guards.add_mutually_exclusive_group()
    share.add_argument(
        "--max-share",
        type=int,
        metavar="PERCENT",
        help=translate("CliImport", "settle at most this share of the open invoices"),
    )
    share.add_argument(
        "--no-share-limit", action="store_true", help=translate("CliImport", "no share limit")
    )
    guards.add_argument(
        "--allow-empty",
        action="store_true",
        help=translate("CliImport", "accept a list without rows"),
    )
    guards.add_argument(
        "--allow-older",
        action="store_true",
        help=translate("CliImport", "accept a list older than the last one imported"),
    )
    guards.add_argument(
        "--override-guards",
        action="store_true",
        help=translate(
            "CliImport",
            "import a file the checks refuse, once, without them (written to the audit log)",
        ),
    )


def _file_day(text: str) -> date:
    """``--file-date``: a day as the files write it (``2026-03-14``, ``14.03.2026``)."""
    from ..domain.formats.text import parse_date

    try:
        return parse_date(text)
    except ValueError:  # also a day that does not exist, as 30.02.2026
        raise argparse.ArgumentTypeError(
            translate(
                "CliImport", "{text} is not a date: please write it as YYYY-MM-DD or DD.MM.YYYY"
            ).format(text=repr(text))
        ) from None


def _pattern_formats() -> str:
    """The --format values whose files a pattern is searched in, for the help and the
    refusal alike."""
    from ..domain.interface import ImportFormat

    return ", ".join(f.value for f in ImportFormat if f.uses_invoice_pattern)


def _check_pattern_applies(args: argparse.Namespace) -> None:
    """The other import types name the invoice in a column of their own and never read a
    pattern: taking it silently would let the user believe it works."""
    from ..domain.interface import ImportFormat

    if not args.invoice_pattern or ImportFormat(args.format_id).uses_invoice_pattern:
        return
    raise CliError(
        translate(
            "CliImport",
            "--invoice-pattern applies only to --format {formats}; a file of the import "
            "type {format} names the invoice in a column of its own. Leave the option out.",
        ).format(formats=_pattern_formats(), format=args.format_id),
        EXIT_INVALID,
    )


def _refusal(args: argparse.Namespace, problem) -> CliError:
    """The option a refused request names, as the user typed it."""
    from ..domain.validation import INVOICE_PATTERN, MANDANTS, SETTLE_UNTIL

    option = {
        SETTLE_UNTIL: f"--settle {args.settle}: ",
        MANDANTS: "",
        INVOICE_PATTERN: "--invoice-pattern: ",
    }.get(problem.field, "--max-share: ")
    return CliError(option + problem.text(language()), EXIT_INVALID)


def _read(path: Path):
    """The file (a ``LoadedFile``); a missing, unreadable or too large file is said as
    such."""
    from ..domain.formats import FileTooLargeError
    from ..jobs.file_import import read_local_file
    from ..jobs.local_files import LocalFileError

    try:
        return read_local_file(path)
    except (LocalFileError, FileTooLargeError) as exc:
        raise CliError(said(exc)) from None


def cmd_import_file(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.interface import SettleUntil
    from ..domain.validation import ValidationError
    from ..jobs.file_import import GuardChanges, LocalFileImport
    from ..jobs.settle_file import ImportOutcome

    _check_pattern_applies(args)
    backend = ctx.backend
    job = LocalFileImport(backend.db, ctx.change_audit, backend.changes)
    guards = GuardChanges(
        max_share_percent=args.max_share,
        no_share_limit=args.no_share_limit,
        allow_empty=args.allow_empty,
        allow_older=args.allow_older,
    )
    try:
        request = job.prepare(
            lambda: _read(args.file),
            args.format_id,
            args.mandant,
            SettleUntil(args.settle),
            invoice_pattern=args.invoice_pattern,
            guards=guards,
            file_date=args.file_date,
        )
    except ValidationError as exc:
        raise _refusal(args, exc.problems[0]) from None
    result, overridden = job.run(
        request, dry_run=args.dry_run, override_guards=args.override_guards
    )
    summary = result.to_json(language())
    summary["guards_overridden"] = overridden
    # The file's own date where it names one, else the day given or its modification day.
    own = result.file_date is not None
    used = result.file_date if own else request.file_date
    source = result.file_date_source if own else request.file_date_source
    summary["file_date"] = used.isoformat() if used else None
    summary["file_date_source"] = str(source) if used and source else None
    if args.json:
        print_json(summary)
    else:
        _print_summary(result, summary, overridden)
    if result.outcome in (ImportOutcome.REFUSED, ImportOutcome.FAILED):
        return EXIT_FAILED
    return EXIT_OK


def _print_summary(result, summary: dict, overridden: list[str]) -> None:
    """The file's totals and day, the checks passed by, each row not booked, why it was
    refused."""
    from ..domain.interface import ImportFormat

    if result.dry_run:
        totals = translate(
            "CliImport",
            "{file}: %n row(s), {matched} matched, {booked} would be booked ({amount})",
            None,
            result.rows,
        )
    else:
        totals = translate(
            "CliImport",
            "{file}: %n row(s), {matched} matched, {booked} booked ({amount})",
            None,
            result.rows,
        )
    amount = money_text(Decimal(summary["booked_amount"]))
    print(
        totals.format(
            file=result.file_name,
            matched=summary["matched"],
            booked=summary["booked"],
            amount=amount,
        )
    )
    if summary["file_date"] and ImportFormat(result.format_id).has_open_items_semantics:
        # The day that keeps newer invoices open: worth seeing when it was not given.
        as_of = translate("CliImport", "File as of {day}")
        print(as_of.format(day=day_text(date.fromisoformat(summary["file_date"]))))
    if overridden:
        passed = translate("CliImport", "Checks passed by on request: {checks}")
        print(passed.format(checks=", ".join(_guard_name(g) for g in overridden)))
    lang = language()
    for row in result.plan.reported if result.plan else ():
        reference = row.reference_raw or "-"
        print(f"  {row.where(lang)}: {reference}: [{row.status.value}] {row.reason_text(lang)}")
    refused = result.refused_text
    if refused is not None:
        if result.dry_run:
            nothing = translate("CliImport", "Nothing would be booked: {reason}")
        else:
            nothing = translate("CliImport", "Nothing booked: {reason}")
        print(nothing.format(reason=refused.text(lang)))


def _guard_name(guard: str) -> str:
    names = {
        "empty": translate("CliImport", "empty list"),
        "older": translate("CliImport", "older list"),
        "share": translate("CliImport", "share limit"),
    }
    return names.get(guard, guard)
