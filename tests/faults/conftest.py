"""The fault matrix's world: a real ledger, keyring, SMTP server and a fault server per test.

Set ``FAULT_MATRIX_TABLE=path`` to write the table of all cases run (markdown) to
``path`` at the end of the session; ``tests/faults/README.md`` is made that way.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.integration import conftest as integration
from tests.integration.servers import (
    SmtpServerHandle,
    start_smtp_server,
)

from .fault_server import FaultServer
from .harness import SMTP_PASSWORD, SMTP_USER, USER_RIGHTS, Matrix, MatrixRow, write_table

_ROWS: list[MatrixRow] = []


@pytest.fixture(scope="session", autouse=True)
def _matrix_table() -> Iterator[None]:
    yield
    target = os.environ.get("FAULT_MATRIX_TABLE")
    if target and _ROWS:
        write_table(Path(target), _ROWS)


# The same temporary FTP root and certificate factory as the integration tests.
ftp_root = integration.ftp_root
certificate = integration.certificate


@pytest.fixture
def fault_server(ftp_root: Path) -> Iterator[Callable[..., FaultServer]]:
    """Start a FaultServer on ``ftp_root``; every one started is stopped after the test."""
    servers: list[FaultServer] = []

    def start(**options) -> FaultServer:
        server = FaultServer(ftp_root, USER_RIGHTS, **options)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServerHandle]:
    server = start_smtp_server(login=(SMTP_USER, SMTP_PASSWORD))
    yield server
    server.stop()


@pytest.fixture
def matrix(db, catalog, secret_store, smtp_server, ftp_root) -> Matrix:
    return Matrix(db, secret_store, smtp_server, ftp_root, _ROWS)


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp folder the runs download into, of this test alone (to watch and check)."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
