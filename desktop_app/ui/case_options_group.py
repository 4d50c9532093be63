"""The Klärungsfälle part of the chain options: who may close a case without a booking,
when a case counts as overdue, and the daily summary mail."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.cases import summary_recipient_problem
from ..domain.interface import CASE_OVERDUE_DAYS_RANGE, DEFAULT_CASE_SUMMARY_TIME, CaseOptions
from .translations import ui_language
from .widgets.time_field import TimeField


class CaseOptionsGroup(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Payments to clarify"), parent)
        self.staff_close_check = QCheckBox(self.tr("Staff may close a case &without booking"))
        self.staff_close_check.setObjectName("staffMayCloseCheck")
        self.overdue_spin = QSpinBox()
        self.overdue_spin.setObjectName("caseOverdueSpin")
        self.overdue_spin.setRange(*CASE_OVERDUE_DAYS_RANGE)
        self.overdue_spin.setSuffix(self.tr(" days"))
        self.overdue_spin.setAccessibleName(self.tr("Highlight cases open longer than"))
        overdue_label = QLabel(self.tr("&Highlight cases open longer than"))
        overdue_label.setBuddy(self.overdue_spin)
        overdue_row = QHBoxLayout()
        overdue_row.addWidget(overdue_label)
        overdue_row.addWidget(self.overdue_spin)
        overdue_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.staff_close_check)
        layout.addLayout(overdue_row)
        layout.addLayout(self._build_summary())
        self.hint = QLabel(
            self.tr(
                "Otherwise only administrators close a case without a booking. The summary "
                "goes out once a day through the SMTP server, from whichever computer's "
                "scheduler gets there first; it marks the cases open longer than the limit."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.hint)
        self._enabled = True

    def _build_summary(self) -> QHBoxLayout:
        self.summary_check = QCheckBox(self.tr("Send a daily &summary of open cases at"))
        self.summary_check.setObjectName("caseSummaryCheck")
        self.summary_time = TimeField()
        self.summary_time.setObjectName("caseSummaryTime")
        self.summary_time.setAccessibleName(self.tr("Time of the daily summary"))
        self.summary_recipient = QLineEdit()
        self.summary_recipient.setObjectName("caseSummaryRecipient")
        self.summary_recipient.setPlaceholderText(self.tr("name@company.example"))
        self.summary_recipient.setAccessibleName(self.tr("Recipient of the daily summary"))
        to_label = QLabel(self.tr("&to"))
        to_label.setBuddy(self.summary_recipient)
        row = QHBoxLayout()
        row.addWidget(self.summary_check)
        row.addWidget(self.summary_time)
        row.addWidget(to_label)
        row.addWidget(self.summary_recipient, 1)
        self.summary_check.toggled.connect(self._show_summary_fields)
        return row

    def set_value(self, options: CaseOptions) -> None:
        self.staff_close_check.setChecked(options.staff_may_close)
        self.overdue_spin.setValue(options.overdue_days)
        self.summary_check.setChecked(options.summary_enabled)
        self.summary_time.setText(options.summary_time.strftime("%H:%M"))
        self.summary_recipient.setText(options.summary_recipient)
        self._show_summary_fields(options.summary_enabled)

    def value(self) -> CaseOptions:
        """The options as entered; ``ValueError`` (in the user's language) for a wrong time
        or address."""
        enabled = self.summary_check.isChecked()
        summary_time = self.summary_time.value()
        if enabled and self.summary_time.has_unreadable_text():
            # Typed but no time ("2500", "7:99"): "please enter one" would read as unseen.
            raise ValueError(
                self.tr("“{text}” is not a valid time; please enter HH:MM, 00:00 to 23:59.").format(
                    text=self.summary_time.text().strip()
                )
            )
        if enabled and summary_time is None:
            raise ValueError(self.tr("Please enter the time of the daily summary, e.g. 07:30."))
        recipient = self.summary_recipient.text().strip()
        if enabled:
            problem = summary_recipient_problem(recipient)
            if problem is not None:
                raise ValueError(problem[0] if ui_language() == "de" else problem[1])
        return CaseOptions(
            staff_may_close=self.staff_close_check.isChecked(),
            overdue_days=self.overdue_spin.value(),
            summary_enabled=enabled,
            summary_time=summary_time or DEFAULT_CASE_SUMMARY_TIME,
            summary_recipient=recipient,
        )

    def set_enabled(self, on: bool) -> None:
        self._enabled = on
        for widget in (self.staff_close_check, self.overdue_spin, self.summary_check):
            widget.setEnabled(on)
        self._show_summary_fields(self.summary_check.isChecked())

    def _show_summary_fields(self, on: bool) -> None:
        self.summary_time.setEnabled(self._enabled and on)
        self.summary_recipient.setEnabled(self._enabled and on)
