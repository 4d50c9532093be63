"""``run``, ``serve``, ``test-ftp`` and ``history``: an interface's server and its runs."""

from __future__ import annotations

import argparse

from ..config import configured_language
from .common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    invalid,
    print_json,
    stored_interface,
)
from .run_output import print_history, print_run, print_test_steps
from .texts import language, said, translate


def _run_count(text: str) -> int:
    """``history --limit``: a count of runs the database can take."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("CliRuns", "“{text}” is not a whole number").format(text=text)
        ) from None
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError(translate("CliRuns", "must be between 1 and 10000"))
    return value


def _step_seconds(text: str) -> float:
    """``test-ftp --timeout``: seconds a step may take. Zero or less would fail every step
    as unreachable, and "nan" is no time at all."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("CliRuns", "“{text}” is not a number of seconds").format(text=text)
        ) from None
    if not 1 <= value <= 600:  # also false for nan
        raise argparse.ArgumentTypeError(translate("CliRuns", "must be between 1 and 600 seconds"))
    return value


def add_run_commands(commands, common: argparse.ArgumentParser) -> None:
    """``run``, ``serve`` and ``test-ftp``."""
    p = commands.add_parser(
        "run", parents=[common], help=translate("CliRuns", "run one interface now")
    )
    _name_argument(p)
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=translate("CliRuns", "plan only: book nothing and delete nothing"),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=translate(
            "CliRuns", "run even outside 06:00 to 22:00, the time when maintenance work may run"
        ),
    )
    _json_option(p)
    p.set_defaults(handler=cmd_run)

    p = commands.add_parser(
        "serve",
        parents=[common],
        help=translate("CliRuns", "run the schedule without a window (as a service)"),
    )
    p.add_argument(
        "--branch",
        default=None,
        metavar="FILIALE",
        help=translate(
            "CliRuns",
            "this computer's branch: interfaces of other branches do not run here "
            "(env DESKTOP_APP_BRANCH; without either, the branch chosen in the program "
            "on this computer)",
        ),
    )
    p.set_defaults(handler=cmd_serve)

    p = commands.add_parser(
        "test-ftp",
        parents=[common],
        help=translate("CliRuns", "test an interface's server: every step of a run"),
    )
    _name_argument(p)
    p.add_argument(
        "--trust",
        metavar="SHA256",
        help=translate("CliRuns", "trust this certificate or host key (SHA-256), then test"),
    )
    p.add_argument(
        "--timeout",
        type=_step_seconds,
        default=15.0,
        metavar="SECONDS",
        help=translate("CliRuns", "seconds per step, 1 to 600 (default 15)"),
    )
    _json_option(p)
    p.set_defaults(handler=cmd_test_ftp)


def _name_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help=translate("CliRuns", "the interface's name"))


def _json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--json", action="store_true", help=translate("CliRuns", "print the result as JSON")
    )


def add_history(commands, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "history", parents=[common], help=translate("CliRuns", "an interface's past runs")
    )
    _name_argument(p)
    p.add_argument(
        "--limit",
        type=_run_count,
        default=50,
        help=translate("CliRuns", "at most this many runs, the newest first (1 to 10000)"),
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=translate(
            "CliRuns",
            'print the runs as JSON; "cases" is the number of payments to clarify a run '
            "opened (cases list --run ID lists them)",
        ),
    )
    p.set_defaults(handler=cmd_history)


def cmd_run(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.run_import import NOT_RELEASED, RunStatus
    from ..jobs.scheduled_runs import import_runner
    from ..store.errors import InterfaceNotFound

    backend = ctx.backend
    lang = configured_language(ctx.paths, getattr(args, "lang", None))
    runner = import_runner(backend.db, backend.secrets, changes=backend.changes, mail_language=lang)
    try:
        result = runner.run(args.name, trigger="cli", dry_run=args.dry_run, force=args.force)
    except InterfaceNotFound as exc:
        raise CliError(said(exc)) from None
    if result.error_kind == NOT_RELEASED and not args.json:
        raise CliError(result.error_text(language()))  # no option makes it run before then
    if result.error_kind == "outside_window" and not args.json:
        raise CliError(
            translate(
                "CliRuns",
                "“{name}” did not run: it is outside 06:00 to 22:00, the time when maintenance "
                "work may run. Add --force to run it anyway.",
            ).format(name=args.name)
        )
    if args.json:
        print_json(result.to_json(language()))
    else:
        print_run(result)
    return EXIT_OK if result.status is RunStatus.OK else EXIT_FAILED


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.service import serve

    return serve(ctx.paths, branch_option=args.branch, lang=getattr(args, "lang", None))


def cmd_test_ftp(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.validation import ValidationError
    from ..jobs.connection_test import prepare_ftp_test
    from ..store.errors import SecretStoreError
    from ..transfer.trust import NotAFingerprint, normalise_fingerprint

    stored = stored_interface(ctx, args.name)
    if args.trust:
        try:
            fingerprint = normalise_fingerprint(args.trust)
        except NotAFingerprint as exc:
            raise CliError(_not_a_fingerprint(args.trust, exc), EXIT_INVALID) from None
        stored = ctx.editor.trust(stored.settings.name, fingerprint)
    try:
        request = prepare_ftp_test(ctx.backend.secrets, stored.settings.ftp, stored=stored)
    except ValidationError as exc:
        title = translate("CliRuns", "The interface's server settings cannot be tested")
        raise invalid(title, exc.problems) from None
    except SecretStoreError as exc:
        raise CliError(
            translate("CliRuns", "The interface's password cannot be read: {reason}").format(
                reason=said(exc.without_action())
            )
        ) from None
    result = request.run(timeout=args.timeout)
    if args.json:
        print_json(result.to_json(language()))
    else:
        print_test_steps(result.steps)
    return EXIT_OK if result.ok else EXIT_FAILED


def _not_a_fingerprint(given: str, exc: Exception) -> str:
    return translate("CliRuns", "--trust: “{given}”: {reason}").format(
        given=given.strip(), reason=said(exc)
    )


def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.run_history import history_of
    from ..store.errors import InterfaceNotFound

    try:
        runs = history_of(ctx.backend.db, args.name, limit=args.limit)
    except InterfaceNotFound as exc:
        raise CliError(said(exc)) from None
    if args.json:
        print_json([r.to_json(language()) for r in runs])
    else:
        print_history(runs)
    return EXIT_OK
