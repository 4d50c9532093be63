"""``users add|list|unlock``: the accounts of the desktop program."""

from __future__ import annotations

import argparse
import sys

from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Context,
    password_from_stdin,
    print_json,
)


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    users = commands.add_parser("users", help="user accounts of the desktop program")
    usub = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = usub.add_parser("add", parents=[common], help="add a user (Mitarbeiter unless --admin)")
    p.add_argument("name")
    p.add_argument("--admin", action="store_true", help="in the group Administratoren")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(handler=cmd_add)
    p = usub.add_parser("list", parents=[common], help="list users (names and groups only)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = usub.add_parser(
        "unlock", parents=[common], help="lift the lock after too many wrong passwords"
    )
    p.add_argument("name")
    p.set_defaults(handler=cmd_unlock)


def _accounts(ctx: Context):
    return ctx.backend.user_accounts(ctx.change_audit)


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.users import Group
    from ..store.errors import UserError

    if not args.password_stdin:
        raise CliError(
            "--password-stdin is required: a password is never taken from the command line",
            EXIT_USAGE,
        )
    password = password_from_stdin()
    group = Group.ADMINISTRATORS if args.admin else Group.STAFF
    try:
        user = _accounts(ctx).add(args.name, password, group)
    except UserError as exc:
        # The German text names the rule that failed (never the password itself).
        raise CliError(f"user not created: {exc.message_de}", EXIT_INVALID) from None
    print(f"created user {user.name!r} ({user.group.label_de})", file=sys.stderr)
    return EXIT_OK


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    users, locks = _accounts(ctx).with_locks()

    def locked(user) -> str | None:
        until = locks.get(user.id)
        return until.isoformat(timespec="seconds") if until else None

    if args.json:
        print_json(
            [
                {
                    "name": u.name,
                    "group": u.group.value,
                    "enabled": u.enabled,
                    "locked_until": locked(u),
                }
                for u in users
            ]
        )
    else:
        for u in users:
            until = locks.get(u.id)
            print(
                f"{u.name}\t{u.group.label_de}"
                + ("" if u.enabled else "\t(disabled)")
                + (f"\t(locked until {until.astimezone():%H:%M:%S})" if until else "")
            )
    return EXIT_OK


def cmd_unlock(ctx: Context, args: argparse.Namespace) -> int:
    from ..store.errors import UserError

    try:
        user, was_locked = _accounts(ctx).unlock(args.name)
    except UserError as exc:
        raise CliError(str(exc)) from None
    print(
        f"unlocked user {user.name!r}" if was_locked else f"user {user.name!r} was not locked",
        file=sys.stderr,
    )
    return EXIT_OK
