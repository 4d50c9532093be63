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
from .texts import said, translate


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    users = commands.add_parser(
        "users", help=translate("CliUsers", "user accounts of the desktop program")
    )
    usub = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = usub.add_parser(
        "add",
        parents=[common],
        help=translate("CliUsers", "add a user (to the group Staff unless --admin is given)"),
    )
    p.add_argument("name", help=translate("CliUsers", "the user name"))
    p.add_argument(
        "--admin",
        action="store_true",
        help=translate("CliUsers", "put the user in the group Administrators"),
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=translate("CliUsers", "read the password from standard input (required)"),
    )
    p.set_defaults(handler=cmd_add)
    p = usub.add_parser(
        "list",
        parents=[common],
        help=translate("CliUsers", "list the users (names and groups only)"),
    )
    p.add_argument(
        "--json", action="store_true", help=translate("CliUsers", "print JSON for scripts")
    )
    p.set_defaults(handler=cmd_list)
    p = usub.add_parser(
        "unlock",
        parents=[common],
        help=translate("CliUsers", "lift the lock after too many wrong passwords"),
    )
    p.add_argument("name", help=translate("CliUsers", "the user name"))
    p.set_defaults(handler=cmd_unlock)


def _accounts(ctx: Context):
    return ctx.backend.user_accounts(ctx.change_audit)


def _group_text(group) -> str:
    from ..domain.users import Group

    if group is Group.ADMINISTRATORS:
        return translate("CliUsers", "Administrators")
    return translate("CliUsers", "Staff")


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.users import Group
    from ..store.errors import UserError

    if not args.password_stdin:
        raise CliError(
            translate(
                "CliUsers",
                "--password-stdin is required: a password is never taken from the command "
                "line. Pass it on standard input.",
            ),
            EXIT_USAGE,
        )
    password = password_from_stdin()
    group = Group.ADMINISTRATORS if args.admin else Group.STAFF
    try:
        user = _accounts(ctx).add(args.name, password, group)
    except UserError as exc:
        # The message names the rule that failed (never the password itself).
        raise CliError(
            translate("CliUsers", "The user was not created: {reason}").format(reason=said(exc)),
            EXIT_INVALID,
        ) from None
    print(
        translate("CliUsers", "Created user '{name}' ({group}).").format(
            name=user.name, group=_group_text(user.group)
        ),
        file=sys.stderr,
    )
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
        return EXIT_OK
    for u in users:
        fields = [u.name, _group_text(u.group)]
        if not u.enabled:
            fields.append(translate("CliUsers", "(disabled)"))
        until = locks.get(u.id)
        if until:
            at = f"{until.astimezone():%H:%M:%S}"
            fields.append(translate("CliUsers", "(locked until {time})").format(time=at))
        print("\t".join(fields))
    return EXIT_OK


def cmd_unlock(ctx: Context, args: argparse.Namespace) -> int:
    from ..store.errors import UserError

    try:
        user, was_locked = _accounts(ctx).unlock(args.name)
    except UserError as exc:
        raise CliError(said(exc)) from None
    done = (
        translate("CliUsers", "Unlocked user '{name}'; they may log in again.")
        if was_locked
        else translate("CliUsers", "User '{name}' was not locked.")
    )
    print(done.format(name=user.name), file=sys.stderr)
    return EXIT_OK
