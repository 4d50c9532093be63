"""A new user: the first administrator at the first start, or "Neuer Benutzer" in the
user administration. Name, group (unless it is the first administrator), password twice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.users import Group, User, user_name_problems
from .ops import error_text
from .translations import ui_language
from .widgets.message_label import MessageLabel
from .widgets.new_password_rows import NewPasswordRows
from .widgets.submit_dialog import SubmitDialog
from .widgets.wheel_guard import guard_wheel
from .widgets.wrapped_text import fit_to_text, text_width

# Creates the user (in the background): name, password, group -> the new user.
CreateUser = Callable[[str, str, Group], User]


class NewUserDialog(SubmitDialog):
    """``created_user`` holds the new user after the dialog was accepted."""

    def __init__(
        self, create: CreateUser, *, first_admin: bool = False, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._create = create
        self._first_admin = first_admin
        # The first administrator's Beenden ends the program: not on a stray Esc.
        self.escape_cancels = not first_admin
        self.created_user: User | None = None
        # Why the dialog closed without a user when someone made the first one meanwhile.
        self.taken_meanwhile = ""
        self.setObjectName("newUserDialog")
        if first_admin:
            self.setWindowTitle(self.tr("Create the first administrator"))
            intro_text = self.tr(
                "Welcome! There is no user yet. Create the first administrator: with this "
                "name and password you log in from now on, and you can create further users."
            )
        else:
            self.setWindowTitle(self.tr("New user"))
            intro_text = self.tr(
                "Administrators manage users, branches, clients and the chain options; "
                "staff work with the interfaces."
            )
        intro = QLabel(intro_text)
        intro.setWordWrap(True)

        form = self._build_fields(first_admin)
        self.message_label = MessageLabel()
        buttons = self._build_buttons(first_admin)
        self.name_edit.textEdited.connect(lambda _t: self.message_label.clear())
        self.passwords.changed.connect(self.message_label.clear)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        fit_to_text(layout, text_width(self), intro, self.passwords.hint, self.message_label)
        self.name_edit.setFocus()
        guard_wheel(self)

    def _build_fields(self, first_admin: bool) -> QFormLayout:
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("userNameEdit")
        # No maximum length: it would cut a pasted name silently; the check names the limit.
        name_label = QLabel(self.tr("User &name:"))
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        # The first user is an administrator: without one nobody could manage users.
        self.group_combo: QComboBox | None = None
        if not first_admin:
            self.group_combo = QComboBox()
            self.group_combo.setObjectName("groupCombo")
            self.group_combo.addItem(self.tr("Staff (Mitarbeiter)"), Group.STAFF.value)
            self.group_combo.addItem(self.tr("Administrators"), Group.ADMINISTRATORS.value)
            group_label = QLabel(self.tr("&Group:"))
            group_label.setBuddy(self.group_combo)
            form.addRow(group_label, self.group_combo)
        self.passwords = NewPasswordRows(form)
        return form

    def _build_buttons(self, first_admin: bool) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Create administrator") if first_admin else self.tr("Create user"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.submit_button = self.ok_button
        buttons.addButton(
            self.tr("Quit") if first_admin else self.tr("Cancel"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def group(self) -> Group:
        if self.group_combo is None:
            return Group.ADMINISTRATORS
        return Group(self.group_combo.currentData())

    def accept(self) -> None:
        if self._busy:
            return
        name = self.name_edit.text()
        problems = user_name_problems(name, ui_language()) + self.passwords.problems(name)
        if problems:
            self.message_label.show_error("\n".join(problems))
            return
        create, password, group = self._create, self.passwords.password(), self.group()
        self._submit(
            lambda: create(name, password, group),
            self._created,
            self._failed,
            self.tr("Creating the user …"),
        )

    def _failed(self, exc: Exception) -> None:
        from ..store.errors import FirstAdminExists

        if self._first_admin and isinstance(exc, FirstAdminExists):
            # Another computer or window was quicker: nothing to fix here, the login is next.
            self.taken_meanwhile = error_text(exc)
            self.reject()
            return
        self.message_label.show_error(error_text(exc))

    def _created(self, user: User) -> None:
        self.created_user = user
        super().accept()

    def busy_widgets(self) -> list[QWidget]:
        widgets = [
            self.name_edit,
            self.ok_button,
            self.passwords.password_edit,
            self.passwords.repeat_edit,
        ]
        if self.group_combo is not None:
            widgets.append(self.group_combo)
        return widgets
