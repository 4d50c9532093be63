"""Verwaltung → Filialkettenoptionen: the options for the whole branch chain, saved on an
explicit OK (ReText's way), audited with the names of the changed options."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.cases import summary_recipient_problem
from ..domain.interface import (
    CASE_OVERDUE_DAYS_RANGE,
    DEFAULT_CASE_SUMMARY_TIME,
    DOWNLOAD_GRACE_SECONDS_RANGE,
    DOWNLOAD_MIN_KIB_PER_SECOND_RANGE,
    CaseOptions,
    ChainOptions,
)
from ..domain.users import REVEAL_SHOW_DURATION
from ..jobs.user_session import UserSession
from .ops import Op, error_text
from .widgets.guard_controls import GuardControls
from .widgets.message_label import MessageLabel
from .widgets.time_field import TimeField
from .widgets.wheel_guard import guard_wheel
from .widgets.wrapped_text import fit_to_text, text_width

MAX_FUTURE_MONTHS = 24


class ChainOptionsDialog(QDialog):
    """Shows ``options`` (read by the caller); OK saves them in the background."""

    def __init__(self, session: UserSession, options: ChainOptions, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._busy = False
        self.setObjectName("chainOptionsDialog")
        self.setWindowTitle(self.tr("Chain options"))

        self.reveal_check = QCheckBox(self.tr("Administrators may see stored passwords"))
        self.reveal_check.setObjectName("revealPasswordsCheck")
        self.reveal_check.setChecked(options.admins_may_reveal_passwords)
        reveal_hint = self._hint(
            self.tr(
                "Password fields then get an eye button for administrators. It shows the "
                "password for {seconds} seconds after they entered their own password; "
                "every view is written to the audit log."
            ).format(seconds=int(REVEAL_SHOW_DURATION.total_seconds()))
        )

        self.future_check = QCheckBox(self.tr("Allow bookings in the future for"))
        self.future_check.setObjectName("futureBookingsCheck")
        self.months_spin = QSpinBox()
        self.months_spin.setObjectName("futureMonthsSpin")
        self.months_spin.setRange(1, MAX_FUTURE_MONTHS)
        self.months_spin.setValue(max(1, options.future_booking_months))
        self.months_spin.setAccessibleName(self.tr("Additional months"))
        self.future_check.setChecked(options.future_bookings_allowed)
        self.future_check.toggled.connect(self.months_spin.setEnabled)
        self.months_spin.setEnabled(options.future_bookings_allowed)
        future_row = QHBoxLayout()
        future_row.addWidget(self.future_check)
        future_row.addWidget(self.months_spin)
        self.months_label = QLabel()
        self.months_spin.valueChanged.connect(self._show_months_unit)
        self._show_months_unit(self.months_spin.value())
        future_row.addWidget(self.months_label)
        future_row.addStretch(1)
        future_hint = self._hint(
            self.tr(
                "Without it, interfaces set invoices paid up to today at most; with it, "
                "“Set invoices paid up to: tomorrow” may be chosen."
            )
        )

        self.rate_spin = self._spin(
            "downloadMinRateSpin", DOWNLOAD_MIN_KIB_PER_SECOND_RANGE,
            options.download_min_kib_per_second, self.tr(" KB/s"),
            self.tr("Minimum download speed"),
        )  # fmt: skip
        self.grace_spin = self._spin(
            "downloadGraceSpin", DOWNLOAD_GRACE_SECONDS_RANGE, options.download_grace_seconds,
            self.tr(" s"), self.tr("Time each file gets on top"),
        )  # fmt: skip
        download_row = QHBoxLayout()
        download_row.addWidget(QLabel(self.tr("Downloads: at least")))
        download_row.addWidget(self.rate_spin)
        download_row.addWidget(QLabel(self.tr("plus")))
        download_row.addWidget(self.grace_spin)
        download_row.addWidget(QLabel(self.tr("per file")))
        download_row.addStretch(1)
        download_hint = self._hint(
            self.tr(
                "A file that does not arrive within this time (its size at the minimum "
                "speed, plus the time on top) is broken off and stays on the server; a run "
                "ends after the sum of its files' times plus the time on top once more. A "
                "server sending more than it listed is cut off at once."
            )
        )

        self.guards_group = QGroupBox(self.tr("Checks for open items"))
        self.guards = GuardControls(self)
        self.guards.set_value(options.open_item_guards)
        guards_form = QFormLayout(self.guards_group)
        guards_form.addRow(self.guards.refuse_empty)
        guards_form.addRow(self.guards.refuse_older)
        guards_form.addRow(self.tr("Settle at most:"), self.guards.share_row)
        guards_hint = self._hint(
            self.tr(
                "Offene Posten and DATEV OPOS take every invoice missing from the file as "
                "paid; these checks refuse a file that would settle too much. They apply to "
                "every interface without checks of its own. A refused file can be imported "
                "once from “Import file…”; that is written to the audit log."
            )
        )
        guards_form.addRow(guards_hint)
        self.cases_group, cases_hint = self._build_cases(options.cases)

        self.message_label = MessageLabel()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.reveal_check)
        layout.addWidget(reveal_hint)
        layout.addSpacing(8)
        layout.addLayout(future_row)
        layout.addWidget(future_hint)
        layout.addSpacing(8)
        layout.addLayout(download_row)
        layout.addWidget(download_hint)
        layout.addSpacing(8)
        layout.addWidget(self.guards_group)
        layout.addWidget(self.cases_group)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        # Only now, inside the dialog: made default before, it would not stay default.
        self.ok_button.setDefault(True)
        fit_to_text(
            layout, text_width(self, 64), reveal_hint, future_hint, download_hint, guards_hint,
            cases_hint, self.message_label,
        )  # fmt: skip
        guard_wheel(self)

    def _build_cases(self, options: CaseOptions) -> tuple[QGroupBox, QLabel]:
        group = QGroupBox(self.tr("Payments to clarify"))
        self.staff_close_check = QCheckBox(self.tr("Staff may close a case &without booking"))
        self.staff_close_check.setObjectName("staffMayCloseCheck")
        self.staff_close_check.setChecked(options.staff_may_close)
        self.overdue_spin = self._spin(
            "caseOverdueSpin", CASE_OVERDUE_DAYS_RANGE, options.overdue_days, self.tr(" days"),
            self.tr("Highlight cases open longer than"),
        )  # fmt: skip
        overdue_label = QLabel(self.tr("&Highlight cases open longer than"))
        overdue_label.setBuddy(self.overdue_spin)
        overdue_row = QHBoxLayout()
        overdue_row.addWidget(overdue_label)
        overdue_row.addWidget(self.overdue_spin)
        overdue_row.addStretch(1)
        self.summary_check = QCheckBox(self.tr("Send a daily &summary of open cases at"))
        self.summary_check.setObjectName("caseSummaryCheck")
        self.summary_check.setChecked(options.summary_enabled)
        self.summary_time = TimeField()
        self.summary_time.setObjectName("caseSummaryTime")
        self.summary_time.setAccessibleName(self.tr("Time of the daily summary"))
        self.summary_time.setText(options.summary_time.strftime("%H:%M"))
        self.summary_recipient = QLineEdit(options.summary_recipient)
        self.summary_recipient.setObjectName("caseSummaryRecipient")
        self.summary_recipient.setPlaceholderText(self.tr("name@company.example"))
        self.summary_recipient.setAccessibleName(self.tr("Recipient of the daily summary"))
        to_label = QLabel(self.tr("&to"))
        to_label.setBuddy(self.summary_recipient)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary_check)
        summary_row.addWidget(self.summary_time)
        summary_row.addWidget(to_label)
        summary_row.addWidget(self.summary_recipient, 1)
        self.summary_check.toggled.connect(self._show_summary_fields)
        self._show_summary_fields(options.summary_enabled)
        hint = self._hint(
            self.tr(
                "Otherwise only administrators close a case without a booking. The summary "
                "goes out once a day through the SMTP server, from whichever computer's "
                "scheduler gets there first; it marks the cases open longer than the limit."
            )
        )
        layout = QVBoxLayout(group)
        layout.addWidget(self.staff_close_check)
        layout.addLayout(overdue_row)
        layout.addLayout(summary_row)
        layout.addWidget(hint)
        return group, hint

    def _show_summary_fields(self, on: bool) -> None:
        self.summary_time.setEnabled(on)
        self.summary_recipient.setEnabled(on)

    def _case_options(self) -> CaseOptions:
        """The cases' options as entered; ``ValueError`` (German) for a wrong time or address."""
        enabled = self.summary_check.isChecked()
        summary_time = self.summary_time.value()
        if enabled and summary_time is None:
            raise ValueError(self.tr("Please enter the time of the daily summary, e.g. 07:30."))
        recipient = self.summary_recipient.text().strip()
        if enabled:
            problem = summary_recipient_problem(recipient)
            if problem is not None:
                raise ValueError(problem[0] if self._german() else problem[1])
        return CaseOptions(
            staff_may_close=self.staff_close_check.isChecked(),
            overdue_days=self.overdue_spin.value(),
            summary_enabled=enabled,
            summary_time=summary_time or DEFAULT_CASE_SUMMARY_TIME,
            summary_recipient=recipient,
        )

    def _german(self) -> bool:
        from .translations import ui_language

        return ui_language() == "de"

    def _show_months_unit(self, months: int) -> None:
        # "1 zusätzlicher Monat", "2 zusätzliche Monate": the word follows the number.
        self.months_label.setText(self.tr("additional month(s)", "", months))

    def _spin(
        self, name: str, bounds: tuple[int, int], value: int, suffix: str, accessible: str
    ) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(*bounds)
        spin.setValue(min(max(value, bounds[0]), bounds[1]))
        spin.setSuffix(suffix)
        spin.setAccessibleName(accessible)
        return spin

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color: palette(placeholder-text);")
        return label

    def options(self) -> ChainOptions:
        return ChainOptions(
            admins_may_reveal_passwords=self.reveal_check.isChecked(),
            future_booking_months=self.months_spin.value() if self.future_check.isChecked() else 0,
            download_min_kib_per_second=self.rate_spin.value(),
            download_grace_seconds=self.grace_spin.value(),
            open_item_guards=self.guards.value(),
            cases=self._case_options(),
        )

    def accept(self) -> None:
        if self._busy:
            return
        try:
            options = self.options()
        except ValueError as exc:
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
            self.reveal_check, self.future_check, self.rate_spin, self.grace_spin, self.ok_button,
            self.staff_close_check, self.overdue_spin, self.summary_check,
        ):  # fmt: skip
            widget.setEnabled(not busy)
        self._show_summary_fields(not busy and self.summary_check.isChecked())
        self.guards.set_enabled(not busy)
        self.months_spin.setEnabled(not busy and self.future_check.isChecked())
