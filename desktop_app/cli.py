"""The command line: the same jobs as the GUI, for servers and scripts.

Exit codes: 0 success, 1 failure (message on stderr), 2 wrong usage, 3 invalid input
(every problem listed on stderr, nothing saved). Messages are English; ``--json`` output is
for programs. No command ever prints a secret.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from .config import AppPaths, DataDirError, resolve_paths

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INVALID = 3


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="database, logs and settings (default: the user data directory; "
        "env DESKTOP_APP_DATA_DIR)",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="SQLAlchemy database URL (default: SQLite in the data directory; env DESKTOP_APP_DB)",
    )
    parser.add_argument(
        "--lang", choices=("de", "en"), default=default, help="language of the user interface"
    )


def _run_count(text: str) -> int:
    """``history --limit``: a count of runs the database can take."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError("must be between 1 and 10000")
    return value


class _NotAPlainStart(Exception):
    """The arguments are more than the program start's options (see ``main``)."""


class _StartParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotAPlainStart(message)  # the full parser reports it, with the full usage


def _start_options(argv: list[str]) -> argparse.Namespace | None:
    """The options of a plain program start, or None if ``argv`` names a command (or is
    wrong or asks for help): then the full parser takes over. Starting the program so
    needs neither the command parsers nor the domain modules their choices come from,
    which saves time before the window shows (issue 7)."""
    parser = _StartParser(add_help=False)
    _global_options(parser, suppress=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotAPlainStart:
        return None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    from .domain.interface import ImportFormat, SettleUntil
    from .domain.smtp_settings import SmtpSecurity

    parser = argparse.ArgumentParser(
        prog="desktop-app",
        description="Buchhaltungsimport per FTP. Without a command: start the program.",
    )
    _global_options(parser, suppress=False)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="try the program: a temporary ledger, a local FTP server with sample files",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start the program offscreen, open the main window and exit (checks a bundle)",
    )
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    interfaces = commands.add_parser("interfaces", help="list, export, import, delete interfaces")
    isub = interfaces.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = isub.add_parser("list", parents=[common], help="list interfaces")
    p.add_argument("--workstation-only", action="store_true", help="only workstation-bound ones")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_interfaces_list)
    p = isub.add_parser("export", parents=[common], help="print one interface as JSON")
    p.add_argument("name")
    p.set_defaults(handler=cmd_interfaces_export)
    p = isub.add_parser("import", parents=[common], help="create or update from a JSON file")
    p.add_argument("file", type=Path)
    p.add_argument("--password-stdin", action="store_true", help="read the FTP password from stdin")
    p.set_defaults(handler=cmd_interfaces_import)
    p = isub.add_parser("delete", parents=[common], help="delete an interface")
    p.add_argument("name")
    p.set_defaults(handler=cmd_interfaces_delete)

    mandants = commands.add_parser("mandants", help="accounting clients (Mandanten)")
    msub = mandants.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = msub.add_parser("add", parents=[common], help="add a Mandant")
    p.add_argument("name")
    p.add_argument("--datev-berater", type=int, metavar="N")
    p.add_argument("--datev-mandant", type=int, metavar="N")
    p.set_defaults(handler=cmd_mandants_add)
    p = msub.add_parser("list", parents=[common], help="list Mandanten")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_mandants_list)
    p = msub.add_parser("rename", parents=[common], help="rename a Mandant")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(handler=cmd_mandants_rename)
    p = msub.add_parser("set", parents=[common], help="change a Mandant's DATEV numbers")
    p.add_argument("name")
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
    p.set_defaults(handler=cmd_mandants_set)
    p = msub.add_parser("delete", parents=[common], help="delete an unused Mandant")
    p.add_argument("name")
    p.set_defaults(handler=cmd_mandants_delete)

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

    p = commands.add_parser("run", parents=[common], help="run one interface now")
    p.add_argument("name")
    p.add_argument("--dry-run", action="store_true", help="plan only: book and delete nothing")
    p.add_argument(
        "--force",
        action="store_true",
        help="run even outside 06:00-22:00, when maintenance work may run",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_run)

    p = commands.add_parser("serve", parents=[common], help="run the schedule without a GUI")
    p.add_argument(
        "--branch",
        default=None,
        metavar="FILIALE",
        help="this computer's branch: interfaces of other branches do not run here "
        "(env DESKTOP_APP_BRANCH)",
    )
    p.set_defaults(handler=cmd_serve)

    p = commands.add_parser(
        "test-ftp", parents=[common], help="test an interface's server: every step of a run"
    )
    p.add_argument("name")
    p.add_argument("--trust", metavar="SHA256", help="trust this certificate/host key, then test")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds per step (default 15)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_test_ftp)

    p = commands.add_parser("test-mail", parents=[common], help="send a test e-mail")
    p.add_argument("name", help="the interface whose E-Mail address gets the message")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_test_mail)

    smtp = commands.add_parser("smtp", help="the SMTP server for failure reports")
    ssub = smtp.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ssub.add_parser("set", parents=[common], help="set up the SMTP server")
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--security", choices=[s.value for s in SmtpSecurity], default="starttls")
    p.add_argument("--user", default="")
    p.add_argument("--sender", required=True, help="the From address of reports")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(handler=cmd_smtp_set)
    p = ssub.add_parser("show", parents=[common], help="print the SMTP settings (no password)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_smtp_show)

    p = commands.add_parser("history", parents=[common], help="past runs of an interface")
    p.add_argument("name")
    p.add_argument("--limit", type=_run_count, default=50, help="at most this many runs (1-10000)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)

    invoices = commands.add_parser("invoices", help="the invoice ledger")
    vsub = invoices.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = vsub.add_parser("import", parents=[common], help="load or refresh invoices from CSV")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_invoices_import)
    p = vsub.add_parser("list", parents=[common], help="list invoices")
    p.add_argument("--open", action="store_true", help="only open invoices")
    p.add_argument("--mandant", action="append", default=[], metavar="M")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_invoices_list)

    users = commands.add_parser("users", help="user accounts of the desktop program")
    usub = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = usub.add_parser("add", parents=[common], help="add a user (Mitarbeiter unless --admin)")
    p.add_argument("name")
    p.add_argument("--admin", action="store_true", help="in the group Administratoren")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(handler=cmd_users_add)
    p = usub.add_parser("list", parents=[common], help="list users (names and groups only)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_users_list)
    p = usub.add_parser(
        "unlock", parents=[common], help="lift the lock after too many wrong passwords"
    )
    p.add_argument("name")
    p.set_defaults(handler=cmd_users_unlock)

    branches = commands.add_parser("branches", help="branches (Filialen)")
    bsub = branches.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = bsub.add_parser("add", parents=[common], help="add a branch")
    p.add_argument("name")
    p.set_defaults(handler=cmd_branches_add)
    p = bsub.add_parser("list", parents=[common], help="list branches")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_branches_list)
    p = bsub.add_parser("rename", parents=[common], help="rename a branch")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(handler=cmd_branches_rename)
    p = bsub.add_parser("delete", parents=[common], help="delete an unused branch")
    p.add_argument("name")
    p.set_defaults(handler=cmd_branches_delete)
    from .cli_cases import register as register_cases

    register_cases(commands, common)
    return parser


