"""The dialogs whose OK runs one check or save in the background (login, new user,
password change, reveal): busy meanwhile, a second OK ignored, and the result handled
on the GUI thread only while the dialog still exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

from ..ops import Op
from .message_label import MessageLabel


class SubmitDialog(QDialog):
    """Subclasses create ``message_label`` (a MessageLabel in their layout) and say which
    inputs a running submit disables (``busy_widgets``)."""

    message_label: MessageLabel

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._busy = False

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
        for widget in self.busy_widgets():
            widget.setEnabled(not busy)

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
