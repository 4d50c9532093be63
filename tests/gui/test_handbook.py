"""Hilfe → Handbuch speaks the window's language: docs/manual.md in English, the German
docs/handbuch.md otherwise."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QSettings, QUrl

from desktop_app.gui_runtime import build_main_window
from desktop_app.ui.handbook_dialog import HandbookDialog
from desktop_app.ui.main_window import UnsavedChoice
from desktop_app.ui.translations import install_translators, remove_translators

from .conftest import TEST_HOST
from .helpers import wait_idle

FIRST_HEADING = {
    "de": "Handbuch: Buchhaltungsimport per FTP",
    "en": "Manual: Accounting import via FTP",
}
GUARD = {"de": "Anteil offener Rechnungen", "en": "Share of open invoices"}
LOCALES = {"de": QLocale.Language.German, "en": QLocale.Language.English}


@pytest.fixture
def started_in(qapp, request):
    """The language as run_gui sets it up: the default locale and the translators."""
    lang = request.param
    locale = QLocale()
    QLocale.setDefault(QLocale(LOCALES[lang]))
    translators = install_translators(qapp, lang)
    yield lang
    remove_translators(qapp, translators)
    QLocale.setDefault(locale)


@pytest.fixture
def window_in(qtbot, started_in, settings_file, no_keyring_editor):
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(no_keyring_editor, settings, started_in, host_name=TEST_HOST)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)
    yield window
    wait_idle(qtbot)
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.close()
    window.deleteLater()


@pytest.mark.parametrize("started_in", ["de", "en"], indirect=True)
def test_help_manual_shows_the_manual_of_the_windows_language(window_in, started_in, qtbot):
    window_in.handbook_action.trigger()
    dialog = window_in.handbook_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.browser.toPlainText()
    assert text.startswith(FIRST_HEADING[started_in])
    assert GUARD[started_in] in text
    assert dialog.windowTitle() == {"de": "Handbuch", "en": "Manual"}[started_in]
    dialog.close()


@pytest.mark.parametrize("started_in", ["de", "en"], indirect=True)
def test_the_dialog_on_its_own_follows_the_language_the_program_started_in(qtbot, started_in):
    dialog = HandbookDialog()
    qtbot.addWidget(dialog)
    assert dialog.browser.toPlainText().startswith(FIRST_HEADING[started_in])


def test_the_window_language_wins_over_the_locale(qtbot, german):
    """A window built for English shows the English manual even on a German locale."""
    dialog = HandbookDialog(lang="en")
    qtbot.addWidget(dialog)
    assert dialog.browser.toPlainText().startswith(FIRST_HEADING["en"])


@pytest.mark.parametrize("started_in", ["en"], indirect=True)
def test_the_link_to_the_german_manual_opens_it_and_back_returns(started_in, qtbot):
    dialog = HandbookDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    # What a click on the English manual's link "handbuch.md" does: a relative source.
    dialog.browser.setSource(QUrl("handbuch.md"))
    assert dialog.browser.toPlainText().startswith(FIRST_HEADING["de"])
    dialog.browser.backward()
    assert dialog.browser.toPlainText().startswith(FIRST_HEADING["en"])