class Context:
    """What a command needs, opened lazily so `--help` never touches the database."""

    def __init__(self, paths: AppPaths):
        self.paths = paths
        self._db = None

    @property
    def db(self):
        if self._db is None:
            from .store.db import Database
            from .store.db_errors import DatabaseError, InvalidDatabaseUrl

            try:
                self._db = Database(self.paths.db_url)
            except InvalidDatabaseUrl as exc:
                raise CliError(str(exc), EXIT_USAGE) from None
            except DatabaseError as exc:
                raise CliError(str(exc)) from None
        return self._db

    @property
    def repository(self):
        from .store.interfaces import InterfaceRepository

        return InterfaceRepository(self.db)

    @property
    def catalog(self):
        from .store.catalog import Catalog

        return Catalog(self.db)

    @property
    def editor(self):
        from .store.secrets import SecretStore

        return self.editor_for(SecretStore())

    def editor_for(self, secrets):
        from .jobs.change_audit import AuditedInterfaceEditor

        return AuditedInterfaceEditor(self.repository, secrets, self.change_audit)

    @property
    def change_audit(self):
        """Commands need no login; they act as the operating-system account (os:<name>)."""
        from .jobs.change_audit import Actor, ChangeAudit
        from .store.audit import AuditLog

        return ChangeAudit(AuditLog(self.db), Actor.of(None))

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def _print_json(value: Any) -> None:
    import json  # here, not at the top: the program start has no use for it

    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _invalid(title: str, problems) -> CliError:
    lines = [f"  {p.field or '(file)'}: {p.message_en}" for p in problems]
    return CliError(f"{title}:\n" + "\n".join(lines), EXIT_INVALID)


