"""FtpClient against pyftpdlib: listings with and without MLSD, names, transfers, rights."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.transfer.clients import open_client
from desktop_app.transfer.download import download_entry
from desktop_app.transfer.errors import DataConnectionFailed, IdleDisconnect, ServerUnavailable
from desktop_app.transfer.file_errors import (
    DeleteFailed,
    DirectoryMissing,
    DownloadTooLarge,
    NoWriteRight,
    RemoteFileChanged,
    RemoteFileVanished,
    RetrieveFailed,
)
from desktop_app.transfer.ftp_client import FtpClient
from desktop_app.transfer.limits import DownloadLimits
from desktop_app.transfer.listing import SkipReason, find_files
from tests.faults.fault_server import FaultPlan, FaultServer

from .conftest import PASSWORD, READER, READER_PASSWORD, TIMEOUT, USER, settings_for
from .servers import FULL_RIGHTS


@pytest.fixture
def populated(ftp_root: Path) -> Path:
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / "IMPORT" / "Zahlungen_01.csv").write_bytes(b"R-1;10,00\n")
    (ftp_root / "IMPORT" / "Zahlungen_02.csv.part").write_bytes(b"R-2")
    (ftp_root / "IMPORT" / "Übersicht Zahlungen.csv").write_bytes("ä\n".encode())
    (ftp_root / "IMPORT" / "archiv").mkdir()
    return ftp_root


@pytest.mark.parametrize("mlsd", [True, False], ids=["mlsd", "list"])
def test_listing_with_and_without_mlsd(serve_ftp, populated: Path, mlsd: bool) -> None:
    server = serve_ftp(mlsd=mlsd)
    with open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT) as client:
        assert isinstance(client, FtpClient)
        assert any(f.startswith("MLST") for f in client.features) is mlsd
        entries = {e.name: e for e in client.list("IMPORT/")}
    assert set(entries) == {
        "Zahlungen_01.csv",
        "Zahlungen_02.csv.part",
        "Übersicht Zahlungen.csv",
        "archiv",
    }
    assert entries["Zahlungen_01.csv"].size == 10
    assert entries["Zahlungen_01.csv"].path == "IMPORT/Zahlungen_01.csv"
    assert entries["Zahlungen_01.csv"].mtime is not None
    assert entries["archiv"].is_dir and not entries["Zahlungen_01.csv"].is_dir


def test_unparseable_list_falls_back_to_nlst_size_and_mdtm(serve_ftp, populated: Path) -> None:
    written = datetime(2025, 3, 13, 23, 30, 5, tzinfo=UTC)
    os.utime(populated / "IMPORT" / "Zahlungen_01.csv", (written.timestamp(),) * 2)
    server = serve_ftp(mlsd=False, odd_list=True)
    with open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT) as client:
        entries = {e.name: e for e in client.list("IMPORT/")}
    assert entries["Zahlungen_01.csv"].size == 10 and not entries["Zahlungen_01.csv"].is_dir
    assert entries["Zahlungen_01.csv"].mtime == written  # MDTM: NLST tells names only
    assert entries["archiv"].is_dir and entries["archiv"].mtime is None
    assert "Übersicht Zahlungen.csv" in entries


def test_without_mdtm_the_nlst_fallback_lists_files_without_time(
    serve_ftp, populated: Path
) -> None:
    server = serve_ftp(mlsd=False, odd_list=True, mdtm_refused=True)
    with open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT) as client:
        entries = {e.name: e for e in client.list("IMPORT/")}
    assert entries["Zahlungen_01.csv"].size == 10
    assert entries["Zahlungen_01.csv"].mtime is None


def test_a_file_whose_size_the_server_refuses_is_skipped_not_taken_for_a_folder(
    serve_ftp, ftp_root: Path
) -> None:
    """Without MLSD and a readable LIST, only SIZE tells a file from a folder. A file
    whose SIZE is refused is still a file: skipped for its unknown size, where it was
    dropped unseen, or (named like a date folder) descended into and the run failed."""
    base = ftp_root / "IMPORT"
    (base / "2024-03-14").mkdir(parents=True)
    (base / "2024-03-14" / "Zahlungen_14.csv").write_bytes(b"R-14;10,00\n")
    (base / "Zahlungen_01.csv").write_bytes(b"R-1;10,00\n")
    (base / "Zahlungen_02.csv").write_bytes(b"R-2;10,00\n")
    (base / "20240301").write_bytes(b"a file named like a date folder")
    # A refusal that names the file and says "denied" tells nothing of a folder either.
    (base / "Zahlungen_access.csv").write_bytes(b"R-3;10,00\n")
    refused = frozenset({"Zahlungen_02.csv", "20240301", "Zahlungen_access.csv"})
    server = serve_ftp(
        mlsd=False,
        odd_list=True,
        size_refused=refused,
        cwd_denied=frozenset({"Zahlungen_access.csv"}),
    )
    settings = settings_for(server, Protocol.FTP, directory="IMPORT/", date_subdirectories=True)
    with open_client(settings, PASSWORD, None, TIMEOUT) as client:
        entries = {e.name: e for e in client.list("IMPORT/")}
        listing = find_files(client, settings, "zahlungen", date(2024, 3, 15), sleep=lambda _s: 0)
    assert [(e.is_dir, e.size) for e in (entries["Zahlungen_02.csv"], entries["20240301"])] == [
        (False, None),
        (False, None),
    ]
    assert entries["2024-03-14"].is_dir
    assert listing.directories == ("IMPORT/", "IMPORT/2024-03-14/")
    assert sorted(f.remote_path for f in listing.files) == [
        "IMPORT/2024-03-14/Zahlungen_14.csv",
        "IMPORT/Zahlungen_01.csv",
    ]
    assert [(s.entry.remote_path, s.reason) for s in listing.skipped] == [
        ("IMPORT/Zahlungen_02.csv", SkipReason.SIZE_UNKNOWN),
        ("IMPORT/Zahlungen_access.csv", SkipReason.SIZE_UNKNOWN),
    ]


def test_latin1_names_are_listed_and_fetched(serve_ftp, ftp_root: Path, tmp_path: Path) -> None:
    (ftp_root / "Zahlungen_März.csv").write_bytes(b"12345")
    server = serve_ftp(mlsd=False, encoding="latin-1")  # names go out as latin-1 bytes
    with open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT) as client:
        [entry] = client.list("")
        assert entry.name == "Zahlungen_März.csv"
        local = download_entry(client, entry, tmp_path)
        client.delete(entry.remote_path)
    assert local.name == "Zahlungen_März.csv" and local.read_bytes() == b"12345"
    assert list(ftp_root.iterdir()) == []


@pytest.mark.parametrize("passive", [True, False], ids=["passive", "active"])
def test_download_and_delete(serve_ftp, populated: Path, tmp_path: Path, passive: bool) -> None:
    server = serve_ftp()
    settings = settings_for(server, Protocol.FTP, directory="IMPORT/", passive=passive)
    with open_client(settings, PASSWORD, None, TIMEOUT) as client:
        entry = next(e for e in client.list("IMPORT/") if e.name == "Zahlungen_01.csv")
        local = download_entry(client, entry, tmp_path)
        client.delete(entry.remote_path)
        with pytest.raises(RemoteFileVanished):
            client.delete(entry.remote_path)
    assert local.read_bytes() == b"R-1;10,00\n"
    assert not (populated / "IMPORT" / "Zahlungen_01.csv").exists()


@pytest.mark.parametrize("mlsd", [True, False], ids=["mlsd", "list"])
def test_a_name_with_a_line_feed_is_listed_whole(serve_ftp, ftp_root: Path, mlsd: bool) -> None:
    (ftp_root / "Zahlungen\nD.csv").write_bytes(b"R-1;1,00\n")
    (ftp_root / "Zahlungen_E.csv").write_bytes(b"R-2;2,00\n")
    server = serve_ftp(mlsd=mlsd)
    with open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT) as client:
        entries = {e.name: e.size for e in client.list("")}
    assert entries == {"Zahlungen\nD.csv": 9, "Zahlungen_E.csv": 9}


def test_a_file_gone_before_download(serve_ftp, populated: Path, tmp_path: Path) -> None:
    server = serve_ftp()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    client = open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT)
    with client, pytest.raises(RemoteFileVanished) as caught:
        client.download("IMPORT/weg.csv", downloads)
    assert "nicht mehr auf dem Server" in caught.value.message_de
    assert list(downloads.iterdir()) == []


def test_a_file_the_server_cannot_open_is_no_file_gone(
    serve_ftp, populated: Path, tmp_path: Path
) -> None:
    """vsftpd answers "550 Failed to open file." for any open error: SIZE says it is there."""
    server = serve_ftp(retr_failing=frozenset({"Zahlungen_01.csv"}))
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    client = open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT)
    with client, pytest.raises(RetrieveFailed) as caught:
        client.download("IMPORT/Zahlungen_01.csv", downloads)
    assert caught.value.reply == "550 Failed to open file."
    assert "550 Failed to open file." in caught.value.message_de
    assert list(downloads.iterdir()) == []
    assert (populated / "IMPORT" / "Zahlungen_01.csv").exists()


def test_a_file_larger_than_listed_never_lands_beyond_the_listed_size(
    serve_ftp, ftp_root: Path, tmp_path: Path
) -> None:
    (ftp_root / "gross.csv").write_bytes(b"x" * 1_000_000)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    server = serve_ftp()
    with open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT) as client:
        with pytest.raises(RemoteFileChanged) as caught:
            client.download("gross.csv", downloads, expected=68)
        assert (caught.value.expected, list(downloads.iterdir())) == (68, [])
        assert "hat sich auf dem Server geändert" in caught.value.message_de
        # The server's reply to the broken-off RETR is unread: the session starts again.
        assert not client.connected
        with pytest.raises(DownloadTooLarge) as too_large:
            client.open().download("gross.csv", downloads, limits=DownloadLimits(max_bytes=1000))
        assert "größer als erlaubt" in too_large.value.message_de
        assert list(downloads.iterdir()) == []
        assert client.open().download("gross.csv", downloads, expected=1_000_000).stat().st_size


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ("421 Control connection timed out.", IdleDisconnect),  # pyftpdlib, vsftpd
        ("421 Idle timeout (600 seconds): closing control connection", IdleDisconnect),
        ("421 Timeout (900 seconds): closing control connection.", IdleDisconnect),  # IIS
        ("421 Too many connections (8) from this IP", ServerUnavailable),
        ("421 Service not available, closing control connection.", ServerUnavailable),
    ],
)
def test_an_idle_421_is_told_apart_from_an_unavailable_server(ftp_root: Path, reply, error):
    (ftp_root / "a.csv").write_bytes(b"x")
    users = {USER: (PASSWORD, FULL_RIGHTS)}
    with FaultServer(ftp_root, users, plan=FaultPlan(dele_reply=reply)) as server:
        client = open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT)
        with client:
            with pytest.raises(error) as caught:
                client.delete("a.csv")
            assert not client.connected  # a 421 closes the connection
    idle = "nach einer Pause ohne Aktivität" in caught.value.message_de
    assert idle is (error is IdleDisconnect)
    assert (ftp_root / "a.csv").exists()


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ("550 Delete operation failed.", DeleteFailed),  # vsftpd, for any failed unlink
        ("550 a.csv: Permission denied", NoWriteRight),  # ProFTPD: the file system's rights
        ("550 a.csv: Operation not permitted", NoWriteRight),  # ProFTPD: <Limit DELE> DenyAll
        ("550 Not enough privileges.", NoWriteRight),  # pyftpdlib
    ],
)
def test_a_refused_delete_is_told_apart_by_its_reply(ftp_root: Path, reply, error):
    """A missing right gets the message that says which right to ask for."""
    (ftp_root / "a.csv").write_bytes(b"x")
    users = {USER: (PASSWORD, FULL_RIGHTS)}
    with FaultServer(ftp_root, users, plan=FaultPlan(dele_reply=reply)) as server:
        client = open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT)
        with client, pytest.raises((NoWriteRight, DeleteFailed)) as caught:
            client.delete("a.csv")
    assert type(caught.value) is error
    assert (ftp_root / "a.csv").exists()


def test_a_refused_delete_right_after_a_listing_is_not_a_vanished_file(ftp_root: Path):
    """A listing leaves the session in ASCII mode, where pyftpdlib and ProFTPD refuse SIZE
    with 550: the check whether the file is still there must not take that for "gone"."""
    (ftp_root / "a.csv").write_bytes(b"x")
    users = {USER: (PASSWORD, FULL_RIGHTS)}
    plan = FaultPlan(dele_reply="550 Delete operation failed.")
    with FaultServer(ftp_root, users, plan=plan) as server:
        client = open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT)
        with client:
            assert [entry.name for entry in client.list("")] == ["a.csv"]
            with pytest.raises(DeleteFailed):
                client.delete("a.csv")


def test_missing_directory_and_read_only_user(serve_ftp, populated: Path) -> None:
    server = serve_ftp()
    settings = settings_for(server, Protocol.FTP, user=READER)
    with open_client(settings, READER_PASSWORD, None, TIMEOUT) as client:
        with pytest.raises(DirectoryMissing):
            client.cwd("GIBTS/NICHT/")
        with pytest.raises(NoWriteRight):
            client.upload_probe("IMPORT/")
        with pytest.raises(NoWriteRight):
            client.delete("IMPORT/Zahlungen_01.csv")
    assert (populated / "IMPORT" / "Zahlungen_01.csv").exists()


def test_hostile_names_on_a_real_server_stay_in_the_download_dir(
    serve_ftp, ftp_root: Path, tmp_path: Path
) -> None:
    hostile = ["..\\..\\evil.csv", "..", "a\\..\\..\\b.csv", " .csv", "x" * 250]
    for name in hostile:
        if name != "..":
            (ftp_root / name).write_bytes(b"boo")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    server = serve_ftp()
    with open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT) as client:
        for entry in client.list(""):
            if not entry.is_dir:
                path = download_entry(client, entry, downloads)
                assert path.parent == downloads.resolve()
    assert len(list(downloads.iterdir())) == len(hostile) - 1
    assert {p.name for p in tmp_path.iterdir()} == {"downloads", "ftp-root"}


def test_find_files_on_a_real_server_skips_growing_files_and_orders_date_dirs(
    serve_ftp, ftp_root: Path
) -> None:
    base = ftp_root / "IMPORT"
    for day in ("2024-03-14", "20240301", "2024/02/29", "2099-01-01"):
        (base / day).mkdir(parents=True)
        (base / day / "Zahlungen.csv").write_bytes(day.encode())
    growing = base / "Zahlungen_neu.csv"
    growing.write_bytes(b"1")
    server = serve_ftp(mlsd=False)

    def uploader_still_writing(_seconds: float) -> None:
        with growing.open("ab") as handle:
            handle.write(b"more")

    settings = settings_for(server, Protocol.FTP, directory="IMPORT/", date_subdirectories=True)
    with open_client(settings, PASSWORD, None, TIMEOUT) as client:
        listing = find_files(
            client, settings, "zahlungen", date(2024, 3, 15), sleep=uploader_still_writing
        )
    assert [f.remote_path for f in listing.files] == [
        "IMPORT/2024/02/29/Zahlungen.csv",
        "IMPORT/20240301/Zahlungen.csv",
        "IMPORT/2024-03-14/Zahlungen.csv",
    ]
    assert [(s.entry.name, s.reason) for s in listing.skipped] == [
        ("Zahlungen_neu.csv", SkipReason.SIZE_CHANGING)
    ]


@pytest.mark.parametrize("mlsd", [True, False], ids=["mlsd", "list"])
def test_find_files_leaves_hidden_uploads_and_dot_files_alone(
    serve_ftp, ftp_root: Path, mlsd: bool
) -> None:
    """ProFTPD's HiddenStores uploads to ``.in.NAME.`` and renames when done; the half
    file's size may stand still (a stalled upload), so only its name gives it away."""
    base = ftp_root / "IMPORT"
    base.mkdir()
    (base / "Zahlungen.csv").write_bytes(b"whole")
    (base / ".in.Zahlungen_neu.csv.").write_bytes(b"half")
    (base / ".ftpquota").write_bytes(b"2 1024")  # cPanel's, in every FTP folder
    settings = settings_for(serve_ftp(mlsd=mlsd), Protocol.FTP, directory="IMPORT/")
    with open_client(settings, PASSWORD, None, TIMEOUT) as client:
        listing = find_files(client, settings, "", date(2024, 3, 15), sleep=lambda _s: None)
    assert [f.name for f in listing.files] == ["Zahlungen.csv"]
    assert sorted((s.entry.name, s.reason) for s in listing.skipped) == [
        (".ftpquota", SkipReason.HIDDEN_NAME),
        (".in.Zahlungen_neu.csv.", SkipReason.HIDDEN_NAME),
    ]


