"""Python's garbage collections, run on the GUI thread only.

An automatic collection runs on whichever thread happens to allocate: often a worker
reading the database. If it finds a garbage Qt object (a model or widget held only by a
reference cycle), it destroys it there, and Qt crashes when an object of the GUI thread
is destroyed on another. So, as Anki and pyqtgraph do, the program switches automatic
collections off and a timer on the GUI thread collects whatever generation is due.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ..jobs.quiet_gc import collect_due, collect_on_gui_thread

INTERVAL_MS = 500  # often enough that young garbage stays small, rare enough to cost nothing


class GuiCollector(QObject):
    """While it runs (``start`` to ``stop``), only the GUI thread collects."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_due)
        self._before = False

    def start(self) -> None:
        self._before = collect_on_gui_thread(True)
        self._timer.start()

    def stop(self) -> None:
        """Collections as they were before ``start`` (the program ends, or a test does)."""
        self._timer.stop()
        collect_on_gui_thread(self._before)
