"""A remote name can never put a file outside the download directory; sizes are checked."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.transfer.download import (
    MAX_NAME_BYTES,
    download_entry,
    open_local_file,
    private_download_dir,
    safe_local_name,
)
from desktop_app.transfer.file_errors import DownloadIncomplete, UnsafeRemoteName
from desktop_app.transfer.remote import RemoteEntry

from .fake_client import FakeClient

HOSTILE = [
    "../../etc/passwd",
    "..\\..\\windows\\system32\\evil.dll",
    "/etc/cron.d/evil",
    "C:\\Users\\Public\\evil.bat",
    "ok\x00.csv/../../x",
    "a/b/../../../c.csv",
    "\\\\server\\share\\evil.csv",
    "NUL.csv",
    "con",
    "trailing. . .",
    "x" * 5000 + ".csv",
    "ü" * 400 + ".csv",
    "line\nbreak.csv",
]


def assert_inside(path: Path, directory: Path) -> None:
    assert path.resolve().parent == directory.resolve()


@pytest.mark.parametrize("remote", HOSTILE)
def test_hostile_names_land_inside_the_directory(tmp_path: Path, remote: str) -> None:
    target, handle = open_local_file(tmp_path, remote)
    handle.close()
    assert_inside(target, tmp_path)
    assert len(target.name.encode()) <= MAX_NAME_BYTES + 8


@pytest.mark.parametrize("remote", ["", ".", "..", "../..", "a/..", "dir/", "\\..", "...", "\x00"])
def test_names_with_nothing_usable_are_refused(tmp_path: Path, remote: str) -> None:
    with pytest.raises(UnsafeRemoteName) as caught:
        open_local_file(tmp_path, remote)
    assert "unzulässig" in caught.value.message_de
    assert list(tmp_path.iterdir()) == []


@given(st.text(min_size=0, max_size=300))
def test_any_name_is_refused_or_lands_inside(remote: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch) / "downloads"
        directory.mkdir()
        try:
            target, handle = open_local_file(directory, remote)
        except UnsafeRemoteName:
            assert list(Path(scratch).rglob("*")) == [directory]
            return
        handle.close()
        assert target.parent == directory.resolve()
        assert list(Path(scratch).rglob("*")) == [directory, target]
        assert target.name not in (".", "..") and "\\" not in target.name
        assert len(target.name.encode("utf-8")) <= MAX_NAME_BYTES


def test_windows_reserved_names_are_prefixed() -> None:
    assert safe_local_name("NUL.csv") == "_NUL.csv"
    assert safe_local_name("com1") == "_com1"


def test_long_names_keep_their_extension() -> None:
    name = safe_local_name("Zahlungen-" + "x" * 400 + ".csv")
    assert name.endswith(".csv") and len(name.encode()) <= MAX_NAME_BYTES


def test_same_name_twice_gets_a_number_and_never_overwrites(tmp_path: Path) -> None:
    first, h1 = open_local_file(tmp_path, "2024-03-01/Zahlungen.csv")
    second, h2 = open_local_file(tmp_path, "2024-03-02/Zahlungen.csv")
    h1.close(), h2.close()
    assert (first.name, second.name) == ("Zahlungen.csv", "Zahlungen (2).csv")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_symlink_planted_under_the_name_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    inside = tmp_path / "dl"
    inside.mkdir()
    (inside / "Zahlungen.csv").symlink_to(outside)
    target, handle = open_local_file(inside, "Zahlungen.csv")
    handle.close()
    assert target.name == "Zahlungen (2).csv"
    assert outside.read_text() == "keep"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_private_download_dir_is_0700_and_removed() -> None:
    with private_download_dir() as directory:
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
        (directory / "f").write_text("x")
    assert not directory.exists()


def test_download_checks_the_size(tmp_path: Path) -> None:
    client = FakeClient({"IMPORT/Zahlungen.csv": b"12345"})
    good = RemoteEntry("Zahlungen.csv", 5, None, False, "IMPORT/Zahlungen.csv")
    path = download_entry(client, good, tmp_path)
    assert path.read_bytes() == b"12345"
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0 or sys.platform == "win32"

    liar = RemoteEntry("Zahlungen.csv", 9, None, False, "IMPORT/Zahlungen.csv")
    with pytest.raises(DownloadIncomplete) as caught:
        download_entry(client, liar, tmp_path)
    assert (caught.value.expected, caught.value.received) == (9, 5)
    assert "unvollständig" in caught.value.message_de
    assert [p.name for p in tmp_path.iterdir()] == ["Zahlungen.csv"]  # the short copy is gone


def test_a_failed_download_leaves_no_file(tmp_path: Path) -> None:
    entry = RemoteEntry("weg.csv", 3, None, False, "weg.csv")
    with pytest.raises(Exception, match="gone"):
        download_entry(FakeClient(), entry, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_hostile_names_through_a_client_download(tmp_path: Path) -> None:
    client = FakeClient({name: b"x" for name in HOSTILE})
    for name in HOSTILE:
        assert_inside(client.download(name, tmp_path), tmp_path)
    assert len(list(tmp_path.iterdir())) == len(HOSTILE)


def test_a_killed_runs_download_dir_is_removed_by_the_next(tmp_path, monkeypatch) -> None:
    import subprocess
    import sys

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    leftover = tmp_path / f"ftpimport-{dead}-abc123"
    leftover.mkdir()
    (leftover / "Zahlungen.csv").write_text("RE-1;10,00")
    alive = tmp_path / f"ftpimport-{os.getpid()}-zzz"  # our own: left alone
    alive.mkdir()
    unrelated = tmp_path / "ftpimport-notes"
    unrelated.mkdir()
    with private_download_dir() as directory:
        assert directory.name.startswith(f"ftpimport-{os.getpid()}-")
    assert not leftover.exists()
    assert alive.exists() and unrelated.exists()
