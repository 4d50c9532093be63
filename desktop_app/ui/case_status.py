"""The main window's status bar: how many Klärungsfälle are open, a link to the view."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from .ops import Op

if TYPE_CHECKING:
    from ..jobs.case_desk import CaseDesk

log = logging.getLogger(__name__)


class CaseCountLabel(QLabel):
    """Re-read with ``refresh()`` (after a run, an import, a change to a case)."""

    activated = Signal()

    def __init__(self, desk: Callable[[], CaseDesk], parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._reading = False
        self._again = False
        self.count: int | None = None
        self.setObjectName("openCases")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(lambda _link: self.activated.emit())
        self.setToolTip(self.tr("Payments that no booking has placed yet (Ledger menu)."))

    def refresh(self) -> None:
        if self._reading:
            self._again = True  # a change came while reading: read once more after
            return
        self._reading = True
        desk = self._desk  # made on the worker too: its module is not needed before
        Op(lambda: desk().open_count(), parent=self).success(self._show).failure(
            self._failed
        ).run_in_background(secondary=True)

    def _show(self, count: int) -> None:
        if not isValid(self):
            return
        self.count = count
        if count:
            text = self.tr("%n payment(s) to clarify", "", count)
            self.setText(f'<a href="cases">{text}</a>')
        else:
            self.setText(self.tr("No payments to clarify"))
        self._done()

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            log.warning("open cases not counted: %s", type(exc).__name__)
            self._done()

    def _done(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.refresh()
