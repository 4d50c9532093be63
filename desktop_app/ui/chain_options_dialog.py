"""Verwaltung → Filialkettenoptionen: the options for the whole branch chain, read in the
background, saved on an explicit OK (ReText's way), audited with the names of the
changed options."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.interface import (
    DOWNLOAD_GRACE_SECONDS_RANGE,
    DOWNLOAD_MIN_KIB_PER_SECOND_RANGE,
    FUTURE_BOOKING_MONTHS_MAX,
    ChainOptions,
)
from ..domain.users import REVEAL_SHOW_DURATION
from ..jobs.user_session import UserSession
from .case_options_group import CaseOptionsGroup
from .ops import Op, error_text
from .widgets.guard_controls import GuardControls
from .widgets.message_label import MessageLabel
from .widgets.wheel_guard import guard_wheel
from .widgets.wrapped_text import fit_to_content, text_width

MAX_FUTURE_MONTHS = FUTURE_BOOKING_MONTHS_MAX


class ChainOptionsDialog(QDialog):
    """Reads the options in the background, shows them; OK saves them in the background."""

    loaded = Signal()  # the stored options are shown (or could not be read)

    def __init__(self, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._busy = True  # until the stored options are shown
        self.setObjectName("chainOptionsDialog")
        self.setWindowTitle(self.tr("Chain options"))
        hints = [self._build_reveal(), self._build_future(), self._build_downloads()]
        hints.append(self._build_guards())
        self.cases_group = CaseOptionsGroup()
        hints.append(self.cases_group.hint)
        self.message_label = MessageLabel()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for row in self._rows:
            if isinstance(row, QWidget):
                layout.addWidget(row)
            elif row is None:
                layout.addSpacing(8)
            else:
                layout.addLayout(row)
        layout.addWidget(self.guards_group)
        layout.addWidget(self.cases_group)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        # Only now, inside the dialog: made default before, it would not stay default.
        self.ok_button.setDefault(True)
        fit_to_content(layout, text_width(self, 64), *hints, self.message_label)
        guard_wheel(self)
        self._set_busy(True)
        self.message_label.show_info(self.tr("Loading …"))
        Op(session.chain_options, parent=self).success(self._show).failure(
            self._load_failed
        ).run_in_background()

    # --- building ---------------------------------------------------------------------------

    _rows: list[QWidget | QHBoxLayout | None]

    def _build_reveal(self) -> QLabel:
        self.reveal_check = QCheckBox(self.tr("Administrators may see stored passwords"))
        self.reveal_check.setObjectName("revealPasswordsCheck")
        hint = self._hint(
            self.tr(
                "Password fields then get an eye button for administrators. It shows the "
                "password for {seconds} seconds after they entered their own password; "
                "every view is written to the audit log."
            ).format(seconds=int(REVEAL_SHOW_DURATION.total_seconds()))
        )
        self._rows = [self.reveal_check, hint, None]
        return hint

    def _build_future(self) -> QLabel:
        self.future_check = QCheckBox(self.tr("Allow bookings in the future for"))
        self.future_check.setObjectName("futureBookingsCheck")
        self.months_spin = QSpinBox()
        self.months_spin.setObjectName("futureMonthsSpin")
        self.months_spin.setRange(1, MAX_FUTURE_MONTHS)
        self.months_spin.setAccessibleName(self.tr("Additional months"))
        self.future_check.toggled.connect(self.months_spin.setEnabled)
        self.months_label = QLabel()
        self.months_spin.valueChanged.connect(self._show_months_unit)
        self._show_months_unit(self.months_spin.value())
        row = QHBoxLayout()
        row.addWidget(self.future_check)
        row.addWidget(self.months_spin)
        row.addWidget(self.months_label)
        row.addStretch(1)
        hint = self._hint(
            self.tr(
                "Without it, “Set invoices paid up to” offers “today” at most; with it, "
                "“tomorrow” too. The number of months changes nothing beyond that: the "
                "program never books later than tomorrow."
            )
        )
        self._rows += [row, hint, None]
        return hint

    def _build_downloads(self) -> QLabel:
        self.rate_spin = self._spin(
            "downloadMinRateSpin", DOWNLOAD_MIN_KIB_PER_SECOND_RANGE, self.tr(" KB/s"),
            self.tr("Minimum download speed"),
        )  # fmt: skip
        self.grace_spin = self._spin(
            "downloadGraceSpin", DOWNLOAD_GRACE_SECONDS_RANGE, self.tr(" s"),
            self.tr("Time each file gets on top"),
        )  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Downloads: at least")))
        row.addWidget(self.rate_spin)
        row.addWidget(QLabel(self.tr("plus")))
        row.addWidget(self.grace_spin)
        row.addWidget(QLabel(self.tr("per file")))
        row.addStretch(1)
        hint = self._hint(
            self.tr(
                "A file that does not arrive within this time (its size at the minimum "
                "speed, plus the time on top) is broken off and stays on the server; a run "
                "ends after the sum of its files' times plus the time on top once more. A "
                "server sending more than it listed is cut off at once."
            )
        )
        self._rows += [row, hint, None]
        return hint

    def _build_guards(self) -> QLabel:
        self.guards_group = QGroupBox(self.tr("Checks for open items"))
        self.guards = GuardControls(self)
        form = QFormLayout(self.guards_group)
        form.addRow(self.guards.refuse_empty)
        form.addRow(self.guards.refuse_older)
        form.addRow(self.tr("Settle at most:"), self.guards.share_row)
        hint = self._hint(
            self.tr(
                "Open items and DATEV open items (OPOS) take every invoice missing from the "
                "file as paid; these checks refuse a file that would settle too much. They "
                "apply to every interface without checks of its own. A refused file can be "
                "imported once from “Import file…”; that is written to the audit log."
            )
        )
        form.addRow(hint)
        return hint

    # --- loading ----------------------------------------------------------------------------

    def _show(self, options: ChainOptions) -> None:
        if not isValid(self):
            return
        self.reveal_check.setChecked(options.admins_may_reveal_passwords)
        self.months_spin.setValue(max(1, options.future_booking_months))
        self.future_check.setChecked(options.future_bookings_allowed)
        self.rate_spin.setValue(_within(options.download_min_kib_per_second, self.rate_spin))
        self.grace_spin.setValue(_within(options.download_grace_seconds, self.grace_spin))
        self.guards.set_value(options.open_item_guards)
        self.cases_group.set_value(options.cases)
        self.message_label.clear()
        self._set_busy(False)
        self.loaded.emit()

    def _load_failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        # The fields stay disabled: saving over options that could not be read would
        # silently replace them.
        self.message_label.show_error(
            self.tr("The options could not be read: {detail}").format(detail=error_text(exc))
        )
        self.loaded.emit()

    def _show_months_unit(self, months: int) -> None:
        # "1 zusätzlicher Monat", "2 zusätzliche Monate": the word follows the number.
        self.months_label.setText(self.tr("additional month(s)", "", months))

    def _spin(self, name: str, bounds: tuple[int, int], suffix: str, accessible: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(*bounds)
        spin.setSuffix(suffix)
        spin.setAccessibleName(accessible)
        return spin

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color: palette(placeholder-text);")
        return label

    def options(self) -> ChainOptions:
        """The options as entered; ``ValueError`` for a wrong summary time or address."""
        return ChainOptions(
            admins_may_reveal_passwords=self.reveal_check.isChecked(),
            future_booking_months=self.months_spin.value() if self.future_check.isChecked() else 0,
            download_min_kib_per_second=self.rate_spin.value(),
            download_grace_seconds=self.grace_spin.value(),
            open_item_guards=self.guards.value(),
            cases=self.cases_group.value(),
        )

    @property
    def busy(self) -> bool:
        """Loading or saving: nothing to change meanwhile."""
        return self._busy

    def accept(self) -> None:
        if self._busy:
            return
        try:
            options = self.options()
        except ValueError as exc:  # the summary's time or recipient
            self.message_label.show_error(str(exc))
            return
        session = self._session
        self._set_busy(True)
        self.message_label.show_info(self.tr("Saving …"))
        Op(lambda: session.save_chain_options(options), parent=self).success(self._saved).failure(
            self._failed
        ).run_in_background()

    def _saved(self, _result: object) -> None:
        if isValid(self):
            self._set_busy(False)
            super().accept()

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self._set_busy(False)
            self.message_label.show_error(error_text(exc))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (
            self.reveal_check, self.future_check, self.rate_spin, self.grace_spin, self.ok_button
        ):  # fmt: skip
            widget.setEnabled(not busy)
        self.guards.set_enabled(not busy)
        self.cases_group.set_enabled(not busy)
        self.months_spin.setEnabled(not busy and self.future_check.isChecked())


def _within(value: int, spin: QSpinBox) -> int:
    return min(max(value, spin.minimum()), spin.maximum())
