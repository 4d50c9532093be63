""" "Jetzt ausführen": the run in the background, and a small window with its progress.

``RunNowController`` runs one manual run at a time through ``ManualRun`` on a pool thread
of its own and reports on the GUI thread. ``RunProgressDialog`` shows the run's steps as
they come, "Abbrechen" (the run stops at its next safe point, never inside a booking),
and at the end what happened: files, bookings, errors.
"""

from __future__ import annotations

import threading
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..jobs.run_import import RunProgress, RunResult
from ..jobs.run_now import ManualRun
from ..jobs.view_queries import file_history
from .history_view import FilesModel, fit_columns
from .interface_list_model import status_icon
from .money_text import money_text
from .ops import Op, error_text
from .run_texts import progress_text
from .translations import ui_language
from .widgets.screen_fit import resize_within_screen

STOP_TIMEOUT_MS = 30_000  # on quit: time for the current file to finish
SKIPPED_SHOWN = 10  # skipped files named at the end; the history lists them all


class RunNowController(QObject):
    """Starts manual runs, one at a time; every signal arrives on the GUI thread."""

    started = Signal(str)  # name
    progress = Signal(object)  # RunProgress
    finished = Signal(str, object)  # name, RunResult
    crashed = Signal(str, str)  # name, what to tell the user: the run could not even end

    _progress_from_worker = Signal(object)

    def __init__(self, run: ManualRun, parent: QObject | None = None):
        super().__init__(parent)
        self.run = run
        self._name: str | None = None
        self._cancel = threading.Event()
        self._stop_after_file = threading.Event()
        # A pool of its own: quitting waits for this run, not for every other Op.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Queued: emitted on the pool thread, re-emitted here on the GUI thread.
        self._progress_from_worker.connect(self._relay, Qt.ConnectionType.QueuedConnection)

    @property
    def running_name(self) -> str | None:
        """The interface running now, None when idle."""
        return self._name

    def start(self, name: str, *, force: bool = False) -> bool:
        """Run ``name`` now; False (and nothing started) while another run is going.
        ``force``: the user confirmed a run outside 06:00-22:00."""
        if self._name is not None:
            return False
        self._name = name
        cancel = self._cancel = threading.Event()
        stop = self._stop_after_file = threading.Event()
        run, report = self.run, self._progress_from_worker.emit

        def work() -> RunResult:
            return run(name, cancel=cancel, stop_after_file=stop, on_progress=report, force=force)

        Op(work).success(self._done).failure(self._failed).run_in_background(self._pool)
        self.started.emit(name)
        return True

    def cancel(self) -> None:
        """Stop at the next safe point: a booking in progress still commits or rolls back."""
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._name is not None and self._cancel.is_set()

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """On quit: let the current file finish, then end the run; False on time-out."""
        self._stop_after_file.set()
        return self._pool.waitForDone(timeout_ms)

    @Slot(object)
    def _relay(self, step: RunProgress) -> None:
        if self._name is not None:
            self.progress.emit(step)

    def _done(self, result: RunResult) -> None:
        name, self._name = self._name or result.interface, None
        self.finished.emit(name, result)

    def _failed(self, exc: Exception) -> None:
        name, self._name = self._name or "", None
        self.crashed.emit(name, error_text(exc))


