"""The Test button and a whole run against a real vsftpd (see vsftpd.py), a widespread
FTP server (the default of Debian's and Red Hat's package lists): it has no MLSD and, with
FTPS, refuses a data connection that does not resume the control connection's TLS
session. The other transfer tests imitate both with pyftpdlib; this is the real thing."""

from __future__ import annotations

import ftplib
import ssl
from functools import partial

import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.jobs.connection_test import StepId
from desktop_app.transfer.errors import ImplicitTls
from desktop_app.transfer.login_errors import EncryptionRequired

from .payment_run import (
    assert_a_date_folder_books_once,
    assert_test_button_passes,
    run_the_test,
    save_interface_on,
    two_invoice_ledger,
)
from .server_process import serve
from .vsftpd import USER, start_vsftpd, vsftpd_binary


def _serve(tmp_path, certificate, protocol, **options):
    binary = vsftpd_binary()
    start = None if binary is None else partial(start_vsftpd, binary, **options)
    missing = "vsftpd is not installed (apt-get install vsftpd)"
    yield from serve(tmp_path, certificate, protocol, "vsftpd", start, missing)


@pytest.fixture(params=[Protocol.FTPS, Protocol.FTP], ids=["ftps-session-reuse", "ftp"])
def vsftpd(request, tmp_path, certificate):
    yield from _serve(tmp_path, certificate, request.param)


@pytest.fixture
def ftps_only_vsftpd(tmp_path, certificate):
    yield from _serve(tmp_path, certificate, Protocol.FTPS)


@pytest.fixture
def implicit_ftps_vsftpd(tmp_path, certificate):
    yield from _serve(tmp_path, certificate, Protocol.FTPS, implicit=True)


@pytest.fixture
def ledger(db, catalog):
    return two_invoice_ledger(db)


def _save(db, secret_store, server, **ftp_changes):
    return save_interface_on(
        db, secret_store, server, server.protocol, USER, "beliebig", **ftp_changes
    )


def test_the_server_is_as_strict_as_the_real_ones(vsftpd):
    """What the client must cope with here: no MLSD, and with FTPS no data connection
    without the control connection's TLS session (Python's ftplib alone fails)."""
    if vsftpd.protocol is Protocol.FTPS:
        client = ftplib.FTP_TLS(timeout=5)
        client.context.check_hostname = False
        client.context.verify_mode = ssl.CERT_NONE
    else:
        client = ftplib.FTP(timeout=5)
    client.connect(vsftpd.host, vsftpd.port)
    client.login(USER, "x")
    try:
        with pytest.raises(ftplib.error_perm, match=r"^500"):
            client.sendcmd("MLSD")
        if vsftpd.protocol is Protocol.FTPS:
            client.prot_p()
            with pytest.raises(ftplib.error_perm, match="session reuse required"):
                client.nlst()
    finally:
        client.close()


def test_the_test_button_passes_every_step(db, catalog, secret_store, vsftpd):
    folder = vsftpd.folder("IMPORT")
    editor = _save(db, secret_store, vsftpd)
    assert_test_button_passes(db, secret_store, editor, vsftpd.protocol, vsftpd.fingerprint, folder)


def test_plain_ftp_is_told_to_choose_ftps(db, catalog, secret_store, ftps_only_vsftpd):
    """vsftpd refuses a login in clear text with "530 Anonymous sessions must use
    encryption.": a 530 that is not a wrong password."""
    ftps_only_vsftpd.folder("IMPORT")
    save_interface_on(db, secret_store, ftps_only_vsftpd, Protocol.FTP, USER, "beliebig")

    result = run_the_test(db, secret_store)

    step = result.failed_step
    assert step.step is StepId.LOGIN and isinstance(step.error, EncryptionRequired)


def test_a_run_books_the_files_of_the_date_folders_and_deletes_them(
    db, ledger, secret_store, vsftpd
):
    day = vsftpd.folder("IMPORT/2026-03-13")
    editor = _save(db, secret_store, vsftpd, date_subdirectories=True)
    assert_a_date_folder_books_once(db, secret_store, ledger, editor, vsftpd.fingerprint, day)


def test_implicit_ftps_is_named_with_what_to_choose(
    db, catalog, secret_store, implicit_ftps_vsftpd
):
    """vsftpd with implicit_ssl says nothing until the client starts TLS. The Test names
    that, and the port to choose instead, rather than "antwortet nicht"."""
    server = implicit_ftps_vsftpd
    _save(db, secret_store, server)
    step = run_the_test(db, secret_store, timeout=2).failed_step
    assert step.step is StepId.CONNECT and isinstance(step.error, ImplicitTls)
    assert f"Am Port {server.port} von „{server.host}“ erwartet" in step.message
    assert "Wählen Sie als Protokoll „FTPS (implizit, Port 990)“" in step.message


def test_implicit_ftps_passes_the_test_button(db, catalog, secret_store, implicit_ftps_vsftpd):
    server = implicit_ftps_vsftpd
    folder = server.folder("IMPORT")
    editor = save_interface_on(db, secret_store, server, Protocol.FTPS_IMPLICIT, USER, "x")
    assert_test_button_passes(
        db, secret_store, editor, Protocol.FTPS_IMPLICIT, server.fingerprint, folder
    )


def test_implicit_ftps_books_the_files_and_deletes_them(
    db, ledger, secret_store, implicit_ftps_vsftpd
):
    server = implicit_ftps_vsftpd
    day = server.folder("IMPORT/2026-03-13")
    editor = save_interface_on(
        db, secret_store, server, Protocol.FTPS_IMPLICIT, USER, "x", date_subdirectories=True
    )
    assert_a_date_folder_books_once(db, secret_store, ledger, editor, server.fingerprint, day)
