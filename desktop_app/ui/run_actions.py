"""The runs in the main window: "Jetzt ausführen", the history windows, and what the
scheduler and the runs say about each interface (next run, last run, running, stale)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from .ops import Op, error_text

if TYPE_CHECKING:
    from ..jobs.scheduler_errors import SchedulerError
    from ..jobs.scheduler_thread import SchedulerThread
    from ..jobs.view_queries import ViewQueries
    from .history_view import HistoryDialog
    from .interface_editing import InterfaceEditing
    from .interface_list_panel import InterfaceListPanel
    from .main_window import MainWindow
    from .run_progress import RunNowController, RunProgressDialog

log = logging.getLogger(__name__)


class RunActions(QObject):
    """Connects the runs of ``window`` (its run controller and scheduler) to its list."""

    def __init__(
        self,
        window: MainWindow,
        panel: InterfaceListPanel,
        editing: InterfaceEditing,
        queries: ViewQueries,
    ):
        super().__init__(window)
        self._window = window
        self._panel = panel
        self._editing = editing
        self._queries = queries
        self.controller: RunNowController | None = None
        self._scheduler: SchedulerThread | None = None
        self.run_dialog: RunProgressDialog | None = None  # of the last "Jetzt ausführen"
        self._history_dialogs: dict[int, HistoryDialog] = {}
        panel.activated.connect(self.show_selected_history)

    def connect_runs(
        self, controller: RunNowController | None, scheduler: SchedulerThread | None
    ) -> None:
        """The runs to show: "Jetzt ausführen" (``controller``) and the scheduler's."""
        self.controller, self._scheduler = controller, scheduler
        self._connect_controller()
        self._connect_scheduler()

    def _connect_controller(self) -> None:
        model, runs = self._panel.model, self.controller
        if runs is None:
            return
        runs.started.connect(lambda name: model.set_running(name, True))
        runs.finished.connect(lambda name, _result: self._manual_run_ended(name))
        runs.crashed.connect(lambda name, _message: self._manual_run_ended(name))

    def _connect_scheduler(self) -> None:
        model, scheduler = self._panel.model, self._scheduler
        if scheduler is None:
            return
        scheduler.next_runs_changed.connect(model.set_next_runs)
        # Published after every run and re-plan: a good moment to re-read the last runs
        # too (they may come from another computer of the chain).
        scheduler.next_runs_changed.connect(lambda _runs: self.refresh_last_runs())
        scheduler.stale_changed.connect(model.set_stale)
        scheduler.run_started.connect(lambda name, _trigger: model.set_running(name, True))
        scheduler.run_finished.connect(lambda name, _status: self._run_ended(name))
        scheduler.error.connect(self._scheduler_failed)

    def _scheduler_failed(self, error: SchedulerError) -> None:
        from .run_texts import scheduler_error_text

        window = self._window
        window.statusBar().showMessage(scheduler_error_text(error, window.lang), 30000)

    # --- the last runs ----------------------------------------------------------------------

    def refresh_last_runs(self) -> None:
        """Read every interface's last run in the background into the list."""
        queries, window = self._queries, self._window

        def failed(exc: Exception) -> None:
            log.warning("last runs not read: %s", exc)
            window.statusBar().showMessage(
                self.tr("The last runs could not be read: {detail}").format(
                    detail=error_text(exc, window.lang)
                ),
                15000,
            )

        # The list fits its columns to the new texts.
        Op(queries.last_runs, parent=window).success(self._panel.model.set_last_runs).failure(
            failed
        ).run_in_background(secondary=True)

    def _run_ended(self, name: str) -> None:
        self._panel.model.set_running(name, False)
        self.refresh_last_runs()
        for dialog in self._history_dialogs.values():
            if dialog.interface.settings.name == name and dialog.isVisible():
                dialog.reload()

    def _manual_run_ended(self, name: str) -> None:
        self._run_ended(name)
        if self._scheduler is not None:
            # The run changed the schedule state (last success, failures): re-read it.
            self._scheduler.interfaces_changed()

    # --- "Jetzt ausführen" ------------------------------------------------------------------

    def run_selected_now(self) -> None:
        """ "Jetzt ausführen" for the selected interface, as stored (unsaved changes first)."""
        runs, editing = self.controller, self._editing
        if runs is None or editing.current is None or editing.busy:
            return
        if runs.running_name is not None:
            # A second click starts no second run; it shows the one that runs.
            if self.run_dialog is not None:
                self.run_dialog.show()
                self.run_dialog.raise_()
                self.run_dialog.activateWindow()
            return
        editing.with_clean_form(self._start_run)

    def _start_run(self) -> None:
        from .run_progress import RunProgressDialog

        runs, current = self.controller, self._editing.current
        if runs is None or current is None:
            return
        name = current.settings.name  # after a save it may have a new name
        refusal = runs.run.not_released(current)
        if refusal is not None:  # no answer of the user's makes it run: said, not asked
            self._window.tell_run_refused(error_text(refusal, self._window.lang))
            return
        # The run itself refuses the hours of maintenance unless the user said yes here.
        force = runs.run.outside_window()
        if force and not self._window.confirm_outside_window(name):
            return
        if self.run_dialog is not None:
            self.run_dialog.deleteLater()
        dialog = RunProgressDialog(runs, name, self._window)
        dialog.historyRequested.connect(self.show_history)
        dialog.casesRequested.connect(self._window.open_cases)
        self.run_dialog = dialog
        if runs.start(name, force=force):
            dialog.show()

    # --- the history ------------------------------------------------------------------------

    def show_selected_history(self) -> None:
        current = self._editing.current
        if current is not None:
            self.show_history(current.settings.name)

    def show_history(self, name: str) -> HistoryDialog | None:
        """The history window of ``name``: one per interface, refreshed when shown again."""
        from ..jobs.view_queries import interface_gone_text
        from .history_view import HistoryDialog

        stored = self._panel.interface(name)  # as the list read it; the dialog reads on
        if stored is None:
            self._window.statusBar().showMessage(interface_gone_text(name, self._window.lang), 8000)
            return None
        dialog = self._history_dialogs.get(stored.id)
        if dialog is None:
            dialog = HistoryDialog(self._queries, stored, self._window)
            dialog.casesRequested.connect(self._window.open_cases)
            self._history_dialogs[stored.id] = dialog
        elif not dialog.loading:
            dialog.reload()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
