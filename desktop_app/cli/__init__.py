"""The command line: the same jobs as the GUI, for servers and scripts.

Exit codes: 0 success, 1 failure (message on stderr), 2 wrong usage, 3 invalid input
(every problem listed on stderr, nothing saved). Messages are German or English
(``texts``); ``--json`` output is for programs. No command ever prints a secret. One
module per command group; they are imported only when a command is given, so that a plain
program start needs none of them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from ..config import (
    AppPaths,
    DatabaseFolderMissing,
    DataDirError,
    check_database_folder,
    resolve_paths,
)
from .common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Context,
    global_options,
)
from .texts import choose_cli_language, said, translate, use_language

__all__ = [
    "EXIT_FAILED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "CliError",
    "ProgramStart",
    "build_parser",
    "main",
]

# Starts the desktop program (or the demo) when no command is given; returns the exit code.
ProgramStart = Callable[[AppPaths, argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    from .parser import build_parser as build

    return build()


class _NotAPlainStart(Exception):
    """The arguments are more than the program start's options (see ``main``)."""


class _StartParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotAPlainStart(message)  # the full parser reports it, with the full usage


def _start_options(argv: list[str]) -> argparse.Namespace | None:
    """The options of a plain program start, or None if ``argv`` names a command (or is
    wrong or asks for help): then the full parser takes over. Starting the program so
    needs neither the command parsers nor the domain modules their choices come from,
    which saves time before the window shows."""
    parser = _StartParser(add_help=False)
    global_options(parser, suppress=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotAPlainStart:
        return None
    return None if rest else args


def _unreadable_argument(argv: list[str]) -> str | None:
    """The first argument that is not text (bytes no encoding could read), or None."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
    return None


def _speak(argv: list[str], start: argparse.Namespace | None) -> None:
    """Choose the command line's language before it says anything (``--help`` too):
    ``--lang``, the environment, the program's setting in the data directory named."""
    known = start
    if known is None:
        parser = _StartParser(add_help=False)
        global_options(parser, suppress=False)
        try:
            known = parser.parse_known_args(argv)[0]
        except _NotAPlainStart:  # "--lang" without a word: argparse says so, in German
            known = argparse.Namespace(lang=None, data_dir=None, db=None)
    try:
        paths = resolve_paths(known.data_dir, known.db)
    except DataDirError:
        paths = None  # said once the command is parsed
    use_language(choose_cli_language(known.lang, paths))


def main(argv: Sequence[str] | None = None, start_program: ProgramStart | None = None) -> int:
    """Run the command ``argv`` names; without one, ``start_program`` (the entry point
    gives the desktop program's start, ``desktop_app.launch``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    unreadable = _unreadable_argument(argv)
    start = None if unreadable is not None else _start_options(argv)
    spoken = start is None or start_program is None  # a window says its own words
    if spoken:
        _speak(argv, start)
    if unreadable is not None:
        _fail(
            translate("Cli", "the argument {argument} is not UTF-8 text").format(
                argument=unreadable
            )
        )
        return EXIT_USAGE
    try:
        if start is not None:
            return _start(start_program, resolve_paths(start.data_dir, start.db), start)
        args = build_parser().parse_args(argv)
        paths = resolve_paths(args.data_dir, args.db)
        if getattr(args, "handler", None) is not None:  # the window says it in a dialog
            check_database_folder(paths)
    except (DataDirError, DatabaseFolderMissing) as exc:
        if not spoken:
            _speak(argv, None)
        _fail(said(exc))
        return EXIT_USAGE
    handler: Callable[[Context, argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        return _start(start_program, paths, args)
    return _run_command(handler, paths, args)


def _fail(message: str) -> None:
    print(f"desktop-app: {message}", file=sys.stderr)


def _start(start_program: ProgramStart | None, paths: AppPaths, args: argparse.Namespace) -> int:
    if start_program is None:
        _fail(translate("Cli", "no command given (see --help)"))
        return EXIT_USAGE
    return start_program(paths, args)


def _run_command(handler, paths: AppPaths, args: argparse.Namespace) -> int:
    from ..config import setup_logging
    from ..store.errors import DatabaseError

    setup_logging(paths)
    ctx = Context(paths)
    try:
        return handler(ctx, args)
    except CliError as exc:
        _fail(str(exc))
        return exc.code
    except DatabaseError as exc:  # busy, damaged, read-only: says what to do
        _fail(said(exc))
        return EXIT_FAILED
    except BrokenPipeError:
        _quiet_stdout()  # the reader (`| head`) has all it wants: end without a word
        return EXIT_FAILED
    except KeyboardInterrupt:
        _fail(translate("Cli", "interrupted"))
        return 130
    except Exception as exc:  # a bug: full traceback to the log, a short line to the user
        import logging

        logging.getLogger(__name__).exception("command %s failed", args.command)
        _fail(
            translate(
                "Cli", "the command failed unexpectedly ({kind}); the details are in {path}"
            ).format(kind=type(exc).__name__, path=paths.log_file)
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
