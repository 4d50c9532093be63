"""Opening the database: engine, sessions, and the schema upgrade on start."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from .db_checks import check_sqlite_file, judge, sqlite_is_read_only, sqlite_read_only_uri
from .db_errors import (
    DamagedDatabase,
    DatabaseBusy,
    DatabaseError,
    DatabaseUnavailable,
    InvalidDatabaseUrl,
    ReadOnlyDatabase,
    Where,
)
from .db_url import shown_url

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest migration. Lets an up-to-date database open without loading Alembic (a third
# of the start-up); tests/store checks it against the migration scripts.
SCHEMA_HEAD = "0020"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def is_write_conflict(exc: BaseException) -> bool:
    """A write refused by a unique or foreign key: another connection wrote the same rows
    first; the transaction was rolled back."""
    from sqlalchemy.exc import IntegrityError

    return isinstance(exc, IntegrityError)


# How long a statement waits for a lock another connection holds before it gives up with
# DatabaseBusy (a computer that went to sleep inside a transaction must not hang the
# others); and how long PostgreSQL keeps a session that sits idle inside a transaction.
LOCK_TIMEOUT_SECONDS = 15
IDLE_IN_TRANSACTION_SECONDS = 300


def _configure_sqlite(engine: Engine, *, read_only: bool, lock_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        # Foreign keys are off by default in SQLite; WAL lets the service read while the
        # GUI writes; busy_timeout waits for a lock instead of failing at once.
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:  # the journal mode is written into the file
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout * 1000)}")
        cursor.close()


def _configure_postgres(engine: Engine, *, lock_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _timeouts(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"SET lock_timeout = '{int(lock_timeout * 1000)}ms'")
        cursor.execute(
            f"SET idle_in_transaction_session_timeout = '{IDLE_IN_TRANSACTION_SECONDS}s'"
        )
        cursor.close()
        dbapi_connection.commit()  # psycopg opened a transaction for the SETs


def _translate_errors(engine: Engine, where: Where, server: str | None = None) -> None:
    """Errors a user can act on get their own type, on every path to the database.
    ``server``: a database server's URL (without password): a lost or refused connection
    to it is ``DatabaseUnavailable``, which a caller may simply try again later."""

    @event.listens_for(engine, "handle_error")
    def _translate(context):
        original = context.original_exception
        text = str(original)
        if server is not None and _connection_lost(context):
            detail = type(original).__name__
            raise DatabaseUnavailable(server, detail) from original
        if getattr(original, "sqlstate", None) == "55P03" or "database is locked" in text:
            raise DatabaseBusy() from original  # PostgreSQL lock_timeout, SQLite busy_timeout
        if "database disk image is malformed" in text:
            raise DamagedDatabase(where, text) from original
        if "attempt to write a readonly database" in text:
            raise ReadOnlyDatabase(where) from original


def _connection_lost(context) -> bool:
    """The connection broke, or none could be made (the server or the network is down).
    Not the pool's ping: a dead pooled connection it finds is replaced without an error."""
    if context.is_pre_ping:
        return False
    if context.is_disconnect:
        return True
    dbapi = context.dialect.loaded_dbapi if context.dialect is not None else None
    operational = dbapi is not None and isinstance(
        context.original_exception, dbapi.OperationalError
    )
    return operational and context.connection is None


# A pooled server connection unused for this long is pinged before it is handed out. One
# used moments ago is not: on a far server each ping is a round trip, and a run or a view
# checks connections out many times in a row.
PING_AFTER_IDLE_SECONDS = 5.0


def _ping_after_idle(engine: Engine) -> None:
    """SQLAlchemy's pre-ping, only for connections idle ``PING_AFTER_IDLE_SECONDS``: a
    dead one is replaced by a new connection (``DisconnectionError``), without an error."""
    from sqlalchemy.exc import DisconnectionError

    @event.listens_for(engine.pool, "checkin")
    def _checked_in(_dbapi_connection, record):
        if record is not None:
            record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _checked_out(dbapi_connection, record, _proxy):
        since = record.info.pop("checked_in", None)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError() from exc
        if not alive:
            raise DisconnectionError()


