"""Throwaway servers the suite starts for itself when the machine has none running.

- PostgreSQL: the ``pgserver`` wheel carries the server binaries for Linux, macOS and
  Windows, so ``pip install '.[test]'`` is all a fresh machine needs; it starts a private
  cluster in a temporary directory, reachable only through its own socket, and as root it
  runs the server under an unprivileged user of its own (PostgreSQL refuses root).
- Secret Service: a private D-Bus session bus with gnome-keyring-daemon, unlocked with a
  throwaway password and keeping its keyring in a temporary HOME, where both programs exist.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote


class ServiceUnavailable(Exception):
    """The component cannot be started here; the message says what to install."""


@contextmanager
def _private_directory(prefix: str) -> Iterator[Path]:
    """Outside pytest's own temporary root: pytest prunes the numbered directories of other
    runs of the same user, and a server's files must not vanish under a parallel run."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def private_postgres() -> Iterator[str]:
    """An SQLAlchemy URL of a superuser on a fresh private PostgreSQL cluster."""
    try:
        import pgserver
    except ImportError as exc:
        raise ServiceUnavailable("pgserver is not installed (pip install -e '.[test]')") from exc
    with _private_directory("desktop-app-test-pg-") as base:
        yield from _started_postgres(pgserver, base / "pgdata")


def _started_postgres(pgserver, pgdata: Path) -> Iterator[str]:
    pgdata.mkdir()
    try:
        server = pgserver.get_server(pgdata, cleanup_mode="delete")
    except Exception as exc:  # any failure to start is reported as the skip reason
        raise ServiceUnavailable(f"the private PostgreSQL server did not start: {exc}") from exc
    try:
        info = server.get_postmaster_info()
        if info.socket_dir is not None:
            socket_dir = quote(str(info.socket_dir))
            yield f"postgresql+psycopg://postgres@/postgres?host={socket_dir}&port={info.port}"
        else:  # Windows: TCP on loopback
            yield f"postgresql+psycopg://postgres@{info.hostname}:{info.port}/postgres"
    finally:
        server.cleanup()


@contextmanager
def private_secret_service() -> Iterator[dict[str, str]]:
    """The environment variables of a private session bus with an unlocked gnome-keyring."""
    missing = [name for name in ("dbus-daemon", "gnome-keyring-daemon") if not shutil.which(name)]
    if missing:
        raise ServiceUnavailable(
            f"{' and '.join(missing)} not found (Debian: apt-get install dbus gnome-keyring)"
        )
    with _private_directory("desktop-app-test-keyring-") as base:
        yield from _started_secret_service(base / "home")


def _started_secret_service(home: Path) -> Iterator[dict[str, str]]:
    home.mkdir()
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            raise ServiceUnavailable("dbus-daemon did not start a session bus")
        env = {"DBUS_SESSION_BUS_ADDRESS": address}
        started = subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input="throwaway-test-keyring",
            env={**os.environ, **env, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")},
            capture_output=True,
            text=True,
            timeout=30,
        )
        if started.returncode != 0:
            raise ServiceUnavailable(f"gnome-keyring-daemon failed: {started.stderr.strip()}")
        yield env
    finally:
        bus.terminate()  # gnome-keyring-daemon leaves with its bus
        bus.wait(timeout=10)