def _problems_error(problems) -> CliError:
    return _invalid("invalid interface, nothing saved", problems)


def _password_from_stdin() -> str:
    """The first line of stdin as a password: UTF-8 text, without its line end."""
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.readline() if stream is not None else sys.stdin.readline().encode()
    try:
        password = raw.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"--password-stdin: the password is not UTF-8 text (byte {exc.start + 1} cannot "
            "be read); save it as UTF-8 and try again, nothing saved",
            EXIT_INVALID,
        ) from None
    if not password:
        raise CliError("--password-stdin given but stdin held no password", EXIT_INVALID)
    return password


def cmd_interfaces_list(ctx: Context, args: argparse.Namespace) -> int:
    from .domain.interface_json import to_json

    rows = []
    for stored in ctx.repository.list():
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
        _print_json(rows)
    else:
        for row in rows:
            at = f" at {row['run_time']}" if row["run_time"] else ""
            print(
                f"{row['name']}\t{row['branch'] or '-'}\t{row['workstation'] or '-'}\t"
                f"{row['import_format']}\t{row['interval_text']}{at}"
                + ("" if row["enabled"] else "\t(disabled)")
            )
    return EXIT_OK


def cmd_interfaces_export(ctx: Context, args: argparse.Namespace) -> int:
    from .domain.interface_json import to_json
    from .store.interfaces import InterfaceNotFound

    try:
        stored = ctx.repository.get(args.name)
    except InterfaceNotFound as exc:
        raise CliError(str(exc)) from None
    _print_json(to_json(stored.settings))
    return EXIT_OK


def cmd_interfaces_import(ctx: Context, args: argparse.Namespace) -> int:
    import json

    from .domain.interface_json import from_json
    from .domain.text_rules import NAME_MAX, text_problem
    from .domain.validation import ValidationError
    from .jobs.interface_edit import KEEP_PASSWORD
    from .store.secrets import SecretStoreError

    try:
        data = json.loads(args.file.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{args.file} is not UTF-8 text (byte {exc.start + 1} cannot be read)", EXIT_INVALID
        ) from None
    except RecursionError:
        raise CliError(
            f"{args.file}: the JSON is nested too deeply for an interface file", EXIT_INVALID
        ) from None
    except ValueError as exc:  # JSONDecodeError, or a number of more than 4300 digits
        raise CliError(f"{args.file} is not valid JSON: {exc}", EXIT_INVALID) from None
    settings, problems = from_json(data)
    repository = ctx.repository
    name = settings.name.strip()
    # A name that breaks the rules names no stored interface; validation says what is wrong.
    usable = name and text_problem(name, NAME_MAX) is None
    existing = repository.find(name) if usable else None
    original_name = existing.settings.name if existing else None
    # A field the file got wrong is reported once, as read (not again as "missing").
    read_wrong = {p.field for p in problems}
    checked = repository.problems(settings, original_name)
    problems += [p for p in checked if p.field not in read_wrong]
    if problems:
        raise _problems_error(problems)
    password: Any = KEEP_PASSWORD
    if args.password_stdin:
        password = _password_from_stdin()
    try:
        ctx.editor.save(settings, original_name=original_name, password=password)
    except ValidationError as exc:
        raise _problems_error(exc.problems) from None
    except SecretStoreError as exc:
        raise CliError(f"password not stored, nothing saved: {exc}") from None
    verb = "updated" if existing else "created"
    print(f"{verb} interface {settings.name.strip()!r}", file=sys.stderr)
    return EXIT_OK


