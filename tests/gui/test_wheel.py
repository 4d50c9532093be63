"""The scroll wheel never changes a field the user has not clicked into: scrolling the
form over a combo box or a time field leaves it as it was."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from desktop_app.domain.interface import IntervalKind

from .helpers import choose


def _wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the wheel over the middle of ``widget`` (negative: towards the user)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_leaves_unfocused_fields_alone(window, qtbot):
    form = window.form
    choose(form.interval_combo, IntervalKind.DAILY.value)
    form.run_time_edit.setTime(QTime(13, 23))
    form.name_edit.setFocus()
    qtbot.waitUntil(form.name_edit.hasFocus)

    _wheel(form.interval_combo)
    _wheel(form.run_time_edit)
    _wheel(form.format_combo)
    assert form.interval_kind() is IntervalKind.DAILY
    assert form.run_time_edit.time() == QTime(13, 23)


def test_the_wheel_changes_a_field_that_has_focus(window, qtbot):
    form = window.form
    choose(form.interval_combo, IntervalKind.DAILY.value)
    form.interval_combo.setFocus()
    qtbot.waitUntil(form.interval_combo.hasFocus)
    _wheel(form.interval_combo)
    assert form.interval_kind() is IntervalKind.WEEKLY


def _unguarded(root: QWidget, at_least: int) -> list[str]:
    fields = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    assert len(fields) >= at_least
    return [
        f.objectName() or type(f).__name__
        for f in fields
        if f.focusPolicy() != Qt.FocusPolicy.StrongFocus
    ]


def test_every_combo_and_spin_field_of_the_window_is_guarded(window):
    assert _unguarded(window, 6) == []


def test_the_dialogs_guard_theirs_too(window, qtbot):
    for dialog, at_least in (
        (window.open_smtp_dialog(), 1),
        (window.open_import_preview(), 2),
        (window.open_invoices(), 1),
    ):
        assert _unguarded(dialog, at_least) == [], type(dialog).__name__
        dialog.close()
