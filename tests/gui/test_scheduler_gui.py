"""The scheduler in the desktop program: the list's next runs and stale marker, the tray,
and run_gui starting and stopping the scheduler thread."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, Qt, QTime
from PySide6.QtWidgets import QApplication

from desktop_app.app import run_gui
from desktop_app.config import AppPaths
from desktop_app.gui_runtime import build_runs, connect_tray
from desktop_app.jobs.scheduler import Eligibility, SchedulePlanner, StaleInfo
from desktop_app.jobs.scheduler_thread import SchedulerThread
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.interface_list_model import LAST_RUN, NAME, NEXT_RUN
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.tray import RunBoard, RunTray, TrayState
from desktop_app.ui.workstation import BRANCH_SETTING
from tests.jobs.test_scheduler import BERLIN, at, save, served
from tests.jobs.test_scheduler_threads import daily_settings

from .helpers import wait_idle
from .run_fixtures import cell

SIGNAL_TIMEOUT = 15_000


def local(instant: datetime) -> str:
    """How the list writes an instant: this computer's time, dd.MM. HH:mm."""
    return instant.astimezone().strftime("%d.%m. %H:%M")


@pytest.fixture
def scheduler_for(db):
    """``scheduler_for(run, now)``: a real scheduler thread on a frozen clock, stopped after."""
    threads: list[SchedulerThread] = []

    def make(run, now: datetime) -> SchedulerThread:
        frozen = now.astimezone(UTC)
        thread = SchedulerThread(
            db,
            run,
            this_computer="KASSE-01",
            this_branch="Optik Nord",
            planner=SchedulePlanner(BERLIN),
            now=lambda: frozen,
            jump_tolerance=1e9,  # the wall clock stands still on purpose
        )
        threads.append(thread)
        return thread

    yield make
    for thread in threads:
        assert thread.stop(abort=True, timeout_ms=10_000)


def never_due(name, trigger, slot, cancel) -> str:
    raise AssertionError(f"{name} ran ({trigger}) although nothing was due")


def test_next_runs_fill_the_list_and_every_change_reaches_the_scheduler(
    qtbot, make_window, no_keyring_editor, repository, sample_settings, scheduler_for
):
    save(repository, daily_settings(sample_settings), created=at(2, 9))
    save(repository, daily_settings(sample_settings, "Aus", enabled=False), created=at(2, 9))
    scheduler = scheduler_for(never_due, at(2, 10))
    window = make_window(no_keyring_editor, scheduler=scheduler)
    model = window.view.model()
    assert model.headerData(NEXT_RUN, Qt.Orientation.Horizontal) == "Nächster Lauf"
    assert model.headerData(LAST_RUN, Qt.Orientation.Horizontal) == "Letzter Lauf"
    header = window.view.horizontalHeader()
    assert [header.visualIndex(c) for c in (NAME, NEXT_RUN, LAST_RUN)] == [0, 1, 2]
    assert cell(window, "Täglich", NEXT_RUN) == "—"  # before the scheduler has spoken

    scheduler.start()
    qtbot.waitUntil(
        lambda: cell(window, "Täglich", NEXT_RUN) == local(at(3, 7, 30)), timeout=SIGNAL_TIMEOUT
    )
    assert cell(window, "Aus", NEXT_RUN) == "—"
    assert cell(window, "Täglich", LAST_RUN) == "—"  # never ran

    # Save: a new run time is planned at once.
    window.select_interface("Täglich")
    window.form.run_time_edit.setTime(QTime(8, 15))
    window.save()
    qtbot.waitUntil(
        lambda: cell(window, "Täglich", NEXT_RUN) == local(at(3, 8, 15)), timeout=SIGNAL_TIMEOUT
    )
    # Enable: the other one gets its next run.
    window.select_interface("Aus")
    window.toggle_action.trigger()
    qtbot.waitUntil(
        lambda: cell(window, "Aus", NEXT_RUN) == local(at(3, 7, 30)), timeout=SIGNAL_TIMEOUT
    )
    # Duplicate: the copy is inactive, so it is listed without a next run.
    with qtbot.waitSignal(
        scheduler.next_runs_changed,
        timeout=SIGNAL_TIMEOUT,
        check_params_cb=lambda runs: len(runs) == 3,
    ) as changed:
        window.duplicate_action.trigger()
    wait_idle(qtbot)
    copy = window.form.original_name
    assert copy not in (None, "Aus") and changed.args[0][copy] is Eligibility.DISABLED
    assert cell(window, copy, NEXT_RUN) == "—"
    # Delete: it leaves the scheduler's plan too.
    window.select_interface("Aus")
    window.confirm_delete = lambda _name: True
    with qtbot.waitSignal(
        scheduler.next_runs_changed,
        timeout=SIGNAL_TIMEOUT,
        check_params_cb=lambda runs: "Aus" not in runs,
    ):
        window.delete_action.trigger()
    wait_idle(qtbot)


def test_an_interface_not_released_yet_lists_its_first_run_from_the_start_date(
    qtbot, make_window, no_keyring_editor, repository, sample_settings, scheduler_for
):
    # Daily at 07:30, released on 10 March: the scheduler runs it first then, so the list
    # says so now, although nothing is planned (or runs) before that day.
    later = daily_settings(sample_settings, "Später").with_changes(start_date=date(2027, 3, 10))
    save(repository, later, created=at(2, 9))
    save(repository, later.with_changes(name="Anderswo", workstation="KASSE-02"))
    scheduler = scheduler_for(never_due, at(2, 10))
    window = make_window(no_keyring_editor, scheduler=scheduler)

    scheduler.start()
    qtbot.waitUntil(
        lambda: cell(window, "Später", NEXT_RUN) == local(at(10, 7, 30)), timeout=SIGNAL_TIMEOUT
    )
    assert cell(window, "Anderswo", NEXT_RUN) == "—"  # runs on another computer only
    wait_idle(qtbot)


