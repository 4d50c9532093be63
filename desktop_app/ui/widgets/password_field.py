"""A password field that knows whether a password is stored without ever loading it.

``password_change()`` tells the caller what to do on save: ``KEEP_PASSWORD`` when the
user did not touch the field, the typed text for a new password, ``""`` when the user
chose "Passwort löschen". Whether the text is readable goes through one property,
``revealed``, so the rule of who may reveal a password (issue 6: administrators, after
re-entering their own password) has exactly one place to hook into.
"""

from __future__ import annotations

from PySide6.QtCore import Property, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ...jobs.interface_edit import KEEP_PASSWORD, PasswordChange

STORED_MASK = "••••••••"


class PasswordField(QWidget):
    changed = Signal()  # what password_change() returns may have changed
    revealedChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stored = False
        self._clear_requested = False
        self._revealed = False

        self._edit = QLineEdit(self)
        self._edit.setObjectName("passwordEdit")
        self._edit.setEchoMode(QLineEdit.EchoMode.Password)
        # Password echo mode already refuses copy, cut and drag; without a context menu
        # there is no other way to get the text out of the widget.
        self._edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._edit.textEdited.connect(self._on_text_edited)

        self._clear_button = QToolButton(self)
        self._clear_button.setObjectName("clearPasswordButton")
        self._clear_button.setText(self.tr("Delete password"))
        self._clear_button.setToolTip(
            self.tr("Deletes the stored password from the keyring when you save.")
        )
        self._clear_button.clicked.connect(self.clear_password)

        self._state = QLabel(self)
        self._state.setObjectName("passwordState")
        self._state.setWordWrap(True)
        font = self._state.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self._state.setFont(font)
        palette = self._state.palette()  # the muted colour of a hint, not of an error
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        palette.setColor(QPalette.ColorRole.WindowText, muted)
        self._state.setPalette(palette)

        # The field keeps its full width; the state and its action go below it.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self._edit)
        column.addWidget(self._state)
        column.addWidget(self._clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self._edit)
        self._update_state()

    # --- what the form asks -----------------------------------------------------------

    def line_edit(self) -> QLineEdit:
        return self._edit

    def is_stored(self) -> bool:
        return self._stored

    def set_stored(self, stored: bool) -> None:
        """Start over for a loaded interface: nothing typed, hidden, ``stored`` shown."""
        self._stored = stored
        self._clear_requested = False
        self._edit.clear()
        self.set_revealed(False)
        self._update_state()
        self.changed.emit()

    def password_change(self) -> PasswordChange:
        text = self._edit.text()
        if text:
            return text
        if self._clear_requested:
            return ""
        return KEEP_PASSWORD

    def is_changed(self) -> bool:
        return self.password_change() is not KEEP_PASSWORD

    def clear_password(self) -> None:
        """The "Passwort löschen" action: saving then deletes the stored password."""
        self._clear_requested = True
        self._edit.clear()
        self._update_state()
        self.changed.emit()

    # --- the one place that decides whether the text is readable ----------------------

    def is_revealed(self) -> bool:
        return self._revealed

    def set_revealed(self, revealed: bool) -> None:
        if revealed == self._revealed:
            return
        self._revealed = revealed
        self._edit.setEchoMode(
            QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password
        )
        self.revealedChanged.emit(revealed)

    revealed = Property(bool, is_revealed, set_revealed, notify=revealedChanged)

    # --- internals ----------------------------------------------------------------------

    def _on_text_edited(self, _text: str) -> None:
        self._update_state()
        self.changed.emit()

    def _update_state(self) -> None:
        typed = bool(self._edit.text())
        if self._stored and not self._clear_requested:
            self._edit.setPlaceholderText(STORED_MASK + " " + self.tr("(stored)"))
        else:
            self._edit.setPlaceholderText("")
        if typed:
            text = self.tr("The new password is stored in the keyring when you save.")
        elif self._clear_requested:
            text = self.tr("The stored password is deleted when you save.")
        elif self._stored:
            text = self.tr("Stored in the keyring; leave empty to keep it.")
        else:
            text = self.tr("No password stored.")
        self._state.setText(text)
        self._clear_button.setVisible(self._stored and not self._clear_requested)
