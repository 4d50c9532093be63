"""``config export|import``: a chain's whole setup in one file, for rolling it out."""

from __future__ import annotations

import argparse
import sys

from .common import (
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    file_argument,
    invalid,
    print_json,
    read_file,
)
from .texts import language, said, translate


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    config = commands.add_parser(
        "config",
        help=translate("CliConfig", "export or import the whole configuration (for a rollout)"),
    )
    csub = config.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = csub.add_parser(
        "export",
        parents=[common],
        help=translate(
            "CliConfig",
            "write the interfaces, branches, clients (Mandanten), chain options, SMTP "
            "settings and trusted fingerprints as one JSON file (without any password)",
        ),
    )
    p.add_argument(
        "--interfaces",
        nargs="+",
        metavar="NAME",
        help=translate("CliConfig", "only these interfaces (default: all)"),
    )
    p.add_argument(
        "-o",
        "--output",
        type=file_argument,
        metavar="FILE",
        help=translate("CliConfig", "write to this file instead of standard output"),
    )
    p.set_defaults(handler=cmd_export)
    p = csub.add_parser(
        "import",
        parents=[common],
        help=translate(
            "CliConfig", "add and change what a configuration file holds (nothing is deleted)"
        ),
    )
    p.add_argument(
        "file", type=file_argument, help=translate("CliConfig", "the configuration file")
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=translate("CliConfig", "show what would change, change nothing"),
    )
    p.add_argument(
        "--json", action="store_true", help=translate("CliConfig", "print JSON for scripts")
    )
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
        raise CliError(said(exc)) from None
    print(
        translate("CliConfig", "The configuration was written to {path}.").format(path=args.output),
        file=sys.stderr,
    )
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
        raise CliError(f"{args.file}: {said(exc)}", EXIT_INVALID) from None
    except ConfigInvalid as exc:
        title = translate("CliConfig", "{path}: the configuration is invalid; nothing was imported")
        raise invalid(title.format(path=args.file), exc.problems) from None
    except PlanOutdated:
        # Its own text speaks of the window's preview; here the command compares and applies.
        raise CliError(
            translate(
                "CliConfig",
                "The configuration changed while it was being imported (on another computer "
                "or in the program). Nothing was imported; please run the command again.",
            )
        ) from None
    except (ConfigConflict, SecretStoreError) as exc:
        raise CliError(said(exc)) from None
    if args.json:
        print_json(result.to_json(args.dry_run, language()))
    else:
        _print_result(result, args.dry_run)
    return EXIT_OK


def _kind_texts() -> dict[str, tuple[str, str]]:
    """Per section of the file: its heading and how one of its entries is named."""
    return {
        "branches": (translate("CliConfig", "Branches"), translate("CliConfig", "branch '{name}'")),
        "mandants": (translate("CliConfig", "Clients"), translate("CliConfig", "client '{name}'")),
        "chain_options": (
            translate("CliConfig", "Chain options"),
            translate("CliConfig", "chain options"),
        ),
        "smtp": (translate("CliConfig", "SMTP server"), translate("CliConfig", "SMTP server")),
        "interfaces": (
            translate("CliConfig", "Interfaces"),
            translate("CliConfig", "interface '{name}'"),
        ),
        "trusted_fingerprints": (
            translate("CliConfig", "Trusted fingerprints"),
            translate("CliConfig", "trusted fingerprint of interface '{name}'"),
        ),
    }


def _status_texts() -> dict[str, str]:
    return {
        "added": translate("CliConfig", "added"),
        "changed": translate("CliConfig", "changed"),
        "unchanged": translate("CliConfig", "unchanged"),
    }


def _print_result(result, dry_run: bool) -> None:
    kinds, statuses = _kind_texts(), _status_texts()
    width = max(8, len(statuses["added"]), len(statuses["changed"]))  # the statuses listed
    for kind, tally in result.plan.counts.items():
        if not any(tally.values()):
            continue
        counted = ", ".join(f"{n} {statuses[s]}" for s, n in tally.items())
        print(f"{kinds[kind][0]}: {counted}")
        for entry in result.plan.entries:
            if entry.kind.value != kind or entry.status.value == "unchanged":
                continue
            fields = f" ({', '.join(entry.fields)})" if entry.fields else ""
            what = kinds[kind][1].format(name=entry.name)
            print(f"  {statuses[entry.status.value]:<{width}} {what}{fields}")
    if result.plan.warnings:
        sys.stdout.flush()  # the changes listed so far first, then their warnings
    for warning in result.plan.warnings:
        hint = warning.text(language())
        print(translate("CliConfig", "Warning: {hint}").format(hint=hint), file=sys.stderr)
    if dry_run:
        print(translate("CliConfig", "Dry run: nothing was changed."))
    elif result.applied:
        print(translate("CliConfig", "The configuration was imported (all in one transaction)."))
    else:
        print(
            translate("CliConfig", "Nothing to change: this ledger already has this configuration.")
        )
    if result.passwords:
        print(translate("CliConfig", "Passwords still to be set on this computer:"))
        for password in result.passwords:
            what = (
                translate("CliConfig", "SMTP server")
                if password.kind == "smtp"
                else translate("CliConfig", "interface '{name}'").format(name=password.name)
            )
            print(f"  {what}: {password.command}")
