"""What the main window asks the user: who logs in, about unsaved changes, a run outside
the hours, a deletion; and what it tells: a run refused, an error. (The window's methods
of the same names call these; tests answer them.)"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from ..domain.users import User
    from ..jobs.user_session import UserSession


class UnsavedChoice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_login(parent: QWidget, session: UserSession) -> User | None:
    """The login dialog over ``parent``; None when the user quits."""
    from .login_dialog import LoginDialog, login_check

    dialog = LoginDialog(login_check(session.users, session.audit_log), parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    user = dialog.user if accepted else None
    dialog.deleteLater()
    return user


def ask_unsaved_changes(parent: QWidget, name: str | None) -> UnsavedChoice:
    """``name``: the interface as stored (None: a new one)."""
    text = (
        QCoreApplication.translate(
            "MainWindow", "The interface “{name}” has unsaved changes."
        ).format(name=name)
        if name is not None
        else QCoreApplication.translate("MainWindow", "The new interface has not been saved.")
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("MainWindow", "Unsaved changes"),
        text,
        parent=parent,
    )
    box.setInformativeText(
        QCoreApplication.translate("MainWindow", "Do you want to save the changes?")
    )
    save = box.addButton(
        QCoreApplication.translate("MainWindow", "Save"), QMessageBox.ButtonRole.AcceptRole
    )
    discard = box.addButton(
        QCoreApplication.translate("MainWindow", "Discard"), QMessageBox.ButtonRole.DestructiveRole
    )
    cancel = box.addButton(
        QCoreApplication.translate("MainWindow", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return UnsavedChoice.SAVE
    if clicked is discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def confirm_outside_window(parent: QWidget, name: str) -> bool:
    """Asked once before "Jetzt ausführen" between 22:00 and 06:00."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("MainWindow", "Run now"),
        QCoreApplication.translate(
            "MainWindow",
            "It is outside 06:00 to 22:00, when maintenance work may run and no import "
            "runs on its own. Run “{name}” now anyway?",
        ).format(name=name),
        parent=parent,
    )
    run = box.addButton(
        QCoreApplication.translate("MainWindow", "Run anyway"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        QCoreApplication.translate("MainWindow", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(run)
    box.exec()
    return box.clickedButton() is run


def confirm_delete(parent: QWidget, name: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("MainWindow", "Delete interface"),
        QCoreApplication.translate("MainWindow", "Really delete the interface “{name}”?").format(
            name=name
        ),
        parent=parent,
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "MainWindow", "Its stored password is deleted from the keyring, too."
        )
    )
    yes = box.addButton(
        QCoreApplication.translate("MainWindow", "Delete"), QMessageBox.ButtonRole.YesRole
    )
    no = box.addButton(
        QCoreApplication.translate("MainWindow", "Do not delete"), QMessageBox.ButtonRole.NoRole
    )
    box.setDefaultButton(no)  # a slip of the Enter key must not delete anything
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def tell_run_refused(parent: QWidget, text: str) -> None:
    """Why "Jetzt ausführen" starts nothing (the Start date is still ahead)."""
    QMessageBox.information(parent, QCoreApplication.translate("MainWindow", "Run now"), text)


def show_error(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("MainWindow", "Error"), text)
