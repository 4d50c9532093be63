"""The logged-in user and what they may do: log in, administer users, options and the
catalogue, change their own password, and reveal a stored password.

Every method may block (argon2 takes a tenth of a second, the database may be remote, the
keyring may wait for an unlock): the GUI calls them through ``Op``. Every change and every
login attempt is written to the audit log; no secret ever is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher

from ..domain.interface import ChainOptions
from ..domain.users import REVEAL_SHOW_DURATION, Group, User
from ..store import audit
from ..store.audit import AuditEntry, AuditLog, os_actor
from ..store.catalog import Catalog, MandantInfo
from ..store.db import Database
from ..store.password_checks import PasswordOutcome
from ..store.secrets import SecretStore
from ..store.user_errors import UserError
from ..store.users import UserRepository
from .change_audit import Actor, AuditedCatalog, ChangeAudit
from .changes import Change, ChangeHub
from .credentials import SecretRef
from .password_reveal import PasswordReveal, RevealOutcome, RevealResult


class NotAllowed(UserError):
    """An administrator's action asked for by someone who is not one."""

    def __init__(self) -> None:
        super().__init__(
            "Diese Aktion ist nur für Administratoren erlaubt.",
            "Only administrators may do this.",
        )


@dataclass(frozen=True)
class LoginAttempt:
    """A login's outcome: ``user`` when it succeeded; ``locked_until`` when too many wrong
    passwords in a row lock the account (the login and the eye button alike)."""

    user: User | None
    locked_until: datetime | None = None


def log_in(
    users: UserRepository,
    audit_log: AuditLog,
    name: str,
    password: str,
    now: datetime | None = None,
) -> LoginAttempt:
    """Check name and password (counted against the lock of the name on this computer,
    see ``UserRepository.try_password``); every attempt is audited, a failed one with the
    reason and the computer, which only administrators read. A name no user has fails,
    and is locked, exactly like a wrong password: the answer never tells which names exist.
    """
    tried = users.try_password_of(name, password, now)
    user = tried.user
    if tried.outcome is PasswordOutcome.RIGHT and user is not None and user.enabled:
        audit_log.record(user.name, audit.LOGIN, target=user.name, user_id=user.id)
        return LoginAttempt(user)
    known = user or users.get(name)
    # The typed name is not proof of who tried: the actor is the computer's account.
    actor, user_id = os_actor(), known.id if known is not None else None
    # A name nobody has is often a password typed into the name field: not kept.
    target = name if known is not None else ""
    where: dict[str, object] = {"computer": users.computer}
    if tried.outcome is PasswordOutcome.LOCKED:
        audit_log.record(
            actor,
            audit.LOGIN_FAILED,
            target=target,
            outcome="locked",
            details=where,
            user_id=user_id,
        )
        return LoginAttempt(None, tried.locked_until)
    if known is None:
        reason = "unknown_user"
    elif tried.outcome is PasswordOutcome.RIGHT:
        reason = "disabled"
    else:
        reason = "wrong_password"
    if tried.locked_until is not None:  # this try was the last one allowed
        audit_log.record(
            actor,
            audit.LOGIN_LOCKED,
            target=target,
            outcome="locked",
            details={"failures": tried.failures, "reason": reason, **where},
            user_id=user_id,
        )
        return LoginAttempt(None, tried.locked_until)
    details = {"failures": tried.failures, **where} if reason != "disabled" else where
    audit_log.record(
        actor, audit.LOGIN_FAILED, target=target, outcome=reason, details=details, user_id=user_id
    )
    return LoginAttempt(None)


def create_first_admin(
    users: UserRepository, audit_log: AuditLog, name: str, password: str
) -> User:
    """The first start: create the first administrator, who is then logged in.
    ``FirstAdminExists`` when someone else was quicker (another computer starting at the
    same moment, a second window, the CLI): then log in normally instead."""
    user = users.create_first_admin(name, password)
    ChangeAudit(audit_log, Actor.of(None)).user_created(user)
    audit_log.record(user.name, audit.LOGIN, target=user.name, user_id=user.id)
    return user


