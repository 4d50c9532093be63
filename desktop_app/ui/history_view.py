"""The history of one interface ("Verlauf"): its runs, and for the selected run its files
and the rows that were not booked, with the reasons (PRODUCT.md §7.6).

Read in the background (``Op``): on a shared PostgreSQL ledger a long history may take a
moment, and the window must not freeze meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.reason_texts import stored_reason_text
from .interface_list_model import status_icon
from .money_text import money_text
from .ops import Op, error_text
from .row_table_model import Index, RowTableModel
from .run_texts import (
    duration_text,
    file_error,
    local_time,
    outcome_text,
    status_text,
    trigger_text,
)
from .translations import ui_language
from .widgets.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from ..jobs.view_queries import ViewQueries
    from ..store.history import FileHistory, RunHistory
    from ..store.interfaces import StoredInterface

_ALIGN_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class _Column:
    title: str
    text: Callable[[Any], str]
    number: bool = False


class _RecordsModel(RowTableModel[Any]):
    """A read-only table of records, one column per ``_Column``."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._columns: list[_Column] = []

    def _set_columns(self, columns: list[_Column]) -> None:
        self._columns = columns
        self._headers = [column.title for column in columns]

    def set_records(self, records: Sequence[Any]) -> None:
        self.set_rows(records)

    def record(self, row: int) -> Any:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.text(record)
            return text if len(text) > 40 else None  # long errors, in full
        if role == Qt.ItemDataRole.TextAlignmentRole and column.number:
            return _ALIGN_NUMBER
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self.icon(record)
        return None

    def icon(self, record: Any) -> QIcon | None:
        return None


class RunsModel(_RecordsModel):
    """The runs of one interface, newest first."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._set_columns(
            [
                _Column(self.tr("Started"), lambda r: local_time(r.started_at)),
                _Column(self.tr("Duration"), lambda r: duration_text(r.duration_seconds), True),
                _Column(self.tr("Trigger"), lambda r: trigger_text(r.trigger, r.dry_run)),
                _Column(self.tr("Status"), lambda r: status_text(r.status)),
                _Column(self.tr("Files"), lambda r: str(len(processed(r.files))), True),
                _Column(self.tr("Rows"), lambda r: str(r.rows), True),
                _Column(self.tr("Booked"), lambda r: str(r.booked_count), True),
                _Column(self.tr("Amount"), lambda r: money_text(r.booked_amount), True),
                _Column(self.tr("Computer"), lambda r: r.host),
                _Column(self.tr("Error"), lambda r: r.error_text(ui_language())),
            ]
        )

    def icon(self, record: RunHistory) -> QIcon | None:
        return status_icon(record.status)


class FilesModel(_RecordsModel):
    """The files of one run: what became of each, and why not when it failed."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._set_columns(
            [
                _Column(self.tr("File"), lambda f: f.remote_path),
                _Column(self.tr("Outcome"), lambda f: outcome_text(f.outcome)),
                _Column(self.tr("Rows"), lambda f: str(f.rows), True),
                _Column(self.tr("Booked"), lambda f: str(f.booked_count), True),
                _Column(self.tr("Amount"), lambda f: money_text(f.booked_amount), True),
                _Column(
                    self.tr("Deleted on server"),
                    lambda f: self.tr("Yes") if f.deleted else self.tr("No"),
                ),
                _Column(self.tr("Error"), file_error),
            ]
        )

    def icon(self, record: FileHistory) -> QIcon | None:
        return status_icon(_FILE_STATUS.get(record.outcome, ""))


@dataclass(frozen=True)
class SkippedRow:
    """One row of a file that was not booked, and why."""

    file: str
    line: int | None
    invoice: str
    reason: str


