"""``mandants add|list|rename|set|delete`` and ``branches add|list|rename|delete``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .common import EXIT_FAILED, EXIT_INVALID, EXIT_OK, EXIT_USAGE, CliError, Context, print_json
from .texts import said, translate

# ``mandants set --no-datev-berater``: remove the number (None means "leave it").
NO_NUMBER = object()


def add_mandants(commands, common: argparse.ArgumentParser) -> None:
    mandants = commands.add_parser(
        "mandants", help=translate("CliCatalog", "the accounting's clients (Mandanten)")
    )
    msub = mandants.add_subparsers(dest="action", metavar="ACTION", required=True)
    summary = translate("CliCatalog", "add a client")
    p = _action(msub, common, "add", summary, cmd_mandants_add, "name")
    p.add_argument("--datev-berater", type=int, metavar="N", help=_datev_help(berater=True))
    p.add_argument("--datev-mandant", type=int, metavar="N", help=_datev_help(berater=False))
    p = _action(
        msub, common, "list", translate("CliCatalog", "list the clients"), cmd_mandants_list
    )
    _json_option(p)
    summary = translate("CliCatalog", "rename a client (its DATEV numbers stay)")
    _action(msub, common, "rename", summary, cmd_mandants_rename, "old", "new")
    summary = translate("CliCatalog", "change or remove a client's DATEV numbers")
    p = _action(msub, common, "set", summary, cmd_mandants_set, "name")
    for berater in (True, False):
        option = "berater" if berater else "mandant"
        numbers = p.add_mutually_exclusive_group()
        numbers.add_argument(
            f"--datev-{option}", type=int, metavar="N", help=_datev_help(berater=berater)
        )
        numbers.add_argument(
            f"--no-datev-{option}",
            dest=f"datev_{option}",
            action="store_const",
            const=NO_NUMBER,
            help=_datev_help(berater=berater, remove=True),
        )
    summary = translate("CliCatalog", "delete a client that nothing uses")
    _action(msub, common, "delete", summary, cmd_mandants_delete, "name")


def _datev_help(*, berater: bool, remove: bool = False) -> str:
    if berater:
        if remove:
            return translate("CliCatalog", "remove the DATEV adviser number (Beraternummer)")
        return translate("CliCatalog", "the DATEV adviser number (Beraternummer), 1001 to 9999999")
    if remove:
        return translate("CliCatalog", "remove the DATEV client number (Mandantennummer)")
    return translate("CliCatalog", "the DATEV client number (Mandantennummer), 1 to 99999")


def _json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--json", action="store_true", help=translate("CliCatalog", "print the list as JSON")
    )


def add_branches(commands, common: argparse.ArgumentParser) -> None:
    branches = commands.add_parser(
        "branches", help=translate("CliCatalog", "the chain's branches (Filialen)")
    )
    bsub = branches.add_subparsers(dest="action", metavar="ACTION", required=True)
    _action(bsub, common, "add", translate("CliCatalog", "add a branch"), cmd_branches_add, "name")
    p = _action(
        bsub, common, "list", translate("CliCatalog", "list the branches"), cmd_branches_list
    )
    _json_option(p)
    summary = translate("CliCatalog", "rename a branch")
    _action(bsub, common, "rename", summary, cmd_branches_rename, "old", "new")
    summary = translate("CliCatalog", "delete a branch that nothing uses")
    _action(bsub, common, "delete", summary, cmd_branches_delete, "name")


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
        raise CliError(said(exc), code) from None


def cmd_mandants_add(ctx: Context, args: argparse.Namespace) -> int:
    _change_catalog(ctx, lambda c: c.add_mandant(args.name, args.datev_berater, args.datev_mandant))
    created = translate("CliCatalog", "Created client “{name}”.")
    print(created.format(name=args.name.strip()), file=sys.stderr)
    return EXIT_OK


def cmd_mandants_rename(ctx: Context, args: argparse.Namespace) -> int:
    def rename(catalog) -> None:
        current = catalog.mandant(args.old)
        catalog.update_mandant(args.old, args.new, current.datev_berater, current.datev_mandant)

    _change_catalog(ctx, rename)
    print(
        translate("CliCatalog", "Client “{old}” renamed to “{new}”.").format(
            old=args.old.strip(), new=args.new.strip()
        ),
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_mandants_set(ctx: Context, args: argparse.Namespace) -> int:
    if args.datev_berater is None and args.datev_mandant is None:
        raise CliError(
            translate(
                "CliCatalog",
                "Nothing to change: give --datev-berater or --datev-mandant with a number, "
                "or --no-datev-berater or --no-datev-mandant to remove one.",
            ),
            EXIT_USAGE,
        )

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
    _change_catalog(ctx, lambda c: c.delete_mandant(args.name))
    deleted = translate("CliCatalog", "Client “{name}” deleted.")
    print(deleted.format(name=args.name.strip()), file=sys.stderr)
    return EXIT_OK


def cmd_mandants_list(ctx: Context, args: argparse.Namespace) -> int:
    mandants = ctx.catalogue.mandants()
    return _list(args.json, [m.__dict__ for m in mandants], [m.name for m in mandants])


def cmd_branches_add(ctx: Context, args: argparse.Namespace) -> int:
    _change_catalog(ctx, lambda c: c.add_branch(args.name))
    created = translate("CliCatalog", "Created branch “{name}”.")
    print(created.format(name=args.name.strip()), file=sys.stderr)
    return EXIT_OK


def cmd_branches_rename(ctx: Context, args: argparse.Namespace) -> int:
    _change_catalog(ctx, lambda c: c.rename_branch(args.old, args.new))
    old, new = args.old.strip(), args.new.strip()
    renamed = translate("CliCatalog", "Branch “{old}” renamed to “{new}”.")
    print(renamed.format(old=old, new=new), file=sys.stderr)
    # A computer's own branch is a name kept outside the database; it does not follow.
    note = translate(
        "CliCatalog",
        "Note: computers set up for the branch “{old}” (serve --branch, DESKTOP_APP_BRANCH or "
        "“Branch of this computer” in the program) keep the old name; set them to “{new}”.",
    )
    print(note.format(old=old, new=new), file=sys.stderr)
    return EXIT_OK


def cmd_branches_delete(ctx: Context, args: argparse.Namespace) -> int:
    _change_catalog(ctx, lambda c: c.delete_branch(args.name))
    deleted = translate("CliCatalog", "Branch “{name}” deleted.")
    print(deleted.format(name=args.name.strip()), file=sys.stderr)
    return EXIT_OK


def cmd_branches_list(ctx: Context, args: argparse.Namespace) -> int:
    names = ctx.catalogue.branch_names()
    return _list(args.json, names, names)


def _list(as_json: bool, rows: list, names: list[str]) -> int:
    """``rows`` as JSON, else one name a line."""
    if as_json:
        print_json(rows)
    else:
        for name in names:
            print(name)
    return EXIT_OK
