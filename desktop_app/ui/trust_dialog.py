"""The question before trusting a server's certificate or SSH key (the FTP Test's
"Diesem Zertifikat vertrauen …").

It shows the fingerprint in both forms operators send: hex pairs (openssl, browsers,
this program) and OpenSSH's ``SHA256:`` base64 (``ssh-keygen -l``), which cannot be
compared with the hex by eye. The fingerprint the operator gave may be pasted in either
form; the dialog compares it and refuses to trust while it does not match.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..transfer.trust import NotAFingerprint, normalise_fingerprint, openssh_fingerprint
from .ops import error_text
from .widgets.field_box import ERROR_COLOR
from .widgets.test_steps_view import OK_COLOR
from .widgets.wrapped_text import fit_to_text, text_width


def format_fingerprint(fingerprint: str) -> str:
    """The 32 pairs on two lines of 16: easy to compare with what the operator sends."""
    pairs = fingerprint.split(":")
    return "\n".join(":".join(pairs[i : i + 16]) for i in range(0, len(pairs), 16))


class TrustDialog(QDialog):
    """Trust ``fingerprint`` of ``host``? ``previous``: the one trusted until now (changed)."""

    def __init__(
        self,
        host: str,
        fingerprint: str,
        *,
        ssh_key: bool,
        previous: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self._fingerprint = fingerprint
        self.changed = previous is not None
        self.setWindowTitle(self._title(ssh_key))
        self.question_label = QLabel(self._question(host, ssh_key))
        self.question_label.setObjectName("trustQuestion")
        self.question_label.setWordWrap(True)
        if self.changed:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.setWindowIcon(icon)
            self.question_label.setStyleSheet(f"color: {ERROR_COLOR.name()}; font-weight: bold;")

        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.fingerprint_label = QLabel(self._shown(fingerprint, previous))
        self.fingerprint_label.setObjectName("trustFingerprints")
        self.fingerprint_label.setFont(fixed)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.compare_edit = QLineEdit()
        self.compare_edit.setObjectName("trustCompareEdit")
        self.compare_edit.setFont(fixed)
        self.compare_edit.setPlaceholderText(self.tr("AB:01:… or SHA256:q83v…"))
        self.compare_edit.setAccessibleName(self.tr("Fingerprint from the operator"))
        self.compare_edit.textChanged.connect(self._compare)
        compare_caption = QLabel(
            self.tr("Paste the fingerprint the server's operator gave you, to compare:")
        )
        compare_caption.setWordWrap(True)
        compare_caption.setBuddy(self.compare_edit)
        self.compare_label = QLabel()
        self.compare_label.setObjectName("trustCompareResult")
        self.compare_label.setWordWrap(True)

        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.question_label)
        layout.addWidget(self.fingerprint_label)
        layout.addSpacing(6)
        layout.addWidget(compare_caption)
        layout.addWidget(self.compare_edit)
        layout.addWidget(self.compare_label)
        layout.addWidget(buttons)
        fit_to_text(layout, text_width(self, 60), self.question_label, compare_caption)
        self.cancel_button.setFocus()

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.trust_button = buttons.addButton(
            self.tr("Trust"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setDefault(True)  # trusting must be a deliberate choice
        self.trust_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _title(self, ssh_key: bool) -> str:
        if self.changed:
            return self.tr("Warning: the server's identity changed")
        return self.tr("Trust this SSH key") if ssh_key else self.tr("Trust this certificate")

    def _question(self, host: str, ssh_key: bool) -> str:
        if self.changed:
            text = (
                self.tr(
                    "The SSH key of “{host}” has changed since you trusted it. This can be "
                    "an attack. Trust the new one only after the server's operator has "
                    "confirmed its fingerprint to you."
                )
                if ssh_key
                else self.tr(
                    "The certificate of “{host}” has changed since you trusted it. This can "
                    "be an attack. Trust the new one only after the server's operator has "
                    "confirmed its fingerprint to you."
                )
            )
        else:
            text = (
                self.tr(
                    "Trust the SSH key of “{host}” for this interface? Compare its "
                    "fingerprint with the one the server's operator gives you; trust it only "
                    "if both are the same."
                )
                if ssh_key
                else self.tr(
                    "Trust the certificate of “{host}” for this interface? Compare its "
                    "fingerprint with the one the server's operator gives you; trust it only "
                    "if both are the same."
                )
            )
        return text.format(host=host)

    def _shown(self, fingerprint: str, previous: str | None) -> str:
        shown = self.tr("Fingerprint (SHA-256):\n{hex}\nAs OpenSSH writes it:\n{openssh}").format(
            hex=format_fingerprint(fingerprint), openssh=openssh_fingerprint(fingerprint)
        )
        if previous is None:
            return shown
        before = self.tr("Trusted until now (SHA-256):\n{previous}").format(
            previous=format_fingerprint(previous)
        )
        return f"{before}\n\n{shown}"

    def _compare(self, text: str) -> None:
        if not text.strip():
            self._say("", None)
            self.trust_button.setEnabled(True)
            return
        try:
            same = normalise_fingerprint(text) == normalise_fingerprint(self._fingerprint)
        except NotAFingerprint as exc:
            self._say(error_text(exc), False)
            self.trust_button.setEnabled(False)
            return
        if same:
            self._say(self.tr("Matches the fingerprint the server shows."), True)
        else:
            self._say(
                self.tr("Does NOT match the fingerprint the server shows. Do not trust it."),
                False,
            )
        self.trust_button.setEnabled(same)

    def _say(self, text: str, ok: bool | None) -> None:
        palette = self.compare_label.palette()
        color = OK_COLOR if ok else ERROR_COLOR
        if ok is not None:
            palette.setColor(QPalette.ColorRole.WindowText, color)
        self.compare_label.setPalette(palette)
        self.compare_label.setText(text)