def cmd_interfaces_delete(ctx: Context, args: argparse.Namespace) -> int:
    from .store.interfaces import InterfaceNotFound

    try:
        ctx.editor.delete(args.name)
    except InterfaceNotFound as exc:
        raise CliError(str(exc)) from None
    print(f"deleted interface {args.name!r}", file=sys.stderr)
    return EXIT_OK


# ``mandants set --no-datev-berater``: remove the number (None means "leave it").
NO_NUMBER = object()


def _number(given: object, current: int | None) -> int | None:
    if given is None:
        return current
    return given if isinstance(given, int) else None  # NO_NUMBER


def _change_catalog(ctx: Context, change: Callable[[Any], object]) -> None:
    """Run ``change`` on the audited catalogue (changes are audited as os:<account>); a
    wrong name or number is invalid input (3), a missing, taken or used entry a failure."""
    from .jobs.change_audit import AuditedCatalog
    from .store.catalog import CatalogError

    try:
        change(AuditedCatalog(ctx.catalog, ctx.change_audit))
    except CatalogError as exc:
        code = EXIT_INVALID if isinstance(exc, ValueError) else EXIT_FAILED
        raise CliError(str(exc), code) from None


def cmd_mandants_add(ctx: Context, args: argparse.Namespace) -> int:
    _change_catalog(ctx, lambda c: c.add_mandant(args.name, args.datev_berater, args.datev_mandant))
    return EXIT_OK


def cmd_mandants_rename(ctx: Context, args: argparse.Namespace) -> int:
    def rename(catalog) -> None:
        current = catalog.catalog.mandant(args.old)
        catalog.update_mandant(args.old, args.new, current.datev_berater, current.datev_mandant)

    _change_catalog(ctx, rename)
    print(f"renamed Mandant {args.old!r} to {args.new.strip()!r}", file=sys.stderr)
    return EXIT_OK


def cmd_mandants_set(ctx: Context, args: argparse.Namespace) -> int:
    if args.datev_berater is None and args.datev_mandant is None:
        raise CliError("nothing to change: give --datev-berater or --datev-mandant", EXIT_USAGE)

    def change(catalog) -> None:
        current = catalog.catalog.mandant(args.name)
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
    print(f"deleted Mandant {args.name.strip()!r}", file=sys.stderr)
    return EXIT_OK


def cmd_mandants_list(ctx: Context, args: argparse.Namespace) -> int:
    mandants = ctx.catalog.mandants()
    if args.json:
        _print_json([m.__dict__ for m in mandants])
    else:
        for m in mandants:
            print(m.name)
    return EXIT_OK


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
    _change_catalog(ctx, lambda c: c.delete_branch(args.name))
    print(f"deleted branch {args.name.strip()!r}", file=sys.stderr)
    return EXIT_OK


def cmd_users_add(ctx: Context, args: argparse.Namespace) -> int:
    from .domain.users import Group
    from .store.users import UserError, UserRepository

    if not args.password_stdin:
        raise CliError(
            "--password-stdin is required: a password is never taken from the command line",
            EXIT_USAGE,
        )
    password = _password_from_stdin()
    group = Group.ADMINISTRATORS if args.admin else Group.STAFF
    try:
        user = UserRepository(ctx.db).create(args.name, password, group)
    except UserError as exc:
        # The German text names the rule that failed (never the password itself).
        raise CliError(f"user not created: {exc.message_de}", EXIT_INVALID) from None
    ctx.change_audit.user_created(user)
    print(f"created user {user.name!r} ({user.group.label_de})", file=sys.stderr)
    return EXIT_OK


