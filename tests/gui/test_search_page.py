"""Where the form stands when the search or the filter hides every interface: an untouched
blank new interface follows the search like a shown one, the page says nothing untrue
once every interface is gone, and the activate button promises nothing while no
interface is shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from .helpers import type_into, wait_idle
from .test_main_window import three  # noqa: F401 - the fixture is found by its name here

NEUTRAL_TOGGLE = "Ein/Aus"


def test_an_untouched_new_interface_follows_the_search_to_the_first_hit(
    qtbot,
    window,
    three,  # noqa: F811
):
    window.reload_list()
    wait_idle(qtbot)
    window.new_action.trigger()
    assert window.form.original_name is None and not window.form.is_dirty()
    type_into(qtbot, window.search_edit, "er")  # Steuerberater, BUERO-PC
    assert window.form.original_name == "DATEV alle Filialen"
    assert window.view.currentIndex().data() == "DATEV alle Filialen"
    assert window.delete_action.isEnabled()
    wait_idle(qtbot)
    assert window.form.original_name == "DATEV alle Filialen"


def test_an_untouched_new_interface_gives_way_to_the_page_without_hits(
    qtbot,
    window,
    three,  # noqa: F811
):
    window.reload_list()
    wait_idle(qtbot)
    window.new_action.trigger()
    type_into(qtbot, window.search_edit, "keine Treffer")
    assert not window.form.isVisible() and window.nothing_shown_label.isVisible()
    assert not window.save_action.isEnabled()
    type_into(qtbot, window.search_edit, "kasse")
    assert window.form.isVisible() and not window.nothing_shown_label.isVisible()
    assert window.form.original_name == "Zahlungen Steuerberater"


def test_a_new_interface_being_typed_stays_while_searching(
    qtbot,
    window,
    three,  # noqa: F811
):
    window.reload_list()
    wait_idle(qtbot)
    window.new_action.trigger()
    type_into(qtbot, window.form.name_edit, "Neu halb fertig")
    type_into(qtbot, window.search_edit, "er")
    assert window.form.original_name is None
    assert window.form.name_edit.text() == "Neu halb fertig"


@pytest.mark.parametrize("looking", ["search", "filter"])
def test_a_new_interface_started_while_looking_stays_once_nothing_is_looked_for(
    qtbot,
    window,
    three,  # noqa: F811
    looking,
):
    """Like a shown interface, a blank one is hidden by a search, not by an empty one."""
    window.reload_list()
    wait_idle(qtbot)
    if looking == "search":
        type_into(qtbot, window.search_edit, "kasse")
    else:
        window.workstation_filter_check.setChecked(True)
    window.new_action.trigger()
    assert window.form.original_name is None and not window.form.is_dirty()
    if looking == "search":
        qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)  # empties the search
        assert window.search_edit.text() == ""
    else:
        window.workstation_filter_check.setChecked(False)
    assert len(window.visible_names()) == 3
    assert window.form.isVisible() and not window.nothing_shown_label.isVisible()
    assert window.form.original_name is None
    assert not window.view.selectionModel().hasSelection()
    assert window.toggle_action.text() == NEUTRAL_TOGGLE
    assert not window.delete_action.isEnabled()


def test_a_list_read_leaves_a_new_interface_alone(
    qtbot,
    window,
    three,  # noqa: F811
):
    window.reload_list()
    wait_idle(qtbot)
    window.new_action.trigger()
    window.reload_list()  # a change elsewhere: not the user's search
    wait_idle(qtbot)
    assert window.form.original_name is None and window.form.isVisible()


def test_once_every_interface_is_gone_the_page_gives_way_to_the_empty_lists_form(
    qtbot,
    window,
    three,  # noqa: F811
    repository,
):
    window.reload_list()
    wait_idle(qtbot)
    type_into(qtbot, window.search_edit, "keine Treffer")
    assert window.nothing_shown_label.isVisible()
    for name in repository.names():  # deleted on another computer
        repository.delete(name)
    window.reload_list()
    wait_idle(qtbot)
    # Not "no interface matches": none exists, and the form to set one up is there.
    assert not window.nothing_shown_label.isVisible()
    assert window.form.isVisible() and window.form.original_name is None
    assert window.view.empty_hint().startswith("Noch keine Schnittstelle eingerichtet.")
    assert window.save_action.isEnabled() and window.new_action.isEnabled()
    # Emptying the search keeps the blank form: there is nothing to find.
    type_into(qtbot, window.search_edit, "")
    assert window.form.isVisible() and window.form.original_name is None


def test_the_toggle_promises_nothing_while_no_interface_is_shown(
    qtbot,
    window,
    three,  # noqa: F811
):
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface("Bank Mitte")
    assert window.toggle_action.text() == "Deaktivieren"
    assert window.toggle_action.isEnabled()
    type_into(qtbot, window.search_edit, "keine Treffer")
    assert window.nothing_shown_label.isVisible()
    assert window.toggle_action.text() == NEUTRAL_TOGGLE
    assert not window.toggle_action.isEnabled()
    # Like Löschen beside it: there, disabled, naming no interface's state.
    assert window.delete_action.isVisible() and not window.delete_action.isEnabled()
    assert window.toggle_action.isVisible()
    type_into(qtbot, window.search_edit, "")
    window.select_interface("DATEV alle Filialen")  # inactive
    assert window.toggle_action.text() == "Aktivieren"
    window.new_action.trigger()
    assert window.toggle_action.text() == NEUTRAL_TOGGLE
    assert not window.toggle_action.isEnabled()


def test_before_the_data_is_there_the_toggle_promises_nothing(qtbot, german, settings_file):
    from PySide6.QtCore import QSettings

    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(None, QSettings(str(settings_file), QSettings.Format.IniFormat), "de")
    qtbot.addWidget(window)
    assert window.toggle_action.text() == NEUTRAL_TOGGLE
    assert not window.toggle_action.isEnabled()
