"""``import-file``: settle invoices from a local payment file."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_FAILED, EXIT_INVALID, EXIT_OK, CliError, Context, print_json, read_file


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    from ..domain.interface import ImportFormat, SettleUntil

    p = commands.add_parser(
        "import-file", parents=[common], help="settle invoices from a local payment file"
    )
    p.add_argument("file", type=Path)
    p.add_argument(
        "--format",
        required=True,
        dest="format_id",
        metavar="ID",
        choices=[f.value for f in ImportFormat],
    )
    p.add_argument("--mandant", action="append", required=True, metavar="M")
    p.add_argument("--settle", choices=[s.value for s in SettleUntil], default="today")
    p.add_argument("--dry-run", action="store_true", help="show the plan, book nothing")
    p.add_argument(
        "--invoice-pattern",
        default="",
        metavar="REGEX",
        help="optional: what this regular expression finds is a reference too",
    )
    guards = p.add_argument_group(
        "checks for open items", "default: the chain options (Administration → Chain options)"
    )
    share = guards.add_mutually_exclusive_group()
    share.add_argument("--max-share", type=int, metavar="PERCENT", help="settle at most this share")
    share.add_argument("--no-share-limit", action="store_true", help="no share limit")
    guards.add_argument("--allow-empty", action="store_true", help="accept a file without rows")
    guards.add_argument("--allow-older", action="store_true", help="accept an older file")
    guards.add_argument(
        "--override-guards",
        action="store_true",
        help="import a file the checks refuse, once, without them (written to the audit log)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import_file)


def _refusal(args: argparse.Namespace, problem) -> CliError:
    """The option a refused request names, as the user typed it."""
    from ..domain.validation import INVOICE_PATTERN, MANDANTS, SETTLE_UNTIL

    option = {
        SETTLE_UNTIL: f"--settle {args.settle}: ",
        MANDANTS: "",
        INVOICE_PATTERN: "--invoice-pattern: ",
    }.get(problem.field, "--max-share: ")
    return CliError(option + problem.message_en, EXIT_INVALID)


def cmd_import_file(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.interface import SettleUntil
    from ..domain.validation import ValidationError
    from ..jobs.file_import import GuardChanges, LocalFileImport
    from ..jobs.settle_file import ImportOutcome

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
            lambda: read_file(args.file),
            args.file.name,
            args.format_id,
            args.mandant,
            SettleUntil(args.settle),
            invoice_pattern=args.invoice_pattern,
            guards=guards,
        )
    except ValidationError as exc:
        raise _refusal(args, exc.problems[0]) from None
    result, overridden = job.run(
        request, dry_run=args.dry_run, override_guards=args.override_guards
    )
    summary = result.to_json()
    summary["guards_overridden"] = overridden
    if args.json:
        print_json(summary)
    else:
        _print_summary(summary, args.dry_run, overridden)
    if result.outcome in (ImportOutcome.REFUSED, ImportOutcome.FAILED):
        return EXIT_FAILED
    return EXIT_OK


def _print_summary(summary: dict, dry_run: bool, overridden: list[str]) -> None:
    verb = "would book" if dry_run else "booked"
    print(
        f"{summary['file']}: {summary['rows']} rows, {summary['matched']} matched, "
        f"{verb} {summary['booked']} ({summary['booked_amount']} EUR)"
    )
    if overridden:
        print("checks passed by on request: " + ", ".join(overridden))
    for row in summary["unmatched"]:
        print(f"  {row['where']}: {row['reference'] or '-'}: [{row['code']}] {row['reason']}")
    if summary["refused"]:
        print(f"refused: {summary['refused']}")
