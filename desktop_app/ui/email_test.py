"""The e-mail "Test" of the interface form (PRODUCT.md §4) and the SMTP hint under the field.

The form places ``button`` beside its E-Mail field and ``status_label`` under it. The
label says either that an administrator must set up the SMTP server first (then the
button is disabled) or how the last test message went. Reading the SMTP settings and
the keyring and sending all run through ``Op``.
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from shiboken6 import isValid

from .ops import Op, error_text
from .widgets.field_box import ERROR_COLOR
from .widgets.test_steps_view import MUTED_COLOR, OK_COLOR
from .widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from ..jobs.interface_edit import InterfaceEditor
    from ..jobs.mail_test import MailTestResult


class EmailTestControl(QObject):
    """Owns the E-Mail field's Test button and the line under the field; the form places
    both. The address is the field's current text, saved or not."""

    def __init__(
        self,
        editor: InterfaceEditor,
        email_edit: QLineEdit,
        lang: str = "de",
        timeout: float = 15.0,
        ssl_context: ssl.SSLContext | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        from ..jobs.window_jobs import smtp_setup_for

        self._smtp = smtp_setup_for(editor)
        self._email_edit = email_edit
        self._lang = lang
        self.timeout = timeout
        self._ssl_context = ssl_context
        self._parent_widget = parent
        self._smtp_configured: bool | None = None  # None: not known yet
        self._sending = False
        self._asked = 0  # only the newest answer about the SMTP server counts

        self.button = QPushButton(self.tr("Test"))
        self.button.setObjectName("emailTestButton")
        self.button.setToolTip(self.tr("Sends a test e-mail to this address now."))
        self.button.clicked.connect(self.start)
        self.status_label = WrappedLabel()
        self.status_label.setObjectName("emailTestStatus")
        self._may_set_up = False
        self.setup_button = QPushButton(self.tr("Set up SMTP server …"))
        self.setup_button.setObjectName("smtpSetupButton")
        self.setup_button.setAutoDefault(False)
        self.setup_button.hide()
        email_edit.textChanged.connect(self._on_address_changed)
        self._update()

    # --- what the form asks ------------------------------------------------------------------

    def refresh_smtp_state(self) -> None:
        """Find out (in the background) whether an SMTP server is set up."""
        self._asked += 1
        asked = self._asked
        smtp = self._smtp

        def known(configured: bool) -> None:
            if isValid(self.button) and asked == self._asked:
                self._smtp_configured = configured
                self._update()

        def failed(exc: Exception) -> None:
            if isValid(self.button) and asked == self._asked:
                self._smtp_configured = None
                self._show(error_text(exc, self._lang), error=True)

        Op(lambda: smtp.stored().settings.is_configured, parent=self._parent_widget).success(
            known
        ).failure(failed).run_in_background(secondary=True)

    def is_smtp_configured(self) -> bool | None:
        return self._smtp_configured

    def set_setup_allowed(self, allowed: bool) -> None:
        """Whether ``setup_button`` is offered while no SMTP server is set up."""
        self._may_set_up = allowed
        self._update(keep_message=True)

    def start(self) -> None:
        """Send a test message to the address in the field (the form's current value)."""
        address = self._email_edit.text().strip()
        if self._sending or not address:
            return
        smtp, lang = self._smtp, self._lang
        timeout, context = self.timeout, self._ssl_context

        def work() -> MailTestResult:
            request = smtp.prepare_test(address, lang=lang)
            return request.send(timeout=timeout, ssl_context=context)

        def done(result: MailTestResult) -> None:
            if isValid(self.button):
                self._finished()
                self._show(result.text(self._lang), ok=result.ok, error=not result.ok)

        def failed(exc: Exception) -> None:
            if isValid(self.button):
                self._finished()
                self._show(error_text(exc, self._lang), error=True)

        self._sending = True
        self._update()
        self._show(self.tr("Sending a test message to {address} …").format(address=address))
        Op(work, parent=self._parent_widget).success(done).failure(failed).run_in_background()

    # --- internals -------------------------------------------------------------------------

    def _finished(self) -> None:
        self._sending = False
        self._update(keep_message=True)

    def _on_address_changed(self, _text: str) -> None:
        if not self._sending:
            self._update()  # the last result was about another address

    def _update(self, *, keep_message: bool = False) -> None:
        configured = self._smtp_configured
        has_address = bool(self._email_edit.text().strip())
        self.button.setEnabled(bool(configured) and has_address and not self._sending)
        self.setup_button.setVisible(configured is False and self._may_set_up)
        if configured is False:
            missing = (
                self.tr("No SMTP outgoing mail server is set up yet: no report can be sent.")
                if self._may_set_up
                else self.tr("First an administrator must set up the SMTP outgoing mail server.")
            )
            self.button.setToolTip(missing)
            self._show(missing, muted=True)
            return
        self.button.setToolTip(self.tr("Sends a test e-mail to this address now."))
        if not keep_message and not self._sending:
            self._show("")

    def _show(
        self, text: str, *, ok: bool = False, error: bool = False, muted: bool = False
    ) -> None:
        palette = self.status_label.palette()
        color = OK_COLOR if ok else ERROR_COLOR if error else MUTED_COLOR if muted else None
        palette.setColor(
            QPalette.ColorRole.WindowText,
            color
            if color is not None
            else self._email_edit.palette().color(QPalette.ColorRole.WindowText),
        )
        self.status_label.setPalette(palette)
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
