"""A window left open reads again by itself: while it is shown and someone is logged in,
its timer reads the list, the interface shown, the last runs and the user's rights on the
terms of coming back to the window: never beside a save, for nobody, before the first
read or beside a read still running, and what is being typed stays."""

# The fixtures imported from users_support and refresh_support are the tests' parameters
# by design.
# ruff: noqa: F811

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings

from desktop_app.jobs.run_results import RunStatus
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.run_records import RunRecorder, finish_run
from desktop_app.store.users import UserRepository
from desktop_app.ui import window_refresh
from desktop_app.ui.interface_list_model import LAST_RUN, NAME

from .helpers import wait_idle
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
    other_computer,
    session_window,
    users,
)

SHORT = 20  # ms: the timer's interval in these tests, instead of minutes


def last_run(window, name: str) -> str:
    """What the list's Letzter Lauf column shows for ``name``."""
    model = window.view.model()
    rows = [r for r in range(model.rowCount()) if model.index(r, NAME).data() == name]
    assert rows, name
    return model.index(rows[0], LAST_RUN).data()


def ticking(qtbot, refresher, times: int = 3) -> None:
    """Let the timer, on a short interval, go off ``times`` times."""
    ticks: list[int] = []
    refresher.timer.timeout.connect(lambda: ticks.append(1))
    refresher.timer.setInterval(SHORT)
    refresher.timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= times)


def test_the_timer_shows_what_another_computer_and_the_service_did_without_a_click(
    qtbot, window, db, other_computer, sample_settings
):
    refresher = refresher_of(window)
    assert refresher.timer.isActive()
    assert refresher.timer.interval() == round(window_refresh.REFRESH_EVERY * 1000) == 120_000
    assert last_run(window, sample_settings.name) == "—"
    InterfaceRepository(other_computer).save(
        sample_settings.with_changes(name=ADDED, workstation=None)
    )
    # The headless service on the server runs the interface.
    stored = InterfaceRepository(other_computer).get(sample_settings.name)
    run_id, _closed = RunRecorder(other_computer).start_run(
        stored.id, "schedule", None, False, host="server"
    )
    finish_run(other_computer, run_id, status=RunStatus.OK, error_kind="", error="", mailed=False)

    with sql_threads(db) as queries:
        refresher.timer.setInterval(SHORT)
        refresher.timer.start()
        qtbot.waitUntil(lambda: ADDED in window.visible_names())
        qtbot.waitUntil(lambda: last_run(window, sample_settings.name).endswith(" ok"))
        refresher.timer.stop()
        wait_idle(qtbot)
    assert on_gui_thread(queries) == []


def test_a_minimized_or_hidden_window_reads_nothing_until_it_is_back(
    qtbot, window, db, other_computer, sample_settings
):
    clock = on_clock(qtbot, window)
    refresher = refresher_of(window)
    InterfaceRepository(other_computer).save(
        sample_settings.with_changes(name=ADDED, workstation=None)
    )
    clock.now += MINUTE * 3

    window.hide()
    qtbot.waitUntil(lambda: not window.isVisible())
    with sql_threads(db) as queries:
        ticking(qtbot, refresher)
        refresher.tick()
        wait_idle(qtbot)
    assert queries == []

    window.showMinimized()
    qtbot.waitUntil(lambda: window.isVisible() and window.isMinimized())
    wait_idle(qtbot)  # shown again, the password field asks whether its eye may show
    with sql_threads(db) as queries:
        ticking(qtbot, refresher)
        refresher.tick()
        wait_idle(qtbot)
    assert queries == []
    refresher.timer.stop()
    assert ADDED not in window.visible_names()

    # Shown again: coming back after more than a minute reads, as ever.
    with qtbot.waitActive(window):
        window.showNormal()
        window.activateWindow()
    qtbot.waitUntil(lambda: ADDED in window.visible_names())


def test_no_read_by_the_timer_during_a_save_or_while_logged_out(
    qtbot, window, db, other_computer, sample_settings, admin
):
    refresher = refresher_of(window)
    with sql_threads(db) as queries:
        window.editing._set_busy(True)  # a save runs (its end reads the list anyway)
        try:
            refresher.tick()
        finally:
            window.editing._set_busy(False)
        wait_idle(qtbot)
    assert queries == []

    seen = []

    def log_in_again(_session):
        seen.append(refresher.timer.isActive())
        with sql_threads(db) as during_login:
            refresher.tick()
            wait_idle(qtbot)
        # The logout's own audit entry is written meanwhile; nothing is read.
        seen.append([q for q in during_login if "SELECT" in q])
        return UserRepository(other_computer, FAST).get(admin.name)

    window.ask_login = log_in_again
    window.logout_action.trigger()
    wait_idle(qtbot)
    assert seen == [False, []]  # nobody logged in: the timer stood still

    # Logged in again: the timer reads as before.
    assert refresher.timer.isActive()
    InterfaceRepository(other_computer).save(
        sample_settings.with_changes(name=ADDED, workstation=None)
    )
    refresher.tick()
    wait_idle(qtbot)
    assert ADDED in window.visible_names()


def test_while_the_database_is_lost_the_banner_alone_tries_again(qtbot, window, db):
    window.banner.show_lost("Der Datenbankserver antwortet nicht.")
    try:
        with sql_threads(db) as queries:
            refresher_of(window).tick()
            wait_idle(qtbot)
    finally:
        window.banner.clear()
    assert queries == []


def test_a_tick_while_the_database_is_slow_starts_no_second_read(
    qtbot, window, other_computer, sample_settings, monkeypatch
):
    refresher = refresher_of(window)
    queries = window.editing._queries
    read_list = queries.interfaces
    calls: list[str] = []
    answer = threading.Event()

    def slow_list():
        calls.append(threading.current_thread().name)
        answer.wait(30)
        return read_list()

    monkeypatch.setattr(queries, "interfaces", slow_list)
    InterfaceRepository(other_computer).save(
        sample_settings.with_changes(name=ADDED, workstation=None)
    )
    refresher.tick()
    qtbot.waitUntil(lambda: len(calls) == 1)
    try:
        ticking(qtbot, refresher, times=5)
        assert len(calls) == 1  # the ticks waited for the answer
    finally:
        refresher.timer.stop()
        answer.set()
    wait_idle(qtbot)
    assert len(calls) == 1
    assert ADDED in window.visible_names()


def test_coming_back_just_after_a_tick_reads_nothing_more(qtbot, window, db):
    clock = on_clock(qtbot, window)
    clock.now += MINUTE * 2
    refresher_of(window).tick()
    wait_idle(qtbot)

    clock.now += MINUTE / 2
    with sql_threads(db) as queries:
        come_back(qtbot, window)
        wait_idle(qtbot)
    assert queries == []


def test_before_the_first_read_a_tick_reads_nothing(
    qtbot, settings_file, db, german, no_keyring_editor, monkeypatch
):
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(None, QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.attach(no_keyring_editor)
    refresher = refresher_of(window)
    asked: list[int] = []
    monkeypatch.setattr(refresher, "refresh", lambda: asked.append(1))
    refresher.tick()  # the list's first read has no answer yet
    assert asked == []
    wait_idle(qtbot)
    refresher.tick()
    assert asked == [1]


def test_closing_the_window_stops_the_timer(qtbot, window):
    refresher = refresher_of(window)
    assert refresher.timer.isActive()
    window.close()
    assert not refresher.timer.isActive()