@pytest.mark.parametrize("mlsd", [True, False], ids=["mlsd", "list"])
def test_a_link_to_a_payment_file_is_fetched_like_the_file(
    serve_ftp, ftp_root: Path, tmp_path: Path, mlsd: bool
) -> None:
    """Some uploaders leave a symbolic link in the import folder; LIST (vsftpd) shows the
    link's own size, so the file's size has to come from the server another way. A link
    to nothing has no size at all, which is not a file still being written."""
    base, store = ftp_root / "IMPORT", ftp_root / "store"
    base.mkdir(), store.mkdir()
    (store / "Zahlungen.csv").write_bytes(b"R-1;10,00\r\nR-2;20,00\r\n")
    (base / "Zahlungen_link.csv").symlink_to("../store/Zahlungen.csv")
    (base / "Zahlungen_weg.csv").symlink_to("../store/geloescht.csv")
    settings = settings_for(serve_ftp(mlsd=mlsd), Protocol.FTP, directory="IMPORT/")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with open_client(settings, PASSWORD, None, TIMEOUT) as client:
        listing = find_files(
            client, settings, "zahlungen", date(2024, 3, 15), sleep=lambda _s: None
        )
        (link,) = listing.files
        fetched = download_entry(client, link, downloads)
    assert (link.name, link.size) == ("Zahlungen_link.csv", 22)
    assert fetched.read_bytes() == (store / "Zahlungen.csv").read_bytes()
    # pyftpdlib's MLSD leaves a link to nothing out of the listing; LIST shows it
    dangling = [] if mlsd else [("Zahlungen_weg.csv", SkipReason.SIZE_UNKNOWN)]
    assert [(s.entry.name, s.reason) for s in listing.skipped] == dangling


def test_a_blocked_data_connection_suggests_the_other_mode(serve_ftp, populated: Path) -> None:
    server = serve_ftp(passive_blocked=True)
    client = open_client(settings_for(server, Protocol.FTP), PASSWORD, None, TIMEOUT)
    with client, pytest.raises(DataConnectionFailed) as caught:
        client.list("IMPORT/")
    assert "Versuchen Sie den aktiven Modus" in caught.value.message_de
    active = settings_for(server, Protocol.FTP, passive=False)
    with open_client(active, PASSWORD, None, TIMEOUT) as client:  # active mode still works
        assert len(client.list("IMPORT/")) == 4
