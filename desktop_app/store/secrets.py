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


# What did not happen, by what was asked of the keyring: a read must not say "not saved".
_ACTIONS = {
    "set": ("Das Passwort wurde nicht gespeichert.", "The password was not saved."),
    "get": ("Das Passwort konnte nicht gelesen werden.", "The password could not be read."),
    "delete": ("Das Passwort wurde nicht gelöscht.", "The password was not deleted."),
}


class SecretStoreError(Exception):
    """The keyring failed; ``message_de`` and ``message_en`` say what went wrong, what did
    not happen (by ``action``: "set", "get", "delete") and what to do; ``str()`` is for
    the log. Never carries a secret."""

    problem_de = "Der Schlüsselbund (Kennwortspeicher) hat einen Fehler gemeldet."
    problem_en = "The keyring (password store) reported an error."
    advice_de = advice_en = ""

    def __init__(self, log_en: str, *, action: str | None = None):
        super().__init__(log_en)
        self.action = action

    def without_action(self) -> SecretStoreError:
        """The same failure for a caller that says itself what did not happen."""
        return type(self)(str(self))

    @property
    def message_de(self) -> str:
        return self._message(self.problem_de, 0, self.advice_de)

    @property
    def message_en(self) -> str:
        return self._message(self.problem_en, 1, self.advice_en)

    def _message(self, problem: str, lang: int, advice: str) -> str:
        undone = _ACTIONS[self.action][lang] if self.action in _ACTIONS else ""
        return " ".join(part for part in (problem, undone, advice) if part)


class KeyringUnavailable(SecretStoreError):
    problem_de = "Es ist kein Schlüsselbund (Kennwortspeicher des Betriebssystems) verfügbar."
    problem_en = "No keyring (the operating system's password store) is available."
    advice_de = (
        "Bitte einen Schlüsselbund einrichten (Windows-Anmeldeinformationsverwaltung, "
        "macOS-Schlüsselbund oder GNOME-Schlüsselbund)."
    )
    advice_en = (
        "Please set up a keyring (Windows Credential Manager, macOS Keychain or GNOME Keyring)."
    )


class KeyringLocked(KeyringUnavailable):
    problem_de = "Der Schlüsselbund ist gesperrt oder die Entsperrung wurde abgebrochen."
    problem_en = "The keyring is locked or unlocking it was cancelled."
    advice_de = "Bitte den Schlüsselbund entsperren und erneut versuchen."
    advice_en = "Please unlock the keyring and try again."


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

    def check_usable(self, action: str | None = None) -> None:
        """Raise ``KeyringUnavailable`` when secrets cannot be stored safely; ``action``
        ("set", "get", "delete") is what its message says did not happen."""
        backend = self.backend
        if _is_fail_backend(backend):
            raise KeyringUnavailable("no usable keyring backend", action=action)
        if _is_plaintext(backend) and not (self._explicit or _explicitly_configured()):
            raise KeyringUnavailable(
                f"refusing plaintext keyring backend {self.backend_name} chosen implicitly",
                action=action,
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

        self.check_usable(action)
        # "from None": a backend's exception text is not ours to vouch for (no secrets out).
        try:
            return func(*args)
        except keyring.errors.KeyringLocked:
            raise KeyringLocked(f"keyring locked during {action}", action=action) from None
        except (keyring.errors.NoKeyringError, keyring.errors.InitError) as exc:
            name = type(exc).__name__
            raise KeyringUnavailable(
                f"keyring unavailable during {action}: {name}", action=action
            ) from None
        except keyring.errors.PasswordDeleteError:
            raise
        except Exception as exc:  # D-Bus errors and the like are not always KeyringErrors
            name = type(exc).__name__
            raise SecretStoreError(
                f"keyring failed during {action}: {name}", action=action
            ) from None

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