class Database:
    """One database (SQLite file or PostgreSQL), upgraded to the current schema on open.

    Only a database of this program's is ever changed: another application's, a damaged
    one and one from a newer version are refused untouched (``db_checks``). A SQLite
    file that can only be read here is opened read-only: reading commands still work.
    """

    def __init__(
        self, url: str, *, upgrade: bool = True, lock_timeout: float = LOCK_TIMEOUT_SECONDS
    ):
        """``lock_timeout``: seconds a statement waits for another connection's lock."""
        self.url = url
        try:
            parsed = make_url(url)
        except Exception:  # sqlalchemy.exc.ArgumentError: no URL at all
            raise InvalidDatabaseUrl() from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.read_only = False
        self.path: Path | None = None
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            self.path = Path(parsed.database)
            self._prepare_sqlite_file(self.path)
        self.engine = self._create_engine(parsed)
        where = Where.file(self.path) if self.path else Where.database(self.display_url)
        _translate_errors(self.engine, where, None if self.is_sqlite else self.display_url)
        if self.is_sqlite:
            _configure_sqlite(self.engine, read_only=self.read_only, lock_timeout=lock_timeout)
        elif parsed.get_backend_name() == "postgresql":
            _configure_postgres(self.engine, lock_timeout=lock_timeout)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if not self.is_sqlite:
            self._refuse_unless_ours(where)
        if upgrade:
            self.upgrade()

    def _prepare_sqlite_file(self, path: Path) -> None:
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(str(path), exc.strerror or str(exc)) from None
        check_sqlite_file(path, SCHEMA_HEAD)
        self.read_only = sqlite_is_read_only(path)

    def _create_engine(self, parsed) -> Engine:
        try:
            if self.read_only and self.path is not None:
                uri = sqlite_read_only_uri(self.path)
                return create_engine(
                    "sqlite://",
                    creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
                )
            engine = create_engine(self.url)
            if not self.is_sqlite:
                _ping_after_idle(engine)
            return engine
        except Exception as exc:  # a missing driver, a misspelt dialect
            raise DatabaseError(
                f"Cannot open database {shown_url(parsed)}: {type(exc).__name__}: {exc}",
                "Die Datenbank kann nicht geöffnet werden. Bitte die Datenbank-Adresse prüfen.",
                "The database cannot be opened. Please check the database address.",
            ) from None

    def _refuse_unless_ours(self, where: Where) -> None:
        """A server database: its tables and Alembic version, read only."""
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            tables = inspect(self.engine).get_table_names()
            revision = None
            if "alembic_version" in tables:
                with self.engine.connect() as connection:
                    revision = connection.execute(
                        text("SELECT version_num FROM alembic_version")
                    ).scalar()
        except SQLAlchemyError as exc:
            orig = getattr(exc, "orig", None)  # a DBAPIError's driver exception
            detail = type(orig).__name__ if orig else type(exc).__name__
            raise DatabaseUnavailable(self.display_url, detail) from exc
        judge(where, tables, revision, SCHEMA_HEAD)

    @property
    def display_url(self) -> str:
        """The URL without its passwords, for logs and messages."""
        return shown_url(self.url)

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
        if self.read_only:
            raise ReadOnlyDatabase(Where.file(self.path))
        from alembic import command

        config = self._alembic_config()
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        except DatabaseError:
            raise
        except Exception as exc:
            raise DatabaseError(
                f"Cannot upgrade database {self.display_url}: {exc}",
                "Die Datenbank kann nicht auf den aktuellen Stand gebracht werden. "
                "Bitte die Protokolldatei an den Support geben.",
                "The database cannot be brought up to date. Please give the log file to the "
                "support.",
            ) from exc

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head_revision(self) -> str | None:
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