def cmd_users_list(ctx: Context, args: argparse.Namespace) -> int:
    from .store.users import UserRepository

    repository = UserRepository(ctx.db)
    users, locks = repository.list(), repository.locks()

    def locked(user) -> str | None:
        until = locks.get(user.id)
        return until.isoformat(timespec="seconds") if until else None

    if args.json:
        _print_json(
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


def cmd_users_unlock(ctx: Context, args: argparse.Namespace) -> int:
    from .store.users import UserRepository

    repository = UserRepository(ctx.db)
    user = repository.get(args.name)
    if user is None:
        raise CliError(f"no user named {args.name!r}")
    was_locked = repository.unlock(user.id)
    ctx.change_audit.user_unlocked(user.name, was_locked=was_locked)
    print(
        f"unlocked user {user.name!r}" if was_locked else f"user {user.name!r} was not locked",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_branches_list(ctx: Context, args: argparse.Namespace) -> int:
    names = ctx.catalog.branch_names()
    if args.json:
        _print_json(names)
    else:
        for name in names:
            print(name)
    return EXIT_OK


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None


def cmd_invoices_import(ctx: Context, args: argparse.Namespace) -> int:
    from .domain.formats.errors import FormatError
    from .domain.invoice_csv import read_invoices
    from .store.ledger import Ledger

    data = _read_file(args.file)
    try:
        rows = list(read_invoices(data, file_name=args.file.name))
    except FormatError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None
    report = Ledger(ctx.db).import_invoices(rows)
    if args.json:
        _print_json(report.to_json())
    else:
        print(f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged")
        if report.kept:
            print(f"{report.kept} with bookings: their amounts kept")
        for difference in report.differences:
            print(
                f"line {difference.line}: {difference.number}: {difference.field} "
                f"{difference.in_file} in the file, {difference.in_ledger} in the ledger; kept"
            )
        for name in report.new_mandants:
            print(f"new Mandant: {name}")
        for name in report.new_branches:
            print(f"new branch: {name}")
    return EXIT_OK


def _import_guards(ctx: Context, args: argparse.Namespace):
    """The chain's Offene-Posten checks with the command line's changes."""
    from dataclasses import replace

    from .domain.settlement import GuardConfig
    from .domain.validation import guard_problems

    guards = ctx.catalog.chain_options().open_item_guards
    if args.max_share is not None:
        guards = replace(guards, max_share_percent=args.max_share)
    if args.no_share_limit:
        guards = replace(guards, max_share_percent=None)
    if args.allow_empty:
        guards = replace(guards, refuse_empty=False)
    if args.allow_older:
        guards = replace(guards, refuse_older=False)
    problems = guard_problems(guards)
    if problems:
        raise CliError("--max-share: " + problems[0].message_en, EXIT_INVALID)
    return GuardConfig.of(guards)


def cmd_import_file(ctx: Context, args: argparse.Namespace) -> int:
    from datetime import date

    from .domain.booking_policy import FutureBookingNotAllowed, check_booking_date
    from .domain.interface import SettleUntil
    from .domain.validation import invoice_pattern_problems
    from .jobs.change_audit import Actor, ChangeAudit
    from .jobs.guard_override import GuardOverride
    from .jobs.settle_file import ImportOutcome, ImportRequest, SettlementEngine
    from .store.audit import AuditLog

    settle = SettleUntil(args.settle)
    today = date.today()
    try:
        check_booking_date(settle.booking_date(today), today, ctx.catalog.chain_options())
    except FutureBookingNotAllowed as exc:
        raise CliError(f"--settle {settle.value}: {exc}", EXIT_INVALID) from None
    known = set(ctx.catalog.mandant_names())
    unknown = [m for m in args.mandant if m not in known]
    if unknown:
        raise CliError("unknown Mandant: " + ", ".join(unknown), EXIT_INVALID)
    pattern_problems = invoice_pattern_problems(args.invoice_pattern)
    if pattern_problems:
        raise CliError("--invoice-pattern: " + pattern_problems[0].message_en, EXIT_INVALID)
    request = ImportRequest(
        data=_read_file(args.file),
        file_name=args.file.name,
        format_id=args.format_id,
        mandants=tuple(dict.fromkeys(args.mandant)),
        settle_until=settle,
        today=today,
        guards=_import_guards(ctx, args),
        invoice_pattern=args.invoice_pattern,
    )
    engine = SettlementEngine(ctx.db)
    overridden: list[str] = []
    if args.override_guards:
        override = GuardOverride(engine, ChangeAudit(AuditLog(ctx.db), Actor.of(None)))
        result, overridden = override.run(request, dry_run=args.dry_run)
    else:
        result = engine.run(request, dry_run=args.dry_run)
    summary = result.to_json()
    summary["guards_overridden"] = overridden
    if args.json:
        _print_json(summary)
    else:
        verb = "would book" if args.dry_run else "booked"
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
    if result.outcome in (ImportOutcome.REFUSED, ImportOutcome.FAILED):
        return EXIT_FAILED
    return EXIT_OK


def cmd_run(ctx: Context, args: argparse.Namespace) -> int:
    from .jobs.failure_mail import FailureMailer
    from .jobs.run_import import ImportRunner, RunStatus
    from .jobs.scheduler import local_zone
    from .store.interfaces import InterfaceNotFound
    from .store.secrets import SecretStore

    secrets = SecretStore()
    runner = ImportRunner(
        ctx.db, secrets, mailer=FailureMailer(ctx.db, secrets), time_window=local_zone()
    )
    try:
        result = runner.run(args.name, trigger="cli", dry_run=args.dry_run, force=args.force)
    except InterfaceNotFound as exc:
        raise CliError(str(exc)) from None
    if result.error_kind == "outside_window" and not args.json:
        raise CliError(
            f"{args.name!r} not run: it is outside 06:00-22:00, when maintenance work may run; "
            "add --force to run it anyway"
        )
    if args.json:
        _print_json(result.to_json())
    else:
        for f in result.files:
            gone = "deleted" if f.deleted else "kept on server"
            print(
                f"{f.name}: {f.outcome}, {f.booked} booked ({f.booked_amount} EUR), {gone}"
                + (f" - {f.error}" if f.error else "")
            )
        print(
            f"{result.interface}: {result.status.value}"
            + (f" - {result.error}" if result.error else "")
        )
    return EXIT_OK if result.status is RunStatus.OK else EXIT_FAILED


def _stored_interface(ctx: Context, name: str):
    from .store.interfaces import InterfaceNotFound

    try:
        return ctx.repository.get(name)
    except InterfaceNotFound as exc:
        raise CliError(str(exc)) from None


def cmd_test_ftp(ctx: Context, args: argparse.Namespace) -> int:
    from .jobs.connection_test import run_ftp_test
    from .store.secrets import SecretStore, SecretStoreError
    from .transfer.trust import normalise_fingerprint

    stored = _stored_interface(ctx, args.name)
    if args.trust:
        try:
            fingerprint = normalise_fingerprint(args.trust)
        except ValueError as exc:
            raise CliError(f"--trust: {exc}", EXIT_INVALID) from None
        ctx.repository.set_trusted_fingerprint(stored.settings.name, fingerprint)
        stored = ctx.repository.get(stored.settings.name)
    try:
        password = ctx.editor_for(SecretStore()).ftp_password(stored)
    except SecretStoreError as exc:
        raise CliError(f"cannot read the password: {exc}") from None
    result = run_ftp_test(
        stored.settings.ftp, password, stored.trusted_fingerprint, timeout=args.timeout
    )
    if args.json:
        _print_json(result.to_json())
    else:
        for step in result.steps:
            mark = "ok " if step.ok else ("-- " if not step.ran else "ERR")
            print(f"[{mark}] {step.step}: {step.message}")
            if step.fingerprint and not step.ok:
                print(f"      fingerprint: {step.fingerprint}")
    return EXIT_OK if result.ok else EXIT_FAILED


def _smtp_password(ctx: Context, secrets):
    from .store.secrets import SMTP_KEY
    from .store.smtp_store import SmtpStore

    smtp = SmtpStore(ctx.db).get()
    return smtp, (secrets.get(SMTP_KEY) if smtp.password_stored else None)


def cmd_test_mail(ctx: Context, args: argparse.Namespace) -> int:
    from .jobs.mail_test import send_test_mail
    from .store.secrets import SecretStore, SecretStoreError

    stored = _stored_interface(ctx, args.name)
    if not stored.settings.error_email:
        raise CliError(f"interface {args.name!r} has no e-mail address", EXIT_INVALID)
    try:
        smtp, password = _smtp_password(ctx, SecretStore())
    except SecretStoreError as exc:
        raise CliError(f"cannot read the SMTP password: {exc}") from None
    result = send_test_mail(smtp.settings, password, stored.settings.error_email)
    if args.json:
        _print_json(result.to_json())
    else:
        print(result.message)
    return EXIT_OK if result.ok else EXIT_FAILED


def cmd_smtp_set(ctx: Context, args: argparse.Namespace) -> int:
    from .domain.smtp_settings import SmtpSecurity, SmtpSettings, smtp_problems
    from .store.secrets import SMTP_KEY, SecretStore, SecretStoreError
    from .store.smtp_store import SmtpStore

    if args.port is not None and not 1 <= args.port <= 65535:
        raise CliError("--port must be between 1 and 65535", EXIT_INVALID)
    if "@" not in args.sender:
        raise CliError("--sender must be an e-mail address", EXIT_INVALID)
    settings = SmtpSettings(
        args.host.strip(),
        args.port,
        SmtpSecurity(args.security),
        args.user.strip(),
        args.sender.strip(),
    )
    problems = smtp_problems(settings)
    if problems:
        raise _invalid("invalid SMTP settings, nothing saved", problems)
    from .jobs.interface_edit import KEEP_PASSWORD

    password_stored = None
    password = KEEP_PASSWORD
    if args.password_stdin:
        password = _password_from_stdin()
        problems = smtp_problems(settings, password)
        if problems:
            raise _invalid("invalid SMTP settings, nothing saved", problems)
        try:
            SecretStore().set(SMTP_KEY, password)
        except SecretStoreError as exc:
            raise CliError(f"password not stored, nothing saved: {exc}") from None
        password_stored = True
    store = SmtpStore(ctx.db)
    before = store.get().settings
    store.save(settings, password_stored=password_stored)
    ctx.change_audit.smtp_changed(before, settings, password)
    print(f"SMTP server set: {settings.host}:{settings.effective_port}", file=sys.stderr)
    return EXIT_OK


def cmd_smtp_show(ctx: Context, args: argparse.Namespace) -> int:
    from .store.smtp_store import SmtpStore

    stored = SmtpStore(ctx.db).get()
    data = {
        "host": stored.settings.host,
        "port": stored.settings.effective_port,
        "security": stored.settings.security.value,
        "user": stored.settings.user,
        "sender": stored.settings.sender,
        "password_stored": stored.password_stored,
        "configured": stored.settings.is_configured,
    }
    if args.json:
        _print_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return EXIT_OK


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    import os

    from .jobs.service import serve

    return serve(ctx.paths, this_branch=args.branch or os.environ.get("DESKTOP_APP_BRANCH"))


def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    from .store.history import run_history
    from .store.interfaces import InterfaceNotFound

    try:
        stored = ctx.repository.get(args.name)
    except InterfaceNotFound as exc:
        raise CliError(str(exc)) from None
    runs = run_history(ctx.db, stored.id, limit=args.limit)
    if args.json:
        _print_json([r.to_json() for r in runs])
    else:
        for r in runs:
            print(
                f"{r.started_at.astimezone():%Y-%m-%d %H:%M:%S}\t{r.trigger}\t{r.status}\t"
                f"{len(r.files)} files\t{r.booked_count} booked\t{r.error or ''}"
            )
    return EXIT_OK


def cmd_invoices_list(ctx: Context, args: argparse.Namespace) -> int:
    from .store.ledger import Ledger

    invoices = Ledger(ctx.db).invoices(open_only=args.open, mandants=args.mandant)
    if args.json:
        _print_json([i.to_json() for i in invoices])
    else:
        for i in invoices:
            print(
                f"{i.mandant}\t{i.number}\t{i.invoice_date.isoformat()}\t{i.amount}\t"
                f"{i.open_amount}\t{i.status}"
            )
    return EXIT_OK


def _start_gui(paths: AppPaths, args: argparse.Namespace) -> int:
    import os
    import tempfile

    if args.smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if args.data_dir is None and not os.environ.get("DESKTOP_APP_DATA_DIR"):
            # A smoke test must not touch (or need) a real installation's data.
            smoke_dir = tempfile.mkdtemp(prefix="desktop-app-smoke-")
            paths = resolve_paths(smoke_dir, args.db)
    from .app import run_gui

    if not args.demo:
        return run_gui(paths, args.lang, smoke=args.smoke)
    from .demo import DemoEnvironment
    from .jobs.stop_signals import StopRequested, raise_stop, stop_signals_call

    demo = DemoEnvironment()
    from .ui.translations import choose_language
    try:
        # Outside the window's event loop (which takes them itself), Ctrl+C and SIGTERM
        # unwind to the clean-up below instead of ending the process where it stands.
        with stop_signals_call(raise_stop):
            demo.start()
            print(demo.banner(choose_language(args.lang)), flush=True)
            return run_gui(demo.paths, args.lang, smoke=args.smoke, secrets=demo.secrets)
    except StopRequested as stop:
        print(f"desktop-app: {stop}: the demo ends", file=sys.stderr)
        return EXIT_OK
    finally:
        with stop_signals_call(_ignore_during_cleanup):
            demo.stop()


def _ignore_during_cleanup(signal_name: str) -> None:
    print(f"desktop-app: {signal_name} ignored: the demo is removing its files", file=sys.stderr)


def _unreadable_argument(argv: list[str]) -> str | None:
    """The first argument that is not text (bytes no encoding could read), or None."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    unreadable = _unreadable_argument(argv)
    if unreadable is not None:
        print(f"desktop-app: the argument {unreadable} is not UTF-8 text", file=sys.stderr)
        return EXIT_USAGE
    start = _start_options(argv)
    try:
        if start is not None:
            return _start_gui(resolve_paths(start.data_dir, start.db), start)
        parser = build_parser()
        args = parser.parse_args(argv)
        paths = resolve_paths(args.data_dir, args.db)
    except DataDirError as exc:
        print(f"desktop-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    handler: Callable[[Context, argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        return _start_gui(paths, args)
    return _run_command(handler, paths, args)


def _run_command(handler, paths: AppPaths, args: argparse.Namespace) -> int:
    from .config import setup_logging
    from .store.db_errors import DatabaseError

    setup_logging(paths)
    ctx = Context(paths)
    try:
        return handler(ctx, args)
    except CliError as exc:
        print(f"desktop-app: {exc}", file=sys.stderr)
        return exc.code
    except DatabaseError as exc:  # busy, damaged, read-only: says what to do
        print(f"desktop-app: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        _quiet_stdout()  # the reader (`| head`) has all it wants: end without a word
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("desktop-app: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: full traceback to the log, a short line to the user
        import logging

        logging.getLogger(__name__).exception("command %s failed", args.command)
        print(
            f"desktop-app: internal error ({type(exc).__name__}); details in {paths.log_file}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        ctx.close()


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush of a closed
    pipe does not print "Exception ignored … BrokenPipeError" (Python's own advice)."""
    import os

    try:
        stdout = sys.stdout.fileno()
    except (OSError, ValueError):
        return  # no file descriptor (a test's captured stdout): no pipe to flush into
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stdout)
    os.close(devnull)
