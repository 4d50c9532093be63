"""Fixtures shared by every test: a fresh data directory and database, a real keyring.

No global monkeypatching: each test gets its own database file and its own keyring
service name, so tests never see each other's state.
"""

from __future__ import annotations

import contextlib
import os
import uuid

import pytest
from hypothesis import HealthCheck, settings

# A 2-core CI machine running servers beside the tests: timing-based checks would flake.
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")

# Without a display Qt aborts the whole run; CI sets DISPLAY (Xvfb) and gets a real window.
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The command line speaks German unless told otherwise; most of its tests read its
# English (this environment, as a script would set it). tests/cli/test_cli_language.py
# removes it to check the German default.
os.environ["DESKTOP_APP_LANG"] = "en"

from tests.private_services import (  # noqa: E402
    ServiceUnavailable,
    private_postgres,
    private_secret_service,
)

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(condition: bool, reason: str) -> None:
    """Skip locally when a component is missing; in CI a missing component is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this component: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def collections_on_the_main_thread():
    """As in the program (ui/gui_collector.py), for every test, not only the window's:
    a Qt object left in a reference cycle by one test must never be destroyed by a
    collection that a pool thread of a later test happens to trigger. Automatic
    collections stay off; the due ones run on the main thread between the tests."""
    from desktop_app.jobs.quiet_gc import collect_on_gui_thread

    before = collect_on_gui_thread(True)
    yield
    collect_on_gui_thread(before)


@pytest.fixture(autouse=True)
def collect_after_each_test(collections_on_the_main_thread):
    from desktop_app.jobs.quiet_gc import collect_due

    yield
    collect_due()


@pytest.fixture
def pythons_own_collections(collections_on_the_main_thread):
    """For the tests of the collection rules themselves: Python's automatic collections,
    after a full collection here that leaves no garbage Qt object for a worker to find."""
    import gc

    from desktop_app.jobs.quiet_gc import collect_on_gui_thread

    gc.collect()
    before = collect_on_gui_thread(False)
    yield
    collect_on_gui_thread(before)


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db(data_dir):
    from desktop_app.store.db import Database, sqlite_url

    database = Database(sqlite_url(data_dir / "test.sqlite3"))
    yield database
    database.dispose()


PG_URL_ENV = "DESKTOP_APP_TEST_PG_URL"


@pytest.fixture(scope="session")
def pg_admin_url():
    """A PostgreSQL superuser URL: DESKTOP_APP_TEST_PG_URL's server, or a private one."""
    if os.environ.get(PG_URL_ENV):
        yield os.environ[PG_URL_ENV]
        return
    try:
        with private_postgres() as url:
            yield url
    except ServiceUnavailable as exc:
        need(False, f"no PostgreSQL server: {exc}")


@pytest.fixture
def pg_url(pg_admin_url):
    """A fresh, empty PostgreSQL database for one test."""
    admin_url = pg_admin_url
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request, data_dir):
    """The same test on SQLite and on PostgreSQL."""
    from desktop_app.store.db import Database, sqlite_url

    if request.param == "sqlite":
        url = sqlite_url(data_dir / "test.sqlite3")
    else:
        url = request.getfixturevalue("pg_url")
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture
def catalog(db):
    from desktop_app.store.catalog import Catalog

    cat = Catalog(db)
    cat.add_mandant("1", datev_berater=12345, datev_mandant=1)
    cat.add_mandant("2")
    cat.add_branch("Hörakustik Mitte")
    cat.add_branch("Optik Nord")
    return cat


@pytest.fixture
def repository(db, catalog):
    from desktop_app.store.interfaces import InterfaceRepository

    return InterfaceRepository(db)


def _secret_service_backend():
    try:
        from keyring.backends import SecretService
    except Exception:
        return None
    backend = SecretService.Keyring()
    try:
        if backend.priority <= 0:
            return None
    except Exception:
        return None
    return backend


@contextlib.contextmanager
def _keyring_default(backend):
    """``backend`` as the keyring library's default while the tests use it: a program
    started in this process earlier (``run_gui``) may have fixed the default to what it
    found then, and the tests storing through ``SecretStore()`` must reach the keyring
    their child processes read."""
    if backend is None:
        yield
        return
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def secret_service_backend():
    """The Secret Service on the session's D-Bus, or on a private one started for the run.

    The bus address goes into ``os.environ`` for the rest of the run: the CLI and service
    tests' child processes must reach the same keyring.
    """
    backend = _secret_service_backend()
    if backend is not None:
        with _keyring_default(backend):
            yield backend
        return
    try:
        with private_secret_service() as env:
            saved = {name: os.environ.get(name) for name in env}
            os.environ.update(env)
            try:
                backend = _secret_service_backend()
                with _keyring_default(backend):
                    yield backend
            finally:
                for name, value in saved.items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value
    except ServiceUnavailable:
        yield None


@pytest.fixture
def secret_store(secret_service_backend):
    """A SecretStore on the real Secret Service, with a service name of its own."""
    need(
        secret_service_backend is not None,
        "no Secret Service on D-Bus, and dbus-daemon or gnome-keyring-daemon is missing to "
        "start one (Debian: apt-get install dbus gnome-keyring)",
    )
    from desktop_app.store.secrets import SecretStore

    store = SecretStore(secret_service_backend, service=f"desktop-app-test-{uuid.uuid4()}")
    yield store
    # Remove every item this test left behind.
    collection = secret_service_backend.get_preferred_collection()
    for item in collection.search_items({"service": store.service}):
        item.delete()


@pytest.fixture
def editor(repository, secret_store):
    from desktop_app.jobs.interface_edit import InterfaceEditor

    return InterfaceEditor(repository, secret_store)


@pytest.fixture
def sample_settings():
    from datetime import date, time

    from desktop_app.domain.interface import (
        FtpSettings,
        ImportFormat,
        InterfaceSettings,
        Interval,
        IntervalKind,
        Protocol,
        SettleUntil,
        Weekday,
    )

    return InterfaceSettings(
        name="Zahlungen Steuerberater",
        enabled=True,
        branch="Optik Nord",
        workstation="KASSE-01",
        start_date=date(2026, 12, 1),
        import_format=ImportFormat.CLOSED_ITEMS,
        mandants=("1", "2"),
        settle_until=SettleUntil.YESTERDAY,
        filename_filter="Zahlungen",
        run_time=time(7, 30),
        interval=Interval(kind=IntervalKind.WEEKLY, weekdays=frozenset({Weekday.MON, Weekday.THU})),
        ftp=FtpSettings(
            protocol=Protocol.FTPS,
            host="ftp.steuerberater.example",
            port=2121,
            directory="BUCHHALTUNG/IMPORTE/",
            date_subdirectories=True,
            user="filiale7",
            passive=True,
        ),
        error_email="buchhaltung@filiale.example",
    )
