"""Opening the database: engine, sessions, and the schema upgrade on start."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest migration. Lets an up-to-date database open without loading Alembic (a third
# of the start-up); tests/store checks it against the migration scripts.
SCHEMA_HEAD = "0009"


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says what to do."""

    def __init__(self, message_en: str, message_de: str):
        super().__init__(message_en)
        self.message_de = message_de


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        # Foreign keys are off by default in SQLite; WAL lets the service read while the
        # GUI writes; busy_timeout waits for a lock instead of failing at once.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


class Database:
    """One database (SQLite file or PostgreSQL), upgraded to the current schema on open."""

    def __init__(self, url: str, *, upgrade: bool = True):
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(url, pool_pre_ping=not self.is_sqlite)
        except Exception as exc:  # bad URL or missing driver
            raise DatabaseError(
                f"Cannot open database {parsed.render_as_string(hide_password=True)}: {exc}",
                "Die Datenbank kann nicht geöffnet werden. Bitte die Datenbank-Adresse prüfen.",
            ) from exc
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if upgrade:
            self.upgrade()

    @property
    def display_url(self) -> str:
        """The URL without its password, for logs and messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def _alembic_config(self):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        return config

    def _stored_revision(self) -> str | None:
        """The schema version recorded in the database, without Alembic; None if unknown."""
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect() as connection:
                return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return None  # a new database: no table yet

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema to ``revision``; a database of an older version upgrades here."""
        if revision == "head" and self._stored_revision() == SCHEMA_HEAD:
            return
        from alembic import command

        config = self._alembic_config()
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        except Exception as exc:
            raise DatabaseError(
                f"Cannot upgrade database {self.display_url}: {exc}",
                "Die Datenbank kann nicht auf den aktuellen Stand gebracht werden. "
                "Bitte die Protokolldatei an den Support geben.",
            ) from exc

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head_revision(self) -> str:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
