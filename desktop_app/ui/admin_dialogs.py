"""The dialogs only administrators open (users, chain options, branches and Mandanten, the
SMTP server, …) while the user loses those rights elsewhere (see ``window_rights``): they
stay open with what was typed, but say at their top that nothing is saved any more, and
whatever changes or saves is disabled; Close and Cancel stay. The jobs refuse such a
save anyway; this tells the user before they type on. Rights given back undo it."""

from __future__ import annotations

from typing import TypeGuard

from PySide6.QtCore import QChildEvent, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from .widgets.message_label import MessageLabel

_ADMIN_DIALOG = "administratorDialog"  # the mark of a dialog for administrators only
_CHANGING = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)
_LEAVING = (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.NoRole)


def mark_admin_dialog(dialog: QDialog) -> None:
    """``dialog`` is for administrators only: it follows the rights while open."""
    dialog.setProperty(_ADMIN_DIALOG, True)


def follow_admin_rights(window: QWidget, is_admin: bool) -> None:
    """Lock (``is_admin`` False) or free every open administrator dialog of ``window``."""
    for dialog in window.findChildren(QDialog):
        if dialog.property(_ADMIN_DIALOG):
            set_withdrawn(dialog, not is_admin)


def set_withdrawn(dialog: QDialog, withdrawn: bool) -> None:
    lock = _lock_of(dialog)
    if withdrawn and lock is None:
        _RightsLock(dialog)
    elif not withdrawn and lock is not None:
        lock.release()


def _lock_of(dialog: QDialog) -> _RightsLock | None:
    return next((c for c in dialog.children() if isinstance(c, _RightsLock)), None)


class _RightsLock(QObject):
    """Disables ``dialog``'s changing controls and shows the line; ``release`` undoes it.
    The dialogs enable their controls by their own state (a selection, a finished load or
    save), so while the lock lasts each such enable is undone and only remembered, for
    the release. Dialogs opened from this one meanwhile are locked too."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._forcing = False
        self.banner = MessageLabel(dialog)  # in the dialog even if it has no layout
        self.banner.setObjectName("rightsWithdrawnMessage")
        layout = dialog.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.banner)
        elif layout is not None:
            layout.addWidget(self.banner)
        self.banner.show_error(
            QCoreApplication.translate(
                "AdminDialogs",
                "Your administrator rights were withdrawn; changes here are no longer saved.",
            )
        )
        # Whether the dialog itself wants a control enabled stays in the control's own
        # WA_ForceDisabled, which only its setEnabled sets: a setEnabled(False) on a control
        # that is disabled already sends no event, so no copy kept here would learn of it.
        self._locked: set[QWidget] = set()
        for widget in _changing_widgets(dialog):
            self._locked.add(widget)
            widget.installEventFilter(self)
            self._disable(widget)
        dialog.installEventFilter(self)
        for child in _sub_dialogs(dialog):
            set_withdrawn(child, True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.EnabledChange and watched in self._locked and not self._forcing:
            assert isinstance(watched, QWidget)
            if watched.isEnabled():
                self._disable(watched)
        elif isinstance(event, QChildEvent) and kind == QEvent.Type.ChildPolished:
            # Polished as it is shown, when it is built (when added it is not a QDialog
            # yet): a dialog opened from this one offers nothing to save either.
            child = event.child()
            if watched is self._dialog and _is_sub_dialog(child):
                set_withdrawn(child, True)
        return False

    def _disable(self, widget: QWidget) -> None:
        """Disabled, the dialog's own wish left as it was (see ``__init__``)."""
        forced = Qt.WidgetAttribute.WA_ForceDisabled
        wanted = not widget.testAttribute(forced)
        self._forcing = True
        try:
            widget.setEnabled(False)
            widget.setAttribute(forced, not wanted)
        finally:
            self._forcing = False

    def release(self) -> None:
        self._dialog.removeEventFilter(self)
        for widget in self._locked:
            if isValid(widget):
                widget.removeEventFilter(self)
                widget.setEnabled(not widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled))
        for child in _sub_dialogs(self._dialog):
            set_withdrawn(child, False)
        self.banner.hide()
        self.banner.deleteLater()
        self.setParent(None)
        self.deleteLater()


def _is_sub_dialog(child: QObject) -> TypeGuard[QDialog]:
    # A question (delete? discard?) keeps its answers: its No changes nothing.
    return isinstance(child, QDialog) and not isinstance(child, QMessageBox)


def _sub_dialogs(dialog: QDialog) -> list[QDialog]:
    return [c for c in dialog.children() if _is_sub_dialog(c)]


def _changing_widgets(dialog: QDialog) -> list[QWidget]:
    """The inputs and buttons of ``dialog`` itself (not of the dialogs it opened), but the
    buttons that leave it and the parts of other controls (a spin box's line edit)."""
    found: list[QWidget] = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, _CHANGING) or _owning_dialog(widget) is not dialog:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit | QTabBar):
            continue
        leaves = (
            isinstance(parent, QDialogButtonBox)
            and isinstance(widget, QAbstractButton)
            and parent.buttonRole(widget) in _LEAVING
        )
        if not leaves:
            found.append(widget)
    return found


def _owning_dialog(widget: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QDialog):
        parent = parent.parentWidget()
    return parent
