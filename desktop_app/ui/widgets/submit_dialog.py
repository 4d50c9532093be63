"""The dialogs whose OK runs one check or save in the background (login, new user,
password change, reveal): busy meanwhile, a second OK ignored, and the result handled
on the GUI thread only while the dialog still exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from shiboken6 import isValid

from ..ops import Op
from .message_label import MessageLabel


class SubmitDialog(QDialog):
    """Subclasses create ``message_label`` (a MessageLabel in their layout) and
    ``submit_button`` (Enter presses it, also after a failed try) and say which inputs a
    running submit disables (``busy_widgets``). Where cancelling ends the program (the
    login), they set ``escape_cancels`` False: only the button or the window's close
    button quits there, never a stray Esc."""

    message_label: MessageLabel
    submit_button: QPushButton
    escape_cancels = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._busy = False
        self._focus_before: QWidget | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Made default while its button box had no parent yet, the button is not the
        # dialog's main default: the first other button to get focus would stay default.
        self.submit_button.setDefault(False)
        self.submit_button.setDefault(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.escape_cancels and event.matches(QKeySequence.StandardKey.Cancel):
            event.accept()  # taken here, so that no parent acts on it either
            return
        super().keyPressEvent(event)

    @property
    def busy(self) -> bool:
        return self._busy

    def message(self) -> str:
        """What the dialog says now ("" when nothing)."""
        return self.message_label.text()

    def busy_widgets(self) -> list[QWidget]:
        raise NotImplementedError

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        widgets = self.busy_widgets()
        if busy:
            self._focus_before = self.focusWidget()
            if self._focus_before in widgets:
                # Disabling it would pass focus on to Cancel or Quit, where the next Enter
                # would end the dialog; the dialog itself takes the keys meanwhile.
                self.setFocus()
        for widget in widgets:
            widget.setEnabled(not busy)
        if not busy:
            before, self._focus_before = self._focus_before, None
            if before is not None and isValid(before) and before.isEnabled():
                before.setFocus()

    def _submit(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
        progress: str,
    ) -> None:
        """Run ``work`` on a pool thread, saying ``progress`` meanwhile; then ``done`` or
        ``failed`` on the GUI thread, unless the dialog was deleted in between."""
        self._set_busy(True)
        self.message_label.show_info(progress)

        def succeeded(result: Any) -> None:
            if isValid(self):
                self._set_busy(False)
                done(result)

        def went_wrong(exc: Exception) -> None:
            if isValid(self):
                self._set_busy(False)
                failed(exc)

        Op(work, parent=self).success(succeeded).failure(went_wrong).run_in_background()
