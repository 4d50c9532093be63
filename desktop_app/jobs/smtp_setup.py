"""Setting up the SMTP server for failure reports, the same for the dialog and ``smtp set``.

The password goes to the keyring first; if the keyring refuses, nothing is saved. Each
save is audited (field names; the password only as "changed" or "deleted") and announced
as ``Change.SMTP``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.smtp_settings import SmtpSettings, smtp_problems
from ..domain.validation import ValidationError
from ..store.db import Database
from ..store.secrets import SMTP_KEY, SecretStore
from ..store.smtp_store import SmtpStore, StoredSmtp
from .change_audit import ChangeAudit
from .changes import Change, ChangeHub
from .interface_edit import KEEP_PASSWORD, PasswordChange
from .mail_test import MailTestRequest, prepare_test_mail


@dataclass
class SmtpSetup:
    db: Database
    secrets: SecretStore
    audit: ChangeAudit | None = None  # None: the caller audits
    changes: ChangeHub | None = None
    # Raises when the user may no longer change the server: asked at each save, since
    # another administrator may have taken the right since the dialog opened. None: the
    # command line, whose access is this computer's.
    still_allowed: Callable[[], object] | None = None

    def stored(self) -> StoredSmtp:
        return SmtpStore(self.db).get()

    def save(self, settings: SmtpSettings, password: PasswordChange = KEEP_PASSWORD) -> StoredSmtp:
        """Raises ``ValidationError`` or ``SecretStoreError``; nothing is saved then."""
        if self.still_allowed is not None:
            self.still_allowed()
        problems = smtp_problems(settings, password if isinstance(password, str) else None)
        if problems:
            raise ValidationError(problems)
        store = SmtpStore(self.db)
        before = store.get().settings
        stored: bool | None = None
        if isinstance(password, str):
            if password:
                self.secrets.set(SMTP_KEY, password)
            else:
                self.secrets.delete(SMTP_KEY)
            stored = bool(password)
        store.save(settings, password_stored=stored)
        if self.audit is not None:
            self.audit.smtp_changed(before, settings, password)
        if self.changes is not None:
            self.changes.publish(Change.SMTP)
        return store.get()

    def prepare_test(
        self,
        recipient: str,
        *,
        settings: SmtpSettings | None = None,
        password: PasswordChange = KEEP_PASSWORD,
        lang: str = "de",
    ) -> MailTestRequest:
        """A test message to ``recipient`` in ``lang`` (see ``prepare_test_mail``)."""
        return prepare_test_mail(
            self.secrets, self.stored(), recipient, settings=settings, password=password, lang=lang
        )
