"""A resizable dialog whose height follows its word-wrapped texts at its real width.

Qt takes a window's least height from its layout's minimum size, which for wrapped labels
means their narrowest width and many lines each: a dialog grows far more than a message
needs and keeps that height after the message went. ``HeightFit`` sets the least height
to what the contents need at the current width instead, and a dialog Qt or this class
sized returns to that height when the contents shrink; a height the user chose stays
unless the contents need more.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLayout, QWidget


class HeightFit(QObject):
    def __init__(self, window: QWidget):
        super().__init__(window)
        layout = window.layout()
        assert layout is not None, "set the layout first"
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._window = window
        self._fitted = -1  # the height given here; another one is the user's
        window.installEventFilter(self)

    def fit(self) -> None:
        """Call after a text or a shown widget changed the height the contents need."""
        window = self._window
        if not window.isVisible():
            return  # Qt sizes it when it shows; the Show event fits it then
        layout = window.layout()
        assert layout is not None
        # A message shown or hidden in a nested widget re-lays that widget out only
        # through a posted event; until then it reports its old height.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout.activate()
        needed = layout.totalHeightForWidth(window.width())
        if needed < 0:
            needed = layout.totalSizeHint().height()
        users = window.height() != self._fitted and window.height() > needed
        window.setMinimumHeight(needed)  # grows a window that is smaller
        if not users:
            window.resize(window.width(), needed)
            self._fitted = needed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.Show:
                self._fitted = self._window.height()  # the size Qt opened it with
                self.fit()
            elif event.type() == QEvent.Type.Resize:
                assert isinstance(event, QResizeEvent)
                if event.oldSize().width() != event.size().width():
                    self.fit()  # narrower, the wrapped texts need more lines
        return False
