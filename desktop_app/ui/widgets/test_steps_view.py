"""A list of test steps, each with a state icon, its name and the message it reported.

Used by the FTP Test of the interface form; nothing in it knows about FTP. A step may
carry an extra widget under its message (the "trust this certificate" action).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .field_box import ERROR_COLOR

ICON_SIZE = 16
OK_COLOR = QColor("#1b7f3b")
RUNNING_COLOR = QColor("#1f5fbf")
MUTED_COLOR = QColor("#8a8a8a")


class StepState(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"
    NOT_RUN = "not_run"


def state_icon(state: StepState, size: int = ICON_SIZE, ratio: float = 1.0) -> QIcon:
    """Painted rather than taken from the style: the look must not depend on the theme
    or on which symbol fonts a workstation happens to have."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QRectF(1, 1, size - 2, size - 2)
    white = QPen(QColor("white"), size / 8)
    white.setCapStyle(Qt.PenCapStyle.RoundCap)
    if state is StepState.PENDING:
        painter.setPen(QPen(MUTED_COLOR, 1.5))
        painter.drawEllipse(circle.adjusted(1, 1, -1, -1))
    else:
        fill = {
            StepState.RUNNING: RUNNING_COLOR,
            StepState.OK: OK_COLOR,
            StepState.FAILED: ERROR_COLOR,
            StepState.NOT_RUN: MUTED_COLOR,
        }[state]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawEllipse(circle)
        painter.setPen(white)
        s = size
        if state is StepState.OK:
            check = QPainterPath(QPointF(s * 0.28, s * 0.52))
            check.lineTo(s * 0.44, s * 0.68)
            check.lineTo(s * 0.73, s * 0.34)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(check)
        elif state is StepState.FAILED:
            painter.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
            painter.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
        elif state is StepState.NOT_RUN:
            painter.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5))
        else:  # running: three dots
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("white"))
            for x in (0.3, 0.5, 0.7):
                painter.drawEllipse(QPointF(s * x, s * 0.5), s * 0.07, s * 0.07)
    painter.end()
    return QIcon(pixmap)


class _StepRow(QWidget):
    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = StepState.PENDING
        self.text = ""  # the message as reported (the label's text may carry break hints)
        self.icon = QLabel(self)
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.name = QLabel(label, self)
        self.message = QLabel(self)
        self.message.setObjectName("stepMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.message.setFont(font)
        self.message.hide()
        self.detail = QVBoxLayout()
        self.detail.setContentsMargins(0, 2, 0, 2)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        grid.addWidget(self.icon, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.message, 1, 1)
        grid.addLayout(self.detail, 2, 1)
        grid.setColumnStretch(1, 1)


class TestStepsView(QWidget):
    """``set_steps`` once per run, then ``set_state`` as each step reports."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: dict[str, _StepRow] = {}
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(4)

    def set_steps(self, steps: Iterable[tuple[str, str]]) -> None:
        """``steps``: (key, label) in order; all start as pending, without a message."""
        for row in self._rows.values():
            self._column.removeWidget(row)
            row.deleteLater()
        self._rows = {}
        for key, label in steps:
            row = _StepRow(label, self)
            self._rows[key] = row
            self._column.addWidget(row)
            row.show()
            self._show_state(row, StepState.PENDING, "")

    def step_keys(self) -> list[str]:
        return list(self._rows)

    def label(self, key: str) -> str:
        return self._rows[key].name.text()

    def set_state(self, key: str, state: StepState, message: str = "") -> None:
        self._show_state(self._rows[key], state, message)

    def state(self, key: str) -> StepState:
        return self._rows[key].state

    def row_widget(self, key: str) -> QWidget:
        """The row of step ``key`` (to scroll to it)."""
        return self._rows[key]

    def message(self, key: str) -> str:
        return self._rows[key].text

    def add_detail(self, key: str, widget: QWidget) -> None:
        """Show ``widget`` under the step's message (until the next ``set_steps``)."""
        self._rows[key].detail.addWidget(widget)
        widget.show()  # at once, not on the layout's next turn: a test may look right away

    def _state_text(self, state: StepState) -> str:
        return {
            StepState.PENDING: self.tr("Waiting"),
            StepState.RUNNING: self.tr("Running"),
            StepState.OK: self.tr("Passed"),
            StepState.FAILED: self.tr("Failed"),
            StepState.NOT_RUN: self.tr("Not run"),
        }[state]

    def _show_state(self, row: _StepRow, state: StepState, message: str) -> None:
        row.state = state
        row.text = message
        row.icon.setPixmap(
            state_icon(state, ICON_SIZE, self.devicePixelRatioF()).pixmap(ICON_SIZE, ICON_SIZE)
        )
        # The icon's meaning in words, for screen readers and a hovering mouse.
        row.icon.setToolTip(self._state_text(state))
        row.icon.setAccessibleName(self._state_text(state))
        row.setAccessibleName(f"{row.name.text()}: {self._state_text(state)}")
        font = QFont(self.font())
        font.setBold(state in (StepState.RUNNING, StepState.FAILED))
        row.name.setFont(font)
        name_palette = self.palette()
        if state in (StepState.PENDING, StepState.NOT_RUN):
            name_palette.setColor(QPalette.ColorRole.WindowText, MUTED_COLOR)
        row.name.setPalette(name_palette)
        palette = self.palette()
        color = {StepState.FAILED: ERROR_COLOR, StepState.NOT_RUN: MUTED_COLOR}.get(state)
        if color is not None:
            palette.setColor(QPalette.ColorRole.WindowText, color)
        row.message.setPalette(palette)
        row.message.setText(_wrappable(message))
        row.message.setVisible(bool(message))


_HEX_COLON = re.compile(r"(?<=[0-9A-F]{2}):(?=[0-9A-F]{2})")


def _wrappable(text: str) -> str:
    """Allow line breaks inside a fingerprint (``AB:CD:…``, one 95-character word) that
    would otherwise make the label, and so the whole form, as wide as the fingerprint."""
    return _HEX_COLON.sub(":\u200b", text)
