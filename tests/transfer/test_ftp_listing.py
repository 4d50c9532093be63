"""LIST output of common servers, and MLSD facts."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_app.transfer.ftp_listing import parse_dos_line, parse_list, parse_mlsd, parse_unix_line

NOW = datetime(2024, 3, 15, 12, 0, tzinfo=UTC)


def test_unix_file_with_time_is_this_year() -> None:
    e = parse_unix_line(
        "-rw-r--r--    1 ftp      ftp          1234 Mar 14 09:30 Zahlungen.csv", NOW
    )
    assert e is not None
    assert (e.name, e.size, e.is_dir) == ("Zahlungen.csv", 1234, False)
    assert e.mtime == datetime(2024, 3, 14, 9, 30, tzinfo=UTC)


def test_unix_time_in_the_future_means_last_year() -> None:
    e = parse_unix_line("-rw-r--r--  1 u g  5 Dec 24 18:00 alt.csv", NOW)
    assert e is not None and e.mtime == datetime(2023, 12, 24, 18, 0, tzinfo=UTC)


def test_unix_with_year_names_with_spaces_and_no_group() -> None:
    e = parse_unix_line("-rw-------  1 owner  77 Jan  5  2022 Zahlungen Januar 2022.csv", NOW)
    assert e is not None
    assert (e.name, e.size) == ("Zahlungen Januar 2022.csv", 77)
    assert e.mtime == datetime(2022, 1, 5, tzinfo=UTC)


def test_unix_directory_and_symlink() -> None:
    d = parse_unix_line("drwxr-xr-x    2 ftp ftp 4096 Mar 01 10:00 2024-03-01", NOW)
    link = parse_unix_line("lrwxrwxrwx 1 u g 11 Mar 01 10:00 aktuell.csv -> 2024/x.csv", NOW)
    assert d is not None and d.is_dir and d.name == "2024-03-01"
    assert link is not None and link.name == "aktuell.csv" and link.size is None


def test_dos_iis_format() -> None:
    f = parse_dos_line("03-14-24  09:30AM                 1234 Zahlungen.csv")
    d = parse_dos_line("03-01-2024  01:05PM       <DIR>          2024-03-01")
    assert f is not None and (f.name, f.size, f.is_dir) == ("Zahlungen.csv", 1234, False)
    assert f.mtime == datetime(2024, 3, 14, 9, 30, tzinfo=UTC)
    assert d is not None and d.is_dir and d.size is None
    assert d.mtime == datetime(2024, 3, 1, 13, 5, tzinfo=UTC)


def test_dos_24_hour_clock() -> None:
    e = parse_dos_line("03-14-2024  17:45  12 a b.csv")
    assert e is not None and e.name == "a b.csv" and e.mtime.hour == 17


def test_parse_list_joins_paths_and_counts_unparsed_lines() -> None:
    lines = [
        "total 8",
        "drwxr-xr-x 2 u g 4096 Mar 01 10:00 .",
        "-rw-r--r-- 1 u g 3 Mar 01 10:00 a.csv",
        "something nobody can read",
        "",
    ]
    entries, unparsed = parse_list("IMPORT/", lines, NOW)
    assert [(e.name, e.path) for e in entries] == [("a.csv", "IMPORT/a.csv")]
    assert unparsed == 1


def test_parse_mlsd() -> None:
    facts = [
        (".", {"type": "cdir"}),
        ("..", {"type": "pdir"}),
        ("a.csv", {"type": "file", "size": "12", "modify": "20240314093000.123"}),
        ("2024-03-14", {"type": "dir", "modify": "20240314000000"}),
        ("odd", {"type": "file", "modify": "garbage"}),
    ]
    entries = parse_mlsd("", facts)
    assert [(e.name, e.size, e.is_dir) for e in entries] == [
        ("a.csv", 12, False),
        ("2024-03-14", None, True),
        ("odd", None, False),
    ]
    assert entries[0].mtime == datetime(2024, 3, 14, 9, 30, tzinfo=UTC)
    assert entries[2].mtime is None
