"""The Test button and a whole run against a real ProFTPD (see proftpd.py), the FTP server
of Plesk and of many hosting companies: MLSD with every fact, FTPS (mod_tls) that refuses
a data connection without the control connection's TLS session, and SFTP (mod_sftp) from
the same daemon. The other transfer tests imitate these with pyftpdlib and paramiko."""

from __future__ import annotations

import ftplib
import io
import os
import ssl
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import paramiko
import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.jobs.connection_test import StepId
from desktop_app.transfer.clients import open_client
from desktop_app.transfer.errors import WrongProtocol
from desktop_app.transfer.file_errors import NoWriteRight, PermissionDenied
from desktop_app.transfer.listing import SkipReason
from desktop_app.transfer.login_errors import EncryptionRequired, LoginFailed, SshOutdated
from tests.conftest import need

from .conftest import PASSWORD, USER, settings_for
from .payment_run import (
    NAME,
    PAYMENTS_0313,
    assert_a_date_folder_books_once,
    assert_test_button_passes,
    quick_runner,
    run_the_test,
    save_interface_on,
    two_invoice_ledger,
)
from .proftpd import ProftpdHandle, find_proftpd, start_proftpd

PROTOCOLS = [Protocol.FTPS, Protocol.FTP, Protocol.SFTP]
IDS = ["ftps-session-reuse", "ftp", "sftp"]


@pytest.fixture
def start_server(tmp_path, certificate) -> Iterator[Callable[..., ProftpdHandle]]:
    """start ProFTPD for a protocol, with the user ``USER``; stopped after the test."""
    install = find_proftpd()
    need(
        install is not None,
        "ProFTPD is missing (tools/fetch_ftp_servers.sh unpacks it into .test-servers)",
    )
    assert install is not None
    handles: list[ProftpdHandle] = []

    def start(protocol: Protocol, **options: Any) -> ProftpdHandle:
        directory = tmp_path / f"proftpd-{protocol.value}"
        directory.mkdir()
        tls = certificate("proftpd") if protocol is Protocol.FTPS else None
        handles.append(
            start_proftpd(install, directory, protocol, {USER: PASSWORD}, tls, **options)
        )
        return handles[-1]

    yield start
    for handle in handles:
        handle.stop()


@pytest.fixture(params=PROTOCOLS, ids=IDS)
def proftpd(request, start_server) -> ProftpdHandle:
    return start_server(request.param)


@pytest.fixture
def ledger(db, catalog):
    return two_invoice_ledger(db)


def _save(db, secret_store, server, password=PASSWORD, **ftp_changes):
    return save_interface_on(
        db, secret_store, server, server.protocol, USER, password, **ftp_changes
    )


def test_the_ftp_server_is_proftpd_and_lists_with_mlsd_facts(start_server):
    server = start_server(Protocol.FTP)
    (server.root / "zahlungen.csv").write_bytes(PAYMENTS_0313)
    client = ftplib.FTP(timeout=5)
    try:
        assert "ProFTPD" in client.connect(server.host, server.port)
        client.login(USER, PASSWORD)
        assert "MLST" in client.sendcmd("FEAT")
        facts = dict(client.mlsd())["zahlungen.csv"]
        assert {"type", "size", "modify", "perm", "unique", "unix.mode"} <= set(facts)
        assert (facts["type"], facts["size"]) == ("file", str(len(PAYMENTS_0313)))
    finally:
        client.close()


def test_the_ftps_server_requires_tls_and_its_session_on_the_data_connection(start_server):
    """What the client must cope with here: no login without TLS, and no data connection
    without the control connection's TLS session (Python's ftplib alone fails)."""
    server = start_server(Protocol.FTPS)
    plain = ftplib.FTP(timeout=5)
    try:
        plain.connect(server.host, server.port)
        with pytest.raises(ftplib.error_perm, match=r"^550 SSL/TLS required on the control"):
            plain.login(USER, PASSWORD)
    finally:
        plain.close()

    client = ftplib.FTP_TLS(timeout=5)
    client.context.check_hostname = False
    client.context.verify_mode = ssl.CERT_NONE
    try:
        client.connect(server.host, server.port)
        client.login(USER, PASSWORD)
        client.prot_p()
        with pytest.raises(ftplib.error_temp, match=r"^425 Unable to build data connection"):
            client.nlst()
    finally:
        client.close()
    assert "client did not reuse TLS session" in (server.log.parent / "tls.log").read_text()


