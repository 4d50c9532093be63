"""Sending the failure report of a run through the installation's SMTP server."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..store.db import Database
from ..store.interfaces import StoredInterface
from ..store.secrets import SecretStore, SecretStoreError
from ..store.smtp_store import SmtpStore
from ..transfer.report import RunReport, compose_failure_mail
from ..transfer.smtp import send
from .credentials import stored_ftp_password, stored_smtp_password
from .refused_files import report_address

log = logging.getLogger(__name__)


@dataclass
class FailureMailer:
    """Callable as the run pipeline's ``mailer``: True when the report went out."""

    db: Database
    secrets: SecretStore
    timeout: float = 30.0
    lang: str = "de"  # the program's language (config.configured_language)

    def __call__(self, stored: StoredInterface, report: RunReport) -> bool:
        recipient = report_address(stored)
        if not recipient:
            return False
        smtp = SmtpStore(self.db).get()
        if not smtp.settings.is_configured:
            log.warning("failure of %r not mailed: no SMTP server set up", report.interface_name)
            return False
        password = stored_smtp_password(self.secrets, smtp)
        # The FTP password too: a server's reply quoted in the report may repeat it.
        known = [p for p in (password, self._ftp_password(stored)) if p]
        message = compose_failure_mail(
            report,
            sender=smtp.settings.sender,
            recipient=recipient,
            known_secrets=known,
            lang=self.lang,
        )
        send(smtp.settings, password, message, timeout=self.timeout)
        log.info("failure report of %r mailed to %s", report.interface_name, recipient)
        return True

    def _ftp_password(self, stored: StoredInterface) -> str | None:
        try:
            return stored_ftp_password(self.secrets, stored)
        except SecretStoreError:
            return None  # the report still goes out: the client masked its replies already
