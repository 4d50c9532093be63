"""Starting the program: language choice, resources, the database error, the main loop."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import resources
from desktop_app.app import run_gui
from desktop_app.config import AppPaths, is_new_sqlite_database, resolve_paths
from desktop_app.language import choose_language
from desktop_app.ui.main_window import MainWindow

from .helpers import answering_message_box, run_gui_polling
from .users_support import StartDialogAnswers


@pytest.mark.parametrize(
    ("requested", "locale", "expected"),
    [
        (None, QLocale(QLocale.Language.German, QLocale.Country.Germany), "de"),
        (None, QLocale(QLocale.Language.German, QLocale.Country.Austria), "de"),
        (None, QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "en"),
        (None, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom), "en"),
        (None, QLocale(QLocale.Language.French, QLocale.Country.France), "de"),
        (None, QLocale.c(), "de"),
        ("en", QLocale(QLocale.Language.German, QLocale.Country.Germany), "en"),
        ("de", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "de"),
        ("fr", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "de"),
    ],
)
def test_language_choice(requested, locale, expected):
    assert choose_language(requested, locale) == expected


def test_a_new_sqlite_database_is_told_from_its_url_alone(tmp_path):
    existing = tmp_path / "there.sqlite3"
    existing.write_bytes(b"")
    assert not is_new_sqlite_database(f"sqlite:///{existing}")
    assert not is_new_sqlite_database(f"sqlite+pysqlite:///{existing}?timeout=5")
    assert is_new_sqlite_database(f"sqlite:///{tmp_path / 'missing.sqlite3'}")
    assert is_new_sqlite_database("sqlite://")
    assert is_new_sqlite_database("sqlite:///:memory:")
    # A server's database cannot be seen from here: it is asked once it is open.
    assert not is_new_sqlite_database("postgresql+psycopg://kette@server/buchhaltung")


def test_resources_are_found_in_the_repository_and_a_bundle(monkeypatch, tmp_path):
    monkeypatch.delenv(resources.ENV_RESOURCES_DIR, raising=False)
    assert resources.translation_file("de").exists()
    assert resources.icon_file(resources.APP_ICON).exists()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    monkeypatch.setenv(resources.ENV_RESOURCES_DIR, str(tmp_path / "elsewhere"))
    assert resources.resources_dir() == tmp_path / "elsewhere"


def test_a_database_that_cannot_be_opened_is_said_in_german(qtbot, tmp_path, restore_app_state):
    paths = AppPaths(data_dir=tmp_path, db_url="nosuchdatabase://server/db")
    seen = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append((box.windowTitle(), box.text()))
        box.accept()

    with answering_message_box(read_and_close):
        assert run_gui(paths, "de") == 1
    assert seen == [
        (
            "Datenbank",
            "Die Datenbank kann nicht geöffnet werden. Bitte die Datenbank-Adresse prüfen.",
        )
    ]


def test_a_database_named_in_a_missing_folder_is_refused_in_the_start_up_dialog(
    qtbot, tmp_path, restore_app_state
):
    """As on the command line: a mistyped --db must not make a new, empty ledger."""
    missing = tmp_path / "Buchhaltung"
    url = f"sqlite:///{missing / 'ledger.sqlite3'}"
    paths = resolve_paths(str(tmp_path / "data"), url)  # as --db gives it
    seen = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append((box.windowTitle(), box.text()))
        box.accept()

    with answering_message_box(read_and_close):
        assert run_gui(paths, "de") == 1
    assert seen == [
        (
            "Datenbank",
            f"Den Ordner {missing} für die Datenbank (--db oder DESKTOP_APP_DB) gibt es nicht. "
            "Bitte den Pfad prüfen; eine neue Datenbank wird nur in einem vorhandenen Ordner "
            "angelegt.",
        )
    ]
    assert not missing.exists()


def test_run_gui_shows_the_main_window_until_it_closes(qtbot, tmp_path, restore_app_state):
    paths = AppPaths(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'app.sqlite3'}")
    shown = []
    # The first start asks for the first administrator (issue 6) over the painted window.
    answer_first_admin = StartDialogAnswers(first_admin=("chefin", "Chefin-Passwort-1"))

    def close_main_window() -> None:
        if shown:
            return  # closed once: nothing more to answer
        answer_first_admin()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.is_attached:
                shown.append((widget.windowTitle(), widget.user_label.text()))
                widget.close()

    assert run_gui_polling(paths, close_main_window) == 0
    assert shown == [("Schnittstellen suchen[*]", "Angemeldet: chefin (Administratoren)")]
    assert paths.settings_file.exists()
    assert (tmp_path / "app.sqlite3").exists()
    assert "desktop program started" in paths.log_file.read_text(encoding="utf-8")


# At the main window's first paint: which of these are loaded, and is the window attached.
FIRST_PAINT_PROBE = r"""
import sys
from desktop_app.ui import main_window

