"""The main window attached to its data, in the order each part needs the one before: the
list beside the form, the runs, who works, what keeps the window current, the count of
open Klärungsfälle, the keys. The window paints before this, with a start-up notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSysInfo

from . import window_panels, window_session
from .window_actions import enable_attached, set_shortcuts

if TYPE_CHECKING:
    from ..jobs.run_now import ManualRun
    from ..jobs.scheduler_thread import SchedulerThread
    from ..jobs.user_session import UserSession
    from .main_window import MainWindow
    from .window_state import WindowState


def attach(
    window: MainWindow,
    state: WindowState,
    host_name: str | None,
    scheduler: SchedulerThread | None,
    manual_run: ManualRun | None,
    session: UserSession | None,
) -> None:
    """What ``MainWindow.attach`` promises, on the window's ``base_editor`` and
    ``queries()``; ``state``: the list's remembered columns."""
    from ..jobs.window_jobs import session_without_login
    from .run_actions import RunActions
    from .window_refresh import WindowRefresh
    from .window_rights import RightsFollower
    from .workstation import WorkstationBranch

    editor, queries = window.base_editor, window.queries()
    window.workstation = WorkstationBranch(
        window.settings, host_name or QSysInfo.machineHostName(), parent=window
    )
    window_panels.build_panels(window, editor, state, host_name)
    window.editing.busyChanged.connect(window.closing.busy_changed)
    assert window.panel is not None
    window.runs = RunActions(window, window.panel, window.editing, queries)
    window.editing.attach(queries)
    window.attach_runs(scheduler, manual_run)
    window_session.add_status_labels(window)
    window.rights = RightsFollower(window)
    window_session.use_session(window, session or session_without_login(editor))
    window.refresher = WindowRefresh(window, editor.changes)
    window.change_signal = window.refresher.signal
    window_session.add_case_count(window)
    set_shortcuts(window)
    window.panel.set_keyboard(window.delete_action)
    enable_attached(window, True)
    window.editing.reload()
    if window.runs is not None:
        window.runs.refresh_last_runs()
