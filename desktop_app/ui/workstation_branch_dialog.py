"""Verwaltung → Filiale dieses Rechners: which branch (Filiale) this computer belongs to.

An interface restricted to a branch runs only on that branch's computers (PRODUCT.md §2,
"Filiale"), so the scheduler here must know the branch. It is a setting of this computer
(settings.ini), not of the chain's database; the main window stores and applies it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .ops import Op, error_text
from .widgets.message_label import MessageLabel
from .widgets.wheel_guard import guard_wheel


class WorkstationBranchDialog(QDialog):
    """OK with a choice: ``chosen()`` is the branch, or None for no branch."""

    def __init__(
        self,
        branch_names: Callable[[], list[str]],
        host_name: str,
        current: str | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("workstationBranchDialog")
        self.setWindowTitle(self.tr("Branch of this computer"))
        self._current = current
        intro = QLabel(
            self.tr(
                "Interfaces restricted to a branch run only on the computers of that branch. "
                "Interfaces for every branch run here in any case."
            )
        )
        intro.setWordWrap(True)
        self.branch_combo = QComboBox()
        self.branch_combo.setObjectName("workstationBranchCombo")
        self.branch_combo.addItem(self.tr("(none)"), None)
        self.branch_combo.setEnabled(False)  # until the branches are read
        computer = QLabel(host_name)
        computer.setObjectName("workstationName")
        form = QFormLayout()
        form.addRow(self.tr("Computer:"), computer)
        form.addRow(self.tr("&Branch:"), self.branch_combo)
        self.message_label = MessageLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        guard_wheel(self)
        Op(branch_names, parent=self).success(self._show_branches).failure(
            lambda exc: self.message_label.show_error(error_text(exc))
        ).run_in_background()

    def _show_branches(self, names: list[str]) -> None:
        for name in names:
            self.branch_combo.addItem(name, name)
        current = self._current
        if current and current not in names:
            # Deleted or renamed elsewhere: keep it visible, and say why it is odd.
            self.branch_combo.addItem(
                self.tr("{name} (no longer in the list)").format(name=current), current
            )
            self.message_label.show_error(
                self.tr(
                    "This computer is set to the branch “{name}”, which no longer exists. "
                    "Choose its branch again."
                ).format(name=current)
            )
        self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(current)))
        self.branch_combo.setEnabled(True)
        self.ok_button.setEnabled(True)
        self.branch_combo.setFocus()

    def chosen(self) -> str | None:
        return self.branch_combo.currentData()
