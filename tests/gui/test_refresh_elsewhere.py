"""What other computers on the shared database change, nobody announces to this window:
Schnittstelle → Aktualisieren (Strg+R) reads the list, the interface shown, the last runs
and the user's rights again, off the GUI thread, and keeps what is being typed; coming
back to the window after more than a minute reads them again by itself, once."""

# The fixtures imported from users_support and refresh_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.users import Group
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.users import UserRepository

from .helpers import type_into, wait_idle
from .refresh_support import (  # noqa: F401 - fixtures are found by their names here
    ADDED,
    MINUTE,
    come_back,
    on_clock,
    on_gui_thread,
    refresher_of,
    session_for,
    sql_threads,
    window,
)
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    FAST,
    admin,
    other_admin,
    other_computer,
    session_window,
    users,
)

ADMINISTRATION = "&Verwaltung"


def press_ctrl_r(qtbot, window) -> None:
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)


def _menus(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.isVisible()]


def test_ctrl_r_shows_what_another_computer_changed_read_off_the_gui_thread(
    qtbot, window, db, other_computer, sample_settings
):
    elsewhere = InterfaceRepository(other_computer)
    elsewhere.save(sample_settings.with_changes(name=ADDED, workstation=None))
    elsewhere.save(
        sample_settings.with_changes(filename_filter="Neu_von_drueben"),
        original_name=sample_settings.name,
    )
    assert ADDED not in window.visible_names()

    with sql_threads(db) as queries:
        press_ctrl_r(qtbot, window)
        wait_idle(qtbot)
    assert ADDED in window.visible_names()
    # The clean form shows the interface as the other computer left it.
    assert window.form.filename_edit.text() == "Neu_von_drueben"
    assert not window.form.is_dirty()
    assert any("FROM runs" in q for q in queries), "the last runs were not read again"
    assert any("users" in q for q in queries), "the user's rights were not asked again"
    assert on_gui_thread(queries) == []


def test_ctrl_r_follows_rights_taken_on_another_computer(
    qtbot, window, other_admin, other_computer, admin
):
    assert ADMINISTRATION in _menus(window)
    UserRepository(other_computer, FAST).set_group(admin.id, Group.STAFF)
    press_ctrl_r(qtbot, window)
    wait_idle(qtbot)
    assert ADMINISTRATION not in _menus(window)
    assert not window.session.is_admin


@pytest.mark.parametrize(
    "read_again",
    [lambda w: w.refresh_action.trigger(), lambda w: refresher_of(w).tick()],
    ids=["aktualisieren", "timer"],
)
def test_refresh_keeps_what_is_being_typed(
    qtbot, window, other_computer, sample_settings, read_again
):
    form = window.form
    type_into(qtbot, form.filename_edit, "halb getippt")
    assert form.is_dirty()
    elsewhere = InterfaceRepository(other_computer)
    elsewhere.save(sample_settings.with_changes(name=ADDED, workstation=None))
    elsewhere.save(
        sample_settings.with_changes(filename_filter="Neu_von_drueben"),
        original_name=sample_settings.name,
    )

    read_again(window)
    wait_idle(qtbot)
    assert ADDED in window.visible_names()  # the list follows beside the form
    assert form.original_name == sample_settings.name
    assert form.filename_edit.text() == "halb getippt" and form.is_dirty()
    assert window.isWindowModified()


@pytest.mark.parametrize(
    "read_again",
    [
        lambda qtbot, w: press_ctrl_r(qtbot, w),
        lambda _qtbot, w: refresher_of(w).tick(),
        lambda qtbot, w: come_back(qtbot, w),
    ],
    ids=["ctrl_r", "timer", "coming_back"],
)
def test_every_interface_deleted_elsewhere_under_a_search_without_hits(
    qtbot, window, other_computer, read_again
):
    """The page said that no interface matches the search; with none left, the window
    shows what an empty list shows: the first start's hint and the blank form."""
    clock = on_clock(qtbot, window)
    type_into(qtbot, window.search_edit, "keine Treffer")
    assert window.nothing_shown_label.isVisible() and not window.form.isVisible()
    elsewhere = InterfaceRepository(other_computer)
    for name in elsewhere.names():
        elsewhere.delete(name)

    clock.now += MINUTE + 1  # coming back reads again only after a minute
    read_again(qtbot, window)
    wait_idle(qtbot)
    assert window.visible_names() == []
    assert not window.nothing_shown_label.isVisible()
    assert window.form.isVisible() and window.form.original_name is None
    assert window.view.empty_hint().startswith("Noch keine Schnittstelle eingerichtet.")
    assert not window.form.is_dirty() and window.save_action.isEnabled()
    assert not window.toggle_action.isEnabled() and not window.delete_action.isEnabled()


