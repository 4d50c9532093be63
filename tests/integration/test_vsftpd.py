"""The Test button and a whole run against a real vsftpd (see vsftpd.py), a widespread
FTP server (the default of Debian's and Red Hat's package lists): it has no MLSD and, with
FTPS, refuses a data connection that does not resume the control connection's TLS
session. The other transfer tests imitate both with pyftpdlib; this is the real thing."""

from __future__ import annotations

import ftplib
import ssl
from dataclasses import replace
from decimal import Decimal

import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.connection_test import StepId, prepare_ftp_test
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from tests.conftest import need

from .payment_run import NAME, payment_settings, quick_runner
from .vsftpd import USER, start_vsftpd, vsftpd_binary

PAYMENTS = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0001;;20260313;1\r\n"
    "RE-2026-0002;59,90;20260313;1\r\n"
).encode("cp1252")


@pytest.fixture(params=[Protocol.FTPS, Protocol.FTP], ids=["ftps-session-reuse", "ftp"])
def vsftpd(request, tmp_path, certificate):
    binary = vsftpd_binary()
    need(binary is not None, "vsftpd is not installed (apt-get install vsftpd)")
    tls = certificate("vsftpd") if request.param is Protocol.FTPS else None
    directory = tmp_path / "vsftpd"
    directory.mkdir()
    server = start_vsftpd(binary, directory, tls)
    yield server
    server.stop()


@pytest.fixture
def ledger(db, catalog):
    rows = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
        f"RE-2026-{i:04d};1;0{i}.02.2026;{a}\n" for i, a in enumerate(["119,00", "59,90"], 1)
    )
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices(rows.encode(), file_name="l.csv"))
    return ledger


def _save(db, secret_store, server, **ftp_changes):
    settings = payment_settings(server.host, server.port)
    ftp = replace(settings.ftp, protocol=server.protocol, user=USER, **ftp_changes)
    editor = InterfaceEditor(InterfaceRepository(db), secret_store)
    editor.save(replace(settings, ftp=ftp), password="beliebig")
    return editor


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
    vsftpd.folder("IMPORT")
    editor = _save(db, secret_store, vsftpd)
    stored = InterfaceRepository(db).get(NAME)

    first = prepare_ftp_test(secret_store, stored.settings.ftp, stored=stored).run(timeout=5)
    if vsftpd.protocol is Protocol.FTPS:  # a self-signed certificate: compare, then trust
        assert not first.ok and first.failed_step.step is StepId.TLS
        assert first.failed_step.fingerprint == vsftpd.fingerprint
        stored = editor.trust(NAME, first.failed_step.fingerprint)
        first = prepare_ftp_test(secret_store, stored.settings.ftp, stored=stored).run(timeout=5)

    assert [step.step for step in first.steps if not step.ok] == []
    assert StepId.DELETE_PROBE in [step.step for step in first.steps]
    assert list((vsftpd.root / "IMPORT").iterdir()) == []  # the probe is gone again


def test_a_run_books_the_files_of_the_date_folders_and_deletes_them(
    db, ledger, secret_store, vsftpd
):
    day = vsftpd.folder("IMPORT/2026-03-13")
    (day / "zahlungen_0313.csv").write_bytes(PAYMENTS)
    (day / "andere.csv").write_bytes(PAYMENTS)  # not matching the Dateiname filter
    editor = _save(db, secret_store, vsftpd, date_subdirectories=True)
    if vsftpd.fingerprint:
        editor.trust(NAME, vsftpd.fingerprint)

    result = quick_runner(db, secret_store).run(NAME)

    assert result.status is RunStatus.OK, result.error_text("en")
    (booked,) = result.files
    assert booked.name == "IMPORT/2026-03-13/zahlungen_0313.csv"
    assert (booked.outcome, booked.booked, booked.deleted) == ("booked", 2, True)
    assert booked.booked_amount == Decimal("178.90")
    assert sorted(p.name for p in day.iterdir()) == ["andere.csv"]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0
    assert quick_runner(db, secret_store).run(NAME).files == []  # nothing twice
