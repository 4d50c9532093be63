"""``interfaces list|export|import|set-password|delete``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import (
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    invalid,
    password_from_stdin,
    print_json,
    stored_interface,
)


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    interfaces = commands.add_parser("interfaces", help="list, export, import, delete interfaces")
    isub = interfaces.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = isub.add_parser("list", parents=[common], help="list interfaces")
    p.add_argument("--workstation-only", action="store_true", help="only workstation-bound ones")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = isub.add_parser("export", parents=[common], help="print one interface as JSON")
    p.add_argument("name")
    p.set_defaults(handler=cmd_export)
    p = isub.add_parser("import", parents=[common], help="create or update from a JSON file")
    p.add_argument("file", type=Path)
    p.add_argument("--password-stdin", action="store_true", help="read the FTP password from stdin")
    p.set_defaults(handler=cmd_import)
    p = isub.add_parser(
        "set-password",
        parents=[common],
        help="store the FTP password in this computer's keyring",
        description="Store the interface's FTP password in this computer's keyring. It "
        "becomes a new version: only this computer holds it; computers that stored an "
        "earlier one show it as outdated and no longer run the interface.",
    )
    p.add_argument("name")
    p.add_argument(
        "--password-stdin", action="store_true", required=True, help="read it from stdin"
    )
    p.set_defaults(handler=cmd_set_password)
    p = isub.add_parser("delete", parents=[common], help="delete an interface")
    p.add_argument("name")
    p.set_defaults(handler=cmd_delete)


def _problems_error(problems) -> CliError:
    return invalid("invalid interface, nothing saved", problems)


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.interface_json import to_json

    rows = []
    for stored in ctx.editor.interfaces():
        s = stored.settings
        if args.workstation_only and not s.workstation_bound:
            continue
        rows.append(
            {
                "name": s.name,
                "enabled": s.enabled,
                "branch": s.branch,
                "workstation": s.workstation,
                "import_format": s.import_format.value if s.import_format else None,
                "interval": to_json(s)["interval"],
                "interval_text": s.interval.describe_en(),
                "run_time": s.run_time.strftime("%H:%M") if s.run_time else None,
            }
        )
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            at = f" at {row['run_time']}" if row["run_time"] else ""
            print(
                f"{row['name']}\t{row['branch'] or '-'}\t{row['workstation'] or '-'}\t"
                f"{row['import_format']}\t{row['interval_text']}{at}"
                + ("" if row["enabled"] else "\t(disabled)")
            )
    return EXIT_OK


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.interface_json import to_json

    print_json(to_json(stored_interface(ctx, args.name).settings))
    return EXIT_OK


def _read_json(path: Path) -> Any:
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{path} is not UTF-8 text (byte {exc.start + 1} cannot be read)", EXIT_INVALID
        ) from None
    except RecursionError:
        raise CliError(
            f"{path}: the JSON is nested too deeply for an interface file", EXIT_INVALID
        ) from None
    except ValueError as exc:  # JSONDecodeError, or a number of more than 4300 digits
        raise CliError(f"{path} is not valid JSON: {exc}", EXIT_INVALID) from None


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.interface_json import from_json
    from ..domain.text_rules import NAME_MAX, text_problem
    from ..domain.validation import ValidationError
    from ..jobs.interface_edit import KEEP_PASSWORD
    from ..store.errors import SecretStoreError

    settings, problems = from_json(_read_json(args.file))
    editor = ctx.editor
    name = settings.name.strip()
    # A name that breaks the rules names no stored interface; validation says what is wrong.
    usable = name and text_problem(name, NAME_MAX) is None
    existing = editor.find(name) if usable else None
    original_name = existing.settings.name if existing else None
    # A field the file got wrong is reported once, as read (not again as "missing").
    read_wrong = {p.field for p in problems}
    checked = editor.problems(settings, original_name)
    problems += [p for p in checked if p.field not in read_wrong]
    if problems:
        raise _problems_error(problems)
    password: Any = KEEP_PASSWORD
    if args.password_stdin:
        password = password_from_stdin()
    try:
        editor.save(settings, original_name=original_name, password=password)
    except ValidationError as exc:
        raise _problems_error(exc.problems) from None
    except SecretStoreError as exc:
        raise CliError(f"password not stored, nothing saved: {exc}") from None
    verb = "updated" if existing else "created"
    print(f"{verb} interface {settings.name.strip()!r}", file=sys.stderr)
    return EXIT_OK


def cmd_set_password(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.validation import ValidationError
    from ..store.errors import InterfaceNotFound, SecretStoreError

    editor = ctx.editor
    stored_interface(ctx, args.name)  # an unknown name before anything is read
    password = password_from_stdin()
    try:
        editor.set_password(args.name, password)
    except ValidationError as exc:
        raise invalid("invalid password, nothing stored", exc.problems) from None
    except InterfaceNotFound as exc:
        raise CliError(str(exc)) from None
    except SecretStoreError as exc:
        raise CliError(f"password not stored: {exc}") from None
    print(
        f"stored the password of {args.name!r} on {editor.computer}; "
        "computers holding an earlier one no longer run it",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    from ..store.errors import InterfaceNotFound

    try:
        ctx.editor.delete(args.name)
    except InterfaceNotFound as exc:
        raise CliError(str(exc)) from None
    print(f"deleted interface {args.name!r}", file=sys.stderr)
    return EXIT_OK
