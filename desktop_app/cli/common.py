"""What every command shares: exit codes, errors, the lazily opened backend, output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import AppPaths
from .texts import language, said, translate

if TYPE_CHECKING:
    from ..jobs.backend import Backend
    from ..jobs.change_audit import AuditedCatalog, AuditedInterfaceEditor, ChangeAudit

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INVALID = 3


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=translate(
            "Cli",
            "database, logs and settings (default: the user data directory; "
            "env DESKTOP_APP_DATA_DIR)",
        ),
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help=translate(
            "Cli",
            "SQLAlchemy database URL (default: SQLite in the data directory; env DESKTOP_APP_DB)",
        ),
    )
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=default,
        help=translate(
            "Cli",
            "language of the program and of these messages (default: the one chosen in the "
            "program, else the system's; env DESKTOP_APP_LANG)",
        ),
    )


class Context:
    """What a command needs, opened lazily so `--help` never touches the database.
    Commands need no login; they act as the operating-system account (os:<name>)."""

    def __init__(self, paths: AppPaths):
        self.paths = paths
        self._backend: Backend | None = None

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            from ..jobs.backend import open_backend
            from ..store.errors import DatabaseError, InvalidDatabaseUrl

            try:
                self._backend = open_backend(self.paths.db_url)
            except InvalidDatabaseUrl as exc:
                raise CliError(said(exc), EXIT_USAGE) from None
            except DatabaseError as exc:
                raise CliError(said(exc)) from None
        return self._backend

    @property
    def change_audit(self) -> ChangeAudit:
        return self.backend.change_audit()

    @property
    def editor(self) -> AuditedInterfaceEditor:
        return self.backend.interface_editor(self.change_audit)

    @property
    def catalogue(self) -> AuditedCatalog:
        return self.backend.catalogue(self.change_audit)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()


def print_json(value: Any) -> None:
    import json  # here, not at the top: the program start has no use for it

    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_json_listing(key: str, items: Iterable[Any], tail: Callable[[], dict]) -> None:
    """``{key: [items …], **tail()}`` as print_json writes it, each item as it comes, so a
    long list is never held whole; ``tail`` is asked after the last item."""
    import json

    def dumped(value: Any, indent: str) -> str:
        text = json.dumps(value, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + indent)

    out = sys.stdout
    out.write("{\n  " + json.dumps(key) + ": [")
    count = 0
    for item in items:
        out.write((",\n    " if count else "\n    ") + dumped(item, "    "))
        count += 1
    out.write("\n  ]" if count else "]")
    for name, value in tail().items():
        out.write(",\n  " + json.dumps(name) + ": " + dumped(value, "  "))
    out.write("\n}\n")


def invalid(title: str, problems) -> CliError:
    """Every problem of an input, one line each, under ``title`` (already translated)."""
    whole_file = translate("Cli", "(file)")
    lines = [f"  {p.field or whole_file}: {p.text(language())}" for p in problems]
    return CliError(f"{title}:\n" + "\n".join(lines), EXIT_INVALID)


def password_from_stdin() -> str:
    """The first line of stdin as a password: UTF-8 text, without its line end."""
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.readline() if stream is not None else sys.stdin.readline().encode()
    try:
        password = raw.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise CliError(
            translate(
                "Cli",
                "--password-stdin: the password is not UTF-8 text (byte {byte} cannot be "
                "read); save it as UTF-8 and try again. Nothing was saved.",
            ).format(byte=exc.start + 1),
            EXIT_INVALID,
        ) from None
    if not password:
        raise CliError(
            translate("Cli", "--password-stdin given, but standard input held no password."),
            EXIT_INVALID,
        )
    return password


def file_argument(text: str) -> Path:
    """A file named on the command line: an empty name would be the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError(translate("Cli", "no file name was given"))
    return Path(text)


def read_file(path: Path) -> bytes:
    """The whole file; a missing or unreadable one is said in the chosen language."""
    try:
        return path.read_bytes()
    except OSError as exc:
        from ..jobs.local_files import unreadable_file

        raise CliError(said(unreadable_file(path, exc))) from None


def stored_interface(ctx: Context, name: str):
    from ..store.errors import InterfaceNotFound

    try:
        return ctx.editor.get(name)
    except InterfaceNotFound as exc:
        raise CliError(said(exc)) from None


def known_mandants(ctx: Context, names) -> list[str]:
    """A filter's Mandanten must exist: a mistyped one would list nothing, as if there
    were nothing to list. Returns them as the catalogue names them (without the blanks
    around them, which it ignores too), for the filter to mean the Mandant it found."""
    from ..store.errors import CatalogError

    for name in names or ():
        if not name.strip():
            raise CliError(
                translate("Cli", "--mandant: no client (Mandant) was given."), EXIT_USAGE
            )
        try:
            ctx.catalogue.mandant(name)
        except CatalogError as exc:
            raise CliError(said(exc)) from None
    return [name.strip() for name in names or ()]
