"""Saving the interface form: the settings, the password, and a certificate trusted in
the Test of a new interface, in that order; and what a failure means for the form.

Runs on a worker thread (the keyring may wait for its unlock prompt, the database may
be far away).
"""

from __future__ import annotations

from ..domain.interface import InterfaceSettings
from ..domain.validation import ValidationError, stored_password_bound
from ..store.interfaces import StoredInterface
from ..store.secrets import KeyringUnavailable, SecretStoreError
from .credentials import SecretRef
from .interface_edit import KEEP_PASSWORD, InterfaceEditor, PasswordChange


def save_form(
    editor: InterfaceEditor,
    settings: InterfaceSettings,
    *,
    original_name: str | None,
    password: PasswordChange,
    trusted_fingerprint: str | None,
) -> StoredInterface:
    """Save as ``editor.save`` does; then trust ``trusted_fingerprint`` (the Test of the
    interface before its first save trusted it). Returns the interface as stored.

    A stored password kept for another server, port, user or protocol is refused
    (``ValidationError``): the runs would send it there. The command line, which acts
    with the computer's account and its keyring anyway, may do so."""
    if password is KEEP_PASSWORD and original_name is not None:
        before = editor.repository.get(original_name)
        elsewhere = before.password_stored and not settings.ftp.same_server(before.settings.ftp)
        # Values that do not even validate are said as such first, by the save itself.
        if elsewhere and not editor.repository.problems(settings, original_name):
            raise ValidationError([stored_password_bound(before.settings.ftp)])
    stored = editor.save(settings, original_name=original_name, password=password)
    if trusted_fingerprint is None:
        return stored
    editor.repository.set_trusted_fingerprint(stored.settings.name, trusted_fingerprint)
    return editor.repository.get(stored.settings.name)


def is_keyring_refusal(exc: BaseException) -> bool:
    """The keyring did not take the password: nothing was saved."""
    return isinstance(exc, SecretStoreError)


def is_keyring_missing(exc: BaseException) -> bool:
    """There is no keyring at all: saving works only without a password."""
    return isinstance(exc, KeyringUnavailable)


def ftp_secret(stored: StoredInterface) -> SecretRef:
    """``stored``'s FTP password, as the eye button names what it reveals."""
    return SecretRef.ftp(stored.uid)
