"""The one place that reads a stored server password from the keyring, per kind.

``read_ftp_password`` and ``read_smtp_password`` are the only readers; the jobs that
connect (Test, runs, failure mails) and the administrator's reveal all come here. They
may block (a keyring waiting for its unlock): never on the GUI thread.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from ..store.interfaces import StoredInterface
from ..store.secrets import SMTP_KEY, SecretStore, ftp_key

# Where a saved password goes (``SecretStore.storage``); the password fields say so.
from ..store.secrets import STORAGE_KEYRING as STORAGE_KEYRING
from ..store.secrets import STORAGE_MEMORY as STORAGE_MEMORY
from ..store.secrets import STORAGE_NONE as STORAGE_NONE
from ..store.smtp_store import StoredSmtp
from .interface_edit import KEEP_PASSWORD, PasswordChange


class SecretKind(enum.StrEnum):
    FTP = "ftp"
    SMTP = "smtp"


@dataclass(frozen=True)
class SecretRef:
    """Which stored password: an interface's FTP password or the SMTP server's."""

    kind: SecretKind
    interface_uid: str = ""

    @classmethod
    def ftp(cls, interface_uid: str) -> SecretRef:
        return cls(SecretKind.FTP, interface_uid)

    @classmethod
    def smtp(cls) -> SecretRef:
        return cls(SecretKind.SMTP)

    @property
    def key(self) -> str:
        """The keyring entry's name."""
        return ftp_key(self.interface_uid) if self.kind is SecretKind.FTP else SMTP_KEY


def read_ftp_password(secrets: SecretStore, interface_uid: str) -> str | None:
    return secrets.get(ftp_key(interface_uid))


def read_smtp_password(secrets: SecretStore) -> str | None:
    return secrets.get(SMTP_KEY)


def read_secret(secrets: SecretStore, ref: SecretRef) -> str | None:
    """The password ``ref`` names, read by its kind's reader."""
    if ref.kind is SecretKind.FTP:
        return read_ftp_password(secrets, ref.interface_uid)
    return read_smtp_password(secrets)


def stored_ftp_password(secrets: SecretStore, stored: StoredInterface) -> str | None:
    """The interface's password for connecting; None when none is stored."""
    return read_ftp_password(secrets, stored.uid) if stored.password_stored else None


def stored_smtp_password(secrets: SecretStore, smtp: StoredSmtp) -> str | None:
    return read_smtp_password(secrets) if smtp.password_stored else None


def typed_or_stored(change: PasswordChange, read_stored: Callable[[], str | None]) -> str | None:
    """For a Test of a form's values: the typed password, else the stored one (read only
    then). "" (the user deletes the password) tests as if none were stored."""
    if isinstance(change, str):
        return change or None
    return read_stored() if change is KEEP_PASSWORD else None
