"""Fixtures for the GUI tests: a main window on the test's own database and settings file.

Each test gets fresh windows; dialogs are answered through the window's overridable
question methods, never by patching Qt globally.
"""

from __future__ import annotations

import contextlib
import os

import pytest
from PySide6.QtCore import QSettings

TEST_HOST = "KASSE-TEST"  # stands in for QSysInfo.machineHostName()


@pytest.fixture
def german(qapp):
    """The German user interface, as a user on a German system sees it."""
    from PySide6.QtCore import QLocale

    from desktop_app.ui.translations import install_translators, remove_translators

    locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    translators = install_translators(qapp, "de")
    assert translators, "the German .qm must load (run tools/update_translations.py)"
    yield
    remove_translators(qapp, translators)
    QLocale.setDefault(locale)


@pytest.fixture
def no_keyring_editor(repository):
    """An editor whose keyring refuses everything: saving without touching the password
    must work anyway, because it never asks the keyring."""
    from keyring.backends import fail

    from desktop_app.jobs.interface_edit import InterfaceEditor
    from desktop_app.store.secrets import SecretStore

    return InterfaceEditor(repository, SecretStore(fail.Keyring()))


@pytest.fixture
def settings_file(data_dir):
    return data_dir / "settings.ini"


def _unexpected(question: str):
    def fail(*_args):
        # Raised inside a Qt slot, pytest-qt turns this into a test failure; a real
        # dialog would instead block the test run.
        raise AssertionError(f"unexpected question to the user: {question}")

    return fail


@pytest.fixture
def make_window(qtbot, settings_file, german):
    """``make_window(editor, lang="de", **options)``: a shown main window; several share one
    database and settings file, like restarts of the program.

    The window's questions to the user fail the test unless the test answers them by
    overriding ``ask_unsaved_changes`` / ``confirm_delete``; errors are collected in
    ``window.errors`` instead of opening a message box.
    """
    from desktop_app.gui_runtime import build_main_window
    from desktop_app.ui.main_window import UnsavedChoice

    from .helpers import wait_idle

    windows = []

    def make(editor, lang: str = "de", **options):
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        # options: build_main_window's own (scheduler=, manual_run=)
        window = build_main_window(editor, settings, lang, host_name=TEST_HOST, **options)
        window.errors = []
        window.show_error = window.errors.append
        window.ask_unsaved_changes = _unexpected("ask_unsaved_changes")
        window.confirm_delete = _unexpected("confirm_delete")
        window.confirm_outside_window = _unexpected("confirm_outside_window")
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()  # shortcuts (Ctrl+S) and focus need the active window
        windows.append(window)
        wait_idle(qtbot)  # the list and the first interface are read in the background
        return window

    yield make
    # Not registered with qtbot.addWidget: its teardown would close the windows before
    # this one could answer a pending "unsaved changes" question.
    wait_idle(qtbot)
    for window in windows:
        window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
        window.close()
        window.deleteLater()


@pytest.fixture
def window(make_window, no_keyring_editor):
    return make_window(no_keyring_editor)


@pytest.fixture
def restore_app_state(qapp):
    """For tests of ``run_gui``: it sets process-wide state (locale, names, log handlers)
    and leaves its window behind (hidden); later tests get the state back and not the
    windows."""
    import logging

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    locale = QLocale()
    names = (qapp.organizationName(), qapp.applicationName(), qapp.applicationDisplayName())
    root = logging.getLogger()
    level = root.level
    before = set(QApplication.topLevelWidgets())
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
    for widget in set(QApplication.topLevelWidgets()) - before:
        widget.deleteLater()


@pytest.fixture
def named_pipe(tmp_path):
    """A named pipe nobody writes to, as a file to open; afterwards a reader still waiting
    on it is let go."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "zahlungen.csv"
    os.mkfifo(path)
    yield path
    with contextlib.suppress(OSError):  # nobody waits: no reader, nothing to let go
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