def test_a_stale_interface_is_marked_and_a_failed_run_reaches_the_tray(
    qtbot, make_window, no_keyring_editor, repository, db, sample_settings, scheduler_for
):
    interface_id = save(repository, daily_settings(sample_settings))
    served(db, interface_id, at(1, 7, 30))  # the last success: 1 March
    release = threading.Event()

    def run(name, trigger, slot, cancel) -> str:
        release.wait(10)
        return "failed"

    scheduler = scheduler_for(run, at(5, 10))  # 5 March: today's 07:30 is caught up
    window = make_window(no_keyring_editor, scheduler=scheduler)
    tray = RunTray(window, use_system_tray=False)
    connect_tray(tray, window, scheduler)
    states: list[str] = []
    notes: list[tuple[str, str]] = []
    tray.stateChanged.connect(states.append)
    tray.notified.connect(lambda title, message: notes.append((title, message)))
    assert tray.state is TrayState.IDLE

    scheduler.start()
    qtbot.waitUntil(lambda: tray.state is TrayState.RUNNING, timeout=SIGNAL_TIMEOUT)
    assert cell(window, "Täglich", LAST_RUN) == "läuft …"
    assert "Läuft: Täglich" in tray.tooltip()
    release.set()
    qtbot.waitUntil(lambda: bool(tray.board.stale), timeout=SIGNAL_TIMEOUT)

    assert tray.state is TrayState.FAILED  # a failure outranks the staleness
    assert states == ["running", "failed"]
    since = local(at(1, 7, 31))
    assert notes == [
        (
            "Import fehlgeschlagen",
            "„Täglich“ ist fehlgeschlagen. Die Einzelheiten stehen im Verlauf.",
        ),
        ("Importe überfällig", f"Täglich: seit {since} kein erfolgreicher Lauf"),
    ]
    icon = cell(window, "Täglich", NAME, Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    for column in (NAME, NEXT_RUN):
        tooltip = cell(window, "Täglich", column, Qt.ItemDataRole.ToolTipRole)
        assert tooltip == f"Seit {since} kein erfolgreicher Lauf"
    qtbot.waitUntil(
        lambda: cell(window, "Täglich", LAST_RUN).endswith(" fehlgeschlagen"),
        timeout=SIGNAL_TIMEOUT,
    )
    tooltip = tray.tooltip()
    assert "Fehlgeschlagen: Täglich" in tooltip
    assert f"Täglich: seit {since} kein erfolgreicher Lauf" in tooltip

    # The back-off's next failure and an expected skip are no news.
    tray.run_finished("Täglich", "failed")
    tray.run_finished("Täglich", "skipped")
    assert len(notes) == 2
    # A success clears the failure; what remains is the staleness until the scheduler says.
    tray.run_finished("Täglich", "ok")
    assert tray.state is TrayState.STALE
    tray.stale_changed([])
    assert tray.state is TrayState.IDLE
    assert "Alle Importe sind in Ordnung." in tray.tooltip()
    wait_idle(qtbot)


def test_the_board_announces_a_failure_once_and_never_a_skip():
    board = RunBoard()
    board.seed({"Alt": "failed", "Gut": "ok"})
    assert board.state is TrayState.FAILED
    assert not board.run_finished("Alt", "failed")  # failing since before this start
    board.run_started("Neu")
    assert board.state is TrayState.RUNNING
    assert board.run_finished("Neu", "failed")
    assert not board.run_finished("Neu", "failed")
    assert not board.run_finished("Gut", "skipped")
    assert not board.run_finished("Gut", "cancelled")
    board.run_finished("Alt", "ok")
    board.run_finished("Neu", "ok")
    assert board.state is TrayState.IDLE
    info = StaleInfo(1, "Gut", at(1, 7), at(2, 9), None)
    assert board.set_stale([info]) == [info]
    assert board.set_stale([info]) == []  # still stale: not news again
    assert board.state is TrayState.STALE
    board.set_next_runs({"Gut": at(3, 7, 30), "Alt": at(3, 6), "Aus": None})
    assert board.next_run == ("Alt", at(3, 6))


def test_build_runs_shares_the_scheduler_lease_and_reads_the_branch(db, data_dir):
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(BRANCH_SETTING, "Optik Nord")
    scheduler, manual_run = build_runs(db, SecretStore(fail.Keyring()), settings)
    loop = scheduler.worker.loop
    assert loop.this_branch == "Optik Nord"
    assert loop.this_computer  # this computer's name
    # The scheduler and its runner: one lease. "Jetzt ausführen": a holder of its own.
    assert manual_run.runner.lease is loop.lease
    assert manual_run._lease.holder != loop.lease.holder
    assert not scheduler.is_running()


def test_run_gui_runs_the_scheduler_while_the_window_is_open(qtbot, tmp_path, restore_app_state):
    paths = AppPaths(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'app.sqlite3'}")
    before = set(QApplication.topLevelWidgets())  # other tests' windows may still exist
    # smoke: the window opens, paints and the program ends from inside its event loop.
    assert run_gui(paths, "de", smoke=True, secrets=SecretStore(fail.Keyring())) == 0
    log = paths.log_file.read_text(encoding="utf-8")
    started = log.index("Scheduler started on")
    assert log.index("stopping: the running imports end at their next safe point") > started
    assert log.index("Scheduler stopped") > started
    windows = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w not in before
    ]
    assert len(windows) == 1
    assert windows[0].is_attached and windows[0].run_now_action.isVisible()
    windows[0].deleteLater()
