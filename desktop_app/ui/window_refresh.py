"""How the main window stays current: what the jobs announce (ui.changes) each room
re-reads, and a read that finds the database unreachable shows the banner, which tries
again until a read succeeds."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from ..jobs.changes import Change, ChangeEvent
from .changes import ChangeSignal
from .ops import error_text

if TYPE_CHECKING:
    from ..jobs.changes import ChangeHub
    from .main_window import MainWindow

log = logging.getLogger(__name__)


class WindowRefresh(QObject):
    """Listens for ``window``: to the hub's changes, and to its list's reads."""

    def __init__(self, window: MainWindow, hub: ChangeHub | None):
        super().__init__(window)
        self._window = window
        self.signal = ChangeSignal(hub, window) if hub is not None else None
        if self.signal is not None:
            self.signal.changed.connect(self._on_changes)
        window.banner.retry.connect(self.refresh)
        window.editing.readFailed.connect(self._read_failed)
        window.editing.listLoaded.connect(self._list_loaded)

    def refresh(self) -> None:
        """Read again what the window shows (the banner's retry)."""
        window = self._window
        window.editing.reload()
        if window.runs is not None:
            window.runs.refresh_last_runs()

    def close(self) -> None:
        if self.signal is not None:
            self.signal.close()

    def _on_changes(self, event: ChangeEvent) -> None:
        from .window_rights import follow_rights

        window, editing = self._window, self._window.editing
        if Change.INTERFACES in event and not editing.busy:
            editing.reload()  # a write of this window reloads when it is done
        if Change.CATALOGUE in event or Change.OPTIONS in event:
            editing.catalogue_changed()
        if Change.OPTIONS in event or Change.USERS in event:
            # The eye button depends on an option and on the user's group (which another
            # window of this program may have changed), the menus on the group: every
            # password field asks again, and the user's row is read again.
            follow_rights(window)
        if Change.SMTP in event and window.form is not None:
            window.form.refresh_smtp_state()
        if Change.RUNS in event and window.runs is not None:
            window.runs.refresh_last_runs()

    def _read_failed(self, exc: Exception) -> None:
        from ..jobs.view_queries import is_connection_lost

        window = self._window
        if is_connection_lost(exc):
            log.warning("the database cannot be reached: %s", exc)
            window.banner.show_lost(error_text(exc, window.lang))
            return
        log.error("reading the interfaces failed", exc_info=exc)
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "The interfaces could not be read: {detail}"
            ).format(detail=error_text(exc, window.lang)),
            15000,
        )

    def _list_loaded(self) -> None:
        window = self._window
        if window.banner.is_lost():
            window.banner.clear()
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "The database can be reached again."),
                8000,
            )
        window.mark_filled()
