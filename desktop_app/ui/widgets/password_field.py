"""A password field that knows whether a password is stored without ever loading it.

``password_change()`` tells the caller what to do on save: ``KEEP_PASSWORD`` when the
user did not touch the field, the typed text for a new password, ``""`` when the user
chose "Passwort löschen". Whether the text is readable goes through one property,
``revealed``, so the rule of who may reveal a password (administrators, after
re-entering their own password) has exactly one place to hook into.

The eye button (PRODUCT.md §5) shows only when ``_may_reveal()`` says so, which uses the
last answer of the ``RevealAccess`` of the logged-in session, found on an ancestor widget's
``reveal_access`` attribute (the main window has one, so a dialog opened over it needs
nothing) or set with ``set_reveal_access``. That answer comes from the database, so it is
read in the background: when the field is shown, shows another entry, gets another
session, is clicked, and whenever its owner calls ``update_reveal_button`` (the window
does on each re-read of its list, and when the chain options or the users change). Until
an answer arrives the eye cannot be clicked; an answer a newer question overtook is
dropped. The field must also know which keyring entry it stands for:
``PasswordField(secret_key=SecretRef.smtp(), target="SMTP")`` or ``set_secret(key, target)``.

The field asks nobody itself: a reveal it allows is announced with ``revealRequested``,
and whoever owns the field (``ui.reveal_dialog.offer_reveal``) asks for the user's own
password and hands the stored one back through ``reveal_with``, which checks again.
The secret leaves the widget on a second click, after ``show_duration``, when the field
is hidden (its form closes) or shows another entry. While readable it cannot be copied,
cut, dragged or selected.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Property, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QIcon, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...jobs.credentials import STORAGE_KEYRING, STORAGE_MEMORY, STORAGE_NONE
from ...jobs.interface_edit import KEEP_PASSWORD, PasswordChange
from ...resources import icon_file
from ..latest_reads import LatestReads

if TYPE_CHECKING:
    from ...jobs.credentials import SecretRef
    from ...jobs.password_reveal import RevealResult

log = logging.getLogger(__name__)

STORED_MASK = "••••••••"
REVEAL_ACCESS_ATTRIBUTE = "reveal_access"  # looked up on the field's ancestors
EYE_ICON = "eye.svg"
EYE_SLASH_ICON = "eye-slash.svg"
_ALLOWED_READ = "allowed"  # the background read of RevealAccess.may_reveal
# While the password is readable these reach the line edit not at all: no selection (the
# X11 primary selection would copy it), no copy shortcut, no drag, no menu.
_BLOCKED_WHILE_REVEALED = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
        QEvent.Type.Drop,
        QEvent.Type.InputMethod,
    }
)


class RevealAccess(Protocol):
    """What the eye button asks: the logged-in session (jobs.user_session.UserSession)."""

    @property
    def user_name(self) -> str: ...

    @property
    def show_duration(self) -> timedelta: ...

    def may_reveal(self) -> bool:
        """Asks the database: only ever called off the GUI thread."""
        ...

    def reveal_locked_until(self) -> datetime | None: ...

    def reveal(self, own_password: str, key: SecretRef, target: str) -> RevealResult: ...


def update_reveal_buttons(root: QWidget) -> None:
    """Every password field in ``root`` (and its dialogs) asks again whether its eye shows."""
    for field in root.findChildren(PasswordField):
        field.update_reveal_button()


class PasswordField(QWidget):
    changed = Signal()  # what password_change() returns may have changed
    revealedChanged = Signal(bool)
    # A reveal the field allows: the owner asks for the user's own password (reveal_with).
    revealRequested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        secret_key: SecretRef | None = None,
        target: str = "",
    ):
        super().__init__(parent)
        self._stored = False
        self._storage = STORAGE_KEYRING  # until told otherwise (set_storage)
        self._clear_requested = False
        # The server (as said to the user) the stored password is only for, while the
        # form's values name another one: kept, it would not be sent there.
        self._only_for = ""
        self._revealed = False
        self._access: RevealAccess | None = None
        self._secret_key = secret_key
        self._target = target
        self._prompt: QWidget | None = None  # the open question for the own password
        # The session's last answer to may_reveal(), and which session gave it.
        self._allowed = False
        self._allowed_by: RevealAccess | None = None
        self._ask_when_allowed = False  # a click waits for the answer
        self._reads = LatestReads(self, self._update_eye)

        self._build_edit()
        self._build_eye()
        self._build_state()
        # The field keeps its full width; the state and its action go below it.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        edit_row = QHBoxLayout()
        edit_row.setContentsMargins(0, 0, 0, 0)
        edit_row.setSpacing(2)
        edit_row.addWidget(self._edit, 1)
        edit_row.addWidget(self._eye_button)
        column.addLayout(edit_row)
        column.addWidget(self._state)
        column.addWidget(self._clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self._edit)
        # Never lower than its lines: a dialog short of room must not squeeze it to a sliver.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._update_eye()
        self._update_state()

    def _build_edit(self) -> None:
        self._edit = QLineEdit(self)
        self._edit.setObjectName("passwordEdit")
        self._edit.setEchoMode(QLineEdit.EchoMode.Password)
        # Password echo mode already refuses copy, cut and drag; without a context menu
        # there is no other way to get the text out of the widget.
        self._edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._edit.setDragEnabled(False)
        self._edit.installEventFilter(self)
        self._edit.textEdited.connect(self._on_text_edited)

    def _build_eye(self) -> None:
        self._eye_button = QToolButton(self)
        self._eye_button.setObjectName("revealPasswordButton")
        self._eye_button.setAutoRaise(True)
        self._eye_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self._eye_button.clicked.connect(lambda: self.set_revealed(not self._revealed))
        self._eye_button.hide()
        self._hide_timer = QTimer(self)
        self._hide_timer.setObjectName("revealHideTimer")
        self._hide_timer.setSingleShot(True)
        self._hide_timer.timeout.connect(lambda: self.set_revealed(False))

    def _build_state(self) -> None:
        self._clear_button = QToolButton(self)
        self._clear_button.setObjectName("clearPasswordButton")
        self._clear_button.setText(self.tr("Delete password"))
        self._clear_button.setToolTip(
            self.tr("Deletes the stored password from the keyring when you save.")
        )
        self._clear_button.clicked.connect(self.clear_password)
        self._state = QLabel(self)
        self._state.setObjectName("passwordState")
        self._state.setWordWrap(True)
        font = self._state.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self._state.setFont(font)
        palette = self._state.palette()  # the muted colour of a hint, not of an error
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        palette.setColor(QPalette.ColorRole.WindowText, muted)
        self._state.setPalette(palette)

    # --- what the form asks -----------------------------------------------------------

    def set_storage(self, storage: str) -> None:
        """Where a saved password goes (SecretStore.storage): the line under the field
        says so before anyone types one."""
        self._storage = storage
        self._update_state()

    def storage(self) -> str:
        return self._storage

    def line_edit(self) -> QLineEdit:
        return self._edit

    def is_stored(self) -> bool:
        return self._stored

    def set_stored(self, stored: bool) -> None:
        """Start over for a loaded interface: nothing typed, hidden, ``stored`` shown."""
        self.set_revealed(False)
        self._stored = stored
        self._clear_requested = False
        self._only_for = ""
        self._edit.clear()
        self._update_eye()
        self._update_state()
        self.changed.emit()

    def set_secret(self, key: SecretRef | None, target: str = "") -> None:
        """Which keyring entry the field stands for (None: none yet, e.g. a new interface)
        and the name the audit log gives it. Another entry hides a revealed password."""
        another = key != self._secret_key
        if another:
            self.set_revealed(False)
        self._secret_key = key
        self._target = target
        if another:
            self._ask_again()  # an answer still coming was for the entry shown before
        else:
            self._update_eye()

    def set_only_for(self, where: str) -> None:
        """The stored password may only be sent to ``where`` (a server, port and user
        other than the ones entered now; "" when they are the same): the field asks for
        the password instead of offering to keep the stored one."""
        if where != self._only_for:
            self._only_for = where
            self._update_state()

    def only_for(self) -> str:
        return self._only_for

    def password_change(self) -> PasswordChange:
        if self._revealed:
            return KEEP_PASSWORD  # the text is the stored password, shown, not typed
        text = self._edit.text()
        if text:
            return text
        if self._clear_requested:
            return ""
        return KEEP_PASSWORD

    def is_changed(self) -> bool:
        return self.password_change() is not KEEP_PASSWORD

    def clear_password(self) -> None:
        """The "Passwort löschen" action: saving then deletes the stored password."""
        self.set_revealed(False)
        self._clear_requested = True
        self._edit.clear()
        self._update_state()
        self.changed.emit()

    # --- the one place that decides whether the text is readable ----------------------

    def is_revealed(self) -> bool:
        return self._revealed

    def set_revealed(self, revealed: bool) -> None:
        """False hides at once. True asks the session (in the background) whether a reveal
        is allowed at all, then for the user's own password, and becomes true only once
        that was right."""
        if not revealed:
            self._ask_when_allowed = False
            self._close_reveal_dialog()
            self._hide_secret()
        elif not self._revealed:
            if self._prompt is not None:
                self._ask_own_password()  # asked already: the question comes to the front
            elif self._could_reveal():
                self._ask_when_allowed = True
                self._ask_again()
            else:
                self._update_eye()

    revealed = Property(bool, is_revealed, set_revealed, notify=revealedChanged)

    def _may_reveal(self) -> bool:
        """The one place that decides whether this field may show its stored password:
        by what it holds, and by the session's last answer (asked in the background)."""
        access = self.reveal_access()
        return self._could_reveal() and self._allowed and access is self._allowed_by

    def _could_reveal(self) -> bool:
        """What the field itself knows: a stored password, not to be replaced, and a
        session to ask."""
        return (
            self.reveal_access() is not None
            and self._secret_key is not None
            and self._stored
            and not self._clear_requested
            and (self._revealed or not self._edit.text())  # typed text replaces the stored
        )

    def _ask_again(self) -> None:
        """Ask the session in the background whether the eye may show. Until it answers,
        the eye cannot be clicked; an older question's answer is dropped. A field not
        shown forgets the answer and asks when it is shown."""
        access = self.reveal_access()
        if access is None or self._secret_key is None or not self.isVisible():
            self._reads.drop(_ALLOWED_READ)
            self._allowed, self._allowed_by = False, None
            self._ask_when_allowed = False
            self._update_eye()
            return

        def failed(exc: Exception) -> None:
            log.warning("whether the eye may show was not read: %s", type(exc).__name__)
            self._answered(access, False)  # fail closed; the next read asks again

        # Secondary: at start-up the list's first read goes first; the eye waits, closed.
        self._reads.run(
            _ALLOWED_READ,
            access.may_reveal,
            lambda ok: self._answered(access, ok),
            failed,
            secondary=True,
        )

    def _answered(self, access: RevealAccess, allowed: bool) -> None:
        if access is not self.reveal_access():
            return  # another session meanwhile; it was asked itself
        self._allowed, self._allowed_by = bool(allowed), access
        if self._revealed and not self._may_reveal():
            self.set_revealed(False)  # the permission went away: hidden, the eye goes too
        asked, self._ask_when_allowed = self._ask_when_allowed, False
        self._update_eye()
        if asked and self._may_reveal():
            self._ask_own_password()

    def _asking(self) -> bool:
        return _ALLOWED_READ in self._reads.running

    def reveal_access(self) -> RevealAccess | None:
        """The session that decides about the eye: set explicitly, or an ancestor's."""
        if self._access is not None:
            return self._access
        widget = self.parentWidget()
        while widget is not None:
            access = getattr(widget, REVEAL_ACCESS_ATTRIBUTE, None)
            if access is not None:
                return access
            widget = widget.parentWidget()
        return None

    def set_reveal_access(self, access: RevealAccess | None) -> None:
        self._access = access
        self._ask_again()

    def update_reveal_button(self) -> None:
        """Ask again, in the background, whether the eye may show (the chain option or
        the user's group may have changed)."""
        self._ask_again()

    def reveal_button(self) -> QToolButton:
        return self._eye_button

    def clear_button(self) -> QToolButton:
        """ "Passwort löschen"."""
        return self._clear_button

    def reveal_timer(self) -> QTimer:
        """Hides the password again; armed with the session's ``show_duration``."""
        return self._hide_timer

    def reveal_dialog(self) -> QWidget | None:
        """The open re-authentication dialog, if any."""
        return self._prompt

    def secret_key(self) -> SecretRef | None:
        """The keyring entry the field stands for (None: none yet)."""
        return self._secret_key

    def target(self) -> str:
        """What the audit log calls the entry."""
        return self._target

    def set_prompt(self, prompt: QWidget) -> None:
        """The question the owner opened for ``revealRequested``; hiding the password
        closes it, and a second click raises it instead of asking again."""
        self._prompt = prompt

    def forget_prompt(self, prompt: QWidget) -> None:
        """The owner's question is done (answered or cancelled): deleted."""
        if self._prompt is prompt:
            self._prompt = None
        prompt.deleteLater()

    def reveal_with(self, key: SecretRef, secret: str) -> None:
        """The stored password of ``key``, read after the own password was right: shown,
        unless the field moved on meanwhile or may no longer reveal."""
        self._show_secret(key, secret)

    def _ask_own_password(self) -> None:
        if self._prompt is not None:
            self._prompt.raise_()
            self._prompt.activateWindow()
            return
        self.revealRequested.emit()

    def _close_reveal_dialog(self) -> None:
        if self._prompt is not None:
            self._prompt.close()

    def _show_secret(self, key: SecretRef, secret: str) -> None:
        # The user may have moved on while the keyring was read: show nothing then.
        access = self.reveal_access()
        if key != self._secret_key or not self.isVisible() or not self._may_reveal():
            return
        assert access is not None
        self._revealed = True
        self._edit.setText(secret)  # setText, not typing: no textEdited, so no change
        self._edit.deselect()
        self._edit.setReadOnly(True)
        self._edit.setEchoMode(QLineEdit.EchoMode.Normal)
        # No focus, no keyboard: nothing selects or copies the text.
        self._edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if self._edit.hasFocus():
            self._eye_button.setFocus()
        self._hide_timer.start(int(access.show_duration.total_seconds() * 1000))
        self._update_eye()
        self._update_state()
        self.revealedChanged.emit(True)

    def _hide_secret(self) -> None:
        self._hide_timer.stop()
        if not self._revealed:
            return
        self._revealed = False
        self._edit.clear()  # the secret leaves the widget
        self._edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._edit.setReadOnly(False)
        self._edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._update_eye()
        self._update_state()
        self.revealedChanged.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._edit and self._revealed and event.type() in _BLOCKED_WHILE_REVEALED:
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ask_again()  # the session is found through the parents only once placed

    def hideEvent(self, event: QHideEvent) -> None:
        # The form or dialog closes (or is minimised): the password is hidden again.
        self.set_revealed(False)
        super().hideEvent(event)

    # --- internals ----------------------------------------------------------------------

    def _on_text_edited(self, _text: str) -> None:
        self._update_eye()
        self._update_state()
        self.changed.emit()

    def _update_eye(self) -> None:
        button = self._eye_button
        button.setVisible(self._may_reveal())
        # While the session's answer is on its way the eye is not clicked; hiding always is.
        button.setEnabled(self._revealed or not self._asking())
        if self._revealed:
            button.setIcon(QIcon(str(icon_file(EYE_SLASH_ICON))))
            button.setAccessibleName(self.tr("Hide password"))
            button.setToolTip(self.tr("Hide the password again."))
        else:
            button.setIcon(QIcon(str(icon_file(EYE_ICON))))
            button.setAccessibleName(self.tr("Show password"))
            button.setToolTip(
                self.tr("Show the stored password, after you entered your own password.")
            )

    def _update_state(self) -> None:
        typed = bool(self._edit.text())
        if self._stored and not self._clear_requested and self._only_for:
            self._edit.setPlaceholderText(self.tr("Enter the password"))
        elif self._stored and not self._clear_requested:
            self._edit.setPlaceholderText(STORED_MASK + " " + self.tr("(stored)"))
        else:
            self._edit.setPlaceholderText("")
        if self._revealed:
            access = self.reveal_access()
            seconds = int(access.show_duration.total_seconds()) if access is not None else 0
            text = self.tr(
                "The stored password is shown; it is hidden again after %n second(s).",
                "",
                seconds,
            )
        elif self._storage == STORAGE_NONE and not self._stored:
            text = self.tr(
                "No keyring on this computer: a password cannot be stored. With the field "
                "empty, saving works without one; a Test uses what is typed."
            )
        elif typed:
            text = (
                self.tr("The new password is kept in memory until the program ends.")
                if self._storage == STORAGE_MEMORY
                else self.tr("The new password is stored in the keyring when you save.")
            )
        elif self._clear_requested:
            text = self.tr("The stored password is deleted when you save.")
        elif self._stored and self._only_for:
            text = self.tr(
                "The stored password is only for {where}; for the server, port, user and "
                "protocol entered now, please enter the password."
            ).format(where=self._only_for)
        elif self._stored:
            text = (
                self.tr(
                    "Kept in memory until the program ends (no keyring); leave empty to keep it."
                )
                if self._storage == STORAGE_MEMORY
                else self.tr("Stored in the keyring; leave empty to keep it.")
            )
        else:
            text = self.tr("No password stored.")
        self._state.setText(text)
        self._clear_button.setVisible(
            self._stored and not self._clear_requested and not self._revealed
        )