def test_the_sftp_server_is_proftpds_mod_sftp(start_server):
    server = start_server(Protocol.SFTP)
    transport = paramiko.Transport((server.host, server.port))
    try:
        transport.connect(username=USER, password=PASSWORD)
        assert "mod_sftp" in transport.remote_version
        assert transport.get_remote_server_key().get_name() == "ssh-ed25519"
    finally:
        transport.close()


def test_the_client_reads_names_sizes_and_times_as_listed(proftpd):
    """MLSD's facts (FTP, FTPS) and SFTP's attributes: the size, the modification time in
    UTC to the second, which entry is a folder; and a German name in UTF-8 (ProFTPD
    announces UTF8) is listed, fetched and deleted as it is written."""
    day = proftpd.root / "IMPORT" / "2026-03-13"
    day.mkdir(parents=True)
    file = proftpd.root / "IMPORT" / "Zahlungen März.csv"
    file.write_bytes(PAYMENTS_0313)
    stamp = datetime(2026, 3, 13, 18, 4, 5, tzinfo=UTC)
    os.utime(file, (stamp.timestamp(), stamp.timestamp()))
    settings = settings_for(proftpd, proftpd.protocol)

    with open_client(settings, PASSWORD, proftpd.fingerprint, timeout=5) as client:
        entries = {entry.name: entry for entry in client.list("IMPORT/")}
        fetched = io.BytesIO()
        client.retrieve("IMPORT/Zahlungen März.csv", fetched)
        client.delete("IMPORT/Zahlungen März.csv")

    assert set(entries) == {"2026-03-13", "Zahlungen März.csv"}
    assert entries["2026-03-13"].is_dir
    listed = entries["Zahlungen März.csv"]
    assert not listed.is_dir
    assert (listed.size, listed.mtime) == (len(PAYMENTS_0313), stamp)
    assert listed.remote_path == "IMPORT/Zahlungen März.csv"
    assert fetched.getvalue() == PAYMENTS_0313
    assert not file.exists()


def test_an_upload_in_progress_under_a_hidden_name_waits_for_its_rename(
    db, ledger, secret_store, start_server
):
    """HiddenStores: the tax advisor's upload is ``.in.zahlungen_0313.csv.`` until it is
    complete. A stalled one keeps its size, so only its name says it is not whole."""
    server = start_server(Protocol.FTP, hidden_stores=True)
    (server.root / "IMPORT").mkdir()
    _save(db, secret_store, server)
    header, first, rest = PAYMENTS_0313.split(b"\r\n", 2)
    uploader = ftplib.FTP(timeout=5)
    uploader.connect(server.host, server.port)
    uploader.login(USER, PASSWORD)
    data = uploader.transfercmd("STOR IMPORT/zahlungen_0313.csv")
    try:
        data.sendall(header + b"\r\n" + first + b"\r\n")  # the first payment only
        hidden = server.root / "IMPORT" / ".in.zahlungen_0313.csv."
        _wait_for(lambda: hidden.exists() and hidden.stat().st_size > 0)

        stalled = quick_runner(db, secret_store).run(NAME)
        assert stalled.files == []
        assert stalled.skipped_files == [
            f"IMPORT/.in.zahlungen_0313.csv.: {SkipReason.HIDDEN_NAME.label_de}"
        ]
        assert ledger.invoice("1", "RE-2026-0001").open_amount == 119  # nothing booked
        assert hidden.exists()  # nor deleted

        data.sendall(rest)
    finally:
        data.close()
    uploader.voidresp()  # the upload is complete: ProFTPD renames it
    uploader.quit()
    assert sorted(p.name for p in (server.root / "IMPORT").iterdir()) == ["zahlungen_0313.csv"]

    whole = quick_runner(db, secret_store).run(NAME)
    assert [(f.name, f.outcome, f.booked) for f in whole.files] == [
        ("IMPORT/zahlungen_0313.csv", "booked", 2)
    ]


def _wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the server did not get there in time"
        time.sleep(0.02)


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=IDS)
def test_a_file_the_server_will_not_hand_out_or_delete_is_a_missing_right(start_server, protocol):
    """How a hoster makes an account read-only or write-once: <Limit READ DELE> DenyAll.
    ProFTPD then answers "550 <name>: Operation not permitted" over FTP, and SFTP's
    "permission denied": a right the operator must give, not a file that has vanished."""
    server = start_server(protocol, denied=("READ", "DELE"))
    (server.root / "IMPORT").mkdir()
    (server.root / "IMPORT" / "zahlungen.csv").write_bytes(PAYMENTS_0313)
    settings = settings_for(server, protocol)

    with open_client(settings, PASSWORD, server.fingerprint, timeout=5) as client:
        assert [entry.name for entry in client.list("IMPORT/")] == ["zahlungen.csv"]
        with pytest.raises(PermissionDenied):
            client.retrieve("IMPORT/zahlungen.csv", io.BytesIO())
        with pytest.raises(NoWriteRight):
            client.delete("IMPORT/zahlungen.csv")
    assert (server.root / "IMPORT" / "zahlungen.csv").read_bytes() == PAYMENTS_0313


