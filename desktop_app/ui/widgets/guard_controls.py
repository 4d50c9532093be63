"""The controls of the Offene-Posten checks, for the interface form and the chain options."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSpinBox, QWidget

from ...domain.interface import DEFAULT_MAX_SHARE_PERCENT, OpenItemGuards
from ..interface_form_texts import FIELD_TEXTS, GUARD_REFUSE_EMPTY, GUARD_REFUSE_OLDER, tr_form


class GuardControls(QObject):
    """Two check boxes and the share (a spin box with "no limit"); the host lays them out.
    ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        # The form's words for the two checks, in the form and in the chain options alike.
        self.refuse_empty = _check(GUARD_REFUSE_EMPTY)
        self.refuse_older = _check(GUARD_REFUSE_OLDER)
        self.share_spin = QSpinBox()
        self.share_spin.setRange(1, 100)
        self.share_spin.setSuffix(" %")
        self.share_spin.setAccessibleName(self.tr("Largest share of open invoices"))
        self.no_limit = QCheckBox(self.tr("no limit"))
        self.share_spin.setToolTip(
            self.tr("A file that would settle more of the open invoices in scope is refused.")
        )
        self.no_limit.setToolTip(self.tr("Any share of the open invoices may be settled."))
        self.share_row = QWidget()
        row = QHBoxLayout(self.share_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.share_spin)
        row.addWidget(self.no_limit)
        row.addStretch(1)
        for check in (self.refuse_empty, self.refuse_older, self.no_limit):
            check.toggled.connect(self._edited)
        self.share_spin.valueChanged.connect(self._edited)
        self.set_value(OpenItemGuards())

    def _edited(self, *_args: object) -> None:
        self.share_spin.setEnabled(self._enabled and not self.no_limit.isChecked())
        self.changed.emit()

    @property
    def _enabled(self) -> bool:
        return self.refuse_empty.isEnabled()

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.refuse_empty, self.refuse_older, self.share_spin, self.no_limit)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.refuse_empty, self.refuse_older, self.no_limit):
            widget.setEnabled(enabled)
        self.share_spin.setEnabled(enabled and not self.no_limit.isChecked())

    def set_value(self, guards: OpenItemGuards) -> None:
        self.refuse_empty.setChecked(guards.refuse_empty)
        self.refuse_older.setChecked(guards.refuse_older)
        share = guards.max_share_percent
        self.share_spin.setValue(DEFAULT_MAX_SHARE_PERCENT if share is None else share)
        self.no_limit.setChecked(share is None)
        self.share_spin.setEnabled(self._enabled and share is not None)

    def value(self) -> OpenItemGuards:
        return OpenItemGuards(
            refuse_empty=self.refuse_empty.isChecked(),
            refuse_older=self.refuse_older.isChecked(),
            max_share_percent=None if self.no_limit.isChecked() else self.share_spin.value(),
        )


def _check(key: str) -> QCheckBox:
    check = QCheckBox(tr_form(FIELD_TEXTS[key].label))
    check.setToolTip(tr_form(FIELD_TEXTS[key].tooltip))
    return check
