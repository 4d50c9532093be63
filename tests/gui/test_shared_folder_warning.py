"""The form warns beside Verzeichnis when the interface would fetch the same files as
another stored one (same server and folder, Dateinamen matching the same names), and
does not refuse to save it: two Mandanten may read one folder with other Dateinamen."""

from __future__ import annotations

import pytest

from desktop_app.domain import validation as v
from desktop_app.ui import ops

from .helpers import settled, type_into, wait_idle

WARNING = (
    "Die Schnittstelle „Zahlungen Steuerberater“ holt schon Dateien dieses Namens aus "
    "diesem Ordner; beide Läufe würden dieselben Dateien holen."
)


@pytest.fixture
def stored(repository, sample_settings):
    """ "Zahlungen Steuerberater": ftp.steuerberater.example:2121, BUCHHALTUNG/IMPORTE/
    with its date directories, Dateiname "Zahlungen"."""
    repository.save(sample_settings)
    return sample_settings


def _type_source(qtbot, form, host: str, port: str, directory: str, name_filter: str) -> None:
    type_into(qtbot, form.host_edit, host)
    type_into(qtbot, form.port_edit, port)
    type_into(qtbot, form.directory_edit, directory)
    type_into(qtbot, form.filename_edit, name_filter)


def _warning(form) -> str:
    return form.field_box(v.FTP_DIRECTORY).warning_text()


def test_a_new_interface_reading_the_same_files_is_warned_at_once(qtbot, stored, window):
    form = window.form
    window.new_interface()
    wait_idle(qtbot)
    _type_source(qtbot, form, "FTP.Steuerberater.example", "2121", "BUCHHALTUNG/IMPORTE/", "")

    # Said while typing, from the list read when the window opened: no database read.
    assert ops.pending_count() == 0
    assert _warning(form) == WARNING
    box = form.field_box(v.FTP_DIRECTORY)
    assert box.message.isVisible() and box.message.text() == WARNING
    assert not box.is_marked()  # a warning, not an error: no red frame

    type_into(qtbot, form.filename_edit, "Zahlungen_Nord")  # contains "Zahlungen"
    assert _warning(form) == WARNING
    type_into(qtbot, form.filename_edit, "zahlungen")  # the same, in other letters' case
    assert _warning(form) == WARNING


@pytest.mark.parametrize(
    ("host", "port", "directory", "name_filter"),
    [
        ("ftp.steuerberater.example", "2121", "BUCHHALTUNG/IMPORTE/", "Bank"),  # disjoint
        ("ftp.steuerberater.example", "2121", "BUCHHALTUNG/IMPORTE/", "*.sta"),
        ("ftp.anderer.example", "2121", "BUCHHALTUNG/IMPORTE/", "Zahlungen"),  # other host
        ("ftp.steuerberater.example", "21", "BUCHHALTUNG/IMPORTE/", "Zahlungen"),  # port
        ("ftp.steuerberater.example", "2121", "BUCHHALTUNG/", "Zahlungen"),  # other folder
    ],
)
def test_no_warning_for_other_names_another_server_or_folder(
    qtbot, stored, window, host, port, directory, name_filter
):
    form = window.form
    window.new_interface()
    wait_idle(qtbot)
    _type_source(qtbot, form, host, port, directory, name_filter)
    assert _warning(form) == ""
    assert "Schnittstelle" not in form.field_box(v.FTP_DIRECTORY).message.text()  # the hint


SOFT_WARNING = (
    "Die Schnittstelle „Zahlungen Steuerberater“ holt mit einem anderen Benutzer Dateien "
    "dieses Namens aus einem gleichnamigen Ordner dieses Servers; falls beide Konten "
    "dasselbe Verzeichnis sehen, würden beide Läufe dieselben Dateien holen."
)


