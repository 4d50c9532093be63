"""The form's groups stand in two columns only where both show every field uncut, and
that choice is the same for every interface: the rows one interface hides (a weekly
one's days, the Offene-Posten checks) do not make the groups jump when another is
chosen. English texts are longer than German ones in places: both languages are tried."""

# The english fixture is imported from test_english and taken by its name.
# ruff: noqa: F811

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop_app.domain.interface import ImportFormat, Interval, IntervalKind, Weekday
from desktop_app.gui_runtime import build_main_window

from .conftest import TEST_HOST
from .helpers import settled, wait_idle
from .test_english import english  # noqa: F401

INTERFACES = {
    "Demo camt.053": {"interval": Interval(IntervalKind.DAILY)},
    "Demo DATEV OPOS": {
        "interval": Interval(IntervalKind.WEEKLY, weekdays=frozenset({Weekday.MON})),
    },
    "Demo Offene Posten": {
        "interval": Interval(IntervalKind.MONTHLY, day_of_month=3),
        "import_format": ImportFormat.OPEN_ITEMS,
    },
    "Demo MT940": {"interval": Interval(IntervalKind.HOURLY, every_minutes=60)},
}


@pytest.fixture
def stored(no_keyring_editor, sample_settings):
    for name, changes in INTERFACES.items():
        no_keyring_editor.repository.save(
            sample_settings.with_changes(name=name, workstation=None, **changes)
        )
    return no_keyring_editor


@pytest.fixture
def english_window(qtbot, english, stored, settings_file):
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(stored, settings, "en", host_name=TEST_HOST)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)
    return window


def _at(qtbot, window, width: int, height: int) -> None:
    """The window at this size with the split it gets by default, measured while a daily
    interface is shown (as the demo starts: its first interface runs daily)."""
    window.select_interface(next(iter(INTERFACES)))
    wait_idle(qtbot)
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    window.splitter.setSizes(window._default_split())


def _columns_by_interface(qtbot, window) -> dict[str, bool]:
    form = window.form
    found = {}
    for name in INTERFACES:
        window.select_interface(name)
        wait_idle(qtbot)
        found[name] = settled(qtbot, form.is_one_column)
    return found


def test_english_at_1024_stands_the_groups_below_each_other_for_every_interface(
    qtbot, english_window
):
    _at(qtbot, english_window, 1024, 768)
    assert set(_columns_by_interface(qtbot, english_window).values()) == {True}
    bar = english_window.form.scroll_area.horizontalScrollBar()
    assert settled(qtbot, bar.maximum) == 0


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1600, 900)])
def test_the_columns_do_not_change_with_the_interface(qtbot, make_window, stored, size):
    window = make_window(stored)
    _at(qtbot, window, *size)
    assert len(set(_columns_by_interface(qtbot, window).values())) == 1


def _cut(form) -> list[str]:
    """What a field shows cut: an example (placeholder) wider than its field, a
    wrapped line under a field lower than its text."""
    found = []
    for edit in form.findChildren(QLineEdit):
        if not edit.isVisibleTo(form) or not edit.placeholderText():
            continue
        if edit.width() < edit.fontMetrics().horizontalAdvance(edit.placeholderText()):
            found.append(edit.placeholderText())
    for label in form.findChildren(QLabel):
        shown = label.isVisibleTo(form) and label.wordWrap() and label.text()
        if shown and label.height() < label.heightForWidth(label.width()):
            found.append(label.text())
    return found


@pytest.mark.parametrize("lang", ["en", "de"])
def test_two_columns_cut_nothing_at_the_narrowest_width_that_has_them(
    qtbot, request, stored, settings_file, lang
):
    request.getfixturevalue("english" if lang == "en" else "german")
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(stored, settings, lang, host_name=TEST_HOST)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    wait_idle(qtbot)
    form = window.form
    need = form.width_without_scrolling()
    window.splitter.setSizes([sum(window.splitter.sizes()) - need, need])
    for name in INTERFACES:
        window.select_interface(name)
        wait_idle(qtbot)
        assert not settled(qtbot, form.is_one_column), name
        assert settled(qtbot, lambda: _cut(form)) == [], name
