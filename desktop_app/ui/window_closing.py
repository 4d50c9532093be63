"""Closing the main window: never in the middle of a save (it closes once the save has
finished), never past unsaved changes without asking, and with its layout remembered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .window_questions import UnsavedChoice

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from .main_window import MainWindow
    from .window_state import WindowState


class WindowClosing:
    """What the window's ``closeEvent`` decides; ``busy_changed`` follows its writes."""

    def __init__(self, window: MainWindow, state: WindowState):
        self._window = window
        self._state = state
        self._requested = False  # asked while a save ran: close once it has finished

    def close_event(self, event: QCloseEvent) -> None:
        window = self._window
        if window.busy:
            # A keyring prompt may still be open; close once the save has finished.
            self._requested = True
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Closing after the current save …")
            )
            event.ignore()
            return
        if window.form is not None and window.form.is_dirty():
            choice = window.ask_unsaved_changes()
            if choice is UnsavedChoice.CANCEL:
                event.ignore()
                return
            if choice is UnsavedChoice.SAVE:
                event.ignore()
                window.save(after=window.close)
                return
        header = window.panel.view.header_state() if window.panel is not None else None
        self._state.save(window.splitter if window.is_attached else None, header)
        if window.refresher is not None:
            window.refresher.close()
        event.accept()

    def busy_changed(self, busy: bool) -> None:
        if not busy and self._requested:
            self._requested = False
            self._window.close()
