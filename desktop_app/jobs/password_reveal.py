"""The administrator's password reveal: the one place that decides who may see a secret.

Rules (PRODUCT.md §5): the chain option must be on, the user must be an administrator
and must re-enter their own password. Five wrong attempts lock the reveal for five
minutes, stored in the database so a restart does not lift it. Every attempt goes to
the audit log; the secret never does.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.users import REVEAL_LOCK_DURATION, REVEAL_MAX_FAILURES, User
from ..store import audit
from ..store.audit import AuditLog
from ..store.catalog import Catalog
from ..store.secrets import SecretStore, SecretStoreError
from ..store.users import UserRepository


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
        """Whether the eye button is shown at all."""
        return bool(
            user
            and user.enabled
            and user.is_admin
            and self.catalog.chain_options().admins_may_reveal_passwords
        )

    def locked_until(self, user: User) -> datetime | None:
        _, until = self.users.reveal_lock(user.id)
        return until if until and until > self.now() else None

    def reveal(self, user: User, own_password: str, key: str, target: str) -> RevealResult:
        """Check ``own_password`` and read the secret under ``key`` (e.g. ftp_key(uid))."""

        def log(action: str, outcome: str, **details) -> None:
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
        failures, until = self.users.reveal_lock(user.id)
        now = self.now()
        if until and until > now:
            log(audit.REVEAL_FAILED, "locked")
            return RevealResult(
                RevealOutcome.LOCKED,
                f"Zu viele falsche Eingaben. Das Einsehen ist bis "
                f"{until.astimezone().strftime('%H:%M:%S')} Uhr gesperrt.",
                locked_until=until,
            )
        if until and until <= now:
            failures = 0  # the lock has run out: a fresh set of attempts
        if not self.users.verify(user.id, own_password):
            failures += 1
            if failures >= REVEAL_MAX_FAILURES:
                locked = now + REVEAL_LOCK_DURATION
                self.users.set_reveal_lock(user.id, failures, locked)
                log(audit.REVEAL_LOCKED, "locked", failures=failures)
                return RevealResult(
                    RevealOutcome.LOCKED,
                    f"{REVEAL_MAX_FAILURES} falsche Eingaben: Das Einsehen von Passwörtern ist "
                    f"für {int(REVEAL_LOCK_DURATION.total_seconds() // 60)} Minuten gesperrt.",
                    locked_until=locked,
                )
            self.users.set_reveal_lock(user.id, failures, None)
            log(audit.REVEAL_FAILED, "wrong_password", failures=failures)
            left = REVEAL_MAX_FAILURES - failures
            return RevealResult(
                RevealOutcome.WRONG_PASSWORD,
                f"Das Passwort ist falsch. Noch {left} Versuch{'e' if left != 1 else ''}.",
                attempts_left=left,
            )
        self.users.set_reveal_lock(user.id, 0, None)
        try:
            secret = self.secrets.get(key)
        except SecretStoreError as exc:
            log(audit.REVEAL_FAILED, "keyring_error")
            return RevealResult(RevealOutcome.KEYRING_ERROR, exc.message_de)
        if secret is None:
            log(audit.REVEAL_FAILED, "nothing_stored")
            return RevealResult(
                RevealOutcome.NOTHING_STORED, "Im Schlüsselbund ist kein Passwort gespeichert."
            )
        log(audit.REVEAL, "shown")
        return RevealResult(RevealOutcome.SHOWN, "Passwort angezeigt.", secret=secret)
