"""An editor together with the validation message shown directly under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
ERROR_COLOR = QColor("#b3261e")
HINT_COLOR = QColor("#6b6b6b")  # a rule under a field: readable, but no alarm
WARNING_COLOR = QColor("#8a5300")  # worth a look, yet the field may be saved as it is
INVALID_PROPERTY = "invalid"  # also readable by tests and style sheets
FRAME_MARGIN = 2  # room for the red frame around the editor row


class FieldBox(QWidget):
    """``editor`` (plus optional widgets beside it) above a red message label;
    ``message_action`` (a button that fixes what the message says) sits below the message,
    ``hint`` (what the field still lacks, see SetupHint) below everything.

    A field with a message gets a red frame around its row. The frame is painted here,
    around the editor, rather than by styling the editor: a style sheet border makes
    combo and spin boxes lose their native arrows.
    """

    def __init__(
        self,
        editor: QWidget,
        *beside: QWidget,
        message_action: QWidget | None = None,
        hint: QWidget | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.editor = editor
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self._messages: list[str] = []
        self._hint = ""
        self._warning = ""
        # The height a warning took, kept while the same interface is edited: a warning
        # that comes and goes while typing (another interface's folder) moves nothing below.
        self._room = 0

        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(editor, 1)
        for widget in beside:
            self._row.addWidget(widget)
        if editor.maximumWidth() < QWIDGETSIZE_MAX:
            self._row.addStretch(1)  # a narrow editor (the port) stays left-aligned
        column = QVBoxLayout(self)
        m = FRAME_MARGIN
        column.setContentsMargins(m, m, m, m)
        column.setSpacing(2)
        column.addLayout(self._row)
        # A dialog short of room shrinks its spacing, never a field to a sliver.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        column.addWidget(self.message)
        self._below = [widget for widget in (message_action, hint) if widget is not None]
        if message_action is not None:
            column.addWidget(message_action, 0, Qt.AlignmentFlag.AlignLeft)
        if hint is not None:
            column.addWidget(hint)

    def set_hint(self, text: str) -> None:
        """A muted line under the field while it has no message (a rule, an example):
        the row keeps its height when a message takes the hint's place."""
        self._hint = text
        if not self._messages:
            self._show_line()

    def set_warning(self, text: str) -> None:
        """A line under the field in the warning colour while it has no message, in the
        hint's place: the value may be saved, but the user should know ("" removes it).
        Its room stays until ``forget_room``."""
        if self._warning and text != self._warning and self.message.isVisible():
            # What the shown warning needs, not only what the layout gave it so far: a
            # check answering before the layout's next turn would keep too little room.
            self._room = max(self._room, self.message.height(), self._needed_height())
        self._warning = text
        if not self._messages:
            self._show_line()
            self.editor.setAccessibleDescription(text)

    def _needed_height(self) -> int:
        label = self.message
        if label.wordWrap() and label.width() > 0:
            return label.heightForWidth(label.width())
        return label.sizeHint().height()

    def steady_minimum_width(self) -> int:
        """The least width of the editor row and what stands below it, whatever the
        message line says: it wraps in the width it gets, so a message coming or going
        does not change what the field needs."""
        widths = [self._row.minimumSize().width()]
        widths += [widget.minimumSizeHint().width() for widget in self._below]
        return max(widths) + 2 * FRAME_MARGIN

    def warning_text(self) -> str:
        return self._warning

    def forget_room(self) -> None:
        """Another interface is shown: a warning's room goes with it, and so does the
        warning itself (it described the interface shown before; the next check says
        anew what applies). Kept, its line would lend the next warning its height."""
        self._room = 0
        self._warning = ""
        self.message.setMinimumHeight(0)
        self._show_line()
        if not self._messages:
            self.editor.setAccessibleDescription("")

    def show_messages(self, messages: list[str]) -> None:
        self._messages = list(messages)
        self.message.setMinimumHeight(self._room)
        self._show_line()
        self.setProperty(INVALID_PROPERTY, bool(messages))
        # Screen readers announce the description when the field gets focus.
        self.editor.setAccessibleDescription(" ".join(messages) or self._warning)
        self.update()

    def retire(self) -> None:
        """The message no longer describes the field (it was edited): it goes, but its
        room stays until the next check, so nothing below moves under the pointer."""
        if not self._messages:
            return
        height = self.message.height()
        self.show_messages([])
        if self.message.isHidden() or self.message.sizeHint().height() < height:
            self.message.setMinimumHeight(height)
            self.message.show()

    def clear(self) -> None:
        self.show_messages([])

    def has_message(self) -> bool:
        return bool(self._messages)

    def message_text(self) -> str:
        """The message shown ("" when none; a hint is no message)."""
        return "\n".join(self._messages)

    def _show_line(self) -> None:
        palette = self.message.palette()
        if self._messages:
            color, text = ERROR_COLOR, "\n".join(self._messages)
        elif self._warning:
            color, text = WARNING_COLOR, self._warning
        else:
            color, text = HINT_COLOR, self._hint
        palette.setColor(self.message.foregroundRole(), color)
        self.message.setPalette(palette)
        self.message.setText(text)
        self.message.setMinimumHeight(max(self._room, self.message.minimumHeight()))
        self.message.setVisible(bool(text) or self._room > 0)

    def is_marked(self) -> bool:
        return bool(self.property(INVALID_PROPERTY))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.is_marked():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ERROR_COLOR, 1.5))
        rect = self._row.geometry().toRectF().adjusted(-1.5, -1.5, 1.5, 1.5)
        painter.drawRoundedRect(rect, 3, 3)
