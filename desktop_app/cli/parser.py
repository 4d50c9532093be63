"""The full argument parser: the program's options and every command group's commands."""

from __future__ import annotations

import argparse

from . import bookings, cases, catalog, config, import_file, interfaces, invoices, mail, runs, users
from .common import global_options
from .texts import translate


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-app",
        description=translate(
            "Cli", "Accounting import by FTP. Without a command: start the program."
        ),
    )
    global_options(parser, suppress=False)
    parser.add_argument(
        "--demo",
        action="store_true",
        help=translate(
            "Cli", "try the program: a temporary ledger, a local FTP server with sample files"
        ),
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=translate(
            "Cli",
            "start the program offscreen; exit once the main window shows its data and the "
            "scheduler has planned its runs (checks a bundle)",
        ),
    )
    common = argparse.ArgumentParser(add_help=False)
    global_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # In the order ``--help`` lists them.
    interfaces.add_parsers(commands, common)
    catalog.add_mandants(commands, common)
    import_file.add_parsers(commands, common)
    runs.add_run_commands(commands, common)
    mail.add_parsers(commands, common)
    runs.add_history(commands, common)
    invoices.add_parsers(commands, common)
    users.add_parsers(commands, common)
    catalog.add_branches(commands, common)
    cases.add_parsers(commands, common)
    bookings.add_parsers(commands, common)
    config.add_parsers(commands, common)
    return parser
