"""Which files a run picks: filter, temporary names, growing files, date directories."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desktop_app.domain.interface import FtpSettings
from desktop_app.transfer.listing import (
    Listing,
    SkipReason,
    date_of_directory,
    dated_by,
    file_day,
    find_files,
    import_order,
    is_temporary_name,
    matches_filter,
    search_directories,
    select_candidates,
    stable_files,
)
from desktop_app.transfer.remote import RemoteEntry

from .fake_client import FakeClient

TODAY = date(2024, 3, 15)


def entry(name: str, size: int | None = 10, is_dir: bool = False) -> RemoteEntry:
    return RemoteEntry(name, size, None, is_dir, name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zahlungen.csv", True),
        ("ZAHLUNGEN_2024.csv", True),
        ("export-zahlungen.txt", True),
        ("Rechnungen.csv", False),
    ],
)
def test_filter_is_a_case_insensitive_part_of_the_name(name: str, expected: bool) -> None:
    assert matches_filter(name, "Zahlungen") is expected


@pytest.mark.parametrize(
    ("name_filter", "name", "expected"),
    [
        ("*.sta", "kontoauszug.STA", True),
        ("*.sta", "kontoauszug.sta.part", False),
        ("*.sta", "kontoauszug.csv", False),
        ("Zahlungen_??.csv", "zahlungen_03.csv", True),
        ("Zahlungen_??.csv", "Zahlungen_2024.csv", False),
        ("[1]*.csv", "[1] Zahlungen.csv", True),
    ],
)
def test_a_filter_with_wildcards_is_a_pattern_of_the_whole_name(
    name_filter: str, name: str, expected: bool
) -> None:
    assert matches_filter(name, name_filter) is expected


def test_empty_filter_matches_every_file() -> None:
    assert matches_filter("anything.csv", "")
    assert matches_filter("anything.csv", "  ")


@pytest.mark.parametrize("name", ["a.csv.part", "a.csv.TMP", "a.csv.filepart", ".x.tmp"])
def test_temporary_names(name: str) -> None:
    assert is_temporary_name(name)


@pytest.mark.parametrize(
    "name", [".in.Zahlungen.csv.", ".pureftpd-upload.5f3a1b2c.15.1a2b.9f8e7d6c", ".ftpquota"]
)
def test_dot_files_are_hidden_names(name: str) -> None:
    files, skipped = select_candidates([entry(name)], "")
    assert files == []
    assert [(s.entry.name, s.reason) for s in skipped] == [(name, SkipReason.HIDDEN_NAME)]


@pytest.mark.parametrize("name", ["../Zahlungen.csv", "..\\..\\Zahlungen.csv"])
def test_a_climbing_name_is_left_to_the_hostile_name_check(name: str) -> None:
    """It must reach the run's refusal (UnsafeRemoteName), which says what it is."""
    assert select_candidates([entry(name)], "")[0] == [entry(name)]


def test_a_dot_inside_a_name_hides_nothing() -> None:
    assert select_candidates([entry("Zahlungen.2026.csv")], "")[0] == [entry("Zahlungen.2026.csv")]


def test_ordinary_names_are_not_temporary() -> None:
    assert not is_temporary_name("partner.csv")
    assert not is_temporary_name("tmp-export.csv")


def test_select_candidates_skips_dirs_non_matching_and_temporary() -> None:
    files, skipped = select_candidates(
        [
            entry("Zahlungen.csv"),
            entry("Zahlungen.csv.part"),
            entry("Rechnungen.csv"),
            entry("Zahlungen", is_dir=True),
        ],
        "zahlungen",
    )
    assert [f.name for f in files] == ["Zahlungen.csv"]
    assert [(s.entry.name, s.reason) for s in skipped] == [
        ("Zahlungen.csv.part", SkipReason.TEMPORARY_NAME)
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2024-03-01", date(2024, 3, 1)),
        ("20240301", date(2024, 3, 1)),
        ("2024-02-30", None),
        ("2024-3-1", None),
        ("archiv", None),
        ("202403011", None),
    ],
)
def test_date_of_directory(name: str, expected: date | None) -> None:
    assert date_of_directory(name) == expected


