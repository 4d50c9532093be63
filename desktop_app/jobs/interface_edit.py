"""Saving, deleting and duplicating interfaces together with their keyring entry.

Used by the form and by the CLI alike. The order matters: the password goes to the keyring
first; if the keyring refuses, nothing is saved and the caller keeps its values. Each
change is announced as ``Change.INTERFACES`` once it is stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..domain.interface import InterfaceSettings
from ..domain.validation import Problem, ValidationError, ftp_password_problems
from ..store.interfaces import InterfaceRepository, StoredInterface
from ..store.secrets import SecretStore, ftp_key
from .changes import Change, ChangeHub
from .computer import this_computer

log = logging.getLogger(__name__)


class _Keep:
    def __repr__(self) -> str:
        return "KEEP_PASSWORD"


KEEP_PASSWORD = _Keep()  # leave the stored password as it is
CLEAR_PASSWORD = ""  # delete the stored password
# What a form hands to ``save``: KEEP_PASSWORD, CLEAR_PASSWORD or the new password.
PasswordChange = str | _Keep


@dataclass
class InterfaceEditor:
    repository: InterfaceRepository
    secrets: SecretStore
    changes: ChangeHub | None = field(default=None, kw_only=True)
    # Whose keyring a password goes to: recorded as its holder.
    computer: str = field(default_factory=this_computer, kw_only=True)

    def _announce(self) -> None:
        if self.changes is not None:
            self.changes.publish(Change.INTERFACES)

    def find(self, name: str) -> StoredInterface | None:
        return self.repository.find(name)

    def get(self, name: str) -> StoredInterface:
        """Raises ``InterfaceNotFound``."""
        return self.repository.get(name)

    def interfaces(self) -> list[StoredInterface]:
        return self.repository.list()

    def problems(
        self, settings: InterfaceSettings, original_name: str | None = None
    ) -> list[Problem]:
        """Every rule of the form, with the stored names and catalogue (nothing saved)."""
        return self.repository.problems(settings, original_name)

    def save(
        self,
        settings: InterfaceSettings,
        *,
        original_name: str | None = None,
        password: PasswordChange = KEEP_PASSWORD,
    ) -> StoredInterface:
        """Validate, store the password (if given), then save. Raises ValidationError,
        SecretStoreError (nothing saved then) or InterfaceNotFound."""
        problems = self.repository.problems(settings, original_name)
        if isinstance(password, str):
            problems += ftp_password_problems(password)
        if problems:
            raise ValidationError(problems)
        if original_name is None:
            uid = self.repository.new_uid()
        else:
            uid = self.repository.get(original_name).uid
        password_stored: bool | None = None
        if isinstance(password, str):
            if password:
                self.secrets.set(ftp_key(uid), password)
                password_stored = True
            else:
                self.secrets.delete(ftp_key(uid))
                password_stored = False
        stored = self.repository.save(
            settings,
            original_name=original_name,
            uid=uid,
            password_stored=password_stored,
            password_set_on=self.computer if password_stored else None,
        )
        log.info("saved interface %r", stored.settings.name)
        self._announce()
        return stored

    def set_password(self, name: str, password: str) -> StoredInterface:
        """Store a new password for ``name`` in this computer's keyring; this computer
        becomes the only holder of the new version. Raises ValidationError,
        SecretStoreError (nothing recorded then) or InterfaceNotFound."""
        problems = ftp_password_problems(password)
        if problems:
            raise ValidationError(problems)
        uid = self.repository.get(name).uid
        self.secrets.set(ftp_key(uid), password)
        stored = self.repository.password_set(name, self.computer)
        log.info("stored a new password of %r on %s", name, self.computer)
        self._announce()
        return stored

    def delete(self, name: str) -> None:
        stored = self.repository.delete(name)
        if stored.password_stored:
            # The row is gone already; a keyring failure leaves an orphan, not a leak.
            try:
                self.secrets.delete(ftp_key(stored.uid))
            except Exception as exc:
                log.warning("could not delete keyring entry of %r: %s", name, exc)
        log.info("deleted interface %r", name)
        self._announce()

    def duplicate(self, name: str) -> StoredInterface:
        """A copy without the password (a secret is never copied silently), disabled."""
        source = self.repository.get(name)
        copy = source.settings.with_changes(
            name=self.repository.free_copy_name(name), enabled=False
        )
        stored = self.repository.save(copy)
        self._announce()
        return stored

    def trust(self, name: str, fingerprint: str | None) -> StoredInterface:
        """Trust ``fingerprint`` (a certificate or host key) for the interface ``name``."""
        self.repository.set_trusted_fingerprint(name, fingerprint)
        self._announce()
        return self.repository.get(name)
