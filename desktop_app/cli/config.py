"""``config export|import``: a chain's whole setup in one file, for rolling it out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_INVALID, EXIT_OK, CliError, Context, invalid, print_json, read_file

STATUS_TEXT = {"added": "added", "changed": "changed", "unchanged": "unchanged"}
KIND_TEXT = {
    "branches": "branch",
    "mandants": "Mandant",
    "chain_options": "chain options",
    "smtp": "SMTP server",
    "interfaces": "interface",
    "trusted_fingerprints": "trusted fingerprint of",
}


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    config = commands.add_parser(
        "config", help="export or import the whole configuration (for a rollout)"
    )
    csub = config.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = csub.add_parser(
        "export",
        parents=[common],
        help="write interfaces, branches, Mandanten, chain options, SMTP settings and "
        "trusted fingerprints as one JSON file (no password)",
    )
    p.add_argument(
        "--interfaces", nargs="+", metavar="NAME", help="only these interfaces (default: all)"
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not to stdout")
    p.set_defaults(handler=cmd_export)
    p = csub.add_parser(
        "import", parents=[common], help="add and change what a configuration file holds"
    )
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)


def _transfer(ctx: Context):
    return ctx.backend.config_transfer(ctx.change_audit)


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.config_transfer import ConfigFileUnwritable
    from ..store.errors import InterfaceNotFound

    transfer = _transfer(ctx)
    try:
        if args.output is None:
            sys.stdout.write(transfer.export_text(args.interfaces))
            return EXIT_OK
        transfer.export_file(args.output, args.interfaces)
    except (InterfaceNotFound, ConfigFileUnwritable) as exc:
        raise CliError(str(exc)) from None
    print(f"configuration written to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.config_transfer import (
        ConfigFileUnreadable,
        ConfigInvalid,
        PlanOutdated,
        SchemaTooNew,
    )
    from ..store.errors import ConfigConflict, SecretStoreError

    transfer = _transfer(ctx)
    try:
        plan = transfer.prepare(read_file(args.file), args.file.name)
        result = transfer.dry_run(plan) if args.dry_run else transfer.apply(plan)
    except (ConfigFileUnreadable, SchemaTooNew) as exc:
        raise CliError(f"{args.file}: {exc}", EXIT_INVALID) from None
    except ConfigInvalid as exc:
        raise invalid(
            f"{args.file}: invalid configuration, nothing imported", exc.problems
        ) from None
    except (PlanOutdated, ConfigConflict, SecretStoreError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(result.to_json(args.dry_run))
    else:
        _print_result(result, args.dry_run)
    return EXIT_OK


def _print_result(result, dry_run: bool) -> None:
    for kind, tally in result.plan.counts.items():
        if not any(tally.values()):
            continue
        print(f"{kind}: " + ", ".join(f"{n} {STATUS_TEXT[s]}" for s, n in tally.items()))
        for entry in result.plan.entries:
            if entry.kind.value != kind or entry.status.value == "unchanged":
                continue
            fields = f" ({', '.join(entry.fields)})" if entry.fields else ""
            name = "" if kind in ("chain_options", "smtp") else f" {entry.name!r}"
            print(f"  {entry.status.value:<8} {KIND_TEXT[kind]}{name}{fields}")
    if dry_run:
        print("dry run: nothing changed")
    elif result.applied:
        print("imported in one transaction")
    else:
        print("nothing to change")
    if result.passwords:
        print("passwords still to be set on this computer:")
        for password in result.passwords:
            what = "SMTP server" if password.kind == "smtp" else f"interface {password.name!r}"
            print(f"  {what}: {password.command}")
