"""This computer's branch (Filiale): kept in settings.ini, not in the chain's database,
because it belongs to the computer. A change re-plans the scheduler at once, is audited
(it decides which interfaces run here) and is announced for the status bar."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from ..config import BRANCH_SETTING
from ..jobs.change_audit import WORKSTATION_BRANCH_CHANGED, WORKSTATION_BRANCH_FIELD
from .ops import Op

if TYPE_CHECKING:
    from ..jobs.change_audit import ChangeAudit
    from ..jobs.scheduler_thread import SchedulerThread

log = logging.getLogger(__name__)


def branch_setting(settings: QSettings) -> str | None:
    return str(settings.value(BRANCH_SETTING, "") or "").strip() or None


class WorkstationBranch(QObject):
    changed = Signal(object)  # the new branch, or None

    def __init__(
        self,
        settings: QSettings,
        host_name: str,
        *,
        scheduler: SchedulerThread | None = None,
        audit: ChangeAudit | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._settings = settings
        self.host_name = host_name
        self._scheduler = scheduler
        self._audit = audit

    def set_scheduler(self, scheduler: SchedulerThread | None) -> None:
        """Which scheduler re-plans when the branch changes (once the runs are there)."""
        self._scheduler = scheduler

    def set_audit(self, audit: ChangeAudit | None) -> None:
        """Whose changes these are from now on (another user logged in)."""
        self._audit = audit

    def branch(self) -> str | None:
        return branch_setting(self._settings)

    def set_branch(self, branch: str | None) -> None:
        branch = (branch or "").strip() or None
        previous = self.branch()
        if branch == previous:
            return
        if branch is None:
            self._settings.remove(BRANCH_SETTING)
        else:
            self._settings.setValue(BRANCH_SETTING, branch)
        self._settings.sync()
        log.info("this computer's branch: %s (was %s)", branch, previous)
        if self._scheduler is not None:
            self._scheduler.set_this_branch(branch)
        self.changed.emit(branch)
        audit = self._audit
        if audit is not None:
            Op(
                lambda: audit.record(
                    WORKSTATION_BRANCH_CHANGED,
                    self.host_name,
                    fields=[WORKSTATION_BRANCH_FIELD],
                    branch=branch or "",
                    previous=previous or "",
                )
            ).failure(
                lambda exc: log.error("branch change not audited: %s", type(exc).__name__)
            ).run_in_background()

    def branch_renamed(self, old: str, new: str) -> None:
        """A branch was renamed in the catalogue: if it is this computer's, follow it."""
        if self.branch() == old:
            self.set_branch(new)
