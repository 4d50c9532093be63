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
    file_argument,
    invalid,
    password_from_stdin,
    print_json,
    read_file,
    stored_interface,
)
from .texts import language, said, translate


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    interfaces = commands.add_parser(
        "interfaces",
        help=translate("CliInterfaces", "list, export, import and delete interfaces"),
    )
    isub = interfaces.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = isub.add_parser(
        "list", parents=[common], help=translate("CliInterfaces", "list the interfaces")
    )
    p.add_argument(
        "--workstation-only",
        action="store_true",
        help=translate("CliInterfaces", "only those bound to one computer"),
    )
    p.add_argument(
        "--json", action="store_true", help=translate("CliInterfaces", "print JSON for scripts")
    )
    p.set_defaults(handler=cmd_list)
    p = isub.add_parser(
        "export",
        parents=[common],
        help=translate("CliInterfaces", "print one interface as JSON (without its password)"),
    )
    p.add_argument("name", help=translate("CliInterfaces", "the interface's name"))
    p.set_defaults(handler=cmd_export)
    p = isub.add_parser(
        "import",
        parents=[common],
        help=translate(
            "CliInterfaces",
            "create an interface from a JSON file, or update the one of the same name",
        ),
    )
    p.add_argument("file", type=file_argument, help=translate("CliInterfaces", "the JSON file"))
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=translate("CliInterfaces", "read the FTP password from standard input"),
    )
    p.set_defaults(handler=cmd_import)
    p = isub.add_parser(
        "set-password",
        parents=[common],
        help=translate("CliInterfaces", "store the FTP password in this computer's keyring"),
        description=translate(
            "CliInterfaces",
            "Store the interface's FTP password in this computer's keyring. It becomes a "
            "new version: only this computer holds it; computers that stored an earlier one "
            "show it as outdated and no longer run the interface.",
        ),
    )
    p.add_argument("name", help=translate("CliInterfaces", "the interface's name"))
    p.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help=translate("CliInterfaces", "read the password from standard input (required)"),
    )
    p.set_defaults(handler=cmd_set_password)
    p = isub.add_parser(
        "delete", parents=[common], help=translate("CliInterfaces", "delete an interface")
    )
    p.add_argument("name", help=translate("CliInterfaces", "the interface's name"))
    p.set_defaults(handler=cmd_delete)


def _problems_error(problems) -> CliError:
    return invalid(
        translate("CliInterfaces", "The interface is invalid; nothing was saved"), problems
    )


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.interface_json import to_json

    rows = []
    shown = []
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
        shown.append(s)
    if args.json:
        print_json(rows)
    else:
        for row, settings in zip(rows, shown, strict=True):
            print(_list_line(row, settings))
    return EXIT_OK


def _list_line(row: dict[str, Any], settings) -> str:
    """One interface as a tab-separated row, its schedule in the chosen language."""
    when = settings.interval.describe_de() if language() == "de" else row["interval_text"]
    if row["run_time"]:
        when = translate("CliInterfaces", "{interval}, at {time}").format(
            interval=when, time=row["run_time"]
        )
    fields = [row["name"], row["branch"] or "-", row["workstation"] or "-"]
    fields += [str(row["import_format"]), when]
    if not row["enabled"]:
        fields.append(translate("CliInterfaces", "(disabled)"))
    return "\t".join(fields)


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.interface_json import to_json

    print_json(to_json(stored_interface(ctx, args.name).settings))
    return EXIT_OK


def _read_json(path: Path) -> Any:
    from ..domain.json_text import JsonUnreadable, parse_json

    try:
        return parse_json(read_file(path), "eine Schnittstellendatei", "an interface file")
    except JsonUnreadable as exc:
        raise CliError(f"{path}: {said(exc)}", EXIT_INVALID) from None


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
    # Read before saving: a failed read afterwards would call a saved interface a failure.
    others = [s.settings for s in editor.interfaces() if s.settings.name != original_name]
    password: Any = KEEP_PASSWORD
    if args.password_stdin:
        password = password_from_stdin()
    try:
        saved = editor.save(settings, original_name=original_name, password=password)
    except ValidationError as exc:
        raise _problems_error(exc.problems) from None
    except SecretStoreError as exc:
        raise CliError(
            translate(
                "CliInterfaces", "The password was not stored and nothing was saved: {reason}"
            ).format(reason=said(exc.without_action()))
        ) from None
    done = (
        translate("CliInterfaces", "Updated interface '{name}'.")
        if existing
        else translate("CliInterfaces", "Created interface '{name}'.")
    )
    print(done.format(name=name), file=sys.stderr)
    _warn_of_dropped_pattern(settings)
    _warn_of_shared_folder(saved.settings, others)
    return EXIT_OK


def _warn_of_dropped_pattern(settings) -> None:
    """Saved without the pattern its Importart never reads, as the form saves it."""
    from ..domain.validation import pattern_not_kept

    warning = pattern_not_kept(settings)
    if warning is not None:
        hint = warning.text(language())
        print(translate("CliInterfaces", "Warning: {hint}").format(hint=hint), file=sys.stderr)


def _warn_of_shared_folder(settings, others) -> None:
    """The form's warning beside Verzeichnis, on stderr: saved all the same, since two
    Mandanten may read one folder with other Dateinamen."""
    from ..domain.shared_folders import shared_folder_warning

    warning = shared_folder_warning(settings, others)
    if warning is not None:
        text = warning.text(language())
        print(translate("CliInterfaces", "Warning: {hint}").format(hint=text), file=sys.stderr)


def cmd_set_password(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.validation import ValidationError
    from ..store.errors import InterfaceNotFound, SecretStoreError

    editor = ctx.editor
    stored_interface(ctx, args.name)  # an unknown name before anything is read
    password = password_from_stdin()
    try:
        editor.set_password(args.name, password)
    except ValidationError as exc:
        raise invalid(
            translate("CliInterfaces", "The password is invalid; nothing was stored"),
            exc.problems,
        ) from None
    except InterfaceNotFound as exc:
        raise CliError(said(exc)) from None
    except SecretStoreError as exc:
        raise CliError(
            translate("CliInterfaces", "The password was not stored: {reason}").format(
                reason=said(exc.without_action())
            )
        ) from None
    print(
        translate(
            "CliInterfaces",
            "Stored the password of '{name}' on {computer}. Computers that hold an "
            "earlier password no longer run this interface.",
        ).format(name=args.name, computer=editor.computer),
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    from ..store.errors import InterfaceNotFound

    try:
        ctx.editor.delete(args.name)
    except InterfaceNotFound as exc:
        raise CliError(said(exc)) from None
    print(
        translate("CliInterfaces", "Deleted interface '{name}'.").format(name=args.name),
        file=sys.stderr,
    )
    return EXIT_OK
