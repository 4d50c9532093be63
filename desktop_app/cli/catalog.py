"""``mandants add|list|rename|set|delete`` and ``branches add|list|rename|delete``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .common import EXIT_FAILED, EXIT_INVALID, EXIT_OK, EXIT_USAGE, CliError, Context, print_json

# ``mandants set --no-datev-berater``: remove the number (None means "leave it").
NO_NUMBER = object()


def add_mandants(commands, common: argparse.ArgumentParser) -> None:
    mandants = commands.add_parser("mandants", help="accounting clients (Mandanten)")
    msub = mandants.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = _action(msub, common, "add", "add a Mandant", cmd_mandants_add, "name")
    p.add_argument("--datev-berater", type=int, metavar="N")
    p.add_argument("--datev-mandant", type=int, metavar="N")
    p = _action(msub, common, "list", "list Mandanten", cmd_mandants_list)
    p.add_argument("--json", action="store_true")
    _action(msub, common, "rename", "rename a Mandant", cmd_mandants_rename, "old", "new")
    p = _action(msub, common, "set", "change a Mandant's DATEV numbers", cmd_mandants_set, "name")
    for option, what in (("berater", "Beraternummer"), ("mandant", "Mandantennummer")):
        numbers = p.add_mutually_exclusive_group()
        numbers.add_argument(f"--datev-{option}", type=int, metavar="N", help=f"DATEV {what}")
        numbers.add_argument(
            f"--no-datev-{option}",
            dest=f"datev_{option}",
            action="store_const",
            const=NO_NUMBER,
            help=f"remove the DATEV {what}",
        )
    _action(msub, common, "delete", "delete an unused Mandant", cmd_mandants_delete, "name")


def add_branches(commands, common: argparse.ArgumentParser) -> None:
    branches = commands.add_parser("branches", help="branches (Filialen)")
    bsub = branches.add_subparsers(dest="action", metavar="ACTION", required=True)
    _action(bsub, common, "add", "add a branch", cmd_branches_add, "name")
    p = _action(bsub, common, "list", "list branches", cmd_branches_list)
    p.add_argument("--json", action="store_true")
    _action(bsub, common, "rename", "rename a branch", cmd_branches_rename, "old", "new")
    _action(bsub, common, "delete", "delete an unused branch", cmd_branches_delete, "name")


def _action(
    sub, common: argparse.ArgumentParser, name: str, summary: str, handler, *positionals: str
) -> argparse.ArgumentParser:
    p = sub.add_parser(name, parents=[common], help=summary)
    for positional in positionals:
        p.add_argument(positional)
    p.set_defaults(handler=handler)
    return p


def _number(given: object, current: int | None) -> int | None:
    if given is None:
        return current
    return given if isinstance(given, int) else None  # NO_NUMBER


def _change_catalog(ctx: Context, change: Callable[[Any], object]) -> None:
    """Run ``change`` on the audited catalogue; a wrong name or number is invalid input
    (3), a missing, taken or used entry a failure."""
    from ..store.errors import CatalogError

    try:
        change(ctx.catalogue)
    except CatalogError as exc:
        code = EXIT_INVALID if isinstance(exc, ValueError) else EXIT_FAILED
        raise CliError(str(exc), code) from None


def cmd_mandants_add(ctx: Context, args: argparse.Namespace) -> int:
    _change_catalog(ctx, lambda c: c.add_mandant(args.name, args.datev_berater, args.datev_mandant))
    return EXIT_OK


def cmd_mandants_rename(ctx: Context, args: argparse.Namespace) -> int:
    def rename(catalog) -> None:
        current = catalog.mandant(args.old)
        catalog.update_mandant(args.old, args.new, current.datev_berater, current.datev_mandant)

    _change_catalog(ctx, rename)
    print(f"renamed Mandant {args.old!r} to {args.new.strip()!r}", file=sys.stderr)
    return EXIT_OK


def cmd_mandants_set(ctx: Context, args: argparse.Namespace) -> int:
    if args.datev_berater is None and args.datev_mandant is None:
        raise CliError("nothing to change: give --datev-berater or --datev-mandant", EXIT_USAGE)

    def change(catalog) -> None:
        current = catalog.mandant(args.name)
        catalog.update_mandant(
            current.name,
            current.name,
            _number(args.datev_berater, current.datev_berater),
            _number(args.datev_mandant, current.datev_mandant),
        )

    _change_catalog(ctx, change)
    return EXIT_OK


def cmd_mandants_delete(ctx: Context, args: argparse.Namespace) -> int:
    return _delete(ctx, lambda c: c.delete_mandant(args.name), f"Mandant {args.name.strip()!r}")


def cmd_mandants_list(ctx: Context, args: argparse.Namespace) -> int:
    mandants = ctx.catalogue.mandants()
    return _list(args.json, [m.__dict__ for m in mandants], [m.name for m in mandants])


def cmd_branches_add(ctx: Context, args: argparse.Namespace) -> int:
    _change_catalog(ctx, lambda c: c.add_branch(args.name))
    return EXIT_OK


def cmd_branches_rename(ctx: Context, args: argparse.Namespace) -> int:
    _change_catalog(ctx, lambda c: c.rename_branch(args.old, args.new))
    old, new = args.old.strip(), args.new.strip()
    print(f"renamed branch {old!r} to {new!r}", file=sys.stderr)
    # A computer's own branch is a name kept outside the database; it does not follow.
    print(
        f"note: computers set up for branch {old!r} (serve --branch, DESKTOP_APP_BRANCH or "
        "their workstation/branch setting) must be set to the new name",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_branches_delete(ctx: Context, args: argparse.Namespace) -> int:
    return _delete(ctx, lambda c: c.delete_branch(args.name), f"branch {args.name.strip()!r}")


def cmd_branches_list(ctx: Context, args: argparse.Namespace) -> int:
    names = ctx.catalogue.branch_names()
    return _list(args.json, names, names)


def _delete(ctx: Context, delete: Callable[[Any], object], what: str) -> int:
    _change_catalog(ctx, delete)
    print(f"deleted {what}", file=sys.stderr)
    return EXIT_OK


def _list(as_json: bool, rows: list, names: list[str]) -> int:
    """``rows`` as JSON, else one name a line."""
    if as_json:
        print_json(rows)
    else:
        for name in names:
            print(name)
    return EXIT_OK
