"""The main window: the list, its search and filter, the actions, asking before losing
changes, and remembering its geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.interface import ImportFormat
from desktop_app.ui.main_window import MainWindow, UnsavedChoice
from desktop_app.ui.window_state import DEFAULT_SIZE, default_split

from .helpers import answering_message_box, type_into, wait_idle


@pytest.fixture
def three(repository, sample_settings):
    """Three interfaces: bound to a workstation or not, different branches and formats."""
    interfaces = [
        sample_settings,  # Optik Nord, KASSE-01, Geschlossene Posten
        sample_settings.with_changes(
            name="Bank Mitte",
            branch="Hörakustik Mitte",
            workstation=None,
            import_format=ImportFormat.CAMT053,
        ),
        sample_settings.with_changes(
            name="DATEV alle Filialen",
            branch=None,
            workstation="BUERO-PC",
            import_format=ImportFormat.DATEV_EXTF,
            enabled=False,
        ),
    ]
    for settings in interfaces:
        repository.save(settings)
    return interfaces


def test_list_shows_the_interfaces_in_german(qtbot, window, three):
    window.reload_list()
    wait_idle(qtbot)
    model = window.view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Name",
        "Filiale",
        "Rechner",
        "Importart",
        "Intervall",
        "Aktiv",
        "Nächster Lauf",
        "Letzter Lauf",
    ]
    assert window.visible_names() == [
        "Bank Mitte",
        "DATEV alle Filialen",
        "Zahlungen Steuerberater",
    ]
    row = [model.index(2, c).data() for c in range(6)]
    assert row == [
        "Zahlungen Steuerberater",
        "Optik Nord",
        "KASSE-01",
        "Geschlossene Posten",
        "Wöchentlich: Mo, Do, 07:30",
        "Ja",
    ]
    assert model.index(1, 1).data() == "alle Filialen"
    assert model.index(1, 5).data() == "Nein"


def test_first_interface_is_shown_on_start(make_window, no_keyring_editor, three):
    window = make_window(no_keyring_editor)
    assert window.form.original_name == "Bank Mitte"
    assert window.view.currentIndex().row() == 0


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("optik", ["Zahlungen Steuerberater"]),  # branch
        ("HÖRAKUSTIK", ["Bank Mitte"]),  # branch, any case
        ("kasse", ["Zahlungen Steuerberater"]),  # computer
        ("camt", ["Bank Mitte"]),  # import type
        ("datev", ["DATEV alle Filialen"]),  # name and import type
        ("zahlungen", ["Zahlungen Steuerberater"]),  # name
        ("  ", ["Bank Mitte", "DATEV alle Filialen", "Zahlungen Steuerberater"]),
        ("gibt es nicht", []),
    ],
)
def test_search_box_filters(qtbot, window, three, search, expected):
    window.reload_list()
    wait_idle(qtbot)
    type_into(qtbot, window.search_edit, search)
    assert window.visible_names() == expected


def test_a_search_that_hides_the_interface_shows_the_first_hit(qtbot, window, three):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    type_into(qtbot, window.search_edit, "er")  # Steuerberater, BUERO-PC
    assert window.visible_names() == ["DATEV alle Filialen", "Zahlungen Steuerberater"]
    assert window.form.original_name == "DATEV alle Filialen"
    assert window.view.currentIndex().data() == "DATEV alle Filialen"
    assert window.form.isVisible() and window.delete_action.isEnabled()
    wait_idle(qtbot)  # the hit read again behind it: still shown
    assert window.form.original_name == "DATEV alle Filialen"
    # Emptying the search keeps what the form shows, selected among all rows.
    type_into(qtbot, window.search_edit, "")
    assert len(window.visible_names()) == 3
    assert window.form.original_name == "DATEV alle Filialen"
    assert window.view.currentIndex().data() == "DATEV alle Filialen"


def test_a_search_without_hits_shows_that_none_matches_instead_of_a_form(
    qtbot, window, three, repository
):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    type_into(qtbot, window.search_edit, "keine Treffer")
    assert window.visible_names() == [] and window.form.original_name is None
    # No blank "Neue Schnittstelle" to type into: a page says why nothing is shown.
    assert not window.form.isVisible()
    assert window.nothing_shown_label.isVisible()
    assert window.nothing_shown_label.text().startswith(
        "Keine Schnittstelle passt zur Suche oder zum Filter."
    )
    for action in (
        window.save_action,
        window.delete_action,
        window.duplicate_action,
        window.toggle_action,
        window.run_now_action,
        window.history_action,
    ):
        assert not action.isEnabled(), action.text()
    window.save()  # Ctrl+S has nothing to save either
    wait_idle(qtbot)
    assert window.form.status_label.text() == ""
    assert sorted(repository.names()) == [
        "Bank Mitte",
        "DATEV alle Filialen",
        "Zahlungen Steuerberater",
    ]
    # Found again, the interface shown before comes back.
    type_into(qtbot, window.search_edit, "")
    assert window.form.isVisible() and not window.nothing_shown_label.isVisible()
    assert window.form.original_name == "Bank Mitte"
    assert window.view.currentIndex().data() == "Bank Mitte"


def test_new_leaves_the_page_of_a_search_without_hits(qtbot, window, three):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    type_into(qtbot, window.search_edit, "keine Treffer")
    assert not window.form.isVisible()
    window.new_action.trigger()
    assert window.form.isVisible() and window.form.original_name is None
    assert window.save_action.isEnabled()


def test_a_search_keeps_unsaved_changes_in_the_form(qtbot, window, three):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    type_into(qtbot, window.form.filename_edit, "Neu")
    # No question while typing the search (the fixture fails on one): the edit stays.
    type_into(qtbot, window.search_edit, "kasse")
    assert window.form.original_name == "Bank Mitte"  # hidden, but still being edited
    assert window.form.filename_edit.text() == "Neu"
    type_into(qtbot, window.search_edit, "keine Treffer")
    assert window.form.isVisible() and window.form.filename_edit.text() == "Neu"
    type_into(qtbot, window.search_edit, "kasse")
    # Moving to the hit is the user's click, and it asks as every click does.
    asked = []
    window.ask_unsaved_changes = lambda: asked.append(1) or UnsavedChoice.CANCEL
    window.select_interface("Zahlungen Steuerberater")
    assert asked == [1]
    assert window.form.original_name == "Bank Mitte"
    assert window.form.filename_edit.text() == "Neu"


@pytest.mark.parametrize("how", ["save", "discard"])
def test_once_the_changes_are_saved_or_discarded_the_form_follows_the_search(
    qtbot, window, three, repository, how
):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    type_into(qtbot, window.form.filename_edit, "Neu")
    type_into(qtbot, window.search_edit, "kasse")
    assert window.form.original_name == "Bank Mitte"
    if how == "save":
        window.save_action.trigger()
    else:
        window.form.discard_button.click()
    wait_idle(qtbot)
    saved = repository.get("Bank Mitte").settings.filename_filter
    assert saved == ("Neu" if how == "save" else "Zahlungen")
    assert window.form.original_name == "Zahlungen Steuerberater"
    assert window.view.currentIndex().data() == "Zahlungen Steuerberater"


def test_workstation_filter(qtbot, window, three):
    window.reload_list()
    wait_idle(qtbot)
    assert window.workstation_filter_check.text() == "Mit Arbeitsplatzeinstellungen"
    window.workstation_filter_check.setChecked(True)
    assert window.visible_names() == ["DATEV alle Filialen", "Zahlungen Steuerberater"]
    type_into(qtbot, window.search_edit, "datev")
    assert window.visible_names() == ["DATEV alle Filialen"]
    window.workstation_filter_check.setChecked(False)
    type_into(qtbot, window.search_edit, "")
    assert len(window.visible_names()) == 3


def test_delete_asks_first(qtbot, window, three, repository):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    asked = []

    window.confirm_delete = lambda name: asked.append(name) or False
    window.delete_action.trigger()
    wait_idle(qtbot)
    assert asked == ["Bank Mitte"]
    assert "Bank Mitte" in repository.names()

    window.confirm_delete = lambda name: asked.append(name) or True
    window.delete_action.trigger()
    wait_idle(qtbot)
    assert asked == ["Bank Mitte", "Bank Mitte"]
    assert "Bank Mitte" not in repository.names()
    assert "Bank Mitte" not in window.visible_names()
    assert window.form.original_name is None
    assert window.statusBar().currentMessage() == "Schnittstelle „Bank Mitte“ gelöscht."


def test_delete_dialog_defaults_to_not_deleting(qtbot, window, three, repository):
    """The real dialog: Enter (its default button) keeps the interface."""
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    del window.confirm_delete  # back to the real dialog

    def press_enter(box: QMessageBox) -> None:
        assert box.defaultButton().text() == "Nicht löschen"
        assert "„Bank Mitte“ wirklich löschen" in box.text()
        qtbot.keyClick(box, Qt.Key.Key_Return)

    with answering_message_box(press_enter) as seen:
        window.delete_action.trigger()
    wait_idle(qtbot)
    assert len(seen) == 1
    assert "Bank Mitte" in repository.names()


def test_unsaved_dialog_offers_save_discard_cancel(qtbot, window):
    del window.ask_unsaved_changes
    buttons = []

    def cancel(box: QMessageBox) -> None:
        buttons.extend(b.text() for b in box.buttons())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    with answering_message_box(cancel):
        choice = window.ask_unsaved_changes()
    assert sorted(buttons) == ["Abbrechen", "Speichern", "Verwerfen"]
    assert choice is UnsavedChoice.CANCEL


def _edit(qtbot, window, text="Geändert"):
    type_into(qtbot, window.form.filename_edit, text)
    assert window.form.is_dirty()


def test_switching_with_unsaved_changes_cancel_stays(qtbot, window, three):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    _edit(qtbot, window)
    window.ask_unsaved_changes = lambda: UnsavedChoice.CANCEL
    window.select_interface("Zahlungen Steuerberater")
    assert window.form.original_name == "Bank Mitte"
    assert window.form.filename_edit.text() == "Geändert"
    assert window.view.currentIndex().data() == "Bank Mitte"


def test_switching_with_unsaved_changes_discard(qtbot, window, three, repository):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    _edit(qtbot, window)
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.select_interface("Zahlungen Steuerberater")
    assert window.form.original_name == "Zahlungen Steuerberater"
    assert repository.get("Bank Mitte").settings.filename_filter == "Zahlungen"


def test_switching_with_unsaved_changes_save(qtbot, window, three, repository):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    _edit(qtbot, window)
    window.ask_unsaved_changes = lambda: UnsavedChoice.SAVE
    window.select_interface("Zahlungen Steuerberater")
    wait_idle(qtbot)
    assert repository.get("Bank Mitte").settings.filename_filter == "Geändert"
    assert window.form.original_name == "Zahlungen Steuerberater"
    assert window.view.currentIndex().data() == "Zahlungen Steuerberater"


def test_switching_with_changes_that_cannot_be_saved_stays(qtbot, window, three, repository):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    type_into(qtbot, window.form.host_edit, "")
    window.ask_unsaved_changes = lambda: UnsavedChoice.SAVE
    window.select_interface("Zahlungen Steuerberater")
    wait_idle(qtbot)
    assert window.form.original_name == "Bank Mitte"
    assert window.form.message_for("ftp.host")
    assert window.view.currentIndex().data() == "Bank Mitte"


def test_new_with_unsaved_changes_asks(qtbot, window, three):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    _edit(qtbot, window)
    asked = []
    window.ask_unsaved_changes = lambda: asked.append(1) or UnsavedChoice.CANCEL
    window.new_action.trigger()
    assert asked == [1]
    assert window.form.original_name == "Bank Mitte"
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.new_action.trigger()
    assert window.form.original_name is None
    assert window.form.name_edit.text() == ""
    assert not window.view.selectionModel().hasSelection()


@pytest.mark.parametrize("choice", list(UnsavedChoice))
def test_closing_with_unsaved_changes_asks(qtbot, window, three, repository, choice):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    _edit(qtbot, window)
    asked = []
    window.ask_unsaved_changes = lambda: asked.append(1) or choice
    window.close()
    wait_idle(qtbot)
    assert asked == [1]
    assert window.isVisible() is (choice is UnsavedChoice.CANCEL)
    saved = repository.get("Bank Mitte").settings.filename_filter
    assert saved == ("Geändert" if choice is UnsavedChoice.SAVE else "Zahlungen")


def test_closing_without_changes_does_not_ask(window, three):
    window.close()  # the fixture's ask_unsaved_changes would fail the test
    assert not window.isVisible()


def test_duplicate_makes_an_inactive_copy_without_password(qtbot, window, three, repository):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Zahlungen Steuerberater")
    window.duplicate_action.trigger()
    wait_idle(qtbot)
    copy = repository.get("Zahlungen Steuerberater (Kopie)")
    assert not copy.settings.enabled
    assert not copy.password_stored
    assert copy.settings.ftp == three[0].ftp
    assert window.form.original_name == "Zahlungen Steuerberater (Kopie)"
    assert window.view.currentIndex().data() == "Zahlungen Steuerberater (Kopie)"


def test_activate_and_deactivate(qtbot, window, three, repository):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    assert window.toggle_action.text() == "Deaktivieren"
    window.toggle_action.trigger()
    wait_idle(qtbot)
    assert not repository.get("Bank Mitte").settings.enabled
    assert window.toggle_action.text() == "Aktivieren"
    assert not window.form.enabled_check.isChecked()
    assert not window.form.is_dirty()
    window.toggle_action.trigger()
    wait_idle(qtbot)
    assert repository.get("Bank Mitte").settings.enabled


def test_the_runs_attached_later_keep_the_audited_editor(qtbot, window, three, repository, db):
    """The program attaches the runs after the window is in use (gui_runtime._start_runs):
    the list's writes still go through the session's audited editor."""
    from desktop_app.store.audit import AuditLog

    window.attach_runs(None, None)
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    before = len(AuditLog(db).entries())
    window.toggle_action.trigger()
    wait_idle(qtbot)
    assert window.errors == []
    assert not repository.get("Bank Mitte").settings.enabled
    assert len(AuditLog(db).entries()) == before + 1


def test_actions_need_a_stored_interface(window):
    assert window.form.original_name is None
    assert window.new_action.isEnabled()
    for action in (window.duplicate_action, window.delete_action, window.toggle_action):
        assert not action.isEnabled()


def test_menus_hold_only_what_is_built(window):
    menus = {
        menu.title(): [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        for menu in (a.menu() for a in window.menuBar().actions())
    }
    assert menus == {
        "&Datei": ["&Speichern", "&Einstellungen …", "&Beenden"],
        "&Schnittstelle": [
            "&Neu",
            "D&uplizieren",
            "&Löschen",
            "Ein/Aus",  # no interface shown: neither way
            "&Suchen",
            "&Aktualisieren",
            "&Verlauf …",
        ],
        "&Buchhaltung": ["Datei &importieren …", "&Rechnungen", "&Klärungsfälle"],
        "&Hilfe": ["&Handbuch …", "&Tastenkürzel …"],
    }
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    assert window.refresh_action.shortcut().toString() == "Ctrl+R"


def test_title_marks_unsaved_changes(qtbot, window):
    assert window.windowTitle() == "Schnittstellen suchen[*]"
    assert not window.isWindowModified()
    type_into(qtbot, window.form.name_edit, "Neu")
    assert window.isWindowModified()


def test_geometry_and_splitter_are_restored(qtbot, make_window, no_keyring_editor, settings_file):
    # Small enough for any test screen (offscreen: 800x600; xvfb-run: 640x480).
    first = make_window(no_keyring_editor)
    first.resize(620, 450)
    qtbot.waitUntil(lambda: first.width() == 620)
    first.splitter.setSizes([260, 360])
    sizes = first.splitter.sizes()
    assert sizes[0] < 300  # not the default split
    first.close()
    assert settings_file.exists()

    second = make_window(no_keyring_editor)
    assert (second.width(), second.height()) == (620, 450)
    assert second.splitter.sizes() == sizes


def test_default_size_fits_the_screen(make_window, no_keyring_editor):
    """The first start's window takes the default size where the screen has it, and no
    more than the screen's free area where it has not (a 1280×800 screen)."""
    window = make_window(no_keyring_editor)
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()
    assert window.width() == min(DEFAULT_SIZE[0], available.width())
    assert window.height() == min(DEFAULT_SIZE[1], available.height())


def test_build_main_window_gives_a_main_window(window):
    assert isinstance(window, MainWindow)


def test_a_window_shown_before_attach_gets_the_default_split(
    qtbot, settings_file, german, no_keyring_editor, three
):
    """As the program starts (issue 7): painted first, attached later; the form then gets
    the width it needs, the list the rest (not the list's minimum, as when the split was
    measured before the new splitter had a width)."""
    from PySide6.QtCore import QSettings

    window = MainWindow(None, QSettings(str(settings_file), QSettings.Format.IniFormat), "de")
    qtbot.addWidget(window)
    window.resize(1240, 700)
    window.show()
    qtbot.waitExposed(window)
    assert not window.is_attached and window.start_notice is not None
    window.attach(no_keyring_editor)
    total = sum(window.splitter.sizes())
    list_width = window.splitter.sizes()[0]
    two_columns = window.form.width_without_scrolling()
    one_column = window.form.width_in_one_column()
    assert total > 1000
    assert [list_width] == default_split(total, two_columns, one_column)[:1]
    assert list_width > 300
    wait_idle(qtbot)  # the list is read in the background
    assert sorted(window.visible_names()) == sorted(i.name for i in three)
    assert window.form.original_name == window.visible_names()[0]
