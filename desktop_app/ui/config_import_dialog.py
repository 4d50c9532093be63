"""Verwaltung → Konfiguration importieren: the file's entries as they would change this
ledger (new, changed with the changed fields, unchanged) before anything is written; then
the import in one transaction, and the passwords this computer still lacks. Reading,
checking and importing run through ``Op``; the window never waits for them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtCore
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..jobs.config_transfer import (
    ConfigImportResult,
    ConfigInvalid,
    ConfigTransfer,
    PlanOutdated,
)
from .ops import Op, error_text
from .translations import ui_language
from .widgets.message_label import MessageLabel

COLUMNS = 4  # kind, name, change, fields


class ConfigImportDialog(QDialog):
    """Reads and checks ``path`` at once; "Importieren" applies the preview shown."""

    def __init__(self, jobs: ConfigTransfer, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("configImportDialog")
        self.setWindowTitle(self.tr("Import configuration"))
        self._jobs = jobs
        self._path = path
        self._result: ConfigImportResult | None = None
        self._busy = False
        self.file_label = QLabel(self.tr("File: {path}").format(path=path))
        self.file_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.table = self._build_table()
        self.warnings_label = QLabel()  # what the import leaves out of the file
        self.warnings_label.setObjectName("configWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.hide()
        self.passwords_label = QLabel()
        self.passwords_label.setObjectName("configPasswordsToSet")
        self.passwords_label.setWordWrap(True)
        # The commands are there to be copied.
        self.passwords_label.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.message_label = MessageLabel()
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.start_import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        shown = (self.file_label, self.summary_label, self.table, self.warnings_label)
        for widget in (*shown, self.passwords_label):
            layout.addWidget(widget)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.resize(760, 520)
        self._run(
            self.tr("Reading the file …"),
            lambda: jobs.dry_run(jobs.prepare_file(path)),
            self._show_preview,
        )

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, COLUMNS)
        table.setObjectName("configChanges")
        table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Name"), self.tr("Change"), self.tr("Changed fields")]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # --- state that tests and callers read --------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def result_shown(self) -> ConfigImportResult | None:
        """The preview, or after "Importieren" what was imported."""
        return self._result

    def row_texts(self, row: int) -> list[str]:
        items = (self.table.item(row, column) for column in range(COLUMNS))
        return [item.text() if item is not None else "" for item in items]

    # --- actions ----------------------------------------------------------------------------

    def start_import(self) -> None:
        result = self._result
        if self._busy or result is None or result.applied or not result.plan.has_changes:
            return
        jobs, plan = self._jobs, result.plan
        self._run(
            self.tr("Importing …"),
            lambda: jobs.apply(plan),
            self._show_imported,
            self._import_failed,
        )

    def _import_failed(self, exc: Exception) -> None:
        if not isinstance(exc, PlanOutdated):
            self._failed(exc)
            return
        jobs, path = self._jobs, self._path
        outdated = error_text(exc)

        def shown(result: ConfigImportResult) -> None:
            self._show(result)
            self.message_label.show_error(
                outdated + "\n" + self.tr("The preview now shows the current state.")
            )

        self._run(
            self.tr("Reading the file …"), lambda: jobs.dry_run(jobs.prepare_file(path)), shown
        )

    def reject(self) -> None:
        if self._busy and self._result is not None:
            return  # the import's transaction is under way: its end is worth waiting for
        super().reject()

    # --- results ----------------------------------------------------------------------------

    def _show_preview(self, result: ConfigImportResult) -> None:
        self._show(result)
        if result.plan.has_changes:
            self.message_label.show_info(
                self.tr("Nothing has been changed yet. “Import” applies these changes.")
            )
        else:
            self.message_label.show_info(self.tr("This ledger already has this configuration."))

    def _show_imported(self, result: ConfigImportResult) -> None:
        self._show(result)
        self.message_label.show_info(self.tr("The configuration was imported."))
        self.close_button.setText(self.tr("Close"))

    def _show(self, result: ConfigImportResult) -> None:
        self._result = result
        entries = result.plan.entries
        self.table.setRowCount(len(entries))
        kinds, statuses = self._kind_texts(), self._status_texts()
        for row, entry in enumerate(entries):
            texts = [kinds[entry.kind.value], entry.name, statuses[entry.status.value]]
            texts.append(", ".join(entry.fields))
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.summary_label.setText(self._summary(result))
        english = ui_language() != "de"
        warnings = [w.message_en if english else w.message_de for w in result.plan.warnings]
        self.warnings_label.setText("\n".join(warnings))
        self.warnings_label.setVisible(bool(warnings))
        self._show_passwords(result)

    def _summary(self, result: ConfigImportResult) -> str:
        kinds = self._kind_texts(plural=True)
        lines = []
        for kind, tally in result.plan.counts.items():
            if any(tally.values()):
                lines.append(
                    self.tr("{kind}: new {added}, changed {changed}, unchanged {unchanged}").format(
                        kind=kinds[kind], **tally
                    )
                )
        return "\n".join(lines) or self.tr("The file holds no entries.")

    def _show_passwords(self, result: ConfigImportResult) -> None:
        if not result.passwords:
            self.passwords_label.clear()
            return
        lines = []
        for password in result.passwords:
            if password.kind == "smtp":
                where = self.tr("SMTP server (Administration → SMTP outgoing mail server)")
            else:
                where = self.tr("Interface “{name}” (its form, FTP password)").format(
                    name=password.name
                )
            lines.append(f"• {where}\n    {password.command}")
        heading = (
            self.tr("Passwords still to be set on this computer:")
            if result.applied
            else self.tr("Passwords this computer will still lack after the import:")
        )
        self.passwords_label.setText(heading + "\n" + "\n".join(lines))

    def _kind_texts(self, plural: bool = False) -> dict[str, str]:
        return {
            "branches": self.tr("Branches") if plural else self.tr("Branch"),
            "mandants": self.tr("Clients") if plural else self.tr("Client"),
            "chain_options": self.tr("Chain options"),
            "smtp": self.tr("SMTP server"),
            "interfaces": self.tr("Interfaces") if plural else self.tr("Interface"),
            "trusted_fingerprints": self.tr("Trusted fingerprints")
            if plural
            else self.tr("Trusted fingerprint"),
        }

    def _status_texts(self) -> dict[str, str]:
        return {
            "added": self.tr("new"),
            "changed": self.tr("changed"),
            "unchanged": self.tr("unchanged"),
        }

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ConfigInvalid):
            english = ui_language() != "de"
            lines = [
                f"{p.field}: {p.message_en if english else p.message_de}" for p in exc.problems
            ]
            text = self.tr("The file holds invalid entries; nothing was imported:")
            self.message_label.show_error(text + "\n" + "\n".join(lines))
        else:
            self.message_label.show_error(error_text(exc))

    # --- running ----------------------------------------------------------------------------

    def _run(
        self,
        doing: str,
        work: Callable[[], Any],
        success: Callable[[Any], None],
        failure: Callable[[Exception], None] | None = None,
    ) -> None:
        failure = failure or self._failed
        self._set_busy(True)
        self.message_label.show_info(doing)

        def succeeded(result: Any) -> None:
            if isValid(self):
                self._set_busy(False)
                success(result)
                self._update_buttons()

        def failed(exc: Exception) -> None:
            if isValid(self):
                self._set_busy(False)
                failure(exc)
                self._update_buttons()

        Op(work, parent=self).success(succeeded).failure(failed).run_in_background()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        result = self._result
        can_import = result is not None and not result.applied and result.plan.has_changes
        self.import_button.setEnabled(can_import and not self._busy)
        self.import_button.setVisible(result is None or not result.applied)
        self.close_button.setEnabled(not (self._busy and result is not None))
