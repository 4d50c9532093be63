"""Which refusals at login mean "use TLS": the replies real servers send, against the
wrong-password replies of the same servers."""

from __future__ import annotations

import ftplib

import pytest

from desktop_app.transfer.ftp_errors import asks_for_tls


@pytest.mark.parametrize(
    "reply",
    [
        "534 Policy requires SSL.",  # IIS
        "530 Non-anonymous sessions must use encryption.",  # vsftpd
        "550 SSL/TLS required on the control channel",  # ProFTPD, pyftpdlib
        "421-Sorry, cleartext sessions and weak ciphers are not accepted on this server.\n"
        "421 Please reconnect using TLS security mechanisms.",  # Pure-FTPd
        "530 This server does not allow plain FTP. You have to use FTP over TLS.",  # FileZilla
    ],
)
def test_a_demand_for_tls(reply: str) -> None:
    assert asks_for_tls(ftplib.error_perm(reply))


@pytest.mark.parametrize(
    "reply",
    [
        "530 Login incorrect.",  # vsftpd, ProFTPD
        "530 Login authentication failed",  # Pure-FTPd
        "530 User cannot log in.",  # IIS
        "530 Login or password incorrect!",  # FileZilla Server
        "530 Authentication failed.",  # pyftpdlib
        "421 Too many connections (8) from this IP",  # Pure-FTPd, ProFTPD
    ],
)
def test_a_refusal_for_other_reasons(reply: str) -> None:
    assert not asks_for_tls(ftplib.error_perm(reply))
