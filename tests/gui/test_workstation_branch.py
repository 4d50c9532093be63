"""Verwaltung → Filiale dieses Rechners: the branch this computer belongs to decides which
branch-restricted interfaces run here; it lives in settings.ini, follows a rename of the
branch, is audited and shown in the status bar.

The ``catalog`` fixture holds the branches "Hörakustik Mitte" and "Optik Nord".
"""

from __future__ import annotations

import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings

from desktop_app.jobs.change_audit import WORKSTATION_BRANCH_CHANGED
from desktop_app.jobs.scheduler_thread import SchedulerThread
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.workstation import BRANCH_SETTING, WorkstationBranch
from desktop_app.ui.workstation_branch_dialog import WorkstationBranchDialog

from .conftest import TEST_HOST
from .helpers import type_into, wait_idle
from .test_catalog_dialog import actions, entry_dialog, submit
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    FAST,
    admin,
    audit_log,
    session_window,
    users,
)

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811


@pytest.fixture
def session(db, admin) -> UserSession:
    # Nothing here reads a password: a keyring that refuses everything will do.
    return UserSession.open(db, SecretStore(fail.Keyring()), admin, hasher=FAST)


def open_dialog(qtbot, window) -> WorkstationBranchDialog:
    dialog = window.administration.open_workstation_branch()
    assert isinstance(dialog, WorkstationBranchDialog)
    qtbot.waitUntil(dialog.branch_combo.isEnabled)  # the branches are read
    return dialog


def choose(qtbot, dialog: WorkstationBranchDialog, text: str) -> None:
    dialog.branch_combo.setCurrentIndex(dialog.branch_combo.findText(text))
    dialog.ok_button.click()
    wait_idle(qtbot)


def test_an_administrator_sets_the_branch_of_this_computer(
    qtbot, session_window, no_keyring_editor, session, catalog, settings_file, audit_log
):
    window = session_window(no_keyring_editor, session)
    assert window.branch_label.text() == "Keine Filiale"
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Filiale dieses Rechners"
    items = [dialog.branch_combo.itemText(i) for i in range(dialog.branch_combo.count())]
    assert items == ["(keine)", "Hörakustik Mitte", "Optik Nord"]
    assert dialog.findChild(type(window.branch_label), "workstationName").text() == TEST_HOST

    choose(qtbot, dialog, "Optik Nord")
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored.value(BRANCH_SETTING) == "Optik Nord"
    assert window.branch_label.text() == "Filiale: Optik Nord"
    assert actions(audit_log, WORKSTATION_BRANCH_CHANGED) == [
        (
            ADMIN,
            TEST_HOST,
            {"fields": ["workstation_branch"], "branch": "Optik Nord", "previous": ""},
        )
    ]

    # Back to none: the setting is gone, not an empty string.
    dialog = open_dialog(qtbot, window)
    assert dialog.branch_combo.currentText() == "Optik Nord"  # what is set now
    choose(qtbot, dialog, "(keine)")
    stored.sync()
    assert stored.value(BRANCH_SETTING) is None
    assert window.branch_label.text() == "Keine Filiale"


def test_renaming_the_branch_of_this_computer_carries_the_setting_along(
    qtbot, session_window, no_keyring_editor, session, catalog, settings_file
):
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue(BRANCH_SETTING, "Optik Nord")
    settings.sync()
    window = session_window(no_keyring_editor, session)
    assert window.branch_label.text() == "Filiale: Optik Nord"
    catalog_dialog = window.administration.open_catalog()
    wait_idle(qtbot)
    catalog_dialog.select_branch("Optik Nord")
    catalog_dialog.rename_branch_button.click()
    entry = entry_dialog(qtbot, catalog_dialog)
    type_into(qtbot, entry.fields["name"], "Optik Nordost")
    submit(qtbot, entry)
    settings.sync()
    assert settings.value(BRANCH_SETTING) == "Optik Nordost"
    assert window.branch_label.text() == "Filiale: Optik Nordost"

    # Another branch's rename leaves it alone.
    catalog_dialog.select_branch("Hörakustik Mitte")
    catalog_dialog.rename_branch_button.click()
    entry = entry_dialog(qtbot, catalog_dialog)
    type_into(qtbot, entry.fields["name"], "Hörakustik Zentrum")
    submit(qtbot, entry)
    settings.sync()
    assert settings.value(BRANCH_SETTING) == "Optik Nordost"


def test_a_branch_that_no_longer_exists_is_shown_and_explained(
    qtbot, session_window, no_keyring_editor, session, catalog, settings_file
):
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue(BRANCH_SETTING, "Optik West")  # deleted meanwhile
    settings.sync()
    window = session_window(no_keyring_editor, session)
    dialog = open_dialog(qtbot, window)
    assert dialog.branch_combo.currentText() == "Optik West (nicht mehr in der Liste)"
    assert "„Optik West“" in dialog.message_label.text()
    assert "die es nicht mehr gibt" in dialog.message_label.text()


def test_the_scheduler_learns_the_new_branch_at_once(db, settings_file):
    scheduler = SchedulerThread(db, lambda *_args: "ok", this_computer=TEST_HOST)
    loop = scheduler.worker.loop
    assert loop.this_branch is None
    workstation = WorkstationBranch(
        QSettings(str(settings_file), QSettings.Format.IniFormat), TEST_HOST, scheduler=scheduler
    )
    loop._changed = False  # as after a pass that read every interface
    workstation.set_branch("Optik Nord")
    assert loop.this_branch == "Optik Nord"
    assert loop._changed  # the loop re-plans on its next wake-up, which this causes
