"""The scroll wheel never changes a field the user has not clicked into.

Scrolling a long form over a combo box or a time field would otherwise change its value
("Täglich" becomes "Wöchentlich") while the user only meant to scroll. Guarded fields take
focus only by click or Tab, and pass the wheel on to what scrolls around them until then.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

_guard: _WheelGuard | None = None


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()  # the scroll area around it gets the wheel instead
            return True
        return False


def guard_wheel(root: QWidget) -> None:
    """Guard every combo box and spin, date and time field inside ``root``."""
    for widget in (*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)):
        guard_field(widget)


def guard_field(widget: QWidget) -> None:
    global _guard
    if _guard is None:
        _guard = _WheelGuard(QCoreApplication.instance())
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.removeEventFilter(_guard)  # once, also when a dialog guards its fields again
    widget.installEventFilter(_guard)
