"""Driving the form the way a user does: typing, ticking, choosing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox

from desktop_app.domain.interface import LAST_DAY, InterfaceSettings, IntervalKind
from desktop_app.ui import ops
from desktop_app.ui.interface_form import InterfaceForm

W = TypeVar("W", bound=QDialog)
T = TypeVar("T")


def wait_idle(qtbot, timeout: int = 15000) -> None:
    """Wait until every background operation has delivered its result."""
    qtbot.waitUntil(lambda: ops.pending_count() == 0, timeout=timeout)


def settled(qtbot, read: Callable[[], T], *, quiet_ms: int = 60, timeout_ms: int = 3000) -> T:
    """What ``read`` gives once the layout has stopped moving. Qt lays a change out over
    several posted events; one short wait may see only the first of them on a busy machine."""
    deadline = time.monotonic() + timeout_ms / 1000
    value = read()
    still_since = time.monotonic()
    while True:
        qtbot.wait(10)
        now = time.monotonic()
        latest = read()
        if latest != value:
            value, still_since = latest, now
        elif now - still_since >= quiet_ms / 1000 or now >= deadline:
            return value


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    """Replace the text by typing it, key by key, as a user would."""
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    for char in text:
        if char.isascii():
            qtbot.keyClick(edit, char)
        else:
            # QTest maps only ASCII to keys; umlauts arrive as text, as from a German layout.
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                edit,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )


def choose(combo, value: str | None) -> None:
    combo.setCurrentIndex(combo.findData(value) if value is not None else -1)


def fill_form(qtbot, form: InterfaceForm, s: InterfaceSettings, password: str | None = None):
    """Put every value of ``s`` into the form through its widgets."""
    type_into(qtbot, form.name_edit, s.name)
    form.enabled_check.setChecked(s.enabled)
    choose(form.branch_combo, s.branch or "")
    form.workstation_check.setChecked(s.workstation is not None)
    if s.workstation is not None:
        type_into(qtbot, form.workstation_edit, s.workstation)
    form.start_edit.check.setChecked(s.start_date is not None)
    if s.start_date is not None:
        form.start_edit.edit.setDate(QDate(s.start_date.year, s.start_date.month, s.start_date.day))
    choose(form.format_combo, s.import_format.value if s.import_format else None)
    for i in range(form.mandant_list.count()):
        item = form.mandant_list.item(i)
        item.setCheckState(
            Qt.CheckState.Checked if item.text() in s.mandants else Qt.CheckState.Unchecked
        )
    choose(form.settle_combo, s.settle_until.value if s.settle_until else None)
    type_into(qtbot, form.filename_edit, s.filename_filter)
    interval = s.interval
    choose(form.interval_combo, interval.kind.value)
    if interval.kind is IntervalKind.HOURLY:
        form.every_spin.setValue(interval.every_minutes)
    if s.run_time is not None:
        form.run_time_edit.setTime(QTime(s.run_time.hour, s.run_time.minute))
    for day, check in form.weekday_checks.items():
        check.setChecked(day in interval.weekdays)
    if interval.kind is IntervalKind.MONTHLY:
        form.last_day_check.setChecked(interval.day_of_month == LAST_DAY)
        if interval.day_of_month != LAST_DAY:
            form.day_spin.setValue(int(interval.day_of_month))
    ftp = s.ftp
    choose(form.protocol_combo, ftp.protocol.value)
    type_into(qtbot, form.host_edit, ftp.host)
    type_into(qtbot, form.port_edit, "" if ftp.port is None else str(ftp.port))
    type_into(qtbot, form.directory_edit, ftp.directory)
    form.date_subdirectories_check.setChecked(ftp.date_subdirectories)
    form.passive_check.setChecked(ftp.passive)
    type_into(qtbot, form.user_edit, ftp.user)
    if password is not None:
        type_into(qtbot, form.password_field.line_edit(), password)
    type_into(qtbot, form.email_edit, s.error_email)
    type_into(qtbot, form.pattern_edit, s.invoice_pattern)
    form.own_guards_check.setChecked(s.open_item_guards is not None)
    if s.open_item_guards is not None:
        form.guards.set_value(s.open_item_guards)


ACTIVATION_WAIT = 2.0  # seconds


def run_gui_polling(paths, poll: Callable[[], None], interval_ms: int = 20) -> int:
    """``run_gui`` on ``paths`` while ``poll`` runs every ``interval_ms`` inside its event
    loop (to answer or inspect what the start shows); the program's exit code."""
    from desktop_app.app import run_gui

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(interval_ms)
    try:
        return run_gui(paths, "de")
    finally:
        timer.stop()


@contextmanager
def answering_message_box(answer: Callable[[QMessageBox], None]) -> Iterator[list[QMessageBox]]:
    """While inside, answer the next modal message box with ``answer(box)``.

    For the few tests that check the real dialog (its default button, its text); the
    list it yields holds the boxes seen.
    """
    with answering_modal(QMessageBox, answer) as seen:
        yield seen


@contextmanager
def answering_modal(kind: type[W], answer: Callable[[W], None]) -> Iterator[list[W]]:
    """While inside, answer each modal dialog of type ``kind`` with ``answer(dialog)``.

    Only once the dialog is the active window: on a busy machine its activation can come
    after it is shown, and a key sent before then (Esc) goes through the shortcuts of the
    window still active (the main window's Esc empties its search), so the dialog would
    never be answered. A dialog never activated is answered after ``ACTIVATION_WAIT``.
    """
    seen: list[W] = []
    shown_at: dict[int, float] = {}

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, kind) or not box.isVisible() or box in seen:
            return
        first_seen = shown_at.setdefault(id(box), time.monotonic())
        if box.isActiveWindow() or time.monotonic() - first_seen >= ACTIVATION_WAIT:
            seen.append(box)
            answer(box)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(poll)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()
