"""The full argument parser: the program's options and every command group's commands."""

from __future__ import annotations

import argparse

from . import bookings, cases, catalog, config, import_file, interfaces, invoices, mail, runs, users
from .common import global_options
from .texts import ARGPARSE_CONTEXT, translate


class CommandParser(argparse.ArgumentParser):
    """A command's parser. argparse lets a command leave the arguments it does not know
    to the program's parser, which then reports them under the program's usage: the
    person sees ``desktop-app [-h] … COMMAND`` for a mistake in ``config export``. This
    parser reports them itself, under its own usage."""

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            unknown = translate(ARGPARSE_CONTEXT, "unrecognized arguments: %s")
            hint = translate("Cli", "{message} (see {command} --help)")
            self.error(hint.format(message=unknown % " ".join(extras), command=self.prog))
        return namespace, extras


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
    # Each group's own commands are CommandParsers too (argparse makes them of its class).
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
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
    _describe_commands(parser)
    return parser


def _describe_commands(parser: argparse.ArgumentParser) -> None:
    """A command's own ``--help`` says what it does: its summary from the list above it
    (``help=``), as a sentence, where the command has no ``description`` of its own.
    argparse keeps both only in its subparsers action, so this reads that action."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        summaries = {choice.dest: choice.help for choice in action._choices_actions}
        for name, command in action.choices.items():
            summary = summaries.get(name)
            if command.description is None and summary:
                command.description = summary[:1].upper() + summary[1:] + "."
            _describe_commands(command)
