"""The dialog "Datei importieren…": pick a local payment file, see its plan, book or not.

The work is ``jobs.file_import``: "Buchen" books exactly the plan the preview showed.
Reading the file, planning and booking all run through ``Op`` on a pool thread: a large
file or a busy database never freezes the window. Every change of the inputs throws the
shown plan away, so a plan can never be booked for other settings than it was made with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDir, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.formats.options import FileDateSource
from ..domain.interface import OpenItemGuards
from ..jobs.file_import import (
    ImportChoices,
    LoadedFile,
    Preview,
    is_concurrent_change,
    read_local_file,
)
from ..jobs.guard_override import failed_guards
from ..jobs.settle_file import ImportOutcome, ImportRequest, ImportResult
from .import_file_inputs import ImportFileInputs
from .import_preview_buttons import ImportPreviewButtons
from .import_preview_results import STYLE, ImportPreviewResults
from .ops import Op, error_text
from .widgets.screen_fit import resize_within_screen
from .widgets.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from ..jobs.file_import import LocalFileImport

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1100, 720)
# The parts' widgets that tests and screenshots read on the dialog itself.
INPUT_WIDGETS = (
    "path_edit",
    "browse_button",
    "format_combo",
    "detected_label",
    "settle_combo",
    "file_date_edit",
    "hint_label",
    "mandant_list",
)
BUTTON_ROW_WIDGETS = (
    "progress",
    "progress_label",
    "button_box",
    "preview_button",
    "book_button",
    "override_button",
    "cancel_button",
)


# -- the dialog ------------------------------------------------------------------------------


class ImportPreviewDialog(QDialog):
    """Choose a file and the settings, preview the plan, then book it or cancel."""

    fileLoaded = Signal()
    previewShown = Signal()  # a plan, a refusal or an error is on screen
    booked = Signal()  # the ledger changed

    def __init__(
        self,
        imports: LocalFileImport,
        lang: str = "de",
        today: date | None = None,
        parent: QWidget | None = None,
    ):
        """``imports``: the ledger and who imports (``LocalFileImport``)."""
        super().__init__(parent)
        self._imports = imports
        self._guards = OpenItemGuards()  # the chain's, once loaded
        self._lang = lang
        self._today = today or date.today()
        self._file: LoadedFile | None = None
        self._preview: Preview | None = None  # the plan on screen, bookable
        self._busy: str | None = None  # "reading", "loading", "planning", "booking"
        self._generation = 0  # results of older operations are dropped
        self._notice = ""  # why the plan was made again (shown with it)
        self._done_booking = False

        self.setWindowTitle(self.tr("Import file"))
        self.setStyleSheet(STYLE)
        self.setSizeGripEnabled(True)
        resize_within_screen(self, *DEFAULT_SIZE)

        self._inputs = ImportFileInputs(lang, self._today, self)
        self._inputs.browse_button.clicked.connect(self.browse)
        self._inputs.changed.connect(self._inputs_changed)
        self._results = ImportPreviewResults(lang, self)
        # What tests and screenshots read, where they always were.
        for name in ("banner", "totals_label", "model", "guards_box", "guards_label", "table"):
            setattr(self, name, getattr(self._results, name))
        for name in INPUT_WIDGETS:
            setattr(self, name, getattr(self._inputs, name))
        self._buttons = ImportPreviewButtons()
        for name in BUTTON_ROW_WIDGETS:
            setattr(self, name, getattr(self._buttons, name))
        buttons = self._buttons
        buttons.preview_button.clicked.connect(self.preview)
        buttons.book_button.clicked.connect(self.book)
        buttons.override_button.clicked.connect(self.override_guards)
        buttons.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._inputs)
        layout.addWidget(self._results, 1)
        layout.addLayout(self._buttons)

        guard_wheel(self)
        self._update_state()
        self._run("loading", imports.choices, self._choices_loaded, self._show_error)

    # --- questions to the user (overridable, so tests can answer them) ----------------------

    def ask_override(self, reasons: list[str]) -> bool:
        """Whether the user really wants to pass by the refusing checks."""
        answer = QMessageBox.warning(
            self,
            self.tr("Import anyway?"),
            self.tr(
                "The checks for open items refused this file:\n\n{reasons}\n\nAn open-items "
                "list takes every invoice it leaves out as paid. Only continue when you know "
                "the file is complete and current. The preview then shows what it books "
                "without the checks; “Book” books it once and writes it to the audit log."
            ).format(reasons="\n".join(f"• {r}" for r in reasons)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_file_path(self) -> Path | None:
        start = str(self._file.path.parent) if self._file else QDir.homePath()
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a payment file"),
            start,
            self.tr("Payment files (*.csv *.txt *.sta *.mt940 *.940 *.xml);;All files (*)"),
        )
        return Path(path) if path else None

    # --- state that tests and callers read ------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy is not None

    @property
    def current_result(self) -> ImportResult | None:
        """The result on screen: the preview, or after "Buchen" what was booked."""
        return self._preview.result if self._preview else None

    @property
    def file_date(self) -> date | None:
        """The day the file was written, as the field shows it; None before a file."""
        return None if self._file is None else self._inputs.file_date()

    def banner_kind(self) -> str:
        return self._results.banner_kind()

    # --- actions ----------------------------------------------------------------------------

    def browse(self) -> None:
        path = self.ask_file_path()
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        """Read ``path`` in the background and preselect the Importart it looks like."""
        self._inputs.path_edit.setText(str(path))
        self._file = None
        self._inputs.show_file_day(None)
        self._inputs_changed()
        self._run("reading", lambda: read_local_file(path), self._file_read, self._file_failed)

    def set_mandants(self, names: tuple[str, ...] | list[str]) -> None:
        self._inputs.mandant_list.set_checked(names)

    def preview(self) -> None:
        request = self._request()
        if request is None or self.busy:
            return
        imports = self._imports
        self._run(
            "planning", lambda: imports.preview(request), self._show_preview, self._plan_failed
        )

    def book(self) -> None:
        preview = self._preview
        if preview is None or self.busy or not self._bookable(preview.result):
            return
        imports = self._imports
        self._run("booking", lambda: imports.book(preview), self._booked, self._book_failed)

    def override_guards(self) -> None:
        """ "Import anyway …": after the user's yes, the plan without the refusing checks."""
        preview = self._preview
        if preview is None or self.busy or not self._overridable(preview):
            return
        plan = preview.result.plan
        reasons = [g.text(self._lang) for g in plan.guards if not g.passed] if plan else []
        if not self.ask_override(reasons):
            return
        imports = self._imports
        self._run(
            "planning",
            lambda: imports.preview_overriding(preview),
            self._show_preview,
            self._plan_failed,
        )

    # --- results ------------------------------------------------------------------------------

    def _choices_loaded(self, choices: ImportChoices) -> None:
        self._inputs.mandant_list.set_names(choices.mandants)
        if len(choices.mandants) == 1:
            self._inputs.mandant_list.set_checked(choices.mandants)  # the only choice
        self._inputs.fill_settle_combo(choices.future_bookings_allowed)
        self._guards = choices.guards
        self._update_state()

    def _file_read(self, loaded: LoadedFile) -> None:
        self._file = loaded
        if loaded.modified_on is not None:
            self._inputs.show_file_day(loaded.modified_on, FileDateSource.MODIFIED)
        else:  # no time stamp to go by: today, which the file does not say
            self._inputs.show_file_day(self._today)
        inputs = self._inputs
        if loaded.detected is not None:
            inputs.format_combo.setCurrentIndex(inputs.format_combo.findData(loaded.detected))
            inputs.detected_label.setText(self.tr("recognised from the file's content"))
        else:
            # Not the previous file's Importart by mistake: the user chooses for this one.
            inputs.format_combo.setCurrentIndex(-1)
            inputs.detected_label.setText(self.tr("not recognised: please choose"))
        self._inputs_changed()
        self.fileLoaded.emit()

    def _file_failed(self, exc: Exception) -> None:
        self._file = None
        self._inputs.show_file_day(None)
        self._inputs.detected_label.clear()
        self._show_error(exc)
        self._update_state()
        self.fileLoaded.emit()

    def _show_preview(self, preview: Preview) -> None:
        self._preview = preview
        notice, self._notice = self._notice, ""
        self._results.show_preview(preview, notice)
        self._update_state()
        self.previewShown.emit()

    def _plan_failed(self, exc: Exception) -> None:
        self._show_error(exc)
        self.previewShown.emit()

    def _booked(self, result: ImportResult) -> None:
        self._done_booking = True
        self._results.show_booked(result)
        # Booked once; a second "Buchen" of the same plan must not even be offered.
        self._preview = Preview(self._preview.request, result, ()) if self._preview else None
        self._buttons.show_closing(True)
        self._update_state()
        self.booked.emit()

    def _book_failed(self, exc: Exception) -> None:
        if is_concurrent_change(exc):
            # The transaction was rolled back: nothing of this file is booked. Another
            # import or user changed the invoices since the preview; show the new plan.
            log.info("import preview: concurrent change while booking, planning again")
            self._notice = self.tr(
                "The invoices changed since the preview (another import or user), so nothing "
                "was booked. The preview has been made again: please check it and book again."
            )
            self._preview = None
            self.preview()
            return
        log.error("booking the import failed", exc_info=exc)
        self._results.set_banner(
            "error",
            self.tr("Not booked, the ledger is unchanged: {detail}").format(
                detail=error_text(exc, self._lang)
            ),
        )
        self._update_state()

    def _show_error(self, exc: Exception) -> None:
        self._preview = None
        if not hasattr(exc, "message_de"):
            log.error("import preview failed", exc_info=exc)  # not the user's input: ours
        self._results.show_error(exc)
        self._update_state()

    # --- state ------------------------------------------------------------------------------

    def _inputs_changed(self, *_args: Any) -> None:
        """Any change of the inputs makes the plan on screen stale: it is thrown away."""
        self._preview = None
        self._done_booking = False
        self._buttons.show_closing(False)
        self._results.show_nothing()
        self._update_state()

    def _request(self) -> ImportRequest | None:
        return self._inputs.request(self._file, self._guards, self.file_date)

    @staticmethod
    def _bookable(result: ImportResult) -> bool:
        return result.outcome is ImportOutcome.BOOKED and result.dry_run

    @staticmethod
    def _overridable(preview: Preview) -> bool:
        return preview.result.dry_run and bool(failed_guards(preview.result))

    def _update_state(self) -> None:
        busy, inputs, buttons = self.busy, self._inputs, self._buttons
        missing = inputs.missing_input(self._file, self._busy)
        inputs.hint_label.setText(missing)
        inputs.setEnabled(not busy)
        inputs.file_date_edit.setEnabled(self._file is not None)
        buttons.preview_button.setEnabled(not busy and not missing)
        buttons.book_button.setEnabled(
            not busy and self._preview is not None and self._bookable(self._preview.result)
        )
        overridable = self._preview is not None and self._overridable(self._preview)
        buttons.override_button.setVisible(overridable)
        buttons.override_button.setEnabled(overridable and not busy)
        # While booking the transaction runs on; closing now would pretend it did not.
        buttons.cancel_button.setEnabled(self._busy != "booking")
        buttons.show_busy(self._busy)
        default = buttons.book_button if buttons.book_button.isEnabled() else buttons.preview_button
        default.setDefault(True)

    def _run(
        self,
        kind: str,
        work: Callable[[], Any],
        success: Callable[[Any], None],
        failure: Callable[[Exception], None],
    ) -> None:
        self._generation += 1
        generation = self._generation
        self._busy = kind
        self._update_state()

        def current() -> bool:
            # Closed (and maybe deleted) meanwhile, or superseded: drop the result.
            return isValid(self) and generation == self._generation

        def succeeded(result: Any) -> None:
            if current():
                self._busy = None
                success(result)
                self._update_state()

        def failed(exc: Exception) -> None:
            if current():
                self._busy = None
                failure(exc)
                self._update_state()

        Op(work, parent=self).success(succeeded).failure(failed).run_in_background()

    def done(self, result: int) -> None:
        if self._busy == "booking":
            return  # see _update_state: wait for the transaction's end
        self._generation += 1  # whatever still runs (reading, planning) is not wanted now
        self._busy = None
        super().done(result)
