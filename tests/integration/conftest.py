"""Fixtures starting real servers per test (see servers.py); every one is stopped after."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import paramiko
import pytest

from desktop_app.domain.interface import FtpSettings, Protocol
from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.jobs.connection_test import FtpTestResult, run_ftp_test
from desktop_app.store.smtp_store import SmtpStore

from .servers import (
    FULL_RIGHTS,
    READ_ONLY,
    Certificate,
    FtpServerHandle,
    SftpServerHandle,
    SilentServer,
    SmtpServerHandle,
    free_port,
    make_certificate,
    start_ftp_server,
    start_sftp_server,
    start_smtp_server,
)

USER = "buchhaltung"
PASSWORD = "Geheim-Passwort-4711!"  # tests assert it never shows up in any message
READER = "leser"
READER_PASSWORD = "Nur-Lesen-0815"
TIMEOUT = 1.5  # short: a failing test must not take long


def settings_for(
    server: FtpServerHandle | SftpServerHandle,
    protocol: Protocol,
    *,
    user: str = USER,
    directory: str = "",
    **changes: Any,
) -> FtpSettings:
    return FtpSettings(
        protocol=protocol,
        host=server.host,
        port=server.port,
        user=user,
        directory=directory,
        **changes,
    )


def cancelled_soon(settings: FtpSettings) -> FtpTestResult:
    """The Test on ``settings`` with a 30 s timeout, cancelled after 0.2 s: a cancel ends a
    step that waits on the server at once, not at the timeout."""
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    result = run_ftp_test(settings, PASSWORD, None, timeout=30, cancel=cancel)
    assert time.monotonic() - started < 2
    assert result.cancelled and not result.ok
    return result


@pytest.fixture
def ftp_root(tmp_path: Path) -> Path:
    root = tmp_path / "ftp-root"
    root.mkdir()
    return root


@pytest.fixture
def certificate(tmp_path: Path) -> Callable[[str], Certificate]:
    """make a self-signed certificate for 127.0.0.1 named ``name``."""
    directory = tmp_path / "certs"
    directory.mkdir()
    return lambda name: make_certificate(directory, name)


@pytest.fixture
def serve_ftp(ftp_root: Path) -> Iterator[Callable[..., FtpServerHandle]]:
    """start_ftp_server with the test users on ``ftp_root`` unless told otherwise."""
    handles: list[FtpServerHandle] = []

    def start(**options: Any) -> FtpServerHandle:
        options.setdefault(
            "users", {USER: (PASSWORD, FULL_RIGHTS), READER: (READER_PASSWORD, READ_ONLY)}
        )
        handle = start_ftp_server(options.pop("root", ftp_root), **options)
        handles.append(handle)
        return handle

    yield start
    for handle in handles:
        handle.stop()


@pytest.fixture
def serve_sftp(ftp_root: Path) -> Iterator[Callable[..., SftpServerHandle]]:
    handles: list[SftpServerHandle] = []

    def start(host_key: paramiko.PKey | None = None, **options: Any) -> SftpServerHandle:
        key = host_key or paramiko.ECDSAKey.generate()
        handle = start_sftp_server(
            options.pop("root", ftp_root), options.pop("users", {USER: PASSWORD}), key, **options
        )
        handles.append(handle)
        return handle

    yield start
    for handle in handles:
        handle.stop()


@pytest.fixture
def serve_smtp() -> Iterator[Callable[..., SmtpServerHandle]]:
    handles: list[SmtpServerHandle] = []

    def start(**options: Any) -> SmtpServerHandle:
        handle = start_smtp_server(**options)
        handles.append(handle)
        return handle

    yield start
    for handle in handles:
        handle.stop()


@pytest.fixture
def smtp_inbox(db, serve_smtp) -> list:
    """The messages an SMTP server on a free port received, set up as the program's
    server (no TLS, no login) in the test's database."""
    server = serve_smtp()
    SmtpStore(db).save(
        SmtpSettings(server.host, server.port, SmtpSecurity.NONE, "", "import@example.org")
    )
    return server.inbox


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.stop()


@pytest.fixture
def closed_port() -> int:
    return free_port()
