"""The dialog "Datei importieren…": pick a local payment file, see its plan, book or not.

The preview is ``SettlementEngine.plan`` (reads only); "Buchen" hands exactly that plan
to ``SettlementEngine.apply``, so what is booked is what the user saw. Reading the file,
planning and booking all run through ``Op`` on a pool thread: a large file or a busy
database never freezes the window. Every change of the inputs throws the shown plan
away, so a plan can never be booked for other settings than it was made with.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.formats import FileTooLargeError, ParseOptions, detect
from ..domain.interface import ImportFormat, OpenItemGuards, SettleUntil
from ..domain.settlement import Booking, GuardConfig
from ..jobs.change_audit import Actor, ChangeAudit
from ..jobs.guard_override import GuardOverride, failed_guards
from ..jobs.settle_file import (
    ConcurrentChange,
    ImportOutcome,
    ImportRequest,
    ImportResult,
    SettlementEngine,
)
from ..store.audit import AuditLog
from ..store.catalog import Catalog
from ..store.db import Database
from .import_plan_model import AMOUNT, LINE, NUMBER, STATUS, TO_BOOK, ImportPlanModel
from .money_text import date_text, money_text
from .ops import Op, error_text
from .widgets.checkable_list import CheckableList
from .widgets.screen_fit import resize_within_screen
from .widgets.wheel_guard import guard_wheel

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1100, 720)

_STYLE = """
QLabel#hint { color: #8a5300; }
QLabel#banner { padding: 8px; border-radius: 4px; }
QLabel#banner[kind="error"] { background: #fce8e6; color: #8c1d18; border: 1px solid #e8a29b; }
QLabel#banner[kind="warning"] { background: #fef3e0; color: #6b4100; border: 1px solid #f0c27b; }
QLabel#banner[kind="success"] { background: #e6f4ea; color: #0d5223; border: 1px solid #9fd3ad; }
QLabel#banner[kind="info"] { background: #e8f0fe; color: #174ea6; border: 1px solid #a8c7fa; }
"""


class LocalFileError(Exception):
    """A local file that cannot be read at all (missing, no permission)."""

    def __init__(self, message_de: str, message_en: str):
        super().__init__(message_en)
        self.message_de = message_de


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    data: bytes
    detected: str | None  # an ImportFormat value, or None when not recognised

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Choices:
    mandants: list[str]
    future_bookings_allowed: bool
    guards: OpenItemGuards  # the chain's Offene-Posten checks


@dataclass
class Preview:
    request: ImportRequest
    result: ImportResult
    missing: tuple[Booking, ...]  # Offene Posten: invoices booked because not listed
    # The checks this plan passes by, on the user's explicit word; empty: none.
    overriding: tuple[str, ...] = ()


# -- work for the pool thread (never touches a widget) -------------------------------------


def read_local_file(path: Path, max_bytes: int | None = None) -> LoadedFile:
    """The file's bytes and the Importart it looks like. Raises ``LocalFileError`` or
    ``FileTooLargeError`` (both with ``message_de``)."""
    limit = max_bytes if max_bytes is not None else ParseOptions().max_file_bytes
    try:
        size = path.stat().st_size
        if size > limit:  # before reading: a huge file must not fill the memory first
            raise FileTooLargeError(
                f"Die Datei ist {size / 1_048_576:.1f} MB groß, erlaubt sind "
                f"{limit / 1_048_576:.1f} MB.",
                f"the file has {size} bytes, the limit is {limit}",
                file_name=path.name,
            )
        data = path.read_bytes()
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            why_de, why_en = "gibt es nicht (mehr)", "does not exist"
        elif exc.errno in (errno.EACCES, errno.EPERM):
            why_de, why_en = "darf nicht gelesen werden (keine Berechtigung)", "is not readable"
        elif exc.errno == errno.EISDIR:
            why_de, why_en = "ist ein Ordner, keine Datei", "is a directory"
        else:
            why_de, why_en = "kann nicht gelesen werden", f"cannot be read ({exc.errno})"
        raise LocalFileError(
            f"Die Datei „{path.name}“ {why_de}.", f"the file '{path.name}' {why_en}"
        ) from None
    return LoadedFile(path, data, detect(data))


def load_choices(db: Database) -> Choices:
    catalog = Catalog(db)
    options = catalog.chain_options()
    return Choices(
        catalog.mandant_names(), options.future_bookings_allowed, options.open_item_guards
    )


def make_preview(
    db: Database, request: ImportRequest, override: GuardOverride | None = None
) -> Preview:
    """The plan of ``request``; with ``override``, the plan without the Offene-Posten
    checks (what "Import anyway" would book)."""
    result = override.preview(request) if override else SettlementEngine(db).plan(request)
    missing: tuple[Booking, ...] = ()
    plan = result.plan
    if plan is not None and ImportFormat(request.format_id).has_open_items_semantics:
        # Invoices missing from an Offene-Posten list are booked without a line of their
        # own; the table lists them after the file's rows.
        missing = tuple(b for b in plan.bookings if b.line is None)
    return Preview(request, result, missing)


def overriding_preview(db: Database, preview: Preview, override: GuardOverride) -> Preview:
    refused_by = tuple(failed_guards(preview.result))
    again = make_preview(db, preview.request, override)
    return Preview(preview.request, again.result, again.missing, refused_by)


# -- the dialog ------------------------------------------------------------------------------


class ImportPreviewDialog(QDialog):
    """Choose a file and the settings, preview the plan, then book it or cancel."""

    fileLoaded = Signal()
    previewShown = Signal()  # a plan, a refusal or an error is on screen
    booked = Signal()  # the ledger changed

    def __init__(
        self,
        db: Database,
        lang: str = "de",
        today: date | None = None,
        parent: QWidget | None = None,
        audit: ChangeAudit | None = None,
    ):
        """``audit``: who imports (the logged-in user); without it the operating-system
        account, as on the command line."""
        super().__init__(parent)
        self._db = db
        self._override = GuardOverride(
            SettlementEngine(db), audit or ChangeAudit(AuditLog(db), Actor.of(None))
        )
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
        self.setStyleSheet(_STYLE)
        self.setSizeGripEnabled(True)
        resize_within_screen(self, *DEFAULT_SIZE)

        self._inputs = self._build_inputs()
        self._results = self._build_results()
        self._buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self._inputs)
        layout.addWidget(self._results, 1)
        layout.addLayout(self._buttons)

        self._show_nothing()
        guard_wheel(self)
        self._update_state()
        self._run("loading", lambda: load_choices(db), self._choices_loaded, self._show_error)

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

        self.hint_label = QLabel()
        self.hint_label.setObjectName("hint")
        grid.addWidget(self.hint_label, 3, 1)

        self.mandant_list = CheckableList()
        self.mandant_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.mandant_list.setFixedWidth(self.fontMetrics().horizontalAdvance("0" * 32))
        self.mandant_list.changed.connect(self._inputs_changed)
        mandant_label = QLabel(self.tr("Clients:"))
        mandant_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(mandant_label, 1, 2)
        grid.addWidget(self.mandant_list, 1, 3, 3, 2)
        return group

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

    def _build_results(self) -> QGroupBox:
        group = QGroupBox(self.tr("Preview"), self)
        layout = QVBoxLayout(group)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.banner)

        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.totals_label)

        self.guards_box = QGroupBox(self.tr("Checks for open items"))
        guards_layout = QVBoxLayout(self.guards_box)
        self.guards_label = QLabel()
        self.guards_label.setWordWrap(True)
        self.guards_label.setTextFormat(Qt.TextFormat.RichText)
        guards_layout.addWidget(self.guards_label)
        layout.addWidget(self.guards_box)

        self.model = ImportPlanModel(self._lang, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view never measures a million rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._fit_header()
        layout.addWidget(self.table, 1)
        return group

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

    def banner_kind(self) -> str:
        return str(self.banner.property("kind") or "")

    # --- actions ----------------------------------------------------------------------------

    def browse(self) -> None:
        path = self.ask_file_path()
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        """Read ``path`` in the background and preselect the Importart it looks like."""
        self.path_edit.setText(str(path))
        self._file = None
        self._inputs_changed()
        self._run("reading", lambda: read_local_file(path), self._file_read, self._file_failed)

    def set_mandants(self, names: tuple[str, ...] | list[str]) -> None:
        self.mandant_list.set_checked(names)

    def preview(self) -> None:
        request = self._request()
        if request is None or self.busy:
            return
        db = self._db
        self._run(
            "planning", lambda: make_preview(db, request), self._show_preview, self._plan_failed
        )

    def book(self) -> None:
        preview = self._preview
        if preview is None or self.busy or not self._bookable(preview.result):
            return
        db, override = self._db, self._override

        def work() -> ImportResult:
            if preview.overriding:
                return override.book(preview.request, preview.result, list(preview.overriding))
            return SettlementEngine(db).apply(preview.request, preview.result)

        self._run("booking", work, self._booked, self._book_failed)

    def override_guards(self) -> None:
        """ "Import anyway …": after the user's yes, the plan without the refusing checks."""
        preview = self._preview
        if preview is None or self.busy or not self._overridable(preview):
            return
        plan = preview.result.plan
        reasons = [g.message_de for g in plan.guards if not g.passed] if plan else []
        if not self.ask_override(reasons):
            return
        db, override = self._db, self._override
        self._run(
            "planning",
            lambda: overriding_preview(db, preview, override),
            self._show_preview,
            self._plan_failed,
        )

    # --- results ------------------------------------------------------------------------------

    def _choices_loaded(self, choices: Choices) -> None:
        self.mandant_list.set_names(choices.mandants)
        if len(choices.mandants) == 1:
            self.mandant_list.set_checked(choices.mandants)  # the only choice
        self._fill_settle_combo(choices.future_bookings_allowed)
        self._guards = choices.guards
        self._update_state()

    def _file_read(self, loaded: LoadedFile) -> None:
        self._file = loaded
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
        self.detected_label.clear()
        self._show_error(exc)
        self._update_state()
        self.fileLoaded.emit()

    def _show_preview(self, preview: Preview) -> None:
        self._preview = preview
        result = preview.result
        notice, self._notice = self._notice, ""
        plan = result.plan
        open_items = ImportFormat(preview.request.format_id).has_open_items_semantics
        self.model.set_plan(plan, preview.missing, open_items)
        self._fit_header()  # "Wäre zu buchen", "Offen in Datei": titles change with the plan
        if result.outcome is ImportOutcome.FAILED and result.error is not None:
            self._set_banner("error", error_text(result.error, self._lang))
        elif result.outcome is ImportOutcome.DUPLICATE:
            self._set_banner(
                "warning",
                self.tr(
                    "This file (the same content) has already been booked. It is not booked again."
                ),
            )
        elif plan is not None and plan.refused:
            self._set_banner(
                "error",
                self.tr("Refused, nothing will be booked: {reason}").format(
                    reason=plan.refused_reason_de
                ),
            )
        elif result.outcome is ImportOutcome.BOOKED and plan is not None and preview.overriding:
            self._set_banner(
                "warning",
                self.tr(
                    "Checks passed by on your request: %n booking(s) totalling {amount}, dated "
                    "{date}. “Book” books this file once and writes it to the audit log.",
                    "",
                    plan.totals.bookings,
                ).format(
                    amount=money_text(plan.totals.booked_amount, self._lang),
                    date=date_text(plan.booking_date, self._lang),
                ),
            )
        elif result.outcome is ImportOutcome.BOOKED and plan is not None:
            self._set_banner(
                "info",
                self.tr(
                    "Ready to book: %n booking(s) totalling {amount}, dated {date}, "
                    "flagged “do not export”.",
                    "",
                    plan.totals.bookings,
                ).format(
                    amount=money_text(plan.totals.booked_amount, self._lang),
                    date=date_text(plan.booking_date, self._lang),
                ),
            )
        else:
            self._set_banner("info", self.tr("Nothing to book: no row settles an open invoice."))
        if notice:
            self._set_banner("warning", notice + "\n" + self.banner.text())
        self._show_totals(result)
        self._show_guards(result)
        self._update_state()
        self.previewShown.emit()

    def _plan_failed(self, exc: Exception) -> None:
        self._show_error(exc)
        self.previewShown.emit()

    def _booked(self, result: ImportResult) -> None:
        self._done_booking = True
        self._set_banner(
            "success",
            self.tr(
                "Booked: %n booking(s) totalling {amount}, dated {date}.", "", result.booked_count
            ).format(
                amount=money_text(result.booked_amount, self._lang),
                date=date_text(result.plan.booking_date, self._lang) if result.plan else "",
            ),
        )
        # Booked once; a second "Buchen" of the same plan must not even be offered.
        self._preview = Preview(self._preview.request, result, ()) if self._preview else None
        self.cancel_button.setText(self.tr("Close"))
        self._update_state()
        self.booked.emit()

    def _book_failed(self, exc: Exception) -> None:
        if isinstance(exc, ConcurrentChange):
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
        self._set_banner(
            "error",
            self.tr("Not booked, the ledger is unchanged: {detail}").format(
                detail=error_text(exc, self._lang)
            ),
        )
        self._update_state()

    def _show_error(self, exc: Exception) -> None:
        self._preview = None
        self.model.set_plan(None)
        self.totals_label.clear()
        self.guards_box.hide()
        if not hasattr(exc, "message_de"):
            log.error("import preview failed", exc_info=exc)  # not the user's input: ours
        self._set_banner("error", error_text(exc, self._lang))
        self._update_state()

    def _show_nothing(self) -> None:
        self.model.set_plan(None)
        self.banner.hide()
        self.totals_label.clear()
        self.guards_box.hide()

    def _set_banner(self, kind: str, text: str) -> None:
        self.banner.setProperty("kind", kind)
        self.banner.setText(text)
        # A changed dynamic property needs the style sheet applied again.
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def _show_totals(self, result: ImportResult) -> None:
        plan = result.plan
        if plan is None:
            self.totals_label.clear()
            return
        t = plan.totals
        parts = [
            self.tr("Rows: {n}").format(n=t.rows),
            self.tr("Matched: {n}").format(n=len(plan.matches)),
            self.tr("Bookings: {n}").format(n=t.bookings),
            self.tr("Amount: {amount}").format(amount=money_text(t.booked_amount, self._lang)),
            self.tr("Surplus: {amount}").format(amount=money_text(t.surplus_amount, self._lang)),
            self.tr("Rows with a note: {n}").format(n=t.reported_rows),
        ]
        if t.invoices_in_scope is not None:
            parts.append(self.tr("Open invoices in scope: {n}").format(n=t.invoices_in_scope))
        self.totals_label.setText("   ·   ".join(parts))

    def _fit_header(self) -> None:
        """Each column wide enough for its values and its whole title."""
        header = self.table.horizontalHeader()
        widths = ((LINE, 6), (NUMBER, 20), (AMOUNT, 15), (STATUS, 18), (TO_BOOK, 12))
        for column, chars in widths:
            values = self.fontMetrics().horizontalAdvance("0" * chars)
            header.resizeSection(column, max(values, header.sectionSizeHint(column)))

    def _show_guards(self, result: ImportResult) -> None:
        guards = result.plan.guards if result.plan else ()
        if not guards:
            self.guards_box.hide()
            return
        names = {
            "empty": self.tr("Data rows"),
            "older": self.tr("File date"),
            "share": self.tr("Share of open invoices"),
        }
        lines = []
        for g in guards:
            mark, color = ("✔", "#1b5e20") if g.passed else ("✘", "#b3261e")
            name = names.get(g.name, g.name)
            lines.append(
                f'<span style="color:{color}">{mark}</span> <b>{_html(name)}:</b> '
                f"{_html(g.message_de)}"
            )
        why = self._guard_explanations()
        notes = [why[g.name] for g in guards if g.name in why]
        text = "<br>".join(lines)
        if notes:
            text += '<p style="color:#6b6b6b">' + "<br>".join(_html(n) for n in notes) + "</p>"
        self.guards_label.setText(text)
        self.guards_box.show()

    def _guard_explanations(self) -> dict[str, str]:
        """What each check of an open-items file protects against."""
        limit = GuardConfig().max_share
        share = f"{limit * 100:.0f} %" if limit is not None else ""
        return {
            "empty": self.tr(
                "An open-items file lists what is still open: whatever it leaves out counts "
                "as paid. An empty file would mark every open invoice paid, so it is refused."
            ),
            "older": self.tr(
                "A file older than the last one read would mark as open again what was paid "
                "since; it is refused."
            ),
            "share": self.tr(
                "A file may settle at most {share} of the open invoices at once: more looks "
                "like an incomplete or wrong list rather than payments, and nothing is booked."
            ).format(share=share),
        }

    # --- state ------------------------------------------------------------------------------

    def _inputs_changed(self, *_args: Any) -> None:
        """Any change of the inputs makes the plan on screen stale: it is thrown away."""
        self._preview = None
        self._done_booking = False
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_nothing()
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


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