def test_date_directories_up_to_today_oldest_first_in_all_three_styles() -> None:
    client = FakeClient(
        dirs={
            "IMPORT/2024-03-14",
            "IMPORT/20240301",
            "IMPORT/2024/02/29",
            "IMPORT/2024/03/15",
            "IMPORT/2024/03/16",  # tomorrow: not yet
            "IMPORT/2024-04-01",  # future
            "IMPORT/2025/01/01",  # future year
            "IMPORT/2023/13/01",  # not a month
            "IMPORT/archiv",
        }
    )
    found = search_directories(client, "IMPORT/", True, TODAY)
    assert found == [
        "IMPORT/",
        "IMPORT/2024/02/29/",
        "IMPORT/20240301/",
        "IMPORT/2024-03-14/",
        "IMPORT/2024/03/15/",
    ]


def test_oldest_bound_limits_the_date_directories() -> None:
    client = FakeClient(dirs={"2024-01-01", "2024-03-01"})
    assert search_directories(client, "", True, TODAY, oldest=date(2024, 2, 1)) == [
        "",
        "2024-03-01/",
    ]


def test_without_date_subdirectories_only_the_directory_is_searched() -> None:
    client = FakeClient(dirs={"IMPORT/2024-03-14"})
    assert search_directories(client, "IMPORT/", False, TODAY) == ["IMPORT/"]
    assert client.listed == []


def test_find_files_across_date_directories_oldest_first() -> None:
    client = FakeClient(
        {
            "IMPORT/2024-03-14/Zahlungen.csv": b"new",
            "IMPORT/2024-03-01/Zahlungen.csv": b"old",
            "IMPORT/Zahlungen-heute.csv": b"base",
            "IMPORT/2024-03-01/Sonstiges.csv": b"other",
        }
    )
    settings = FtpSettings(directory="IMPORT/", date_subdirectories=True)
    listing = find_files(client, settings, "zahlungen", TODAY, sleep=lambda _s: None)
    assert [f.remote_path for f in listing.files] == [
        "IMPORT/Zahlungen-heute.csv",
        "IMPORT/2024-03-01/Zahlungen.csv",
        "IMPORT/2024-03-14/Zahlungen.csv",
    ]


def test_files_are_imported_oldest_first_whichever_directory_they_lie_in() -> None:
    def stamped(path: str, day: int | None) -> RemoteEntry:
        mtime = datetime(2024, 3, day, 9, tzinfo=UTC) if day else None
        return RemoteEntry(path.rsplit("/", 1)[-1], 10, mtime, False, path)

    listed = [  # in the order of the directories searched
        stamped("IMPORT/Zahlungen_13.csv", 13),
        stamped("IMPORT/ohne_Zeit_b.csv", None),
        stamped("IMPORT/2024-03-01/Zahlungen_01.csv", 1),
        stamped("IMPORT/2024-03-01/ohne_Zeit_a.csv", None),
        stamped("IMPORT/2024-03-12/Zahlungen_b.csv", 12),
        stamped("IMPORT/2024-03-14/Zahlungen_a.csv", 12),
    ]
    assert [e.remote_path for e in import_order(listed)] == [
        "IMPORT/ohne_Zeit_b.csv",  # no time stamp: first, in the directories' order
        "IMPORT/2024-03-01/ohne_Zeit_a.csv",
        "IMPORT/2024-03-01/Zahlungen_01.csv",
        "IMPORT/2024-03-14/Zahlungen_a.csv",  # the same time stamp: by name
        "IMPORT/2024-03-12/Zahlungen_b.csv",
        "IMPORT/Zahlungen_13.csv",
    ]


def stamped_at(path: str, at: datetime | None) -> RemoteEntry:
    return RemoteEntry(path.rsplit("/", 1)[-1], 10, at, False, path)


FOLDER_DAYS = {"IMPORT/2024-03-10/": date(2024, 3, 10), "IMPORT/2024/03/11/": date(2024, 3, 11)}


