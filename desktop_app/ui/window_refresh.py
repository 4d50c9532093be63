"""How the main window stays current: what the jobs announce (ui.changes) each room
re-reads, and a read that finds the database unreachable shows the banner, which tries
again until a read succeeds. What other computers on the shared database change, nobody
announces here: Aktualisieren (Ctrl+R) reads again, so does the window when it becomes
active again once its list is older than ``STALE_AFTER``, and, while it is shown and someone
is logged in, every ``REFRESH_EVERY`` by itself."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

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

# Seconds: a window left open and active all day still shows the service's runs and what
# other computers change. Counted from the list's last read, so a read for another reason
# (Aktualisieren, a change of this program) puts the next one off.
REFRESH_EVERY = 120.0


class WindowRefresh(QObject):
    """Listens for ``window``: to the hub's changes and to its list's reads; its timer
    reads again while the window is shown and someone is logged in."""

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
        self._asked_at: float | None = None  # the last read an activation or the timer asked
        # Tests shorten its interval or call ``tick`` directly.
        self.timer = QTimer(self)
        self.timer.setInterval(round(REFRESH_EVERY * 1000))
        self.timer.timeout.connect(self.tick)
        if window.session is not None and not window.rights.paused:
            self.timer.start()

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
        if not self._may_read():
            return
        now = self.clock()
        last = self._last_read()
        if now - last < STALE_AFTER:
            return
        self._asked_at = now
        log.debug("the window is active again after %.0f s: reading again", now - last)
        self.refresh()

    def tick(self) -> None:
        """The timer: read again what a shown window shows, on the activation's terms. A
        slow database skips ticks rather than piling reads up; a minimized or hidden window
        reads nothing (shown again, its activation reads if the list is old by then)."""
        window = self._window
        if not window.isVisible() or window.isMinimized():
            return
        if window.banner.is_lost() or not self._may_read():
            return  # a lost database: the banner tries again on its own schedule
        now = self.clock()
        self._asked_at = now
        log.debug("the list was read %.0f s ago: reading again", now - self._last_read())
        self.refresh()

    def pause(self) -> None:
        """Nobody is logged in (Abmelden, until the next login): no reads by the timer."""
        self.timer.stop()

    def resume(self) -> None:
        self.timer.start()

    def _may_read(self) -> bool:
        window, editing = self._window, self._window.editing
        if self._loaded_at is None or editing.busy or editing.reading:
            return False  # the first read, a write's or the banner's re-read is under way
        # Logged out: the login comes first.
        return window.session is not None and not window.rights.paused

    def _last_read(self) -> float:
        assert self._loaded_at is not None
        return max(self._loaded_at, self._asked_at or self._loaded_at)

    def close(self) -> None:
        self.timer.stop()
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
        if self.timer.isActive():
            self.timer.start()  # the next read by the timer counts from this one
        window.mark_filled()
