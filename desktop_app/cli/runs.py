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


def _run_count(text: str) -> int:
    """``history --limit``: a count of runs the database can take."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError("must be between 1 and 10000")
    return value


def add_run_commands(commands, common: argparse.ArgumentParser) -> None:
    """``run``, ``serve`` and ``test-ftp``."""
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


def add_history(commands, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("history", parents=[common], help="past runs of an interface")
    p.add_argument("name")
    p.add_argument("--limit", type=_run_count, default=50, help="at most this many runs (1-10000)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)


def cmd_run(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.run_import import RunStatus
    from ..jobs.scheduled_runs import import_runner
    from ..store.errors import InterfaceNotFound

    backend = ctx.backend
    lang = configured_language(ctx.paths, getattr(args, "lang", None))
    runner = import_runner(backend.db, backend.secrets, changes=backend.changes, mail_language=lang)
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
        print_json(result.to_json())
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


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    import os

    from ..jobs.service import serve

    branch = args.branch or os.environ.get("DESKTOP_APP_BRANCH")
    return serve(ctx.paths, this_branch=branch, lang=getattr(args, "lang", None))


def cmd_test_ftp(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.validation import ValidationError
    from ..jobs.connection_test import prepare_ftp_test
    from ..store.errors import SecretStoreError
    from ..transfer.trust import normalise_fingerprint

    stored = stored_interface(ctx, args.name)
    if args.trust:
        try:
            fingerprint = normalise_fingerprint(args.trust)
        except ValueError as exc:
            raise CliError(f"--trust: {exc}", EXIT_INVALID) from None
        stored = ctx.editor.trust(stored.settings.name, fingerprint)
    try:
        request = prepare_ftp_test(ctx.backend.secrets, stored.settings.ftp, stored=stored)
    except ValidationError as exc:
        raise invalid("cannot test this interface", exc.problems) from None
    except SecretStoreError as exc:
        raise CliError(f"cannot read the password: {exc}") from None
    result = request.run(timeout=args.timeout)
    if args.json:
        print_json(result.to_json())
    else:
        for step in result.steps:
            mark = "ok " if step.ok else ("-- " if not step.ran else "ERR")
            print(f"[{mark}] {step.step}: {step.message}")
            if step.fingerprint and not step.ok:
                print(f"      fingerprint: {step.fingerprint}")
    return EXIT_OK if result.ok else EXIT_FAILED


def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    from ..jobs.run_history import history_of
    from ..store.errors import InterfaceNotFound

    try:
        runs = history_of(ctx.backend.db, args.name, limit=args.limit)
    except InterfaceNotFound as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json([r.to_json() for r in runs])
    else:
        for r in runs:
            print(
                f"{r.started_at.astimezone():%Y-%m-%d %H:%M:%S}\t{r.trigger}\t{r.status}\t"
                f"{len(r.files)} files\t{r.booked_count} booked\t{r.error or ''}"
            )
    return EXIT_OK