@dataclass
class UserSession:
    """What the windows of one login share. ``user`` None: started without a login (the
    smoke test, tests): no administration, no eye button, changes audited as the OS
    account like the command line."""

    user: User | None
    users: UserRepository
    catalog: Catalog
    audit_log: AuditLog
    reveal_service: PasswordReveal
    # How long a revealed password stays readable; tests shorten it.
    show_duration: timedelta = REVEAL_SHOW_DURATION
    changes: ChangeHub | None = None  # hears of every change made here
    _audit: ChangeAudit = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._audit = ChangeAudit(self.audit_log, Actor.of(self.user))

    @classmethod
    def open(
        cls,
        db: Database,
        secrets: SecretStore,
        user: User | None,
        *,
        hasher: PasswordHasher | None = None,
        now: Callable[[], datetime] | None = None,
        show_duration: timedelta = REVEAL_SHOW_DURATION,
        changes: ChangeHub | None = None,
    ) -> UserSession:
        users = UserRepository(db, hasher)
        catalog = Catalog(db)
        audit_log = AuditLog(db)
        reveal = PasswordReveal(
            users, catalog, secrets, audit_log, now or (lambda: datetime.now(UTC))
        )
        return cls(user, users, catalog, audit_log, reveal, show_duration, changes)

    def _announce(self, change: Change) -> None:
        if self.changes is not None:
            self.changes.publish(change)

    # --- who ------------------------------------------------------------------------------

    @property
    def change_audit(self) -> ChangeAudit:
        return self._audit

    @property
    def is_admin(self) -> bool:
        """An administrator's rights: in the group, and not deactivated since the login
        (``for_user`` with the row as it is now, see ``user_now``)."""
        return self.user is not None and self.user.enabled and self.user.is_admin

    @property
    def user_name(self) -> str:
        return self.user.name if self.user is not None else ""

    def user_now(self) -> User | None:
        """The logged-in user as the database has them now: another administrator may
        have changed their group or deactivated them since the login. A user deleted
        meanwhile comes back deactivated; None without a login."""
        if self.user is None:
            return None
        now = self.users.current(self.user.id)
        return now if now is not None else replace(self.user, enabled=False)

    def require_admin(self) -> User:
        """The logged-in administrator as the database has them now: demoted or
        deactivated on another computer meanwhile, they are one no longer (``NotAllowed``)."""
        now = self.users.current(self.user.id) if self.user is not None else None
        if now is None or not now.enabled or not now.is_admin:
            raise NotAllowed()
        return now

    # --- the eye button (what ui.widgets.password_field asks) ------------------------------

    def may_reveal(self) -> bool:
        """Whether an eye button shows at all: PasswordReveal.allowed decides, nothing else."""
        return self.reveal_service.allowed(self.user)

    def reveal_locked_until(self) -> datetime | None:
        return self.reveal_service.locked_until(self.user) if self.user is not None else None

    def reveal(self, own_password: str, key: SecretRef, target: str) -> RevealResult:
        if self.user is None:
            return RevealResult(
                RevealOutcome.NOT_ALLOWED, "Ohne Anmeldung kann kein Passwort angezeigt werden."
            )
        return self.reveal_service.reveal(self.user, own_password, key, target)

    # --- logging out ----------------------------------------------------------------------

    def log_out(self) -> None:
        """Audited; the windows then ask who works next (``for_user``)."""
        if self.user is not None:
            self.audit_log.record(
                self.user.name, audit.LOGOUT, target=self.user.name, user_id=self.user.id
            )

    def for_user(self, user: User | None) -> UserSession:
        """The session of whoever logs in next on this computer, with the same stores."""
        return replace(self, user=user)

    # --- one's own password ---------------------------------------------------------------

    def change_own_password(self, current: str, new: str) -> None:
        if self.user is None:
            raise UserError(
                "Ohne Anmeldung gibt es kein eigenes Passwort.",
                "Without a login there is no own password.",
            )
        try:
            self.users.change_own_password(self.user.id, current, new)
        except UserError:
            self._audit.record(audit.PASSWORD_CHANGED, self.user.name, outcome="failed")
            raise
        self._audit.record(audit.PASSWORD_CHANGED, self.user.name, fields=["password"])

    # --- administration -------------------------------------------------------------------

    def list_users(self) -> list[User]:
        self.require_admin()
        return self.users.list()

    def create_user(self, name: str, password: str, group: Group) -> User:
        self.require_admin()
        user = self.users.create(name, password, group)
        self._audit.user_created(user)
        self._announce(Change.USERS)
        return user

    def set_user_enabled(self, user: User, enabled: bool) -> None:
        me = self.require_admin()
        if user.id == me.id and not enabled:
            raise UserError(
                "Sie können sich nicht selbst deaktivieren.", "You cannot deactivate yourself."
            )
        self.users.set_enabled(user.id, enabled)
        self._audit.user_changed(user.name, fields=["enabled"], enabled=enabled)
        self._announce(Change.USERS)

    def set_user_group(self, user: User, group: Group) -> None:
        """Administratoren or Mitarbeiter; audited. Not one's own: the session would then
        claim rights it no longer has (another administrator does it)."""
        me = self.require_admin()
        if user.id == me.id:
            raise UserError(
                "Sie können Ihre eigene Gruppe nicht ändern; das tut ein anderer Administrator.",
                "You cannot change your own group; another administrator does that.",
            )
        if user.group is group:
            return
        self.users.set_group(user.id, group)
        self._audit.user_changed(
            user.name, fields=["group"], group=group.value, previous=user.group.value
        )
        self._announce(Change.USERS)

    def reset_password(self, user: User, new: str) -> None:
        """Another user's password. One's own changes only with the current one
        (``change_own_password``): it is what proves who sits at the keyboard before a
        stored password is shown."""
        me = self.require_admin()
        if user.id == me.id:
            raise UserError(
                "Das eigene Passwort ändern Sie mit dem bisherigen (Datei → Eigenes Passwort "
                "ändern).",
                "Change your own password with the current one (File → Change own password).",
            )
        self.users.set_password(user.id, new)
        self._audit.user_changed(user.name, fields=["password"], password="changed")
        self._announce(Change.USERS)

    def user_locks(self) -> dict[int, datetime]:
        """Locked users (too many wrong passwords in a row) with the end of each lock."""
        self.require_admin()
        return self.users.locks(self.reveal_service.now())

    def unlock_user(self, user: User) -> bool:
        """Lift ``user``'s lock after wrong passwords; audited. False: there was none.
        Not one's own: the lock is what stops guessing one's password at the eye button."""
        me = self.require_admin()
        if user.id == me.id:
            raise UserError(
                "Die eigene Sperre hebt ein anderer Administrator auf, oder sie endet von selbst.",
                "Your own lock is lifted by another administrator, or it ends by itself.",
            )
        was_locked = self.users.unlock(user.id, self.reveal_service.now())
        self._audit.user_unlocked(user.name, was_locked=was_locked)
        self._announce(Change.USERS)
        return was_locked

    def chain_options(self) -> ChainOptions:
        return self.catalog.chain_options()

    def branch_names(self) -> list[str]:
        return self.catalog.branch_names()

    def catalogue(self) -> tuple[list[str], list[MandantInfo]]:
        """The branches and the Mandanten with their DATEV numbers."""
        return self.catalog.branch_names(), self.catalog.mandants()

    def save_chain_options(self, options: ChainOptions) -> None:
        self.require_admin()
        before = self.catalog.chain_options()
        if before == options:
            return  # an OK without a change is not a change
        self.catalog.set_chain_options(options)
        self._audit.options_changed(before, options)
        self._announce(Change.OPTIONS)

    def catalog_changes(self) -> AuditedCatalog:
        """Adding, renaming, changing and deleting branches and Mandanten, audited as this
        user: for administrators only."""
        self.require_admin()
        return AuditedCatalog(self.catalog, self._audit, self.changes)

    def audit_entries(self, action: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        self.require_admin()
        return self.audit_log.entries(limit=limit, action=action)
