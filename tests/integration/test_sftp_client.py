"""SFTP against paramiko's server classes: host key pinning, files, rights."""

from __future__ import annotations

from pathlib import Path

import paramiko
import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.transfer.clients import open_client
from desktop_app.transfer.download import download_entry
from desktop_app.transfer.errors import (
    DirectoryMissing,
    HostKeyChanged,
    HostKeyUnknown,
    LoginFailed,
    NoWriteRight,
    RemoteFileVanished,
)
from desktop_app.transfer.sftp_client import SftpClient

from .conftest import PASSWORD, TIMEOUT, settings_for


def test_host_key_refused_then_trusted_then_change_refused(
    serve_sftp, ftp_root: Path, tmp_path: Path
) -> None:
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / "IMPORT" / "Zahlungen.csv").write_bytes(b"R-1;5,00\n")
    server = serve_sftp()
    settings = settings_for(server, Protocol.SFTP, directory="IMPORT/")

    with pytest.raises(HostKeyUnknown) as unknown:
        open_client(settings, PASSWORD, None, TIMEOUT)
    assert unknown.value.fingerprint == server.fingerprint
    assert server.fingerprint in unknown.value.message_de

    with open_client(settings, PASSWORD, unknown.value.fingerprint, TIMEOUT) as client:
        [entry] = client.list("IMPORT/")
        assert (entry.name, entry.size, entry.is_dir) == ("Zahlungen.csv", 9, False)
        assert entry.path == "IMPORT/Zahlungen.csv" and entry.mtime is not None
        assert download_entry(client, entry, tmp_path).read_bytes() == b"R-1;5,00\n"
        client.delete(entry.remote_path)
        with pytest.raises(RemoteFileVanished):
            client.delete(entry.remote_path)

    server.stop()
    rekeyed = serve_sftp(host_key=paramiko.ECDSAKey.generate())
    with pytest.raises(HostKeyChanged) as changed:
        open_client(settings_for(rekeyed, Protocol.SFTP), PASSWORD, server.fingerprint, TIMEOUT)
    assert changed.value.trusted_fingerprint == server.fingerprint
    assert changed.value.fingerprint == rekeyed.fingerprint


def test_password_is_not_sent_before_the_key_is_pinned(serve_sftp) -> None:
    server = serve_sftp()
    client = SftpClient(settings_for(server, Protocol.SFTP), PASSWORD, None, TIMEOUT)
    client.connect()
    with pytest.raises(HostKeyUnknown):
        client.login()  # login checks the key first and refuses
    client.close()


def test_wrong_password(serve_sftp) -> None:
    server = serve_sftp()
    with pytest.raises(LoginFailed):
        open_client(settings_for(server, Protocol.SFTP), "falsch", server.fingerprint, TIMEOUT)


def test_missing_directory_and_no_write_right(serve_sftp, ftp_root: Path) -> None:
    (ftp_root / "a.csv").write_bytes(b"x")
    server = serve_sftp(read_only=True)
    with open_client(
        settings_for(server, Protocol.SFTP), PASSWORD, server.fingerprint, TIMEOUT
    ) as c:
        with pytest.raises(DirectoryMissing):
            c.cwd("GIBTS/NICHT/")
        with pytest.raises(DirectoryMissing):
            c.cwd("a.csv")  # a file is not a directory
        with pytest.raises(NoWriteRight):
            c.upload_probe("")
        with pytest.raises(NoWriteRight):
            c.delete("a.csv")
    assert (ftp_root / "a.csv").exists()


def test_probe_write_and_delete(serve_sftp, ftp_root: Path) -> None:
    server = serve_sftp()
    with open_client(
        settings_for(server, Protocol.SFTP), PASSWORD, server.fingerprint, TIMEOUT
    ) as c:
        probe = c.upload_probe("")
        assert (ftp_root / probe).exists()
        c.delete(probe)
    assert list(ftp_root.iterdir()) == []
