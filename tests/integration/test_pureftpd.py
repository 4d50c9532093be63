"""The Test button and a whole run against a real Pure-FTPd (see pureftpd.py), the FTP
server of cPanel hosting. Unlike vsftpd it has MLSD, whose facts the client reads; with
FTPS it refuses anything in clear text."""

from __future__ import annotations

import ftplib
from functools import partial

import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.jobs.connection_test import StepId
from desktop_app.transfer.login_errors import EncryptionRequired, LoginFailed

from .payment_run import (
    NAME,
    assert_a_date_folder_books_once,
    assert_test_button_passes,
    run_the_test,
    save_interface_on,
    two_invoice_ledger,
)
from .pureftpd import PASSWORD, USER, pureftpd_files, start_pureftpd
from .server_process import serve
from .unpacked_servers import FETCH_HINT


def _serve(tmp_path, certificate, protocol):
    files = pureftpd_files()
    start = None if files is None else partial(start_pureftpd, files)
    missing = f"Pure-FTPd is not unpacked ({FETCH_HINT})"
    yield from serve(tmp_path, certificate, protocol, "pureftpd", start, missing)


@pytest.fixture(params=[Protocol.FTPS, Protocol.FTP], ids=["ftps-required", "ftp"])
def pureftpd(request, tmp_path, certificate):
    yield from _serve(tmp_path, certificate, request.param)


@pytest.fixture
def ftps_only_pureftpd(tmp_path, certificate):
    yield from _serve(tmp_path, certificate, Protocol.FTPS)


@pytest.fixture
def ledger(db, catalog):
    return two_invoice_ledger(db)


def _save(db, secret_store, server, password=PASSWORD, **ftp_changes):
    return save_interface_on(
        db, secret_store, server, server.protocol, USER, password, **ftp_changes
    )


def test_the_server_is_what_the_tests_take_it_for(pureftpd):
    """Pure-FTPd lists with MLSD; with FTPS it does not even take a user name in clear."""
    (pureftpd.folder("IMPORT") / "zahlungen.csv").write_bytes(b"x")
    client = ftplib.FTP(timeout=5)
    client.connect(pureftpd.host, pureftpd.port)
    try:
        assert "Pure-FTPd" in client.getwelcome()
        if pureftpd.protocol is Protocol.FTPS:
            with pytest.raises(ftplib.error_temp, match=r"cleartext sessions .* not accepted"):
                client.login(USER, PASSWORD)
            return
        client.login(USER, PASSWORD)
        facts = dict(client.mlsd("IMPORT", facts=["type", "size"]))
        assert facts["zahlungen.csv"]["type"] == "file"
        assert facts["zahlungen.csv"]["size"] == "1"
    finally:
        client.close()


def test_the_test_button_passes_every_step(db, catalog, secret_store, pureftpd):
    folder = pureftpd.folder("IMPORT")
    editor = _save(db, secret_store, pureftpd)
    assert_test_button_passes(
        db, secret_store, editor, pureftpd.protocol, pureftpd.fingerprint, folder
    )


def test_a_wrong_password_is_said_as_such(db, catalog, secret_store, pureftpd):
    pureftpd.folder("IMPORT")
    editor = _save(db, secret_store, pureftpd, password="falsch")
    if pureftpd.fingerprint:
        editor.trust(NAME, pureftpd.fingerprint)

    # Pure-FTPd answers a wrong password only after 4 to 6 seconds (against guessing);
    # the Test button waits 15 (ui/ftp_test_panel.DEFAULT_TEST_TIMEOUT), so must this.
    result = run_the_test(db, secret_store, timeout=15.0)

    step = result.failed_step
    assert step.step is StepId.LOGIN and isinstance(step.error, LoginFailed)
    assert f"Anmeldung als „{USER}“" in step.message and "Passwort" in step.message


def test_plain_ftp_is_told_to_choose_ftps(db, catalog, secret_store, ftps_only_pureftpd):
    """Pure-FTPd answers the user name in clear text with a 421 and hangs up."""
    ftps_only_pureftpd.folder("IMPORT")
    save_interface_on(db, secret_store, ftps_only_pureftpd, Protocol.FTP, USER, PASSWORD)

    result = run_the_test(db, secret_store)

    step = result.failed_step
    assert step.step is StepId.LOGIN and isinstance(step.error, EncryptionRequired)


def test_a_run_books_the_files_of_the_date_folders_and_deletes_them(
    db, ledger, secret_store, pureftpd
):
    day = pureftpd.folder("IMPORT/2026-03-13")
    editor = _save(db, secret_store, pureftpd, date_subdirectories=True)
    assert_a_date_folder_books_once(db, secret_store, ledger, editor, pureftpd.fingerprint, day)