def test_the_test_button_passes_every_step(db, catalog, secret_store, proftpd):
    (proftpd.root / "IMPORT").mkdir()
    editor = _save(db, secret_store, proftpd)
    assert_test_button_passes(
        db, secret_store, editor, proftpd.protocol, proftpd.fingerprint, proftpd.root / "IMPORT"
    )


def test_a_wrong_password_is_said_as_a_refused_login(db, catalog, secret_store, proftpd):
    (proftpd.root / "IMPORT").mkdir()
    editor = _save(db, secret_store, proftpd, password="Falsches-Passwort")
    if proftpd.fingerprint:
        editor.trust(NAME, proftpd.fingerprint)

    failed = run_the_test(db, secret_store).failed_step
    assert failed is not None and failed.step is StepId.LOGIN
    assert isinstance(failed.error, LoginFailed)
    assert failed.message.startswith(f"Anmeldung als „{USER}“ an „{proftpd.host}“ fehlgeschlagen")


@pytest.mark.parametrize(
    ("served", "chosen", "error"),
    [
        (Protocol.FTPS, Protocol.FTP, EncryptionRequired),  # 550 SSL/TLS required …
        (Protocol.SFTP, Protocol.FTP, WrongProtocol),  # SSH-2.0-mod_sftp
        (Protocol.FTP, Protocol.SFTP, WrongProtocol),  # 220 ProFTPD Server …
    ],
    ids=["ftp-on-ftps", "ftp-on-sftp", "sftp-on-ftp"],
)
def test_the_wrong_protocol_is_named_as_such(
    db, catalog, secret_store, start_server, served, chosen, error
):
    server = start_server(served)
    save_interface_on(db, secret_store, server, chosen, USER, PASSWORD)

    failed = run_the_test(db, secret_store).failed_step

    assert failed is not None and isinstance(failed.error, error), failed


def test_a_run_books_the_files_of_the_date_folders_and_deletes_them(
    db, ledger, secret_store, proftpd
):
    day = proftpd.root / "IMPORT" / "2026-03-13"
    day.mkdir(parents=True)
    editor = _save(db, secret_store, proftpd, date_subdirectories=True)
    assert_a_date_folder_books_once(db, secret_store, ledger, editor, proftpd.fingerprint, day)


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=IDS)
def test_an_account_that_may_not_delete_books_once_and_says_which_right_is_missing(
    db, ledger, secret_store, start_server, protocol
):
    """<Limit DELE> DenyAll: the file is booked and stays; the run asks for the right to
    delete, and the next run recognises the content and books nothing again."""
    server = start_server(protocol, denied=("DELE",))
    day = server.root / "IMPORT" / "2026-03-13"
    day.mkdir(parents=True)
    (day / "zahlungen_0313.csv").write_bytes(PAYMENTS_0313)
    editor = _save(db, secret_store, server, date_subdirectories=True)
    if server.fingerprint:
        editor.trust(NAME, server.fingerprint)

    (booked,) = quick_runner(db, secret_store).run(NAME).files
    assert (booked.outcome, booked.booked, booked.deleted) == ("booked", 2, False)
    assert booked.error_kind == "NoWriteRight"
    assert "Löschberechtigung" in booked.error_text("de")
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0

    (again,) = quick_runner(db, secret_store).run(NAME).files
    assert (again.outcome, again.booked, again.deleted) == ("duplicate", 0, False)
    assert (day / "zahlungen_0313.csv").read_bytes() == PAYMENTS_0313


def test_an_sftp_server_with_only_sha1_key_exchanges_is_named_outdated(
    db, catalog, secret_store, start_server
):
    """An old server's SHA-1 Diffie-Hellman only: not "Prüfen Sie, ob der Server SFTP
    anbietet und der Port stimmt", but what is outdated and who can change it."""
    server = start_server(
        Protocol.SFTP, sftp_key_exchanges="diffie-hellman-group1-sha1 diffie-hellman-group14-sha1"
    )
    _save(db, secret_store, server)
    step = run_the_test(db, secret_store).failed_step
    assert step.step is StepId.CONNECT and isinstance(step.error, SshOutdated)
    assert "bietet nur veraltete Verfahren an (Schlüsselaustausch)" in step.message
    assert "Bitten Sie den Betreiber" in step.message
