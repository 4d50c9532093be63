"""The logged-in user's rights as they are now, not as they were at the login: another
administrator (in another window, on another computer) may change the user's group or
deactivate them. Whenever the eye buttons ask again (each read of the list, a change of
the users or the chain options) the user's row is read again in the background too; a
changed group or a deactivation then sets the window up as for that user — the
Verwaltung menu, the in-place set-up in the form, the user in the status bar — without
logging out: what is being typed stays. The jobs refuse an administrator's action by
the row as it is now anyway; this makes the window say what is true."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .latest_reads import LatestReads

if TYPE_CHECKING:
    from ..domain.users import User
    from ..jobs.user_session import UserSession
    from .main_window import MainWindow

log = logging.getLogger(__name__)

_USER_READ = "user"


def follow_rights(window: MainWindow) -> None:
    """Ask again, in the background, what the user may do: the eye buttons, the menus and
    the status bar follow the answers."""
    from .widgets.password_field import update_reveal_buttons

    update_reveal_buttons(window)
    window.rights.ask()


class RightsFollower:
    """Reads the logged-in user's row for ``window`` (``ask``) and applies what changed."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        # Nothing in the window shows that this read runs: no busy state to follow.
        self._reads = LatestReads(window, lambda: None)
        self._paused = False

    def ask(self) -> None:
        session = self._window.session
        if self._paused or session is None or session.user is None:
            return

        def failed(exc: Exception) -> None:
            # The rights stay as shown; the jobs check them anyway, the next read asks again.
            log.warning("the user's rights were not read: %s", type(exc).__name__)

        # Secondary: at start-up the list's first read goes first.
        self._reads.run(
            _USER_READ,
            session.user_now,
            lambda now: self._answered(session, now),
            failed,
            secondary=True,
        )

    @property
    def paused(self) -> bool:
        """True while nobody is logged in (between Abmelden and the next login)."""
        return self._paused

    def pause(self) -> None:
        """Nobody is logged in (Abmelden, until the next login): nothing to follow."""
        self._paused = True
        self._reads.drop(_USER_READ)

    def resume(self) -> None:
        self._paused = False

    def _answered(self, session: UserSession, now: User | None) -> None:
        from . import window_session
        from .admin_dialogs import follow_admin_rights

        window, before = self._window, session.user
        if self._paused or window.session is not session or now is None or before is None:
            return  # logged out or in meanwhile: that session asks for itself
        if (now.name, now.group, now.enabled) == (before.name, before.group, before.enabled):
            return
        log.info("the rights of the logged-in user changed elsewhere")
        session_now = session.for_user(now)
        window_session.use_session(window, session_now)
        # Open administrator dialogs keep what was typed but no longer offer to save it.
        follow_admin_rights(window, session_now.is_admin)
        window.statusBar().showMessage(rights_changed_text(before, now), 15000)


def rights_changed_text(before: User, now: User) -> str:
    """What the status bar says when the rights changed elsewhere."""
    if not now.enabled:
        return QCoreApplication.translate(
            "MainWindow",
            "An administrator deactivated your user: the next login will be refused.",
        )
    if now.is_admin and not (before.is_admin and before.enabled):
        return QCoreApplication.translate(
            "MainWindow", "An administrator gave you administrator rights."
        )
    if before.is_admin and not now.is_admin:
        return QCoreApplication.translate(
            "MainWindow", "An administrator took your administrator rights."
        )
    return QCoreApplication.translate("MainWindow", "An administrator changed your user.")
