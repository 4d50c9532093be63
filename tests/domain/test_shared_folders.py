"""When two interfaces fetch the same files: the rules behind the form's warning."""

from __future__ import annotations

import pytest

from desktop_app.domain.interface import FtpSettings, InterfaceSettings, Protocol
from desktop_app.domain.remote_names import filters_overlap, is_date_path
from desktop_app.domain.shared_folders import shared_folder_warning, sharing_interfaces


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Zahlungen", "Zahlungen", True),
        ("Zahlungen", " zahlungen ", True),
        ("Zahlungen", "Zahlungen_Nord", True),  # every name with the one has the other
        ("", "Zahlungen", True),  # empty: every file
        ("*", "Bank", True),
        ("*.csv", "Zahlungen.csv", True),
        ("zahl*", "Zahlungen", True),
        ("Zahlungen", "Bank", False),
        ("*.csv", "*.sta", False),
        ("*.csv", "Zahlungen", False),  # may meet in "Zahlungen.csv", need not
    ],
)
def test_filters_overlap(first: str, second: str, expected: bool) -> None:
    assert filters_overlap(first, second) is expected
    assert filters_overlap(second, first) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [("2026-03-14", True), ("20260314", True), ("2026/03/14", True), ("2026/13/01", False),
     ("archiv", False), ("2026-03-14/x", False), ("2026/03", False)],
)  # fmt: skip
def test_is_date_path(path: str, expected: bool) -> None:
    assert is_date_path(path) is expected


def _interface(name: str, directory: str, name_filter: str = "", **ftp) -> InterfaceSettings:
    values = {"host": "ftp.example", "directory": directory, **ftp}
    return InterfaceSettings(name=name, filename_filter=name_filter, ftp=FtpSettings(**values))


def test_the_same_folder_written_differently_is_the_same() -> None:
    new = _interface("Neu", "/IMPORT/", "zahlungen", host="FTP.example ")
    others = [
        _interface("A", "IMPORT/", "Zahlungen"),
        _interface("B", "IMPORT/", "Bank"),
        _interface("C", "ANDERS/", "Zahlungen"),
        _interface("D", "IMPORT/", "Zahlungen", port=2121),
        _interface("E", "IMPORT/", "Zahlungen", protocol=Protocol.FTPS),  # port 21 too
    ]
    assert sharing_interfaces(new, others) == ["A", "E"]


def test_date_directories_count_only_where_the_run_searches_them() -> None:
    day = _interface("Tag", "IMPORT/2026-03-14/")
    assert sharing_interfaces(day, [_interface("Alle", "IMPORT/", date_subdirectories=True)])
    assert not sharing_interfaces(day, [_interface("Alle", "IMPORT/")])
    nested = _interface("Tag", "2026/03/14/")
    assert sharing_interfaces(nested, [_interface("Wurzel", "", date_subdirectories=True)])
    archive = _interface("Archiv", "IMPORT/archiv/")
    assert not sharing_interfaces(
        archive, [_interface("Alle", "IMPORT/", date_subdirectories=True)]
    )


def test_the_warning_names_every_other_interface() -> None:
    new = _interface("Neu", "IMPORT/")
    assert shared_folder_warning(new, [_interface("X", "ANDERS/")]) is None
    one = shared_folder_warning(new, [_interface("X", "IMPORT/")])
    assert one is not None and one.field == "ftp.directory"
    assert one.message_de == (
        "Die Schnittstelle „X“ holt schon Dateien dieses Namens aus diesem Ordner; beide "
        "Läufe würden dieselben Dateien holen."
    )
    two = shared_folder_warning(new, [_interface("X", "IMPORT/"), _interface("Y", "IMPORT/")])
    assert two is not None and "„X“, „Y“" in two.message_de and "“X”, “Y”" in two.message_en


SOFT = "mit einem anderen Benutzer"


def _german(new: InterfaceSettings, others: list[InterfaceSettings]) -> str:
    warning = shared_folder_warning(new, others)
    assert warning is not None and warning.field == "ftp.directory"
    return warning.message_de


def test_another_benutzer_is_said_more_softly() -> None:
    """Another account on the server may be locked into another home folder: "IMPORT/"
    need not be the same folder, so the warning says so instead of asserting it."""
    new = _interface("Neu", "IMPORT/", user="filiale7")
    other = _interface("X", "IMPORT/", user="filiale8")
    assert sharing_interfaces(new, [other]) == ["X"]  # still said: it may be one folder
    warning = shared_folder_warning(new, [other])
    assert warning is not None
    assert warning.message_de == (
        "Die Schnittstelle „X“ holt mit einem anderen Benutzer Dateien dieses Namens aus "
        "einem gleichnamigen Ordner dieses Servers; falls beide Konten dasselbe "
        "Verzeichnis sehen, würden beide Läufe dieselben Dateien holen."
    )
    assert warning.message_en == (
        "The interface “X” fetches files of this name from a folder of this name on this "
        "server with another user; if both accounts see the same folder, both runs would "
        "fetch the same files."
    )


def test_user_names_are_compared_exactly_and_an_untyped_one_is_no_other() -> None:
    new = _interface("Neu", "IMPORT/", user="Filiale7")
    assert SOFT in _german(new, [_interface("X", "IMPORT/", user="filiale7")])
    assert SOFT not in _german(new, [_interface("X", "IMPORT/", user=" Filiale7 ")])
    # The form's Benutzer comes after Verzeichnis: before it is typed, the warning is full.
    untyped = _interface("Neu", "IMPORT/")
    assert SOFT not in _german(untyped, [_interface("X", "IMPORT/", user="a")])


def test_both_kinds_are_said_in_one_warning() -> None:
    new = _interface("Neu", "IMPORT/", user="a")
    others = [
        _interface("X", "IMPORT/", user="a"),
        _interface("Y", "IMPORT/", user="b"),
        _interface("Z", "IMPORT/", user="c"),
    ]
    assert sharing_interfaces(new, others) == ["X", "Y", "Z"]
    warning = shared_folder_warning(new, others)
    assert warning is not None
    assert warning.message_de.startswith("Die Schnittstelle „X“ holt schon Dateien")
    assert "Die Schnittstellen „Y“, „Z“ holen mit anderen Benutzern" in warning.message_de
    assert warning.message_en.startswith("The interface “X” already fetches")
    assert "The interfaces “Y”, “Z” fetch files of this name" in warning.message_en
