"""What the scheduler cannot do, in the window's language: a crashed run, a database it
cannot check the schedule on, and the scheduler stopping. The log stays English."""

# ruff: noqa: F811 (the fixtures imported by name are the tests' parameters)

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC

import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings

from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.scheduler import SchedulePlanner
from desktop_app.jobs.scheduler_thread import SchedulerThread
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.main_window import UnsavedChoice
from tests.jobs.test_scheduler import BERLIN, at, daily, save  # noqa: F401 - a fixture by name

from .conftest import TEST_HOST
from .english_texts import german_in
from .helpers import wait_idle
from .test_english import english  # noqa: F401 - a fixture by name

SIGNAL_TIMEOUT = 15_000  # ms; a loaded machine, never a timing assertion


@pytest.fixture
def scheduled_window(request, qtbot, db, repository, daily, settings_file):
    """``scheduled_window(lang, run, scheduler_db=None, **options)``: a shown window in
    ``lang`` whose scheduler (on a clock frozen at the slot "Daily" is due) runs ``run``."""
    made: list[tuple[SchedulerThread, object]] = []
    save(repository, daily.with_changes(name="Daily"))

    def make(lang: str, run, scheduler_db: Database | None = None, **options):
        request.getfixturevalue("english" if lang == "en" else "german")
        frozen = at(1, 7, 30).astimezone(UTC)
        thread = SchedulerThread(
            scheduler_db or db,
            run,
            this_computer="KASSE-01",
            this_branch="Optik Nord",
            planner=SchedulePlanner(BERLIN),
            now=lambda: frozen,
            jump_tolerance=1e9,  # the wall clock stands still on purpose
            **options,
        )
        editor = InterfaceEditor(repository, SecretStore(fail.Keyring()))
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = build_main_window(editor, settings, lang, host_name=TEST_HOST, scheduler=thread)
        window.show()
        qtbot.waitExposed(window)
        wait_idle(qtbot)
        made.append((thread, window))
        return window, thread

    yield make
    wait_idle(qtbot)
    for thread, window in made:
        assert thread.stop(abort=True, timeout_ms=10_000)
        window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
        window.close()
        window.deleteLater()


def _status_after_error(qtbot, window, thread) -> str:
    with qtbot.waitSignal(thread.error, timeout=SIGNAL_TIMEOUT):
        thread.start()
    return window.statusBar().currentMessage()


def crashing_run(name, trigger, slot, cancel) -> str:
    raise RuntimeError("kaputt: /tmp/quoted input")


CRASHED = {
    "en": "The run of “Daily” was aborted: Internal error (RuntimeError); the details are "
    "in the log.",
    "de": "Die Ausführung von „Daily“ ist abgebrochen: Interner Fehler (RuntimeError); "
    "Details im Protokoll.",
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_crashed_run_is_reported_in_the_window_language(qtbot, scheduled_window, lang, caplog):
    window, thread = scheduled_window(lang, crashing_run)
    assert _status_after_error(qtbot, window, thread) == CRASHED[lang]
    # The log keeps the English words and the error's own text; the window only its kind.
    assert "The run of 'Daily' was aborted: RuntimeError: kaputt" in caplog.text


BUSY = {
    "en": "The schedule could not be checked: The database is in use by another computer: "
    "a lock was not released in time. Please try again in a moment.",
    "de": "Der Zeitplan konnte nicht geprüft werden: Datenbank ist von einem anderen Rechner "
    "belegt: Eine Sperre wurde nicht rechtzeitig freigegeben. Bitte in einem Moment erneut "
    "versuchen.",
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_database_held_elsewhere_is_reported_in_the_window_language(
    qtbot, scheduled_window, data_dir, lang
):
    """Another computer holds the SQLite file's write lock: claiming the slot times out."""
    path = data_dir / "test.sqlite3"
    scheduler_db = Database(sqlite_url(path), lock_timeout=0.2)

    def never(name, trigger, slot, cancel) -> str:
        raise AssertionError("ran without its slot claimed")

    window, thread = scheduled_window(lang, never, scheduler_db, error_delay=3600.0)
    with closing(sqlite3.connect(path, isolation_level=None, timeout=10)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            assert _status_after_error(qtbot, window, thread) == BUSY[lang]
        finally:
            other.execute("ROLLBACK")
    assert thread.stop(abort=True, timeout_ms=10_000)
    scheduler_db.dispose()


STOPPED = {
    "en": "The scheduler has stopped: Internal error (RuntimeError); the details are in the log.",
    "de": "Der Zeitplan ist ausgefallen: Interner Fehler (RuntimeError); Details im Protokoll.",
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_stopped_scheduler_is_reported_in_the_window_language(qtbot, scheduled_window, lang):
    def broken_wait(condition, timeout) -> None:  # the loop's own sleep fails: a bug
        raise RuntimeError("no sleep")

    window, thread = scheduled_window(lang, lambda *_: "ok", wait=broken_wait)
    assert _status_after_error(qtbot, window, thread) == STOPPED[lang]


def test_no_scheduler_text_is_german_in_english(english):
    """Every kind the window can show, with an error of ours and a foreign one."""
    from desktop_app.jobs.scheduler_errors import SchedulerError, SchedulerFault
    from desktop_app.store.db_errors import DatabaseBusy
    from desktop_app.ui.run_texts import scheduler_error_text

    for fault in SchedulerFault:
        for exc in (DatabaseBusy(), KeyError("x")):
            text = scheduler_error_text(SchedulerError.of(fault, exc, "Daily"), "en")
            assert german_in(text) is None, text
