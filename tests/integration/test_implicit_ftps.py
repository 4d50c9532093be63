"""Implicit FTPS (TLS from the first byte, mostly port 990) against pyftpdlib: the same
trust, listing, download and delete as explicit FTPS, and a clear word when the server on
the port speaks the other kind."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop_app.domain.interface import FtpSettings, Protocol
from desktop_app.jobs.connection_test import StepId, run_ftp_test
from desktop_app.transfer.clients import open_client
from desktop_app.transfer.download import download_entry
from desktop_app.transfer.errors import GreetsWithoutTls, ImplicitTls, ReadTimeout
from desktop_app.transfer.ftp_client import FtpClient
from desktop_app.transfer.login_errors import CertificateChanged, CertificateUnknown, LoginFailed

from .conftest import PASSWORD, TIMEOUT, USER, cancelled_soon, settings_for
from .servers import HOST, make_certificate

IMPLICIT = Protocol.FTPS_IMPLICIT


def test_download_and_delete_once_the_certificate_is_trusted(
    serve_ftp, certificate, ftp_root: Path, tmp_path: Path
) -> None:
    (ftp_root / "Zahlungen.csv").write_bytes(b"R-1;5,00\n")
    cert = certificate("implicit")
    server = serve_ftp(tls=cert, implicit_tls=True, require_session_reuse=True)
    settings = settings_for(server, IMPLICIT)

    with pytest.raises(CertificateUnknown) as unknown:
        open_client(settings, PASSWORD, None, TIMEOUT)
    assert unknown.value.fingerprint == cert.fingerprint

    with open_client(settings, PASSWORD, cert.fingerprint, TIMEOUT) as client:
        [entry] = client.list("")
        assert download_entry(client, entry, tmp_path).read_bytes() == b"R-1;5,00\n"
        client.delete(entry.path)
        assert client.list("") == []
    assert list(ftp_root.iterdir()) == []


def test_a_changed_certificate_is_refused(serve_ftp, certificate) -> None:
    first, second = certificate("first"), certificate("second")
    server = serve_ftp(tls=second, implicit_tls=True)
    with pytest.raises(CertificateChanged) as changed:
        open_client(settings_for(server, IMPLICIT), PASSWORD, first.fingerprint, TIMEOUT)
    assert changed.value.fingerprint == second.fingerprint


def test_a_certificate_from_a_known_authority_needs_no_pin(serve_ftp, tmp_path: Path) -> None:
    ca = make_certificate(tmp_path, "ca", is_ca=True)
    server = serve_ftp(tls=make_certificate(tmp_path, "leaf", issuer=ca), implicit_tls=True)
    client = FtpClient(
        settings_for(server, IMPLICIT), PASSWORD, None, TIMEOUT, ca_context=ca.client_context()
    )
    with client.open():
        assert client.list("") == []


def test_wrong_password_inside_tls(serve_ftp, certificate) -> None:
    cert = certificate("implicit")
    server = serve_ftp(tls=cert, implicit_tls=True)
    with pytest.raises(LoginFailed):
        open_client(settings_for(server, IMPLICIT), "falsch", cert.fingerprint, TIMEOUT)


def test_the_test_button_runs_every_step(serve_ftp, certificate) -> None:
    cert = certificate("implicit")
    server = serve_ftp(tls=cert, implicit_tls=True, require_session_reuse=True)
    result = run_ftp_test(
        settings_for(server, IMPLICIT), PASSWORD, cert.fingerprint, timeout=TIMEOUT
    )
    assert result.ok, result.steps
    assert [s.step for s in result.steps][:4] == [
        StepId.RESOLVE, StepId.CONNECT, StepId.TLS, StepId.LOGIN,
    ]  # fmt: skip


@pytest.mark.parametrize("tls", [False, True], ids=["plain-ftp", "explicit-ftps"])
def test_a_server_greeting_in_plain_text_is_told_to_choose_explicit(
    serve_ftp, certificate, tls
) -> None:
    server = serve_ftp(tls=certificate("explicit") if tls else None)
    with pytest.raises(GreetsWithoutTls) as caught:
        open_client(settings_for(server, IMPLICIT), PASSWORD, None, TIMEOUT)
    error = caught.value
    assert f"Am Port {server.port} von „{server.host}“ meldet sich" in error.message_de
    assert "„FTPS (explizit, TLS)“ oder FTP" in error.message_de
    assert "Choose “FTPS (explicit TLS)” or FTP" in error.message_en


@pytest.mark.parametrize("protocol", [Protocol.FTPS, Protocol.FTP])
def test_explicit_or_plain_against_implicit_is_told_to_choose_implicit(
    serve_ftp, certificate, protocol
) -> None:
    server = serve_ftp(tls=certificate("implicit"), implicit_tls=True)
    with pytest.raises(ImplicitTls) as caught:
        open_client(settings_for(server, protocol), PASSWORD, None, TIMEOUT)
    assert "Wählen Sie als Protokoll „FTPS (implizit, Port 990)“" in caught.value.message_de
    assert "Choose “FTPS (implicit, port 990)” as the protocol" in caught.value.message_en


def test_cancel_breaks_off_a_handshake_the_server_never_answers(silent_server) -> None:
    """Implicit TLS begins with the handshake, so a silent server holds the Test there: a
    cancel ends it at once, as it ends the wait for an FTP greeting."""
    settings = FtpSettings(protocol=IMPLICIT, host=HOST, port=silent_server.port, user=USER)
    result = cancelled_soon(settings)
    assert result.failed_step is not None and result.failed_step.step is StepId.TLS
    assert result.failed_step.message == "Vom Benutzer abgebrochen."


def test_a_handshake_the_server_never_answers_times_out(silent_server) -> None:
    settings = FtpSettings(protocol=IMPLICIT, host=HOST, port=silent_server.port, user=USER)
    started = time.monotonic()
    result = run_ftp_test(settings, PASSWORD, None, timeout=TIMEOUT)
    assert time.monotonic() - started < TIMEOUT + 2
    step = result.failed_step
    assert step is not None and step.step is StepId.TLS and isinstance(step.error, ReadTimeout)
    assert "antwortet aber nicht (Zeitüberschreitung" in step.message
