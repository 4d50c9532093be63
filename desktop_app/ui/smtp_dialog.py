"""The "SMTP-Postausgangsserver" dialog (PRODUCT.md §4): the one server failure reports use.

Saved on an explicit "Speichern", never per keystroke, through ``jobs.smtp_setup``: the
password goes to the keyring first, then the settings to the database; if the keyring
refuses, nothing is saved and the dialog stays open with the typed values. The dialog's
own Test sends to an address the user enters, with the values as they are in the dialog,
saved or not. Loading, saving and testing run through ``Op``: the keyring may wait for an
unlock prompt.
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.smtp_settings import SmtpSecurity, SmtpSettings, smtp_problems
from ..jobs.form_saving import is_keyring_refusal
from ..jobs.mail_test import InvalidRecipient, MailTestResult, check_address
from .ops import Op, error_text
from .reveal_dialog import offer_reveal
from .widgets.field_box import ERROR_COLOR, FieldBox
from .widgets.height_fit import HeightFit
from .widgets.password_field import PasswordField
from .widgets.test_steps_view import MUTED_COLOR, OK_COLOR
from .widgets.wheel_guard import guard_wheel
from .widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from ..jobs.smtp_setup import SmtpSetup
    from ..store.smtp_store import StoredSmtp

HOST, PORT, SECURITY, USER, PASSWORD, SENDER, RECIPIENT = (
    "host",
    "port",
    "security",
    "user",
    "password",
    "sender",
    "recipient",
)
DEFAULT_TIMEOUT = 15.0


class SmtpDialog(QDialog):
    saved = Signal(object)  # the SmtpSettings just stored

    def __init__(
        self,
        setup: SmtpSetup,
        lang: str = "de",
        *,
        timeout: float = DEFAULT_TIMEOUT,
        ssl_context: ssl.SSLContext | None = None,
        parent: QWidget | None = None,
    ):
        """``setup``: the stored server and its password (``jobs.smtp_setup``), and who
        saves (audited there)."""
        super().__init__(parent)
        self._setup = setup
        self._lang = lang
        self.timeout = timeout
        self._ssl_context = ssl_context  # None: the system's CAs (an intranet CA, tests)
        self._loaded: StoredSmtp | None = None
        self._busy = True  # until loaded
        self._testing = False
        self._boxes: dict[str, FieldBox] = {}
        self.setWindowTitle(self.tr("SMTP outgoing mail server"))

        intro = WrappedLabel(
            self.tr(
                "Failure reports of every interface are sent through this server. The "
                "password is stored in the operating system's keyring only."
            ),
            self,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._build_server())
        layout.addWidget(self._build_test())
        layout.addLayout(self._build_buttons())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)
        # Messages and a test result come and go: the height follows them.
        self._height = HeightFit(self)

        self._on_security_changed()
        self._set_status(self.tr("Loading …"))
        guard_wheel(self)
        self._update_enabled()
        Op(setup.stored, parent=self).success(self._on_loaded).failure(
            self._on_load_failed
        ).run_in_background()

    def _build_server(self) -> QGroupBox:
        server = QGroupBox(self.tr("Server"), self)
        form = QFormLayout(server)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("smtp.example.com"))
        self._add(form, HOST, self.tr("Server"), self.host_edit)
        self.host_edit.editingFinished.connect(self._check_host_now)
        self.security_combo = QComboBox()
        for security, text in (
            (SmtpSecurity.STARTTLS, self.tr("STARTTLS (recommended)")),
            (SmtpSecurity.SSL, self.tr("SSL/TLS")),
            (SmtpSecurity.NONE, self.tr("None (unencrypted)")),
        ):
            self.security_combo.addItem(text, security.value)
        self.security_combo.currentIndexChanged.connect(self._on_security_changed)
        self._add(form, SECURITY, self.tr("Security"), self.security_combo)
        self.port_edit = QLineEdit()
        self.port_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self.port_edit)
        )
        self.port_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 10)
        self.port_edit.setToolTip(self.tr("Empty: the usual port of the chosen security."))
        self._add(form, PORT, self.tr("Port"), self.port_edit)
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("empty: no login"))
        self._add(form, USER, self.tr("User"), self.user_edit)
        self.password_field = PasswordField()
        offer_reveal(self.password_field)
        self._add(form, PASSWORD, self.tr("Password"), self.password_field)
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText(self.tr("accounts@example.com"))
        self.sender_edit.textEdited.connect(self._on_sender_edited)
        self._add(form, SENDER, self.tr("Sender address"), self.sender_edit)
        return server

    def _build_test(self) -> QGroupBox:
        test = QGroupBox(self.tr("Test"), self)
        test_form = QFormLayout(test)
        test_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.recipient_edit = QLineEdit()
        self.recipient_edit.textEdited.connect(self._on_recipient_edited)
        self._recipient_follows_sender = True
        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.setObjectName("smtpTestButton")
        self.test_button.setToolTip(
            self.tr("Sends a test e-mail with the values above, saved or not.")
        )
        self.test_button.clicked.connect(self.test)
        self._add(
            test_form, RECIPIENT, self.tr("Test message to"), self.recipient_edit, self.test_button
        )
        self.test_result_label = WrappedLabel()
        self.test_result_label.setObjectName("smtpTestResult")
        self.test_result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result_label.hide()
        test_form.addRow("", self.test_result_label)
        return test

    def _build_buttons(self) -> QHBoxLayout:
        self.status_label = WrappedLabel(parent=self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)

        return bottom

    # --- building ----------------------------------------------------------------------------

    def _add(
        self, form: QFormLayout, key: str, label: str, editor: QWidget, *beside: QWidget
    ) -> None:
        box = FieldBox(editor, *beside)
        caption = QLabel(label)
        caption.setBuddy(editor)
        form.addRow(caption, box)
        self._boxes[key] = box
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, box=box: self._retire(box))
        elif isinstance(editor, PasswordField):
            editor.changed.connect(lambda box=box: self._retire(box))

    def _check_host_now(self) -> None:
        """Leaving the server field with text that is no host name: say so at once, not
        only when the Test fails to connect."""
        if self._busy or not self.host_edit.text().strip():
            return
        problem = self.problems().get(HOST)
        if problem is not None:
            self._boxes[HOST].show_messages([problem])
            self._height.fit()

    def _retire(self, box: FieldBox) -> None:
        """An edited field's old message no longer describes it; once no field is marked,
        neither does the summary under the fields."""
        if not box.has_message():
            return
        box.clear()
        if any(other.has_message() for other in self._boxes.values()):
            self._height.fit()
        else:
            self._set_status("")

    # --- what tests and callers read ------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def message_for(self, key: str) -> str:
        box = self._boxes[key]
        return box.message_text()

    def settings(self) -> SmtpSettings:
        """The values in the dialog (not validated; an invalid port reads as None)."""
        port_text = self.port_edit.text().strip()
        return SmtpSettings(
            host=self.host_edit.text().strip(),
            port=int(port_text) if port_text else None,
            security=SmtpSecurity(self.security_combo.currentData()),
            user=self.user_edit.text().strip(),
            sender=self.sender_edit.text().strip(),
        )

    def problems(self) -> dict[str, str]:
        """Field key -> German (or English) message for every value that cannot work."""
        found: dict[str, str] = {}
        if not self.host_edit.text().strip():
            found[HOST] = self.tr("Please enter the SMTP server (host name).")
        elif any(ch.isspace() for ch in self.host_edit.text().strip()) or "://" in (
            self.host_edit.text()
        ):
            found[HOST] = self.tr(
                "Please enter only the host name, e.g. smtp.example.com (no spaces, no “smtp://”)."
            )
        port_text = self.port_edit.text().strip()
        if port_text and not 1 <= int(port_text) <= 65535:
            found[PORT] = self.tr(
                "The port must be between 1 and 65535 (empty: the usual port, {port})."
            ).format(port=SmtpSecurity(self.security_combo.currentData()).default_port)
        sender = self.sender_edit.text().strip()
        if not sender:
            found[SENDER] = self.tr("Please enter the sender address of the reports.")
        elif not _is_address(sender):
            found[SENDER] = self.tr(
                "“{address}” is not a valid e-mail address (e.g. accounts@example.com)."
            ).format(address=sender)
        change = self.password_field.password_change()
        if isinstance(change, str) and change and not self.user_edit.text().strip():
            found[PASSWORD] = self.tr(
                "A password is only used together with a user. Please enter the user or "
                "leave the password empty."
            )
        # Control characters, lengths: the rules ``smtp set`` and the store apply too.
        new_password = change if isinstance(change, str) else None
        for problem in smtp_problems(self._typed_settings(), new_password):
            found.setdefault(problem.field, problem.text(self._lang))
        return found

    def _typed_settings(self) -> SmtpSettings:
        """The values as typed, the port only when it is a number."""
        port_text = self.port_edit.text().strip()
        return SmtpSettings(
            host=self.host_edit.text().strip(),
            port=int(port_text) if port_text.isdigit() else None,
            security=SmtpSecurity(self.security_combo.currentData()),
            user=self.user_edit.text().strip(),
            sender=self.sender_edit.text().strip(),
        )

    # --- loading -------------------------------------------------------------------------------

    def _on_loaded(self, stored: StoredSmtp) -> None:
        if not isValid(self):
            return
        self._loaded = stored
        s = stored.settings
        self.host_edit.setText(s.host)
        self.security_combo.setCurrentIndex(self.security_combo.findData(s.security.value))
        self.port_edit.setText("" if s.port is None else str(s.port))
        self.user_edit.setText(s.user)
        self.password_field.set_stored(stored.password_stored)
        self.sender_edit.setText(s.sender)
        self.recipient_edit.setText(s.sender)
        self._busy = False
        self._set_status("")
        self._update_enabled()
        self.host_edit.setFocus()

    def _on_load_failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        # The fields stay disabled: saving over settings that could not be read would
        # silently replace them.
        self._set_status(
            self.tr("The settings could not be read: {detail}").format(
                detail=error_text(exc, self._lang)
            ),
            error=True,
        )

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        """Check the values; if they pass, store password and settings in the background."""
        if self._busy:
            return
        if not self._show_problems(self.problems()):
            return
        settings = self.settings()
        password = self.password_field.password_change()
        setup = self._setup

        def work() -> SmtpSettings:
            setup.save(settings, password)
            return settings

        def done(saved: SmtpSettings) -> None:
            if not isValid(self):
                return
            self._busy = False
            self.saved.emit(saved)
            self.accept()

        def failed(exc: Exception) -> None:
            if not isValid(self):
                return
            self._busy = False
            self._update_enabled()
            text = error_text(exc, self._lang)
            if is_keyring_refusal(exc):
                # Nothing was saved; the typed values, the password included, stay.
                self._boxes[PASSWORD].show_messages([text])
                self._set_status(self.tr("Not saved."), error=True)
            else:
                self._set_status(self.tr("Not saved: {detail}").format(detail=text), error=True)

        self._busy = True
        self._update_enabled()
        self._set_status(self.tr("Saving …"))
        Op(work, parent=self).success(done).failure(failed).run_in_background()

    # --- testing ------------------------------------------------------------------------------

    def test(self) -> None:
        """Send a test message with the dialog's current values to the test address."""
        if self._busy or self._testing:
            return
        problems = self.problems()
        recipient = self.recipient_edit.text().strip()
        if not recipient:
            problems[RECIPIENT] = self.tr("Please enter the address the test message goes to.")
        elif not _is_address(recipient):
            problems[RECIPIENT] = self.tr("“{address}” is not a valid e-mail address.").format(
                address=recipient
            )
        if not self._show_problems(problems):
            self._show_result("")
            return
        settings = self.settings()
        change = self.password_field.password_change()
        setup, timeout, context, lang = self._setup, self.timeout, self._ssl_context, self._lang

        def work() -> MailTestResult:
            request = setup.prepare_test(recipient, settings=settings, password=change, lang=lang)
            return request.send(timeout=timeout, ssl_context=context)

        def done(result: MailTestResult) -> None:
            if isValid(self):
                self._testing = False
                self._update_enabled()
                self._show_result(result.text(self._lang), ok=result.ok)

        def failed(exc: Exception) -> None:
            if isValid(self):
                self._testing = False
                self._update_enabled()
                self._show_result(
                    self.tr("The stored password could not be read: {detail}").format(
                        detail=error_text(exc, self._lang)
                    ),
                    ok=False,
                )

        self._testing = True
        self._update_enabled()
        self._show_result(
            self.tr("Sending a test message to {address} …").format(address=recipient),
            ok=None,
        )
        Op(work, parent=self).success(done).failure(failed).run_in_background()

    # --- internals -------------------------------------------------------------------------------

    def _show_problems(self, problems: dict[str, str]) -> bool:
        """Put each message next to its field; True when there is none."""
        for key, box in self._boxes.items():
            box.show_messages([problems[key]] if key in problems else [])
        self._height.fit()
        first = next((box for key, box in self._boxes.items() if key in problems), None)
        if first is not None:
            first.editor.setFocus()
            self._set_status(
                self.tr("Please correct the marked entries."),
                error=True,
            )
            return False
        self._set_status("")
        return True

    def _update_enabled(self) -> None:
        loaded = self._loaded is not None
        for box in self._boxes.values():
            box.setEnabled(loaded and not self._busy)
        self.save_button.setEnabled(loaded and not self._busy)
        self.test_button.setEnabled(loaded and not self._busy and not self._testing)

    def _on_security_changed(self, *_args: object) -> None:
        security = SmtpSecurity(self.security_combo.currentData())
        self.port_edit.setPlaceholderText(str(security.default_port))
        self._retire(self._boxes[PORT])

    def _on_sender_edited(self, text: str) -> None:
        # The test address starts as the sender and follows it until the user changes it.
        if self._recipient_follows_sender:
            self.recipient_edit.setText(text.strip())

    def _on_recipient_edited(self, text: str) -> None:
        self._recipient_follows_sender = text.strip() == self.sender_edit.text().strip()

    def _set_status(self, text: str, *, error: bool = False) -> None:
        palette = self.palette()
        if error:
            palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
        self.status_label.setPalette(palette)
        self.status_label.setText(text)
        self._height.fit()

    def _show_result(self, text: str, *, ok: bool | None = None) -> None:
        palette = self.palette()
        color = {True: OK_COLOR, False: ERROR_COLOR, None: MUTED_COLOR}[ok]
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.test_result_label.setPalette(palette)
        self.test_result_label.setText(text)
        self.test_result_label.setVisible(bool(text))
        self._height.fit()


def _is_address(text: str) -> bool:
    try:
        bare = check_address(text)
    except InvalidRecipient:
        return False
    # One bare address: of "a@b.de, c@d.de" or "a@b.de (Name)" the parser keeps only
    # a@b.de, so the mail would not go (or come) from what the field says.
    return bare == text
