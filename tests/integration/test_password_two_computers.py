"""Two computers of a chain on one PostgreSQL ledger, the FTP password in one keyring only.

Each computer has its own keyring (a Secret Service collection under its own service
name), its own scheduler loop with its own lease and the real run pipeline; both share
the database, the FTP server and one fake clock that the test moves from due time to
due time (no real waiting). At every due time the computer without the password wakes
first: it must leave the slot alone, so that no run fails for a missing password.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from desktop_app.domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
)
from desktop_app.domain.password_holders import HolderState
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import ImportRunner
from desktop_app.jobs.scheduled_runs import ScheduledRuns
from desktop_app.jobs.scheduler import Eligibility, SchedulePlanner, SchedulerLoop
from desktop_app.jobs.view_queries import ViewQueries
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.lease import RunLease
from desktop_app.store.models import InterfaceRow
from desktop_app.store.run_models import RunRow
from desktop_app.store.secrets import SecretStore
from tests.conftest import need

from .conftest import PASSWORD, USER

BERLIN = ZoneInfo("Europe/Berlin")
NAME = "Zahlungen Kette"
DUE_TIMES = 20
NEW_PASSWORD = "Neues-Passwort-0815!"


class Clock:
    """One wall clock for both computers; ``wait`` never sleeps (the test moves time)."""

    def __init__(self, start: datetime):
        self.wall = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.wall.timestamp()

    def wait(self, _condition: threading.Condition, _timeout: float) -> None:
        raise AssertionError("the test drives the loops with run_pending, never waits")


class Computer:
    """One computer of the chain: its name, its keyring, its scheduler and runner."""

    def __init__(self, name: str, db: Database, secrets: SecretStore, clock: Clock):
        self.name = name
        self.secrets = secrets
        self.editor = InterfaceEditor(InterfaceRepository(db), secrets, computer=name)
        lease = RunLease(db, now=clock.now)
        runner = ImportRunner(
            db,
            secrets,
            timeout=5,
            settle_seconds=0,
            today=lambda: clock.now().astimezone(BERLIN).date(),
            now=clock.now,
            time_window=BERLIN,
            lease=lease,
            computer=name,
        )
        self.loop = SchedulerLoop(
            db,
            ScheduledRuns(runner, lease),
            this_computer=name,
            planner=SchedulePlanner(BERLIN),
            lease=lease,
            secrets=secrets,
            now=clock.now,
            monotonic=clock.monotonic,
            wait=clock.wait,
        )

    def reason(self) -> str | None:
        """Why this computer's scheduler does not plan the interface (None: it does)."""
        self.loop.interfaces_changed()
        self.loop.run_pending()
        return self.loop._known[next(iter(self.loop._known))].reason


def keyring(backend, computer: str) -> SecretStore:
    return SecretStore(backend, service=f"desktop-app-test-{computer}-{uuid.uuid4()}")


@pytest.fixture
def keyrings(secret_service_backend):
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    stores = [keyring(secret_service_backend, name) for name in ("a", "b")]
    yield stores
    collection = secret_service_backend.get_preferred_collection()
    for store in stores:
        for item in collection.search_items({"service": store.service}):
            item.delete()


@pytest.fixture
def chain(pg_url, serve_ftp, ftp_root, keyrings):
    """Two computers on one PostgreSQL database, an interface every 30 minutes."""
    server = serve_ftp()
    (ftp_root / "IMPORT").mkdir()
    db = Database(pg_url)
    Catalog(db).add_mandant("1")
    clock = Clock(datetime(2027, 3, 1, 7, 0, tzinfo=BERLIN))
    first = Computer("KASSE-A", db, keyrings[0], clock)
    second = Computer("KASSE-B", db, keyrings[1], clock)
    settings = InterfaceSettings(
        name=NAME,
        import_format=ImportFormat.CLOSED_ITEMS,
        mandants=("1",),
        settle_until=SettleUntil.TODAY,
        interval=Interval(IntervalKind.HOURLY, every_minutes=30),
        ftp=FtpSettings(Protocol.FTP, server.host, server.port, "IMPORT/", False, USER),
    )
    first.editor.save(settings, password=PASSWORD)  # typed on KASSE-A only
    with db.session() as s:  # created when the clock starts: no catch-up of older slots
        s.execute(update(InterfaceRow).values(created_at=clock.now()))
    yield db, clock, first, second, server
    db.dispose()


