"""The tray icon: how the imports stand (idle, running, failed, stale) at a glance.

``RunBoard`` is the logic, without Qt widgets, so it is tested without a system tray;
``RunTray`` shows it. A desktop notification comes when an interface starts failing or
turns stale, once: not for every retry of a failing interface, not for an expected skip
(the interface ran elsewhere), and not for a manual run whose window shows the result.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from ..jobs.scheduler import NextRun, StaleInfo
from ..resources import icon_file
from .interface_list_model import list_time
from .ops import Op

log = logging.getLogger(__name__)


class TrayState(enum.StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    FAILED = "failed"
    STALE = "stale"


TRAY_ICONS = {
    TrayState.IDLE: "run-ok.svg",
    TrayState.RUNNING: "run-running.svg",
    TrayState.FAILED: "run-failed.svg",
    TrayState.STALE: "run-stale.svg",
}


@dataclass(frozen=True)
class Notification:
    title: str
    message: str
    critical: bool


class RunBoard:
    """What runs, what fails, what is stale; and whether a change deserves a notification."""

    def __init__(self) -> None:
        self.running: set[str] = set()
        self.failing: set[str] = set()
        self.stale: dict[str, StaleInfo] = {}
        self.next_run: tuple[str, datetime] | None = None

    @property
    def state(self) -> TrayState:
        # A run in progress is what the user is waiting for; then what needs attention.
        if self.running:
            return TrayState.RUNNING
        if self.failing:
            return TrayState.FAILED
        if self.stale:
            return TrayState.STALE
        return TrayState.IDLE

    def seed(self, last_statuses: dict[str, str]) -> None:
        """What failed before this start: shown, but not announced again."""
        self.failing |= {name for name, status in last_statuses.items() if status == "failed"}

    def run_started(self, name: str) -> None:
        self.running.add(name)

    def run_finished(self, name: str, status: str) -> bool:
        """True when this run is news: the interface failed and was not failing before."""
        self.running.discard(name)
        if status == "ok":
            self.failing.discard(name)
            return False
        if status == "failed":
            new = name not in self.failing
            self.failing.add(name)
            return new
        return False  # skipped (ran elsewhere) or cancelled: expected, nothing to say

    def set_stale(self, stale: list[StaleInfo]) -> list[StaleInfo]:
        """Replace the stale set; returns the interfaces that turned stale just now."""
        newly = [info for info in stale if info.name not in self.stale]
        self.stale = {info.name: info for info in stale}
        return newly

    def set_next_runs(self, next_runs: dict[str, NextRun]) -> None:
        due = [(when, name) for name, when in next_runs.items() if isinstance(when, datetime)]
        self.next_run = (min(due)[1], min(due)[0]) if due else None


class RunTray(QObject):
    """The tray icon over a ``RunBoard``; without a system tray it only keeps the state."""

    stateChanged = Signal(str)  # TrayState value
    notified = Signal(str, str)  # title, message: what the desktop notification said

    def __init__(
        self,
        window: QWidget,
        *,
        load_last_statuses: Callable[[], dict[str, str]] | None = None,
        use_system_tray: bool | None = None,
    ):
        super().__init__(window)
        self.board = RunBoard()
        self._window = window
        self._state: TrayState | None = None
        available = QSystemTrayIcon.isSystemTrayAvailable()
        show = available if use_system_tray is None else use_system_tray and available
        self.icon: QSystemTrayIcon | None = QSystemTrayIcon(self) if show else None
        if self.icon is not None:
            self.icon.setContextMenu(self._menu())
            self.icon.activated.connect(self._on_activated)
        self._update()
        if self.icon is not None:
            self.icon.show()
        if load_last_statuses is not None:
            Op(load_last_statuses, parent=window).success(self._seeded).failure(
                lambda exc: log.warning("tray: last runs not read: %s", exc)
            ).run_in_background()

    @property
    def state(self) -> TrayState:
        return self.board.state

    def tooltip(self) -> str:
        board = self.board
        lines = [self.tr("Accounting import")]
        if board.running:
            lines.append(self.tr("Running: {names}").format(names=_names(board.running)))
        if board.failing:
            lines.append(self.tr("Failed: {names}").format(names=_names(board.failing)))
        for info in sorted(board.stale.values(), key=lambda i: i.name):
            lines.append(
                self.tr("{name}: no successful run since {time}").format(
                    name=info.name, time=list_time(info.since)
                )
            )
        if board.state is TrayState.IDLE:
            lines.append(self.tr("All imports are fine."))
        if board.next_run is not None:
            name, when = board.next_run
            lines.append(
                self.tr("Next run: {time} ({name})").format(time=list_time(when), name=name)
            )
        return "\n".join(lines)

    # --- news from the scheduler and from "Jetzt ausführen" ----------------------------------

    def run_started(self, name: str, _trigger: str = "") -> None:
        self.board.run_started(name)
        self._update()

    def run_finished(self, name: str, status: str) -> None:
        """A scheduled run ended: a new failure is announced."""
        if self.board.run_finished(name, status):
            self._notify(
                Notification(
                    self.tr("Import failed"),
                    self.tr("“{name}” failed. The history shows the details.").format(name=name),
                    critical=True,
                )
            )
        self._update()

    def manual_run_finished(self, name: str, status: str) -> None:
        """A manual run ended: its window already says how, so no notification."""
        self.board.run_finished(name, status)
        self._update()

    def stale_changed(self, stale: list[StaleInfo]) -> None:
        newly = self.board.set_stale(stale)
        if newly:
            self._notify(
                Notification(
                    self.tr("Imports overdue"),
                    "\n".join(
                        self.tr("{name}: no successful run since {time}").format(
                            name=info.name, time=list_time(info.since)
                        )
                        for info in newly
                    ),
                    critical=False,
                )
            )
        self._update()

    def next_runs_changed(self, next_runs: dict[str, NextRun]) -> None:
        self.board.set_next_runs(next_runs)
        self._update()

    # --- showing ------------------------------------------------------------------------------

    def _seeded(self, last_statuses: dict[str, str]) -> None:
        self.board.seed(last_statuses)
        self._update()

    def _update(self) -> None:
        state = self.board.state
        if self.icon is not None:
            self.icon.setIcon(QIcon(str(icon_file(TRAY_ICONS[state]))))
            self.icon.setToolTip(self.tooltip())
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state.value)

    def _notify(self, note: Notification) -> None:
        log.info("notification: %s: %s", note.title, note.message)
        if self.icon is not None:
            kind = (
                QSystemTrayIcon.MessageIcon.Critical
                if note.critical
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.icon.showMessage(note.title, note.message, kind, 15_000)
        self.notified.emit(note.title, note.message)

    def _menu(self) -> QMenu:
        menu = QMenu(self._window)
        show = QAction(self.tr("Show window"), menu)
        show.triggered.connect(self._show_window)
        quit_ = QAction(self.tr("Quit"), menu)
        quit_.triggered.connect(self._window.close)
        menu.addAction(show)
        menu.addSeparator()
        menu.addAction(quit_)
        return menu

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._show_window()

    def _show_window(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def hide(self) -> None:
        """Remove the icon now (on quit), not when Python collects it."""
        if self.icon is not None:
            self.icon.hide()


def _names(names: set[str]) -> str:
    return ", ".join(sorted(names))