def test_the_action_is_in_the_interface_menu_with_ctrl_r_and_a_status_tip(window):
    action = window.refresh_action
    assert action.text() == "&Aktualisieren"
    assert action.shortcut().toString() == "Ctrl+R"
    assert "andere Rechner" in action.statusTip()
    interface_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text() == "&Schnittstelle"
    )
    assert action in interface_menu.actions()
    # No other action of the window listens to the same keys.
    clashes = [
        a.text()
        for a in window.findChildren(type(action))
        if a is not action and a.shortcut() == action.shortcut()
    ]
    assert clashes == []


def test_while_a_write_runs_the_action_waits(window):
    assert window.refresh_action.isEnabled()
    window.editing._set_busy(True)
    try:
        assert not window.refresh_action.isEnabled()
    finally:
        window.editing._set_busy(False)
    assert window.refresh_action.isEnabled()


def test_coming_back_after_a_minute_reads_again_once(
    qtbot, window, db, other_computer, sample_settings
):
    clock = on_clock(qtbot, window)
    InterfaceRepository(other_computer).save(
        sample_settings.with_changes(name=ADDED, workstation=None)
    )

    clock.now += MINUTE / 2
    with sql_threads(db) as queries:
        come_back(qtbot, window)
        wait_idle(qtbot)
    assert ADDED not in window.visible_names()  # read a moment ago: not again
    assert queries == []

    clock.now += MINUTE / 2 + 1  # more than a minute since the last read
    with sql_threads(db) as queries:
        come_back(qtbot, window)
        wait_idle(qtbot)
    assert ADDED in window.visible_names()
    assert queries and on_gui_thread(queries) == []

    clock.now += 1  # back again at once: that read is new
    with sql_threads(db) as queries:
        come_back(qtbot, window)
        wait_idle(qtbot)
    assert queries == []


def test_coming_back_during_a_write_or_logged_out_reads_nothing(
    qtbot, window, db, other_computer, sample_settings, admin
):
    clock = on_clock(qtbot, window)
    clock.now += MINUTE * 2
    with sql_threads(db) as queries:
        window.editing._set_busy(True)  # a save runs (its end reads the list anyway)
        try:
            come_back(qtbot, window)
        finally:
            window.editing._set_busy(False)
        wait_idle(qtbot)
    assert queries == []

    seen = []

    def log_in_again(_session):
        with sql_threads(db) as during_login:
            come_back(qtbot, window)
            wait_idle(qtbot)
        # The logout's own audit entry is written meanwhile; nothing is read.
        seen.append([q for q in during_login if "SELECT" in q])
        return UserRepository(other_computer, FAST).get(admin.name)

    window.ask_login = log_in_again
    window.logout_action.trigger()
    wait_idle(qtbot)
    assert seen == [[]]  # nobody logged in: nothing was read for nobody

    # Logged in again: the next return after a while reads as before.
    InterfaceRepository(other_computer).save(
        sample_settings.with_changes(name=ADDED, workstation=None)
    )
    come_back(qtbot, window)
    wait_idle(qtbot)
    assert ADDED in window.visible_names()


def test_coming_back_before_the_window_has_its_data_reads_nothing(qtbot, settings_file, db, german):
    """At start-up the window shows before the database is open (``attach`` comes later)."""
    from PySide6.QtCore import QSettings

    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(None, QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    with sql_threads(db) as queries:
        come_back(qtbot, window)
        wait_idle(qtbot)
    assert queries == [] and not window.is_attached
    assert not window.refresh_action.isEnabled()