@pytest.mark.parametrize(
    ("path", "at", "expected"),
    [
        # copied late into its date folder: the folder's day, not the copy's
        ("IMPORT/2024-03-10/op.csv", datetime(2024, 3, 12, 9, tzinfo=UTC), date(2024, 3, 10)),
        ("IMPORT/2024/03/11/op.csv", datetime(2024, 3, 12, 9, tzinfo=UTC), date(2024, 3, 11)),
        # written before the folder's day: its own, earlier day
        ("IMPORT/2024-03-10/op.csv", datetime(2024, 3, 9, 9, tzinfo=UTC), date(2024, 3, 9)),
        ("IMPORT/2024-03-10/op.csv", None, date(2024, 3, 10)),  # no time stamp: the folder's
        ("IMPORT/op.csv", datetime(2024, 3, 12, 9, tzinfo=UTC), date(2024, 3, 12)),
        ("IMPORT/op.csv", None, None),
    ],
)
def test_a_file_is_of_its_time_stamps_day_but_never_after_its_date_folders(
    path: str, at: datetime | None, expected: date | None
) -> None:
    assert file_day(stamped_at(path, at), FOLDER_DAYS, UTC) == expected


@pytest.mark.parametrize(
    ("path", "at", "expected"),
    [
        ("IMPORT/2024-03-10/op.csv", datetime(2024, 3, 12, 9, tzinfo=UTC), "folder"),
        ("IMPORT/2024-03-10/op.csv", None, "folder"),
        ("IMPORT/2024-03-10/op.csv", datetime(2024, 3, 9, 9, tzinfo=UTC), "timestamp"),
        ("IMPORT/2024-03-10/op.csv", datetime(2024, 3, 10, 9, tzinfo=UTC), "timestamp"),
        ("IMPORT/op.csv", datetime(2024, 3, 12, 9, tzinfo=UTC), "timestamp"),
        ("IMPORT/op.csv", None, None),
    ],
)
def test_a_files_day_says_whether_it_came_from_its_folder_or_its_time_stamp(
    path: str, at: datetime | None, expected: str | None
) -> None:
    listing = Listing((), (), ("IMPORT/",), FOLDER_DAYS, UTC)
    entry = stamped_at(path, at)
    assert listing.day_source(entry) == expected
    assert dated_by(entry, FOLDER_DAYS, UTC) == (listing.day_of(entry), expected)


def test_the_day_of_a_time_stamp_is_the_day_in_the_zone_given() -> None:
    just_after_midnight = timezone(timedelta(hours=1))  # 23:30 UTC is 00:30 there
    entry = stamped_at("IMPORT/2024-03-10/op.csv", datetime(2024, 3, 9, 23, 30, tzinfo=UTC))
    assert file_day(entry, FOLDER_DAYS, UTC) == date(2024, 3, 9)
    assert file_day(entry, FOLDER_DAYS, just_after_midnight) == date(2024, 3, 10)


def test_a_list_copied_late_into_its_date_folder_is_imported_by_the_folders_day() -> None:
    listed = [
        stamped_at("IMPORT/2024-03-10/op.csv", datetime(2024, 3, 12, 9, tzinfo=UTC)),
        stamped_at("IMPORT/2024/03/11/op.csv", datetime(2024, 3, 11, 9, tzinfo=UTC)),
        stamped_at("IMPORT/op.csv", datetime(2024, 3, 10, 18, tzinfo=UTC)),
    ]
    assert [e.remote_path for e in import_order(listed, FOLDER_DAYS, UTC)] == [
        "IMPORT/op.csv",  # the same day as the late copy, and written earlier
        "IMPORT/2024-03-10/op.csv",
        "IMPORT/2024/03/11/op.csv",
    ]


