"""How the main window stays current: what the jobs announce (ui.changes) each room
re-reads, and a read that finds the database unreachable shows the banner, which tries
again until a read succeeds. What other computers on the shared database change, nobody
announces here: Aktualisieren (Ctrl+R) reads again, and so does the window when it becomes
active again once its list is older than ``STALE_AFTER``."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from ..jobs.changes import Change, ChangeEvent
from .changes import ChangeSignal
from .ops import error_text

if TYPE_CHECKING:
    from ..jobs.changes import ChangeHub
    from .main_window import MainWindow

log = logging.getLogger(__name__)

# Seconds: coming back to the window after this long, the list is read again. Sooner,
# switching between windows would read the database with every click.
STALE_AFTER = 60.0


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
        self.clock: Callable[[], float] = time.monotonic  # tests move it on
        self._loaded_at: float | None = None  # the last read of the list that succeeded
        self._activated_at: float | None = None  # the last read that an activation asked

    def refresh(self) -> None:
        """Read again what the window shows (Aktualisieren, the banner's retry): the list,
        a clean form's interface, the last runs; with the list's answer the user's rights
        are asked again (``follow_rights``). All in the background; typed values stay."""
        window = self._window
        window.editing.refresh()
        if window.runs is not None:
            window.runs.refresh_last_runs()

    def activated(self) -> None:
        """Back to the window: what it shows may be old; read it again, at most once a
        ``STALE_AFTER``, never beside a write or a read still running, never for nobody."""
        window, editing = self._window, self._window.editing
        if self._loaded_at is None or editing.busy or editing.reading:
            return  # the first read, a write's or the banner's re-read is under way
        if window.session is None or window.rights.paused:
            return  # logged out: the login comes first
        now = self.clock()
        last = max(self._loaded_at, self._activated_at or self._loaded_at)
        if now - last < STALE_AFTER:
            return
        self._activated_at = now
        log.debug("the window is active again after %.0f s: reading again", now - last)
        self.refresh()

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
        self._loaded_at = self.clock()
        window.mark_filled()
