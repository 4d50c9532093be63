"""Where the program keeps its data, and which database it uses.

Order of precedence: command-line option, then environment variable, then the platform's
user data directory (platformdirs).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

APP_NAME = "desktop-app"
APP_AUTHOR = "Filialkette"
ENV_DATA_DIR = "DESKTOP_APP_DATA_DIR"
ENV_DB = "DESKTOP_APP_DB"
LOG_FILE_NAME = "desktop-app.log"
DB_FILE_NAME = "desktop-app.sqlite3"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    db_url: str
    # The URL was named (--db or DESKTOP_APP_DB), not made from the data directory.
    db_named: bool = False

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / LOG_FILE_NAME

    @property
    def settings_file(self) -> Path:
        """The QSettings file (window geometry, splitter positions); never a secret."""
        return self.data_dir / "settings.ini"


def configured_language(paths: AppPaths, requested: str | None = None) -> str:
    """The program's language for what it writes without a window (the failure e-mail):
    ``requested`` (--lang), else the one chosen under Datei → Einstellungen (settings.ini's
    ``ui/language``), else German."""
    if requested in ("de", "en"):
        return requested
    return chosen_language(paths) or "de"


# settings.ini's key for this computer's branch, chosen in the window (Filiale dieses
# Rechners); ``serve`` on the same computer reads it too.
BRANCH_SETTING = "workstation/branch"
ENV_BRANCH = "DESKTOP_APP_BRANCH"


def configured_branch(paths: AppPaths, requested: str | None = None) -> tuple[str | None, str]:
    """This computer's branch for ``serve`` and where it was found: ``requested``
    (--branch), else DESKTOP_APP_BRANCH, else the one chosen in the desktop program on this
    computer (settings.ini), else none (only interfaces of no branch run here)."""
    for value, source in ((requested, "--branch"), (os.environ.get(ENV_BRANCH), ENV_BRANCH)):
        if value and value.strip():
            return value.strip(), source
    chosen = chosen_branch(paths)
    return (chosen, str(paths.settings_file)) if chosen else (None, "-")


def chosen_branch(paths: AppPaths) -> str | None:
    """The branch chosen in the desktop program, None if none is."""
    settings = _program_settings(paths, "branch")
    if settings is None:
        return None
    return str(settings.value(BRANCH_SETTING, "") or "").strip() or None


def chosen_language(paths: AppPaths) -> str | None:
    """The language chosen under Datei → Einstellungen ("de"/"en"), None if none is: read
    as the window reads it (language.stored_language)."""
    from .language import stored_language

    settings = _program_settings(paths, "language")
    return stored_language(settings) if settings is not None else None


def _program_settings(paths: AppPaths, wanted: str) -> QSettings | None:
    """The desktop program's settings.ini, read through QSettings, which wrote it: its INI
    escaping (quotes, "@", non-ASCII) is Qt's own. None, logged, when it is unreadable."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    if settings.status() is not QSettings.Status.NoError:
        log.warning("settings %s unreadable; no %s chosen", paths.settings_file, wanted)
        return None
    return settings


class DataDirError(Exception):
    """The data directory named is no directory; ``message_de`` says what to do."""

    def __init__(self, path: Path):
        super().__init__(f"the data directory {path} is a file, not a directory (--data-dir)")
        self.message_de = (
            f"Das Datenverzeichnis {path} ist eine Datei, kein Verzeichnis. Bitte ein "
            "Verzeichnis angeben."
        )
        self.message_en = (
            f"The data directory {path} is a file, not a folder. Please name a folder."
        )


class DataDirEmpty(DataDirError):
    """``--data-dir ""``: read as the current folder it would start a new, empty ledger
    wherever the command happens to run."""

    def __init__(self) -> None:
        Exception.__init__(self, "the data directory named is empty (--data-dir)")
        self.message_de = (
            "Das Datenverzeichnis (--data-dir) ist leer angegeben. Bitte ein Verzeichnis "
            "angeben oder die Option weglassen."
        )
        self.message_en = (
            "The data directory (--data-dir) was given empty. Please name a folder or leave "
            "the option out."
        )