def test_files_without_a_time_stamp_are_imported_by_their_date_folders_day() -> None:
    """A server that gives no file times: the date folders' days order the files, among
    files with time stamps too; a file of no day at all comes first, as before."""
    listed = [  # in the order of the directories searched
        stamped_at("IMPORT/ohne_Datum.csv", None),
        stamped_at("IMPORT/op_0312.csv", datetime(2024, 3, 12, 9, tzinfo=UTC)),
        stamped_at("IMPORT/2024-03-10/op.csv", None),
        stamped_at("IMPORT/2024/03/11/op.csv", None),
        stamped_at("IMPORT/2024/03/11/neu.csv", datetime(2024, 3, 11, 7, tzinfo=UTC)),
        stamped_at("IMPORT/2024-03-09/op.csv", datetime(2024, 3, 9, 18, tzinfo=UTC)),
    ]
    days = {**FOLDER_DAYS, "IMPORT/2024-03-09/": date(2024, 3, 9)}
    assert [e.remote_path for e in import_order(listed, days, UTC)] == [
        "IMPORT/ohne_Datum.csv",
        "IMPORT/2024-03-09/op.csv",
        "IMPORT/2024-03-10/op.csv",
        "IMPORT/2024/03/11/op.csv",  # no time: first of its day
        "IMPORT/2024/03/11/neu.csv",
        "IMPORT/op_0312.csv",
    ]


def test_find_files_knows_the_days_of_the_date_folders() -> None:
    client = FakeClient({"IMPORT/2024/03/10/op.csv": b"x", "IMPORT/20240311/op.csv": b"y"})
    settings = FtpSettings(directory="IMPORT/", date_subdirectories=True)
    listing = find_files(client, settings, "", TODAY, sleep=lambda _s: None)
    assert dict(listing.folder_days) == {
        "IMPORT/2024/03/10/": date(2024, 3, 10),
        "IMPORT/20240311/": date(2024, 3, 11),
    }


def test_a_file_whose_size_changes_between_listings_is_skipped() -> None:
    client = FakeClient({"Zahlungen.csv": b"12345", "Fertig.csv": b"done"})

    def upload_continues(_seconds: float) -> None:
        client.files["Zahlungen.csv"] += b"67890"

    listing = find_files(client, FtpSettings(), "", TODAY, sleep=upload_continues)
    assert [f.name for f in listing.files] == ["Fertig.csv"]
    assert [(s.entry.name, s.reason) for s in listing.skipped] == [
        ("Zahlungen.csv", SkipReason.SIZE_CHANGING)
    ]


def test_a_file_without_a_size_is_not_taken_for_one_still_being_written() -> None:
    unsized, growing = entry("Zahlungen_link.csv", None), entry("Zahlungen_neu.csv", 5)
    stable, skipped = stable_files([unsized, growing], [unsized, entry("Zahlungen_neu.csv", 9)])
    assert stable == []
    assert [(s.entry.name, s.reason) for s in skipped] == [
        ("Zahlungen_link.csv", SkipReason.SIZE_UNKNOWN),
        ("Zahlungen_neu.csv", SkipReason.SIZE_CHANGING),
    ]


def test_a_file_gone_before_the_second_listing_is_skipped() -> None:
    client = FakeClient({"Zahlungen.csv": b"1"})
    listing = find_files(client, FtpSettings(), "", TODAY, sleep=lambda _s: client.files.clear())
    assert listing.files == ()
    assert listing.skipped[0].reason is SkipReason.VANISHED


def test_no_candidates_means_no_waiting() -> None:
    waits: list[float] = []
    listing = find_files(FakeClient({"a.part": b""}), FtpSettings(), "", TODAY, sleep=waits.append)
    assert listing.files == () and waits == []
    assert listing.skipped[0].reason is SkipReason.TEMPORARY_NAME


def test_skip_reasons_have_german_labels() -> None:
    assert all(reason.label_de for reason in SkipReason)


def test_a_file_gone_before_its_download_is_told_in_one_short_line() -> None:
    # The skipped lists of the Jetzt-ausführen window and the command line show it per file.
    gone = SkipReason.GONE_BEFORE_DOWNLOAD
    assert gone.label_de == (
        "vor dem Herunterladen verschwunden (wohl von einem anderen Lauf geholt); "
        "nichts davon gebucht"
    )
    assert gone.label_en == (
        "gone before its download (probably fetched by another run); nothing of it booked"
    )
