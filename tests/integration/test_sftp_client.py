"""SFTP against paramiko's server classes: host key pinning, files, rights."""

from __future__ import annotations

from pathlib import Path

import paramiko
import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.transfer.clients import open_client
from desktop_app.transfer.download import download_entry
from desktop_app.transfer.file_errors import (
    DirectoryMissing,
    DownloadTimedOut,
    DownloadTooLarge,
    NoWriteRight,
    RemoteFileChanged,
    RemoteFileVanished,
)
from desktop_app.transfer.limits import DownloadLimits
from desktop_app.transfer.login_errors import HostKeyChanged, HostKeyUnknown, LoginFailed
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


def _downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def test_a_file_larger_than_listed_never_lands_beyond_the_listed_size(
    serve_sftp, ftp_root: Path, tmp_path: Path
) -> None:
    (ftp_root / "gross.csv").write_bytes(b"x" * 1_000_000)
    server = serve_sftp()
    downloads = _downloads(tmp_path)
    settings = settings_for(server, Protocol.SFTP)
    with open_client(settings, PASSWORD, server.fingerprint, TIMEOUT) as client:
        with pytest.raises(RemoteFileChanged) as caught:
            client.download("gross.csv", downloads, expected=68)
        assert (caught.value.expected, list(downloads.iterdir())) == (68, [])
        assert not client.connected  # prefetched replies were still coming: dropped
        with pytest.raises(DownloadTooLarge):
            client.open().download("gross.csv", downloads, limits=DownloadLimits(max_bytes=1000))
        assert list(downloads.iterdir()) == []
        assert client.open().download("gross.csv", downloads, expected=1_000_000).stat().st_size


def test_a_trickling_sftp_server_ends_at_the_deadline(
    serve_sftp, ftp_root: Path, tmp_path: Path
) -> None:
    (ftp_root / "langsam.csv").write_bytes(b"x" * 200_000)  # 7 reads of 32 KB, 0.5 s each
    server = serve_sftp(read_delay=0.5)
    downloads = _downloads(tmp_path)
    limits = DownloadLimits(min_rate=1024 * 1024, grace=0.5)  # 0.7 s for 200 KB
    settings = settings_for(server, Protocol.SFTP)
    client = open_client(settings, PASSWORD, server.fingerprint, TIMEOUT)
    with client, pytest.raises(DownloadTimedOut) as caught:
        client.download("langsam.csv", downloads, expected=200_000, limits=limits)
    assert caught.value.seconds == pytest.approx(0.69, abs=0.01)
    assert caught.value.received < 200_000 and "kam zu langsam an" in caught.value.message_de
    assert list(downloads.iterdir()) == []


def test_a_link_to_a_payment_file_is_listed_with_its_files_size(
    serve_sftp, ftp_root: Path, tmp_path: Path
) -> None:
    """SFTP lists a symbolic link as a link: its target's size comes from a stat of it.
    A link to nothing stays without a size (and is skipped as such, not as "growing")."""
    from datetime import date

    from desktop_app.transfer.listing import SkipReason, find_files

    base, store = ftp_root / "IMPORT", ftp_root / "store"
    base.mkdir()
    store.mkdir()
    (store / "Zahlungen.csv").write_bytes(b"R-1;10,00\r\nR-2;20,00\r\n")
    (base / "Zahlungen_link.csv").symlink_to("../store/Zahlungen.csv")
    (base / "Zahlungen_weg.csv").symlink_to("../store/geloescht.csv")
    server = serve_sftp()
    settings = settings_for(server, Protocol.SFTP, directory="IMPORT/")
    with open_client(settings, PASSWORD, server.fingerprint, TIMEOUT) as client:
        listing = find_files(
            client, settings, "zahlungen", date(2024, 3, 15), sleep=lambda _s: None
        )
        (link,) = listing.files
        fetched = download_entry(client, link, _downloads(tmp_path))
    assert (link.name, link.size) == ("Zahlungen_link.csv", 22)
    assert fetched.read_bytes() == (store / "Zahlungen.csv").read_bytes()
    skipped = [(s.entry.name, s.reason) for s in listing.skipped]
    assert skipped == [("Zahlungen_weg.csv", SkipReason.SIZE_UNKNOWN)]