def serve_due_times(clock: Clock, first: Computer, second: Computer, start: datetime) -> None:
    """Move the clock to each of the next due times; the second computer wakes first."""
    for index in range(DUE_TIMES):
        clock.wall = (start + timedelta(minutes=30 * index, seconds=1)).astimezone(UTC)
        second.loop.run_pending()
        first.loop.run_pending()


def runs_since(db: Database, after: int) -> list[RunRow]:
    with db.session() as s:
        return list(s.scalars(select(RunRow).where(RunRow.id > after).order_by(RunRow.id)))


def last_run_id(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(RunRow.id).order_by(RunRow.id.desc())) or 0


def test_only_the_computer_holding_the_current_password_runs(chain):
    db, clock, first, second, server = chain
    assert second.reason() == Eligibility.PASSWORD_MISSING
    assert first.reason() is None

    serve_due_times(clock, first, second, datetime(2027, 3, 1, 7, 30, tzinfo=BERLIN))
    runs = runs_since(db, 0)
    assert [(r.host, r.status, r.error) for r in runs] == [("KASSE-A", "ok", "")] * DUE_TIMES
    assert [r.slot_at.astimezone(BERLIN).time() for r in runs][:3] == [
        time(7, 30),
        time(8, 0),
        time(8, 30),
    ]

    # The password is then stored on KASSE-B as well: a new version, KASSE-A's is outdated.
    second.editor.set_password(NAME, PASSWORD)
    coverage = ViewQueries(db).interface(NAME).password_coverage
    assert coverage.state_on("KASSE-A") is HolderState.OUTDATED
    assert coverage.state_on("KASSE-B") is HolderState.CURRENT
    # Then the tax advisor changes it, and it is changed on KASSE-A: now KASSE-B's copy
    # is the outdated one ("veraltet"), and would fail at the login.
    server.authorizer.user_table[USER]["pwd"] = NEW_PASSWORD
    first.editor.set_password(NAME, NEW_PASSWORD)
    coverage = ViewQueries(db).interface(NAME).password_coverage
    assert coverage.state_on("KASSE-B") is HolderState.OUTDATED
    assert coverage.current_holders() == ["KASSE-A"]
    assert second.reason() == Eligibility.PASSWORD_OUTDATED
    assert first.reason() is None

    after = last_run_id(db)
    serve_due_times(clock, first, second, datetime(2027, 3, 2, 7, 30, tzinfo=BERLIN))
    runs = runs_since(db, after)
    assert [(r.host, r.status, r.error) for r in runs] == [("KASSE-A", "ok", "")] * DUE_TIMES


def test_a_password_from_before_versions_is_taken_over_by_the_computer_that_has_it(chain):
    """After the upgrade no version is set: the computer finding the password in its
    keyring at the scheduler's start records itself; the other one stays out."""
    db, clock, first, second, _server = chain
    with db.session() as s:
        s.execute(update(InterfaceRow).values(ftp_password_version=None))
    assert second.reason() == Eligibility.PASSWORD_UNCONFIRMED  # not in its keyring
    assert first.reason() is None  # found: taken over
    coverage = ViewQueries(db).interface(NAME).password_coverage
    assert coverage.current_holders() == ["KASSE-A"]
    assert second.reason() == Eligibility.PASSWORD_MISSING
    serve_due_times(clock, first, second, datetime(2027, 3, 1, 7, 30, tzinfo=BERLIN))
    assert {(r.host, r.status) for r in runs_since(db, 0)} == {("KASSE-A", "ok")}
