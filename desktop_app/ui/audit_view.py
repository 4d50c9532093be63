"""Verwaltung → Protokoll: who did what, when, to what, with which outcome, and which
fields changed (names only: the log never holds a value of a secret)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain import audit_actions as audit
from ..jobs import case_desk, change_audit, guard_override
from ..jobs.user_session import UserSession
from .interface_form_texts import FIELD_TEXTS, without_mnemonic
from .money_text import money_text, timestamp_text
from .ops import Op, error_text
from .widgets.message_label import MessageLabel
from .widgets.screen_fit import resize_within_screen
from .widgets.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from ..store.audit import AuditEntry

LIMIT = 1000
# Password tries: where they were typed says which computer's lock they count against.
_TRIES = frozenset(
    (audit.LOGIN_FAILED, audit.LOGIN_LOCKED, audit.REVEAL_FAILED, audit.REVEAL_LOCKED)
)
WHEN, WHO, ACTION, TARGET, OUTCOME, DETAILS = range(6)


class AuditView(QDialog):
    def __init__(self, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._entries: list[AuditEntry] = []
        self.setObjectName("auditView")
        self.setWindowTitle(self.tr("Audit log"))
        self._actions = self._action_labels()
        self._outcomes = self._outcome_labels()
        self._fields = self._field_labels()

        top = self._build_filter()
        self._build_table()

        self.message_label = MessageLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        resize_within_screen(self, 1100, 560)
        guard_wheel(self)
        self.reload()

    def _build_filter(self) -> QHBoxLayout:
        self.action_combo = QComboBox()
        self.action_combo.setObjectName("auditActionFilter")
        self.action_combo.addItem(self.tr("All actions"), "")
        for action, label in self._actions.items():
            self.action_combo.addItem(label, action)
        self.action_combo.currentIndexChanged.connect(lambda _i: self.reload())
        filter_label = QLabel(self.tr("&Action:"))
        filter_label.setBuddy(self.action_combo)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.reload)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.action_combo)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        return top

    def _build_table(self) -> None:
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Target"),
                self.tr("Outcome"),
                self.tr("Changed fields and details"),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    # --- labels -----------------------------------------------------------------------------

    def _action_labels(self) -> dict[str, str]:
        return {
            audit.LOGIN: self.tr("Login"),
            audit.LOGOUT: self.tr("Logout"),
            audit.LOGIN_FAILED: self.tr("Failed login"),
            audit.LOGIN_LOCKED: self.tr("Login locked"),
            audit.REVEAL: self.tr("Password shown"),
            audit.REVEAL_FAILED: self.tr("Password not shown"),
            audit.REVEAL_LOCKED: self.tr("Password view locked"),
            audit.INTERFACE_CREATED: self.tr("Interface created"),
            audit.INTERFACE_CHANGED: self.tr("Interface changed"),
            audit.INTERFACE_DELETED: self.tr("Interface deleted"),
            audit.OPTIONS_CHANGED: self.tr("Chain options changed"),
            audit.SMTP_CHANGED: self.tr("SMTP server changed"),
            audit.CONFIG_IMPORTED: self.tr("Configuration imported"),
            audit.USER_CREATED: self.tr("User created"),
            audit.USER_CHANGED: self.tr("User changed"),
            audit.USER_UNLOCKED: self.tr("User unlocked"),
            audit.PASSWORD_CHANGED: self.tr("Own password changed"),
            change_audit.BRANCH_CREATED: self.tr("Branch added"),
            change_audit.BRANCH_RENAMED: self.tr("Branch renamed"),
            change_audit.BRANCH_DELETED: self.tr("Branch deleted"),
            change_audit.MANDANT_CREATED: self.tr("Client added"),
            change_audit.MANDANT_CHANGED: self.tr("Client changed"),
            change_audit.MANDANT_DELETED: self.tr("Client deleted"),
            change_audit.WORKSTATION_BRANCH_CHANGED: self.tr("Branch of a computer changed"),
            guard_override.GUARDS_OVERRIDDEN: self.tr("File imported despite its checks"),
            case_desk.CASE_ASSIGNED: self.tr("Payment assigned"),
            case_desk.CASE_CLOSED: self.tr("Case closed without booking"),
            case_desk.BOOKING_REVERSED: self.tr("Booking reversed"),
        }

    def _outcome_labels(self) -> dict[str, str]:
        return {
            "ok": self.tr("done"),
            "shown": self.tr("shown"),
            "wrong_password": self.tr("wrong password"),
            "locked": self.tr("locked"),
            "not_allowed": self.tr("not allowed"),
            "nothing_stored": self.tr("nothing stored"),
            "keyring_error": self.tr("keyring error"),
            "unknown_user": self.tr("unknown user"),
            "disabled": self.tr("account disabled"),
            "failed": self.tr("failed"),
        }

    def _field_labels(self) -> dict[str, str]:
        # The interface fields are named as in the form (its own translations).
        labels = {
            key: without_mnemonic(QCoreApplication.translate("InterfaceForm", texts.label))
            for key, texts in FIELD_TEXTS.items()
        }
        labels.update(
            {
                change_audit.PASSWORD_FIELD: self.tr("FTP password"),
                "admins_may_reveal_passwords": self.tr("Administrators may see passwords"),
                "future_booking_months": self.tr("Months of future bookings"),
                "enabled": self.tr("Active"),
                "password": self.tr("Password"),
                "group": self.tr("Group"),
                "host": self.tr("Server"),
                "port": self.tr("Port"),
                "security": self.tr("Encryption"),
                "user": self.tr("User"),
                "sender": self.tr("Sender"),
                "datev_berater": self.tr("DATEV adviser number"),
                "datev_mandant": self.tr("DATEV client number"),
                change_audit.WORKSTATION_BRANCH_FIELD: self.tr("Branch of this computer"),
                # The Offene-Posten checks a file was imported despite.
                "empty": self.tr("file without data rows"),
                "older": self.tr("file older than the last one"),
                "share": self.tr("share of open invoices"),
                "cases.staff_may_close": self.tr("Staff may close cases"),
                "cases.overdue_days": self.tr("Days until a case is overdue"),
                "cases.summary_enabled": self.tr("Daily summary of cases"),
                "cases.summary_time": self.tr("Time of the daily summary"),
                "cases.summary_recipient": self.tr("Recipient of the daily summary"),
            }
        )
        return labels

    def describe(self, entry: AuditEntry) -> str:
        """The last column: changed fields by their labels, and the harmless details."""
        details = entry.details
        password_mark = {"changed": self.tr("changed"), "deleted": self.tr("deleted")}.get(
            details.get("password", "")
        )
        parts = []
        for name in details.get("fields", []):
            label = self._fields.get(name, name)
            if name in (change_audit.PASSWORD_FIELD, change_audit.SMTP_PASSWORD_FIELD):
                label = f"{label} ({password_mark or self.tr('changed')})"
            parts.append(label)
        text = ", ".join(parts)
        if "renamed_from" in details:
            text += "; " + self.tr("renamed from “{name}”").format(name=details["renamed_from"])
        if "failures" in details:
            text += "; " + self.tr("wrong entry no. {count}").format(count=details["failures"])
        if "reason" in details and entry.action == audit.LOGIN_LOCKED:
            text += "; " + self._outcomes.get(details["reason"], details["reason"])
        if "computer" in details and entry.action in _TRIES:
            text += "; " + self.tr("at computer “{computer}”").format(computer=details["computer"])
        if entry.action == change_audit.WORKSTATION_BRANCH_CHANGED:
            none = self.tr("none")
            text += "; " + self.tr("“{previous}” → “{branch}”").format(
                previous=details.get("previous") or none, branch=details.get("branch") or none
            )
        if entry.action == guard_override.GUARDS_OVERRIDDEN:
            booked, amount = details.get("booked", 0), details.get("booked_amount", "0.00")
            if isinstance(booked, int):
                text += "; " + self.tr("%n booking(s), {amount}", "", booked).format(
                    amount=_money(amount)
                )
            else:  # not written by this program: shown as it is stored
                text += f"; {booked}, {_money(amount)}"
        if entry.action == audit.CONFIG_IMPORTED:
            tallies = details.get("counts", {}).values()
            text += "; " + self.tr("new {added}, changed {changed}").format(
                added=sum(t.get("added", 0) for t in tallies),
                changed=sum(t.get("changed", 0) for t in tallies),
            )
        if entry.action == case_desk.CASE_ASSIGNED:
            text += "; " + ", ".join(
                f"{part.get('invoice')} ({_money(part.get('amount'))})"
                for part in details.get("invoices", [])
            )
        if entry.action == case_desk.BOOKING_REVERSED:
            text += "; " + self.tr("invoice {number}, {amount}").format(
                number=details.get("invoice", ""), amount=_money(details.get("amount"))
            )
        if "reason" in details:
            text += "; " + self.tr("reason: {reason}").format(reason=details["reason"])
        if "group" in details:
            group = self.tr("Administrators") if details["group"] == "admin" else self.tr("Staff")
            text += "; " + self.tr("group: {group}").format(group=group)
        return text.removeprefix("; ")

    # --- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        session, action = self._session, self.action_combo.currentData() or None

        def loaded(entries: list[AuditEntry]) -> None:
            if isValid(self):
                self._show(entries)

        def failed(exc: Exception) -> None:
            if isValid(self):
                self.message_label.show_error(error_text(exc))

        Op(lambda: session.audit_entries(action, LIMIT), parent=self).success(loaded).failure(
            failed
        ).run_in_background()

    def entries(self) -> list[AuditEntry]:
        return list(self._entries)

    def row_texts(self, row: int) -> list[str]:
        return [self.model.item(row, column).text() for column in range(6)]

    def _show(self, entries: list[AuditEntry]) -> None:
        self._entries = entries
        self.model.removeRows(0, self.model.rowCount())
        for entry in entries:
            texts = [
                timestamp_text(entry.at, seconds=True),
                entry.actor,
                self._actions.get(entry.action, entry.action),
                entry.target,
                self._outcomes.get(entry.outcome, entry.outcome),
                self.describe(entry),
            ]
            self.model.appendRow([QStandardItem(text) for text in texts])
        for column in range(DETAILS):  # the last one stretches over the rest
            self.table.resizeColumnToContents(column)
        count = len(entries)
        self.count_label.setText(
            self.tr("%n entries", "", count)
            if count < LIMIT
            else self.tr("the newest {count} entries").format(count=LIMIT)
        )


def _money(stored: object) -> str:
    """An amount the audit log stored as text ("123.40"), written as the language writes
    money; anything else as it was stored, so the log never hides what it holds."""
    try:
        return money_text(Decimal(str(stored)))
    except (InvalidOperation, ValueError):
        return str(stored)