class DatabaseFolderMissing(Exception):
    """A SQLite file named with --db (or DESKTOP_APP_DB) in a folder that does not exist;
    ``message_de`` says which folder."""

    def __init__(self, folder: Path):
        super().__init__(
            f"the folder {folder} of the database named with --db/DESKTOP_APP_DB does not "
            "exist; nothing was created"
        )
        self.folder = folder
        self.message_de = (
            f"Den Ordner {folder} für die Datenbank (--db oder DESKTOP_APP_DB) gibt es nicht. "
            "Bitte den Pfad prüfen; eine neue Datenbank wird nur in einem vorhandenen Ordner "
            "angelegt."
        )
        self.message_en = (
            f"The folder {folder} for the database (--db or DESKTOP_APP_DB) does not exist. "
            "Please check the path; a new database is only created in a folder that exists."
        )


def resolve_paths(data_dir: str | None = None, db_url: str | None = None) -> AppPaths:
    if data_dir is None:
        data_dir = os.environ.get(ENV_DATA_DIR) or None
    if data_dir is None:
        from platformdirs import user_data_dir

        data_dir = user_data_dir(APP_NAME, APP_AUTHOR)
    if not data_dir.strip():
        raise DataDirEmpty()
    path = Path(data_dir).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise DataDirError(path)
    if db_url is None:
        db_url = os.environ.get(ENV_DB) or None
    if db_url is None:
        return AppPaths(data_dir=path, db_url=f"sqlite:///{path / DB_FILE_NAME}")
    return AppPaths(data_dir=path, db_url=db_url, db_named=True)


def check_database_folder(paths: AppPaths) -> None:
    """Refuse a SQLite file named with --db or DESKTOP_APP_DB whose folder does not exist
    (``DatabaseFolderMissing``): a mistyped path would otherwise become a new, empty
    ledger somewhere. The data directory, the default database's folder, is still made
    on a first start."""
    if not paths.db_named:
        return
    path = _sqlite_file(paths.db_url)
    if path is None:
        return
    folder = path.absolute().parent
    if not folder.exists():
        raise DatabaseFolderMissing(folder)


def _sqlite_file(db_url: str) -> Path | None:
    """The file a SQLite URL names, read from its text (SQLAlchemy is not loaded yet);
    None for another database, one in memory or one given as a ``file:`` URI."""
    scheme, sep, rest = db_url.partition(":///")
    if not sep or not scheme.startswith("sqlite"):
        return None
    # As SQLAlchemy reads it: the query cut off, %-escapes ("my%20dir") decoded.
    path = unquote(rest.split("?", 1)[0])
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path)


def is_new_sqlite_database(db_url: str) -> bool:
    """Whether ``db_url`` names a SQLite file that does not exist yet: a first start, so
    the start-up asks for the first administrator, not for a login. Read from the URL's
    text: SQLAlchemy is not loaded yet when the window asks this."""
    scheme, sep, rest = db_url.partition(":///")
    if not sep or not scheme.startswith("sqlite"):
        return db_url.startswith("sqlite")  # "sqlite://": in memory, always new
    path = rest.split("?", 1)[0]
    return not path or path == ":memory:" or not Path(path).exists()


def setup_logging(paths: AppPaths, *, to_stderr: bool = False, level: int = logging.INFO) -> None:
    """A rotating log file in the data directory (and stderr for the service)."""
    import logging.handlers  # here: 10 ms (sockets, pickle) the program start saves

    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_desktop_app", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    try:
        paths.log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                paths.log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    except OSError as exc:
        # A read-only data directory: reading commands still work; problems go to stderr.
        reason = exc.strerror or type(exc).__name__
        sys.stderr.write(
            f"desktop-app: note: cannot write the log file {paths.log_file} ({reason}); "
            "warnings and errors go to stderr instead\n"
        )
        fallback = logging.StreamHandler()
        fallback.setLevel(logging.WARNING)
        handlers.append(fallback)
    if to_stderr and not any(type(h) is logging.StreamHandler for h in handlers):
        handlers.append(logging.StreamHandler())
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._desktop_app = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    # Alembic announces every plugin at INFO on each start; only its problems matter here.
    logging.getLogger("alembic").setLevel(logging.WARNING)