class SkippedRowsModel(_RecordsModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._set_columns(
            [
                _Column(self.tr("File"), lambda s: s.file),
                _Column(self.tr("Line"), lambda s: "" if s.line is None else str(s.line), True),
                _Column(self.tr("Invoice"), lambda s: s.invoice),
                _Column(self.tr("Reason"), lambda s: s.reason),
            ]
        )


# A file's outcome shown with the run status icons: booked is fine, failed is not.
_FILE_STATUS = {
    "booked": "ok",
    "duplicate": "ok",
    "nothing": "ok",
    "failed": "failed",
    "refused": "failed",
    "skipped": "skipped",
}


def processed(files: Sequence[FileHistory]) -> list[FileHistory]:
    """The files a run worked on (not those the listing skipped as still being written)."""
    return [f for f in files if f.outcome != "skipped"]


def skipped_rows(files: Sequence[FileHistory]) -> list[SkippedRow]:
    return [
        SkippedRow(
            file=f.remote_path,
            line=item.get("line"),
            invoice=str(item.get("invoice") or ""),
            reason=reason_text(item),
        )
        for f in files
        for item in f.skipped
    ]


def reason_text(item: dict) -> str:
    """A stored row's reason in the program's language."""
    return stored_reason_text(item, ui_language())


HistoryLoader = Callable[[], "list[RunHistory]"]


class HistoryDialog(QDialog):
    """Non-modal: it can stay open beside the list, and ``reload()`` after each run."""

    casesRequested = Signal(int)  # a run's id: the Klärungsfälle it opened

    def __init__(
        self,
        queries: ViewQueries,
        interface: StoredInterface,
        parent: QWidget | None = None,
        *,
        loader: HistoryLoader | None = None,
    ):
        super().__init__(parent)
        self.interface = interface
        interface_id = interface.id
        self._load: HistoryLoader = loader or (lambda: queries.run_history(interface_id))
        self._loading = False
        self._reload_again = False
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History – {name}").format(name=interface.settings.name))
        resize_within_screen(self, 1180, 720)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_top(interface.settings.name))
        layout.addWidget(self._build_tables(), 1)
        layout.addWidget(buttons)
        self.reload()

    def _build_top(self, name: str) -> QHBoxLayout:
        self.heading = QLabel(self.tr("History of the interface “{name}”").format(name=name))
        self.heading.setObjectName("historyHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.status_label = QLabel()
        self.reload_button = QPushButton(self.tr("Refresh"))
        self.reload_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.reload_button)
        return top

    def _build_tables(self) -> QSplitter:
        """The runs above their files and the rows not booked."""
        self.runs_model = RunsModel(self)
        self.files_model = FilesModel(self)
        self.skipped_model = SkippedRowsModel(self)
        self.runs_view = self._table(self.runs_model)
        self.files_view = self._table(self.files_model)
        self.skipped_view = self._table(self.skipped_model)
        self.runs_view.selectionModel().currentRowChanged.connect(self._on_run_selected)
        self.files_view.selectionModel().currentRowChanged.connect(self._on_file_selected)
        # A file's error in full: the table cuts long messages off.
        self.error_label = QLabel()
        self.error_label.setObjectName("historyFileError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.files_label = QLabel(self.tr("Files of the selected run"))
        self.skipped_label = QLabel(self.tr("Rows not booked"))
        self.cases_button = QPushButton(self.tr("Payments to &clarify of this run …"))
        self.cases_button.setObjectName("historyCasesButton")
        self.cases_button.setEnabled(False)
        self.cases_button.clicked.connect(self._request_cases)
        skipped_row = QHBoxLayout()
        skipped_row.addWidget(self.skipped_label, 1)
        skipped_row.addWidget(self.cases_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        for widgets in (
            (self.runs_view,),
            (self.files_label, self.files_view, self.error_label),
            (skipped_row, self.skipped_view),
        ):
            splitter.addWidget(_stacked(*widgets))
        splitter.setSizes([230, 250, 180])
        return splitter

    @staticmethod
    def _table(model: _RecordsModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the error column takes the rest
        return view

    # --- loading ----------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Read the runs again in the background (after a run, or on "Aktualisieren")."""
        if self._loading:
            self._reload_again = True  # a run ended while reading: read once more after
            return
        self._loading = True
        self.reload_button.setEnabled(False)
        self.status_label.setText(self.tr("Loading the history …"))
        Op(self._load, parent=self).success(self._loaded).failure(self._failed).run_in_background()

    def _loaded(self, runs: list[RunHistory]) -> None:
        selected = self.selected_run()
        self.runs_model.set_records(runs)
        fit_columns(self.runs_view)
        if runs:
            self.status_label.setText(
                self.tr("{count} runs, newest first.").format(count=len(runs))
                if len(runs) > 1
                else self.tr("One run.")
            )
            ids = [run.id for run in runs]
            row = ids.index(selected.id) if selected is not None and selected.id in ids else 0
            self.runs_view.selectRow(row)
        else:
            self.status_label.setText(self.tr("This interface has not run yet."))
            self._show_run(None)
        self._finish_loading()

    def _failed(self, exc: Exception) -> None:
        self.status_label.setText(
            self.tr("The history could not be read: {detail}").format(detail=error_text(exc))
        )
        self._finish_loading()

    def _finish_loading(self) -> None:
        self._loading = False
        self.reload_button.setEnabled(True)
        if self._reload_again:
            self._reload_again = False
            self.reload()

    # --- the selected run -------------------------------------------------------------------

    def selected_run(self) -> RunHistory | None:
        index = self.runs_view.currentIndex()
        return self.runs_model.record(index.row()) if index.isValid() else None

    def _on_run_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_run(self.runs_model.record(current.row()) if current.isValid() else None)

    def _show_run(self, run: RunHistory | None) -> None:
        files = list(run.files) if run is not None else []
        rows = skipped_rows(files)
        self.files_model.set_records(files)
        self.skipped_model.set_records(rows)
        fit_columns(self.files_view)
        fit_columns(self.skipped_view)
        self.files_label.setText(
            self.tr("Files of the selected run: {count}").format(count=len(files))
        )
        self.skipped_label.setText(self.tr("Rows not booked: {count}").format(count=len(rows)))
        self._show_cases_button(run)
        # The first file with an error is what the user came for.
        failed = next((i for i, f in enumerate(files) if f.error), 0 if files else None)
        if failed is None:
            self._show_file_error(None)
        else:
            self.files_view.selectRow(failed)

    def _show_cases_button(self, run: RunHistory | None) -> None:
        """Enabled when the run opened cases: a row's reason alone does not say so."""
        self.cases_button.setEnabled(run is not None and run.cases > 0)
        self.cases_button.setToolTip(self._cases_tip(run))

    def _cases_tip(self, run: RunHistory | None) -> str:
        if run is None:
            return ""
        if run.cases:
            # Counted by the run they belong to: a Storno long after may add one.
            return self.tr("%n payment(s) to clarify belong to this run.", "", run.cases)
        if run.dry_run:
            return self.tr("A dry run opens no payments to clarify.")
        if any(f.outcome in ("refused", "failed") and f.skipped for f in run.files):
            return self.tr(
                "This run opened no payments to clarify: a refused or failed file books "
                "nothing and opens none; its rows are checked again when it is imported."
            )
        return self.tr("This run opened no payments to clarify.")

    def _request_cases(self) -> None:
        run = self.selected_run()
        if run is not None:
            self.casesRequested.emit(run.id)

    def _on_file_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_file_error(self.files_model.record(current.row()) if current.isValid() else None)

    def _show_file_error(self, file: FileHistory | None) -> None:
        error = file_error(file) if file is not None else ""
        self.error_label.setText(error)  # the selected row says which file
        self.error_label.setVisible(bool(error))


MAX_COLUMN_WIDTH = 360  # px; a long error is read in full in its tooltip or below


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their content, but none wider than MAX_COLUMN_WIDTH: one long
    error would otherwise push the columns after it (and its own title) out of sight."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > MAX_COLUMN_WIDTH:
            header.resizeSection(column, MAX_COLUMN_WIDTH)
    if header.stretchLastSection() and header.count():
        # The last one (the error) takes whatever room is left, and no more.
        header.resizeSection(header.logicalIndex(header.count() - 1), header.minimumSectionSize())


def _stacked(*widgets: QWidget | QHBoxLayout) -> QWidget:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        if isinstance(widget, QHBoxLayout):
            layout.addLayout(widget)
        else:
            layout.addWidget(widget)
    return panel