def test_another_benutzer_is_warned_more_softly_while_typing(qtbot, stored, window):
    """Accounts are often locked into their own home folders: the same folder name under
    another Benutzer may be another folder, or the same one; the user knows which."""
    from PySide6.QtCore import QPoint

    form = window.form
    window.new_interface()
    wait_idle(qtbot)
    _type_source(qtbot, form, "ftp.steuerberater.example", "2121", "BUCHHALTUNG/IMPORTE/", "")
    assert _warning(form) == WARNING  # no Benutzer typed yet
    type_into(qtbot, form.user_edit, "filiale8")
    assert ops.pending_count() == 0
    assert _warning(form) == SOFT_WARNING
    assert form.field_box(v.FTP_DIRECTORY).message.text() == SOFT_WARNING
    type_into(qtbot, form.user_edit, "Filiale7")  # user names are told apart by case
    assert _warning(form) == SOFT_WARNING
    below = form.date_subdirectories_check

    def y() -> int:
        return settled(qtbot, lambda: below.mapTo(form, QPoint(0, 0)).y())

    before = y()
    type_into(qtbot, form.user_edit, "filiale7")  # the same account: surely one folder
    assert _warning(form) == WARNING
    assert y() == before  # the shorter warning keeps the longer one's room


def test_a_date_folder_the_other_searches_counts(qtbot, stored, window):
    form = window.form
    window.new_interface()
    wait_idle(qtbot)
    folder = "BUCHHALTUNG/IMPORTE/2026/03/14/"
    _type_source(qtbot, form, "ftp.steuerberater.example", "2121", folder, "*.csv")
    assert _warning(form) == ""  # "*.csv" and "Zahlungen" may meet, but need not
    type_into(qtbot, form.filename_edit, "Zahlungen_0314.csv")
    assert _warning(form) == WARNING


def test_the_interface_shown_is_no_other_and_may_be_saved_with_a_warning(
    qtbot, stored, window, repository
):
    form = window.form
    window.editing.show(stored.name)
    wait_idle(qtbot)
    assert _warning(form) == ""  # itself

    window.duplicate_selected()
    wait_idle(qtbot)
    copy = form.original_name
    assert copy != stored.name
    assert _warning(form) == WARNING  # the copy reads the same files
    type_into(qtbot, form.filename_edit, "Zahlungen_Mitte")
    window.save()
    wait_idle(qtbot)
    assert repository.get(copy).settings.filename_filter == "Zahlungen_Mitte"  # saved
    assert _warning(form) == WARNING


def test_the_warning_is_english_when_chosen(qtbot, make_window, no_keyring_editor, stored):
    window = make_window(no_keyring_editor, lang="en")
    form = window.form
    window.new_interface()
    wait_idle(qtbot)
    _type_source(qtbot, form, "ftp.steuerberater.example", "2121", "BUCHHALTUNG/IMPORTE/", "")
    assert _warning(form) == (
        "The interface “Zahlungen Steuerberater” already fetches files of this name from "
        "this folder; both runs would fetch the same files."
    )


def test_a_warning_gone_while_typing_leaves_its_room_until_another_is_shown(qtbot, stored, window):
    from PySide6.QtCore import QPoint

    form = window.form
    window.new_interface()
    wait_idle(qtbot)
    _type_source(qtbot, form, "ftp.steuerberater.example", "2121", "BUCHHALTUNG/IMPORTE/", "")
    assert _warning(form) == WARNING
    below = form.date_subdirectories_check

    def y() -> int:
        return settled(qtbot, lambda: below.mapTo(form, QPoint(0, 0)).y())

    before = y()
    type_into(qtbot, form.port_edit, "21")  # another server: no warning, nothing moves
    assert _warning(form) == ""
    assert y() == before
    form.load(None)  # another interface shown: the room goes with the warning
    assert y() < before


def test_a_warning_shown_when_another_interface_comes_leaves_no_room(qtbot, stored, window):
    """The room a warning keeps is for typing in the same interface: the one shown next
    starts with its own lines only, also when the warning was still up when it came."""
    form = window.form
    box = form.field_box(v.FTP_DIRECTORY)
    window.new_interface()
    wait_idle(qtbot)
    hint_only = settled(qtbot, box.message.height)
    _type_source(qtbot, form, "ftp.steuerberater.example", "2121", "BUCHHALTUNG/IMPORTE/", "")
    assert settled(qtbot, box.message.height) > hint_only  # the warning, on two lines or more

    form.load(None)  # Verwerfen: the new interface again, empty
    assert _warning(form) == ""
    assert settled(qtbot, box.message.height) == hint_only
    form.set_stored_interfaces([stored])  # the list read again after the load
    assert settled(qtbot, box.message.height) == hint_only
