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
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QDate, QDir, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.interface import ImportFormat, OpenItemGuards, SettleUntil
from ..domain.settlement import GuardConfig
from ..jobs.file_import import (
    ImportChoices,
    LoadedFile,
    Preview,
    is_concurrent_change,
    read_local_file,
)
from ..jobs.guard_override import failed_guards
from ..jobs.settle_file import ImportOutcome, ImportRequest, ImportResult
from .import_preview_results import STYLE, ImportPreviewResults
from .money_text import date_text, qt_date_format
from .ops import Op, error_text
from .widgets.checkable_list import CheckableList
from .widgets.screen_fit import resize_within_screen
from .widgets.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from ..jobs.file_import import LocalFileImport

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1100, 720)


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

        self._inputs = self._build_inputs()
        self._results = ImportPreviewResults(lang, self)
        # What tests and screenshots read, where they always were.
        for name in ("banner", "totals_label", "model", "guards_box", "guards_label", "table"):
            setattr(self, name, getattr(self._results, name))
        self._buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self._inputs)
        layout.addWidget(self._results, 1)
        layout.addLayout(self._buttons)

        guard_wheel(self)
        self._update_state()
        self._run("loading", imports.choices, self._choices_loaded, self._show_error)

    # --- building ---------------------------------------------------------------------------

    def _build_inputs(self) -> QGroupBox:
        group = QGroupBox(self.tr("File and settings"), self)
        grid = QGridLayout(group)
        # Columns: label, value | label, Mandant list | the file's "Choose" button.
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.browse_button = QPushButton(self.tr("Choose …"))
        self.browse_button.clicked.connect(self.browse)
        grid.addWidget(QLabel(self.tr("File:")), 0, 0)
        grid.addWidget(self.path_edit, 0, 1, 1, 3)
        grid.addWidget(self.browse_button, 0, 4)

        label = (lambda f: f.label_en) if self._lang == "en" else (lambda f: f.label_de)
        self.format_combo = QComboBox()
        for f in ImportFormat:
            self.format_combo.addItem(label(f), f.value)
        self.format_combo.setPlaceholderText(self.tr("Please choose"))
        self.format_combo.setCurrentIndex(-1)
        self.format_combo.currentIndexChanged.connect(self._inputs_changed)
        self.detected_label = QLabel()
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_combo)
        format_row.addSpacing(8)
        format_row.addWidget(self.detected_label, 1)
        grid.addWidget(QLabel(self.tr("Import type:")), 1, 0)
        grid.addLayout(format_row, 1, 1)

        self.settle_combo = QComboBox()
        self._fill_settle_combo(future_allowed=False)
        # One width for both choices: they line up under each other.
        width = max(self.format_combo.sizeHint().width(), self.settle_combo.sizeHint().width())
        self.format_combo.setMinimumWidth(width)
        self.settle_combo.setMinimumWidth(width)
        self.settle_combo.currentIndexChanged.connect(self._inputs_changed)
        settle_row = QHBoxLayout()
        settle_row.addWidget(self.settle_combo)
        settle_row.addStretch(1)
        grid.addWidget(QLabel(self.tr("Set invoices paid as of:")), 2, 0)
        grid.addLayout(settle_row, 2, 1)

        grid.addWidget(self._build_file_date(), 3, 0)
        date_row = QHBoxLayout()
        date_row.addWidget(self.file_date_edit)
        date_row.addStretch(1)
        grid.addLayout(date_row, 3, 1)

        self.hint_label = QLabel()
        self.hint_label.setObjectName("hint")
        grid.addWidget(self.hint_label, 4, 1)

        self.mandant_list = CheckableList()
        self.mandant_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.mandant_list.setFixedWidth(self.fontMetrics().horizontalAdvance("0" * 32))
        self.mandant_list.changed.connect(self._inputs_changed)
        mandant_label = QLabel(self.tr("Clients:"))
        mandant_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(mandant_label, 1, 2)
        grid.addWidget(self.mandant_list, 1, 3, 4, 2)
        return group

    def _build_file_date(self) -> QLabel:
        """The day the file was written: an Offene-Posten list does not know the invoices
        of that day and later, so their absence is no payment. Preset from the file's
        modification time once it is read; empty (off) until then."""
        self.file_date_edit = QDateEdit()
        self.file_date_edit.setDisplayFormat(qt_date_format(self._lang))
        self.file_date_edit.setCalendarPopup(True)
        # No file is written later than today (see file_import._not_after). The minimum
        # stays Qt's own: any earlier day (31.12.1999 too) may be a file's real day.
        today = self._today
        self.file_date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self._show_file_day(None)
        self.file_date_edit.setEnabled(False)
        tip = self.tr(
            "Invoices dated on or after this day are not taken as paid when an open-items "
            "list leaves them out: the list may not know them yet. Preset: the day the file "
            "was last modified. A date inside the file itself takes precedence."
        )
        self.file_date_edit.setToolTip(tip)
        self.file_date_edit.setAccessibleName(self.tr("File as of"))
        self.file_date_edit.setAccessibleDescription(tip)
        self.file_date_edit.dateChanged.connect(self._inputs_changed)
        label = QLabel(self.tr("File &as of:"))
        label.setBuddy(self.file_date_edit)
        label.setToolTip(tip)
        return label

    def _show_file_day(self, day: date | None) -> None:
        """``day`` in the field, or "–" (not a made-up day) while no file is read: the
        minimum shows that mark only then, so that no real day turns into it."""
        field = self.file_date_edit
        if day is None:
            field.setSpecialValueText("–")
            field.setDate(field.minimumDate())
        else:
            field.setSpecialValueText("")
            field.setDate(QDate(day.year, day.month, day.day))

    def _fill_settle_combo(self, future_allowed: bool) -> None:
        current = self.settle_combo.currentData() or SettleUntil.TODAY.value
        texts = {
            SettleUntil.YESTERDAY: self.tr("yesterday ({date})"),
            SettleUntil.TODAY: self.tr("today ({date})"),
            SettleUntil.TOMORROW: self.tr("tomorrow ({date})"),
        }
        self.settle_combo.blockSignals(True)
        self.settle_combo.clear()
        for choice, text in texts.items():
            # "morgen" books into the future: only when the chain options allow it.
            if choice is SettleUntil.TOMORROW and not future_allowed:
                continue
            day = date_text(choice.booking_date(self._today), self._lang)
            self.settle_combo.addItem(text.format(date=day), choice.value)
        index = self.settle_combo.findData(current)
        self.settle_combo.setCurrentIndex(index if index >= 0 else 1)
        self.settle_combo.blockSignals(False)

    def _build_buttons(self) -> QHBoxLayout:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy, no percentage: the engine reports none
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.button_box = QDialogButtonBox()
        self.preview_button = self.button_box.addButton(
            self.tr("Preview"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button.setToolTip(self.tr("Show what the file would book; writes nothing."))
        self.preview_button.clicked.connect(self.preview)
        self.book_button = self.button_box.addButton(
            self.tr("Book"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.book_button.setToolTip(self.tr("Book exactly the preview shown."))
        self.book_button.clicked.connect(self.book)
        self.override_button = self.button_box.addButton(
            self.tr("Import anyway …"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.override_button.setToolTip(
            self.tr(
                "The checks for open items refused this file. Shows what it books without "
                "them; booking it is written to the audit log."
            )
        )
        self.override_button.clicked.connect(self.override_guards)
        self.cancel_button = self.button_box.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.progress)
        row.addWidget(self.progress_label)
        row.addStretch(1)
        row.addWidget(self.button_box)
        return row

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
        if self._file is None:
            return None
        return cast(date, self.file_date_edit.date().toPython())  # typed as object

    def banner_kind(self) -> str:
        return self._results.banner_kind()

    # --- actions ----------------------------------------------------------------------------

    def browse(self) -> None:
        path = self.ask_file_path()
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        """Read ``path`` in the background and preselect the Importart it looks like."""
        self.path_edit.setText(str(path))
        self._file = None
        self._show_file_day(None)
        self._inputs_changed()
        self._run("reading", lambda: read_local_file(path), self._file_read, self._file_failed)

    def set_mandants(self, names: tuple[str, ...] | list[str]) -> None:
        self.mandant_list.set_checked(names)

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
        self.mandant_list.set_names(choices.mandants)
        if len(choices.mandants) == 1:
            self.mandant_list.set_checked(choices.mandants)  # the only choice
        self._fill_settle_combo(choices.future_bookings_allowed)
        self._guards = choices.guards
        self._update_state()

    def _file_read(self, loaded: LoadedFile) -> None:
        self._file = loaded
        self._show_file_day(loaded.modified_on or self._today)
        if loaded.detected is not None:
            self.format_combo.setCurrentIndex(self.format_combo.findData(loaded.detected))
            self.detected_label.setText(self.tr("recognised from the file's content"))
        else:
            # Not the previous file's Importart by mistake: the user chooses for this one.
            self.format_combo.setCurrentIndex(-1)
            self.detected_label.setText(self.tr("not recognised: please choose"))
        self._inputs_changed()
        self.fileLoaded.emit()

    def _file_failed(self, exc: Exception) -> None:
        self._file = None
        self._show_file_day(None)
        self.detected_label.clear()
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
        self.cancel_button.setText(self.tr("Close"))
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
        self.cancel_button.setText(self.tr("Cancel"))
        self._results.show_nothing()
        self._update_state()

    def _request(self) -> ImportRequest | None:
        fmt = self.format_combo.currentData()
        mandants = self.mandant_list.checked()
        if self._file is None or not fmt or not mandants:
            return None
        return ImportRequest(
            data=self._file.data,
            file_name=self._file.name,
            format_id=fmt,
            mandants=mandants,
            settle_until=SettleUntil(self.settle_combo.currentData()),
            today=self._today,
            file_date=self.file_date,
            guards=GuardConfig.of(self._guards),
        )

    def _missing_input(self) -> str:
        if self._file is None:
            if self._busy == "reading":
                return ""
            return self.tr("Please choose a file.")
        if not self.format_combo.currentData():
            return self.tr("Please choose the import type.")
        if not self.mandant_list.checked():
            if self.mandant_list.count() == 0 and self._busy != "loading":
                return self.tr("There is no client yet: please import the invoices first.")
            return self.tr("Please tick at least one client.")
        return ""

    @staticmethod
    def _bookable(result: ImportResult) -> bool:
        return result.outcome is ImportOutcome.BOOKED and result.dry_run

    @staticmethod
    def _overridable(preview: Preview) -> bool:
        return preview.result.dry_run and bool(failed_guards(preview.result))

    def _update_state(self) -> None:
        busy = self.busy
        missing = self._missing_input()
        self.hint_label.setText(missing)
        self._inputs.setEnabled(not busy)
        self.file_date_edit.setEnabled(self._file is not None)
        self.preview_button.setEnabled(not busy and not missing)
        self.book_button.setEnabled(
            not busy and self._preview is not None and self._bookable(self._preview.result)
        )
        overridable = self._preview is not None and self._overridable(self._preview)
        self.override_button.setVisible(overridable)
        self.override_button.setEnabled(overridable and not busy)
        # While booking the transaction runs on; closing now would pretend it did not.
        self.cancel_button.setEnabled(self._busy != "booking")
        self.progress.setVisible(busy)
        self.progress_label.setText(
            {
                "reading": self.tr("Reading the file …"),
                "loading": self.tr("Loading …"),
                "planning": self.tr("Making the preview …"),
                "booking": self.tr("Booking …"),
            }.get(self._busy or "", "")
        )
        default = self.book_button if self.book_button.isEnabled() else self.preview_button
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