class RunProgressDialog(QDialog):
    """The progress of one manual run. Closing it only hides it (a QDialog is not deleted on
    close): the run goes on, and "Jetzt ausführen" shows it again."""

    historyRequested = Signal(str)  # name
    casesRequested = Signal(int)  # the run's id: the Klärungsfälle it opened

    def __init__(self, controller: RunNowController, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("runProgressDialog")
        self._controller = controller
        self.name = name
        self.run_result: RunResult | None = None
        self.setWindowTitle(self.tr("Run now – {name}").format(name=name))
        resize_within_screen(self, 900, 460)  # the files table with its error column

        self.step_label = QLabel(self.tr("Starting …"))
        self.step_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # busy until the number of files is known
        self.progress_bar.setTextVisible(False)
        self.steps_list = QListWidget()
        self.steps_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.result_icon = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_icon, 0, Qt.AlignmentFlag.AlignTop)
        result_row.addWidget(self.result_label, 1)
        self.files_model = FilesModel(self)
        self.files_view = QTableView()
        self.files_view.setModel(self.files_model)
        self.files_view.verticalHeader().hide()
        self.files_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files_view.setWordWrap(False)
        self.files_view.horizontalHeader().setStretchLastSection(True)
        self.files_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.files_view.hide()

        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.steps_list, 1)
        layout.addLayout(result_row)
        layout.addWidget(self.files_view, 1)
        layout.addLayout(buttons)

        controller.progress.connect(self._on_progress)
        controller.finished.connect(self._on_finished)
        controller.crashed.connect(self._on_crashed)

    def _build_buttons(self) -> QHBoxLayout:
        self.history_button = QPushButton(self.tr("History …"))
        self.history_button.clicked.connect(lambda: self.historyRequested.emit(self.name))
        self.history_button.hide()
        self.cases_button = QPushButton()
        self.cases_button.setObjectName("runCasesButton")
        self.cases_button.clicked.connect(self._request_cases)
        self.cases_button.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop the run at the next safe point; a file being booked is finished first.")
        )
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.close_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.cases_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        return buttons

    def steps(self) -> list[str]:
        """The step messages shown so far (what the user read)."""
        return [self.steps_list.item(i).text() for i in range(self.steps_list.count())]

    def cancel(self) -> None:
        self._controller.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancelling …"))
        self.step_label.setText(self.tr("Cancelling: the run stops at the next safe point …"))

    def _on_progress(self, step: RunProgress) -> None:
        if step.interface != self.name:
            return
        if step.step == "done":
            return  # the result below says it, with more detail
        if not self._controller.cancelling:
            self.step_label.setText(progress_text(step))
        if step.file_count:
            self.progress_bar.setRange(0, step.file_count)
            self.progress_bar.setValue(step.file_index - 1)
            self.progress_bar.setTextVisible(True)
            self.progress_bar.setFormat(
                self.tr("File {index} of {count}").format(
                    index=step.file_index, count=step.file_count
                )
            )
        stamp = datetime.now().strftime("%H:%M:%S")
        self.steps_list.addItem(f"{stamp}  {progress_text(step)}")
        self.steps_list.scrollToBottom()

    def _on_finished(self, name: str, result: RunResult) -> None:
        if name != self.name:
            return
        self.run_result = result
        self.files_model.set_records([file_history(f) for f in result.files])
        self.files_view.setVisible(bool(result.files))
        fit_columns(self.files_view)
        self.step_label.setText(self.summary(result))
        self.result_label.setText(self.details(result))
        self.result_icon.setPixmap(status_icon(result.status.value).pixmap(32, 32))
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(self.progress_bar.maximum())
        self.progress_bar.setTextVisible(False)
        self._show_end_buttons()
        cases = sum(len(f.case_ids) for f in result.files)
        if cases and result.run_id is not None:
            self.cases_button.setText(self.tr("Payments to &clarify (%n) …", "", cases))
            self.cases_button.show()

    def _request_cases(self) -> None:
        if self.run_result is not None and self.run_result.run_id is not None:
            self.casesRequested.emit(self.run_result.run_id)

    def _on_crashed(self, name: str, message: str) -> None:
        if name != self.name:
            return
        self.step_label.setText(
            self.tr("The run could not be carried out: {detail}").format(detail=message)
        )
        self.result_icon.setPixmap(status_icon("failed").pixmap(32, 32))
        self.progress_bar.setRange(0, 1)
        self._show_end_buttons()

    def _show_end_buttons(self) -> None:
        self.cancel_button.hide()
        self.close_button.show()
        self.history_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def summary(self, result: RunResult) -> str:
        """One line: how the run ended."""
        status = result.status.value
        if status == "ok":
            return self.tr("Finished.")
        if status == "failed":
            return self.tr("The run failed.")
        if status == "cancelled":
            return self.tr("Cancelled.")
        return self.tr("Not run.")

    def details(self, result: RunResult) -> str:
        """Files, bookings and what went wrong, as the user reads them at the end."""
        booked = sum(f.booked for f in result.files)
        amount = sum((f.booked_amount for f in result.files), start=Decimal("0.00"))
        failed = [f for f in result.files if f.error]
        lines = []
        if result.files:
            lines.append(
                self.tr("Files: {files} · bookings: {booked} · amount: {amount}").format(
                    files=len(result.files), booked=booked, amount=money_text(amount)
                )
            )
        elif not result.skipped and result.status.value in ("ok", "cancelled"):
            lines.append(self.tr("No new files on the server."))
        if failed:
            lines.append(self.tr("Files with errors: {count}").format(count=len(failed)))
        lines += self._skipped_lines(result)
        if result.error and result.status.value != "ok":
            lines.append(result.error_text(ui_language()))
        if result.mailed:
            lines.append(self.tr("The error report was sent by e-mail."))
        return "\n".join(lines)

    def _skipped_lines(self, result: RunResult) -> list[str]:
        """The files left on the server unread, each with why, in the window's language."""
        if not result.skipped:
            return []
        count = len(result.skipped)
        lang = ui_language()
        lines = [self.tr("%n file(s) skipped, left on the server:", "", count)]
        lines += [f"• {s.line(lang)}" for s in result.skipped[:SKIPPED_SHOWN]]
        if count > SKIPPED_SHOWN:
            hidden = count - SKIPPED_SHOWN
            lines.append(self.tr("… and %n more: see the history", "", hidden))
        return lines
