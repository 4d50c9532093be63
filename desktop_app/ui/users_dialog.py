"""Verwaltung → Benutzer: create users with their group, disable and enable them, reset a
password, lift the lock after wrong passwords. Administrators only; every change is
audited by the session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.users import Group, User
from ..jobs.user_session import UserSession
from .change_password_dialog import ChangePasswordDialog
from .new_user_dialog import NewUserDialog
from .ops import Op, error_text
from .widgets.message_label import MessageLabel

NAME, GROUP, STATE = range(3)


class UsersDialog(QDialog):
    def __init__(self, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._users: list[User] = []
        self._locks: dict[int, datetime] = {}
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Users"))

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Group"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.new_button = QPushButton(self.tr("New user …"))
        self.new_button.clicked.connect(self.new_user)
        self.reset_button = QPushButton(self.tr("Reset password …"))
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button = QPushButton(self.tr("Disable"))
        self.toggle_button.clicked.connect(self.toggle_enabled)
        self.group_button = QPushButton(self.tr("Make administrator"))
        self.group_button.setObjectName("changeGroupButton")
        self.group_button.clicked.connect(self.change_group)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setToolTip(
            self.tr("Lifts the lock after too many wrong passwords; the user may log in again.")
        )
        self.unlock_button.clicked.connect(self.unlock)
        actions = QHBoxLayout()
        buttons = (
            self.new_button,
            self.reset_button,
            self.toggle_button,
            self.group_button,
            self.unlock_button,
        )
        for button in buttons:
            actions.addWidget(button)
        actions.addStretch(1)

        self.message_label = MessageLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 72, self.fontMetrics().height() * 22)
        self._update_buttons()
        self.reload()

    # --- the list ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        selected = self.selected_user()
        keep = select or (selected.name if selected else None)
        session = self._session
        self._run(
            lambda: (session.list_users(), session.user_locks()),
            lambda found: self._show_users(found[0], found[1], keep),
        )

    def names(self) -> list[str]:
        return [u.name for u in self._users]

    def _show_users(
        self, users: list[User], locks: dict[int, datetime], select: str | None
    ) -> None:
        self._users, self._locks = users, locks
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            group = self.tr("Administrators") if user.is_admin else self.tr("Staff")
            state = self.tr("active") if user.enabled else self.tr("disabled")
            if user.id in locks:
                state = self.tr("{state}, locked until {time}").format(
                    state=state, time=locks[user.id].astimezone().strftime("%H:%M")
                )
            for column, text in ((NAME, user.name), (GROUP, group), (STATE, state)):
                item = QTableWidgetItem(text)
                if not user.enabled:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
        names = self.names()
        if select in names:
            self.table.selectRow(names.index(select))
        self._update_buttons()

    def select(self, name: str) -> None:
        self.table.selectRow(self.names().index(name))

    def selected_user(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self._users[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        # One's own password and lock are not an administrator's to reset or lift (the
        # password proves who sits at the keyboard before a stored password is shown),
        # nor one's own group or access: another administrator changes those, so that
        # nobody locks out the chain's administration by a slip.
        mine = user is not None and user.name == self._session.user_name
        self.reset_button.setEnabled(user is not None and not mine)
        self.toggle_button.setEnabled(user is not None and not mine)
        self.group_button.setEnabled(user is not None and not mine)
        promote = user is None or not user.is_admin
        self.group_button.setText(
            self.tr("Make administrator") if promote else self.tr("Make staff")
        )
        if mine:
            tip = self.tr("Your own group is changed by another administrator.")
        elif promote:
            tip = self.tr("Administrators manage users, branches, options and the SMTP server.")
        else:
            tip = self.tr("Staff set up and run interfaces; the last administrator stays one.")
        self.group_button.setToolTip(tip)
        self.unlock_button.setEnabled(user is not None and user.id in self._locks and not mine)
        disable = user is None or user.enabled
        self.toggle_button.setText(self.tr("Disable") if disable else self.tr("Enable"))
        if mine:
            tip = self.tr("You cannot disable yourself; another administrator can.")
        elif disable:
            tip = self.tr("The user can no longer log in; the account and its history stay.")
        else:
            tip = self.tr("The user can log in again.")
        self.toggle_button.setToolTip(tip)

    # --- actions ----------------------------------------------------------------------------

    def new_user(self) -> NewUserDialog:
        dialog = NewUserDialog(self._session.create_user, parent=self)
        dialog.accepted.connect(lambda: self._user_created(dialog))
        dialog.open()
        return dialog

    def reset_password(self) -> ChangePasswordDialog | None:
        user = self.selected_user()
        if user is None:
            return None
        session = self._session
        dialog = ChangePasswordDialog(
            user.name,
            lambda _current, new: session.reset_password(user, new),
            ask_current=False,
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self._done_with(
                dialog, self.tr("New password for “{name}” set.").format(name=user.name)
            )
        )
        dialog.open()
        return dialog

    def toggle_enabled(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        session, enable = self._session, not user.enabled
        text = (
            self.tr("“{name}” can log in again.")
            if enable
            else self.tr("“{name}” is disabled and can no longer log in.")
        ).format(name=user.name)
        self._run(
            lambda: session.set_user_enabled(user, enable),
            lambda _r: self._inform_and_reload(text),
        )

    def change_group(self) -> None:
        """Administratoren ⇄ Mitarbeiter for the selected user (audited)."""
        user = self.selected_user()
        if user is None:
            return
        session = self._session
        group = Group.STAFF if user.is_admin else Group.ADMINISTRATORS
        text = (
            self.tr("“{name}” is now an administrator.")
            if group is Group.ADMINISTRATORS
            else self.tr("“{name}” now belongs to the staff.")
        ).format(name=user.name)
        self._run(
            lambda: session.set_user_group(user, group),
            lambda _r: self._inform_and_reload(text),
        )

    def unlock(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        session = self._session
        text = self.tr("“{name}” is unlocked and may log in again.").format(name=user.name)
        self._run(
            lambda: session.unlock_user(user),
            lambda _r: self._inform_and_reload(text),
        )

    def _user_created(self, dialog: NewUserDialog) -> None:
        user = dialog.created_user
        assert user is not None  # the dialog accepts once the user exists
        name = user.name
        self._done_with(dialog, self.tr("User “{name}” created.").format(name=name), select=name)

    def _inform_and_reload(self, text: str) -> None:
        self.message_label.show_info(text)
        self.reload()

    def _done_with(self, dialog: QDialog, text: str, select: str | None = None) -> None:
        self.message_label.show_info(text)
        dialog.deleteLater()
        self.reload(select)

    def _run(self, work: Callable[[], Any], success: Callable[[Any], Any]) -> None:
        def delivered(result: Any) -> None:
            if isValid(self):
                success(result)

        def failed(exc: Exception) -> None:
            if isValid(self):
                self.message_label.show_error(error_text(exc))

        Op(work, parent=self).success(delivered).failure(failed).run_in_background()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the table must not close the dialog (Close is its only button).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
