"""The administrator's password reveal: the one place that decides who may see a secret.

Rules: the chain option must be on, the user must be an administrator
and must re-enter their own password. Five wrong passwords in a row on one computer, here
or at the login, lock both there for five minutes; the count lives in the database
(``UserRepository.try_password``), so a restart does not lift it, and it is per computer,
so tries at one branch do not lock the user out at another. Every attempt goes to the
audit log, with the computer; the secret never does.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.users import MAX_PASSWORD_FAILURES, PASSWORD_LOCK_DURATION, User
from ..store import audit
from ..store.audit import AuditLog
from ..store.catalog import Catalog
from ..store.password_checks import PasswordOutcome
from ..store.secrets import SecretStore, SecretStoreError
from ..store.users import UserRepository
from .credentials import SecretRef, read_secret


class RevealOutcome(enum.StrEnum):
    SHOWN = "shown"
    WRONG_PASSWORD = "wrong_password"
    LOCKED = "locked"
    NOT_ALLOWED = "not_allowed"
    NOTHING_STORED = "nothing_stored"
    KEYRING_ERROR = "keyring_error"


@dataclass(frozen=True)
class RevealResult:
    outcome: RevealOutcome
    message_de: str
    secret: str | None = None  # only for SHOWN; never logged
    locked_until: datetime | None = None
    attempts_left: int | None = None
    message_en: str = ""  # ``message_de`` in English where a window shows it (a keyring error)

    def text(self, lang: str = "de") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message_de

    def __repr__(self) -> str:  # keep the secret out of any accidental log line
        return f"RevealResult({self.outcome.value})"


@dataclass
class PasswordReveal:
    users: UserRepository
    catalog: Catalog
    secrets: SecretStore
    audit_log: AuditLog
    now: Callable[[], datetime] = lambda: datetime.now(UTC)

    def allowed(self, user: User | None) -> bool:
        """Whether the eye button is shown at all: by ``user``'s row as it is now, which
        another administrator may have changed since the login."""
        now = self.users.current(user.id) if user else None
        return bool(
            now
            and now.enabled
            and now.is_admin
            and self.catalog.chain_options().admins_may_reveal_passwords
        )

    def locked_until(self, user: User) -> datetime | None:
        return self.users.locked_until(user.id, self.now())

    def reveal(self, user: User, own_password: str, key: SecretRef, target: str) -> RevealResult:
        """Check ``own_password``, then read the password ``key`` names."""

        def log(action: str, outcome: str, **details) -> None:
            if action != audit.REVEAL:  # where a failed or locked try was made
                details["computer"] = self.users.computer
            self.audit_log.record(
                user.name,
                action,
                target=target,
                outcome=outcome,
                details=details,
                user_id=user.id,
                at=self.now(),
            )

        if not self.allowed(user):
            log(audit.REVEAL_FAILED, "not_allowed")
            return RevealResult(
                RevealOutcome.NOT_ALLOWED,
                "Nur Administratoren dürfen gespeicherte Passwörter einsehen, und nur wenn "
                "die Filialkettenoption dafür eingeschaltet ist.",
            )
        tried = self.users.try_password(user.id, own_password, self.now())
        if tried.outcome is PasswordOutcome.LOCKED:
            log(audit.REVEAL_FAILED, "locked")
            return _locked(tried.locked_until)
        if tried.outcome is PasswordOutcome.WRONG and tried.locked_until is not None:
            log(audit.REVEAL_LOCKED, "locked", failures=tried.failures)
            return _locked(tried.locked_until)
        if tried.outcome is not PasswordOutcome.RIGHT:
            log(audit.REVEAL_FAILED, "wrong_password", failures=tried.failures)
            left = tried.attempts_left
            return RevealResult(
                RevealOutcome.WRONG_PASSWORD,
                f"Das Passwort ist falsch. Noch {left} Versuch{'e' if left != 1 else ''}.",
                attempts_left=left,
            )
        try:
            secret = read_secret(self.secrets, key)
        except SecretStoreError as exc:
            log(audit.REVEAL_FAILED, "keyring_error")
            return RevealResult(
                RevealOutcome.KEYRING_ERROR, exc.message_de, message_en=exc.message_en
            )
        if secret is None:
            log(audit.REVEAL_FAILED, "nothing_stored")
            return RevealResult(
                RevealOutcome.NOTHING_STORED, "Im Schlüsselbund ist kein Passwort gespeichert."
            )
        log(audit.REVEAL, "shown")
        return RevealResult(RevealOutcome.SHOWN, "Passwort angezeigt.", secret=secret)


def _locked(until: datetime | None) -> RevealResult:
    at = f"bis {until.astimezone().strftime('%H:%M:%S')} Uhr" if until else "für eine Weile"
    minutes = int(PASSWORD_LOCK_DURATION.total_seconds() // 60)
    return RevealResult(
        RevealOutcome.LOCKED,
        f"Zu viele falsche Eingaben ({MAX_PASSWORD_FAILURES} nacheinander, hier oder bei der "
        f"Anmeldung): Das Einsehen von Passwörtern ist an diesem Rechner {at} gesperrt "
        f"({minutes} Minuten).",
        locked_until=until,
    )
