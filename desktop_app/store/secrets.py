"""Passwords in the operating system's keyring, and nowhere else.

One fixed service name; one entry per interface and purpose (``interface/<uid>/ftp``,
``smtp/default``). When no keyring is usable this module raises ``KeyringUnavailable``
and stores nothing: it never falls back to a plaintext file on its own. An explicit choice
through keyring's own configuration (``PYTHON_KEYRING_BACKEND`` or keyringrc.cfg) is
respected, because then an administrator decided it.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

# keyring loads on the first use of a password: its import and its backends' entry
# points cost the program's start 20 ms, and a start that shows no password needs none.
if TYPE_CHECKING:
    import keyring.backend

log = logging.getLogger(__name__)

SERVICE_NAME = "de.filialkette.buchhaltungsimport"
SMTP_KEY = "smtp/default"


def ftp_key(interface_uid: str) -> str:
    return f"interface/{interface_uid}/ftp"


STORAGE_KEYRING, STORAGE_MEMORY, STORAGE_NONE = "keyring", "memory", "none"


class SecretStoreError(Exception):
    """The keyring failed; ``message_de`` and ``message_en`` say what to do, ``str()`` is
    for the log. Never carries a secret."""

    message_de = "Der Schlüsselbund (Kennwortspeicher) hat einen Fehler gemeldet."
    message_en = "The keyring (password store) reported an error."

    def __init__(self, log_en: str, message_de: str | None = None, message_en: str | None = None):
        super().__init__(log_en)
        if message_de:
            self.message_de = message_de
        if message_en:
            self.message_en = message_en


class KeyringUnavailable(SecretStoreError):
    message_de = (
        "Es ist kein Schlüsselbund (Kennwortspeicher des Betriebssystems) verfügbar. "
        "Das Passwort wurde nicht gespeichert. Bitte einen Schlüsselbund einrichten "
        "(Windows-Anmeldeinformationsverwaltung, macOS-Schlüsselbund oder GNOME-Schlüsselbund)."
    )
    message_en = (
        "No keyring (the operating system's password store) is available. The password "
        "was not saved. Please set up a keyring (Windows Credential Manager, macOS Keychain "
        "or GNOME Keyring)."
    )


class KeyringLocked(KeyringUnavailable):
    message_de = (
        "Der Schlüsselbund ist gesperrt oder die Entsperrung wurde abgebrochen. "
        "Das Passwort wurde nicht gespeichert. Bitte den Schlüsselbund entsperren und "
        "erneut versuchen."
    )
    message_en = (
        "The keyring is locked or unlocking it was cancelled. The password was not saved. "
        "Please unlock the keyring and try again."
    )


def _is_plaintext(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    return module.startswith("keyrings.alt") or "plaintext" in type(backend).__name__.lower()


def _explicitly_configured() -> bool:
    import keyring.core

    return bool(os.environ.get("PYTHON_KEYRING_BACKEND")) or keyring.core.load_config() is not None


def _is_fail_backend(backend: keyring.backend.KeyringBackend) -> bool:
    from keyring.backends import chainer, fail

    if isinstance(backend, fail.Keyring):
        return True
    return isinstance(backend, chainer.ChainerBackend) and not backend.backends


class SecretStore:
    """Read, write and delete secrets under one service name."""

    def __init__(
        self,
        backend: keyring.backend.KeyringBackend | None = None,
        service: str = SERVICE_NAME,
    ):
        self._explicit = backend is not None
        self._backend = backend
        self.service = service

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    @property
    def backend_name(self) -> str:
        backend = self.backend
        name = getattr(backend, "name", None) or type(backend).__name__
        return f"{type(backend).__module__}.{type(backend).__name__} ({name})"

    def check_usable(self) -> None:
        """Raise ``KeyringUnavailable`` when secrets cannot be stored safely."""
        backend = self.backend
        if _is_fail_backend(backend):
            raise KeyringUnavailable("no usable keyring backend")
        if _is_plaintext(backend) and not (self._explicit or _explicitly_configured()):
            raise KeyringUnavailable(
                f"refusing plaintext keyring backend {self.backend_name} chosen implicitly"
            )

    def storage(self) -> str:
        """Where a saved password goes: "keyring", "memory" (a backend that forgets it at
        exit, the demo's without a keyring) or "none" (no usable keyring). May wait for
        the keyring to start: not on the GUI thread."""
        try:
            self.check_usable()
        except KeyringUnavailable:
            return STORAGE_NONE
        return STORAGE_MEMORY if getattr(self.backend, "volatile", False) else STORAGE_KEYRING

    def usable(self) -> tuple[bool, str]:
        try:
            self.check_usable()
        except KeyringUnavailable as exc:
            return False, exc.message_de
        return True, self.backend_name

    def _call(self, action: str, func, *args):
        import keyring.errors

        self.check_usable()
        # "from None": a backend's exception text is not ours to vouch for (no secrets out).
        try:
            return func(*args)
        except keyring.errors.KeyringLocked:
            raise KeyringLocked(f"keyring locked during {action}") from None
        except (keyring.errors.NoKeyringError, keyring.errors.InitError) as exc:
            name = type(exc).__name__
            raise KeyringUnavailable(f"keyring unavailable during {action}: {name}") from None
        except keyring.errors.PasswordDeleteError:
            raise
        except Exception as exc:  # D-Bus errors and the like are not always KeyringErrors
            name = type(exc).__name__
            raise SecretStoreError(f"keyring failed during {action}: {name}") from None

    def set(self, key: str, secret: str) -> None:
        if not secret:
            raise ValueError("refusing to store an empty secret; delete it instead")
        self._call("set", self.backend.set_password, self.service, key, secret)
        log.info("stored secret %s in %s", key, self.backend_name)

    def get(self, key: str) -> str | None:
        return self._call("get", self.backend.get_password, self.service, key)

    def delete(self, key: str) -> None:
        """Delete the entry; deleting one that is not there is fine."""
        import keyring.errors

        try:
            self._call("delete", self.backend.delete_password, self.service, key)
        except keyring.errors.PasswordDeleteError:
            return
        log.info("deleted secret %s", key)
