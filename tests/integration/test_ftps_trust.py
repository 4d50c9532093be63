"""FTPS: explicit TLS required by the server, certificate trust on first use, session reuse."""

from __future__ import annotations

import ftplib
from pathlib import Path

import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.transfer.clients import open_client
from desktop_app.transfer.download import download_entry
from desktop_app.transfer.ftp_client import FtpClient
from desktop_app.transfer.login_errors import (
    CertificateChanged,
    CertificateUnknown,
    EncryptionRequired,
    LoginFailed,
    TlsNotSupported,
    TlsOutdated,
)

from .conftest import PASSWORD, TIMEOUT, USER, settings_for
from .servers import make_certificate


def test_self_signed_refused_with_fingerprint_then_trusted_then_change_refused(
    serve_ftp, certificate, ftp_root: Path, tmp_path: Path
) -> None:
    (ftp_root / "Zahlungen.csv").write_bytes(b"R-1;5,00\n")
    first, second = certificate("first"), certificate("second")
    server = serve_ftp(tls=first)
    settings = settings_for(server, Protocol.FTPS)

    with pytest.raises(CertificateUnknown) as unknown:
        open_client(settings, PASSWORD, None, TIMEOUT)
    assert unknown.value.fingerprint == first.fingerprint
    assert first.fingerprint in unknown.value.message_de

    with open_client(settings, PASSWORD, unknown.value.fingerprint, TIMEOUT) as client:
        [entry] = client.list("")
        assert download_entry(client, entry, tmp_path).read_bytes() == b"R-1;5,00\n"

    server.stop()
    replaced = serve_ftp(tls=second)
    with pytest.raises(CertificateChanged) as changed:
        open_client(settings_for(replaced, Protocol.FTPS), PASSWORD, first.fingerprint, TIMEOUT)
    assert changed.value.trusted_fingerprint == first.fingerprint
    assert changed.value.fingerprint == second.fingerprint
    assert "WARNUNG" in changed.value.message_de


def test_a_certificate_from_a_known_authority_needs_no_pin(
    serve_ftp, tmp_path: Path, ftp_root: Path
) -> None:
    ca = make_certificate(tmp_path, "ca", is_ca=True)
    leaf = make_certificate(tmp_path, "leaf", issuer=ca)
    server = serve_ftp(tls=leaf)
    settings = settings_for(server, Protocol.FTPS)
    client = FtpClient(settings, PASSWORD, None, TIMEOUT, ca_context=ca.client_context())
    with client.open():
        assert client.list("") == []
    # A stale pin does not matter either: the authority vouches for the new certificate.
    pinned = FtpClient(settings, PASSWORD, "AB" * 32, TIMEOUT, ca_context=ca.client_context())
    with pinned.open():
        assert pinned.list("") == []


def test_servers_requiring_tls_session_reuse_work(serve_ftp, certificate, ftp_root: Path) -> None:
    (ftp_root / "a.csv").write_bytes(b"x")
    cert = certificate("reuse")
    server = serve_ftp(tls=cert, require_session_reuse=True)
    with open_client(settings_for(server, Protocol.FTPS), PASSWORD, cert.fingerprint, TIMEOUT) as c:
        assert [e.name for e in c.list("")] == ["a.csv"]
        c.delete(c.upload_probe(""))
    # the server really insists: the standard library client without reuse is refused
    plain = ftplib.FTP_TLS(context=cert.client_context(), timeout=TIMEOUT)
    plain.connect(server.host, server.port)
    plain.login(USER, PASSWORD)
    plain.prot_p()
    with pytest.raises(ftplib.error_perm, match="session reuse required"):
        plain.nlst()
    plain.close()


def test_wrong_password_over_tls(serve_ftp, certificate) -> None:
    cert = certificate("pw")
    server = serve_ftp(tls=cert)
    with pytest.raises(LoginFailed):
        open_client(settings_for(server, Protocol.FTPS), "falsch", cert.fingerprint, TIMEOUT)


def test_a_server_with_only_tls_1_1_is_named_outdated(serve_ftp, certificate) -> None:
    """Not "TLSV1_ALERT_PROTOCOL_VERSION" inside a general TLS failure: what it means, and
    who can change it."""
    server = serve_ftp(tls=certificate("old"), outdated_tls=True)
    with pytest.raises(TlsOutdated) as caught:
        open_client(settings_for(server, Protocol.FTPS), PASSWORD, None, TIMEOUT)
    assert "veraltete Verschlüsselung" in caught.value.message_de
    assert "TLS 1.2 or newer" in caught.value.message_en


def test_a_server_without_tls_is_refused_for_ftps(serve_ftp) -> None:
    server = serve_ftp()  # plain pyftpdlib: AUTH is an unknown command
    with pytest.raises(TlsNotSupported) as caught:
        open_client(settings_for(server, Protocol.FTPS), PASSWORD, None, TIMEOUT)
    assert "FTPS" in caught.value.message_de


def test_plain_ftp_against_a_tls_only_server_is_told_to_choose_ftps(serve_ftp, certificate) -> None:
    server = serve_ftp(tls=certificate("only"))
    with pytest.raises(EncryptionRequired):
        open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT)
