"""Starting the program: language choice, resources, the database error, the main loop."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.app import run_gui
from desktop_app.config import AppPaths
from desktop_app.ui import resources
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.translations import choose_language

from .helpers import answering_message_box
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


def test_resources_are_found_in_the_repository_and_a_bundle(monkeypatch, tmp_path):
    monkeypatch.delenv(resources.ENV_RESOURCES_DIR, raising=False)
    assert resources.translation_file("de").exists()
    assert resources.icon_file(resources.APP_ICON).exists()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    monkeypatch.setenv(resources.ENV_RESOURCES_DIR, str(tmp_path / "elsewhere"))
    assert resources.resources_dir() == tmp_path / "elsewhere"


@pytest.fixture
def restore_app_state(qapp):
    """run_gui sets process-wide state (locale, names, log file); later tests get it back."""
    locale = QLocale()
    names = (qapp.organizationName(), qapp.applicationName(), qapp.applicationDisplayName())
    root = logging.getLogger()
    level = root.level
    yield
    QLocale.setDefault(locale)
    qapp.setOrganizationName(names[0])
    qapp.setApplicationName(names[1])
    qapp.setApplicationDisplayName(names[2])
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_desktop_app", False):
            root.removeHandler(handler)
            handler.close()


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


def test_run_gui_shows_the_main_window_until_it_closes(qtbot, tmp_path, restore_app_state):
    paths = AppPaths(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'app.sqlite3'}")
    shown = []
    # The first start asks for the first administrator (issue 6) before the window opens.
    answer_first_admin = StartDialogAnswers(first_admin=("chefin", "Chefin-Passwort-1"))

    def close_main_window() -> None:
        answer_first_admin()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append((widget.windowTitle(), widget.user_label.text()))
                timer.stop()
                widget.close()

    timer = QTimer()
    timer.timeout.connect(close_main_window)
    timer.start(20)
    assert run_gui(paths, "de") == 0
    assert shown == [("Schnittstellen suchen[*]", "Angemeldet: chefin (Administratoren)")]
    assert paths.settings_file.exists()
    assert (tmp_path / "app.sqlite3").exists()
    assert "desktop program started" in paths.log_file.read_text(encoding="utf-8")