HEAVY = ("sqlalchemy", "desktop_app.store.db", "desktop_app.jobs.scheduler",
         "desktop_app.ui.interface_form", "desktop_app.ui.login_dialog")
original = main_window.MainWindow.paintEvent
seen = []

def paint(self, event):
    if not seen:
        seen.append(1)
        loaded = [name for name in HEAVY if name in sys.modules]
        print(f"FIRST PAINT loaded={loaded} attached={self.is_attached}", flush=True)
    original(self, event)

main_window.MainWindow.paintEvent = paint
from desktop_app.__main__ import main
sys.exit(main(["--smoke", "--data-dir", sys.argv[1]]))
"""


def test_the_window_paints_before_the_database_layer_is_loaded(tmp_path):
    """Issue 7: the first paint waits neither for SQLAlchemy, the jobs and the dialogs
    nor for the database; they load behind the painted window, which then attaches."""
    import os
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "FIRST PAINT loaded=[] attached=False" in result.stdout
    log = (tmp_path / "logs" / "desktop-app.log").read_text(encoding="utf-8")
    assert log.index("desktop program started") < log.index("main window ready")


# What the main window's attach, on the GUI thread, imports: its modules load on the
# worker behind the painted window (gui_runtime.DEFERRED_MODULES).
ATTACH_PROBE = r"""
import sys
from desktop_app.ui import main_window

original = main_window.MainWindow.attach

def attach(self, *args, **kwargs):
    before = set(sys.modules)
    try:
        return original(self, *args, **kwargs)
    finally:
        print(f"ATTACH imported={sorted(set(sys.modules) - before)}", flush=True)

main_window.MainWindow.attach = attach
from desktop_app.__main__ import main
sys.exit(main(["--smoke", "--data-dir", sys.argv[1]]))
"""


def test_attaching_the_window_imports_nothing_on_the_gui_thread(tmp_path):
    """An import in ``attach`` is time the user waits for the list and the form."""
    import os
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", ATTACH_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ATTACH imported=[]" in result.stdout, result.stdout


def test_closing_the_window_while_it_starts_ends_the_program(qtbot, tmp_path, restore_app_state):
    paths = AppPaths(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'app.sqlite3'}")
    closed = []
    answers = StartDialogAnswers(first_admin=("chefin", "Chefin-Passwort-1"))

    def close_unattached_window() -> None:
        answers()  # must not be needed: the window closes before any dialog
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and not closed:
                closed.append(widget.is_attached)
                widget.close()

    assert run_gui_polling(paths, close_unattached_window, interval_ms=0) == 0
    assert closed == [False]
    assert answers.seen == []  # no login, no first-administrator dialog after the close


def test_a_start_up_bug_is_said_in_german_and_logged(
    qtbot, tmp_path, restore_app_state, monkeypatch
):
    import desktop_app.gui_runtime

    def broken(_paths, _secrets, **_login):
        # Stands in for a bug or a module missing from a bundle: no real input makes
        # the start-up raise an error of no kind of ours.
        raise RuntimeError("boom")

    monkeypatch.setattr(desktop_app.gui_runtime, "open_backend", broken)
    paths = AppPaths(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'app.sqlite3'}")
    seen = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append((box.windowTitle(), box.text()))
        box.accept()

    with answering_message_box(read_and_close):
        assert run_gui(paths, "de") == 1
    assert seen == [
        (
            "Programmstart",
            "Das Programm konnte nicht gestartet werden (RuntimeError). Die Einzelheiten "
            f"stehen in der Protokolldatei {paths.log_file}.",
        )
    ]
    log = paths.log_file.read_text(encoding="utf-8")
    assert "the start-up failed" in log and "RuntimeError: boom" in log
