"""Who changed what: audit entries for changes to interfaces, options, users, the catalogue.

The GUI records as the logged-in user, the command line as the operating-system account
(``os:<account>``). Only the names of changed fields reach the log; a password is recorded
as "changed" or "deleted", never its value.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..domain.interface import ChainOptions, InterfaceSettings
from ..domain.interface_json import to_json
from ..domain.smtp_settings import SmtpSettings
from ..domain.users import User
from ..store import audit
from ..store.audit import AuditLog, AuditNote, changed_fields, os_actor
from ..store.catalog import Catalog, MandantInfo
from ..store.interfaces import StoredInterface
from .changes import Change, ChangeHub
from .interface_edit import KEEP_PASSWORD, InterfaceEditor, PasswordChange

# The field name under which a password change is listed (the form's password field).
PASSWORD_FIELD = "ftp.password"
SMTP_PASSWORD_FIELD = "password"
# Catalogue changes have no constant in store.audit; they are administration like the rest.
BRANCH_CREATED = "branch_created"
BRANCH_RENAMED = "branch_renamed"
BRANCH_DELETED = "branch_deleted"
MANDANT_CREATED = "mandant_created"
MANDANT_CHANGED = "mandant_changed"
MANDANT_DELETED = "mandant_deleted"
# This computer's branch: a setting of the computer, audited as it decides what runs here.
WORKSTATION_BRANCH_CHANGED = "workstation_branch_changed"
WORKSTATION_BRANCH_FIELD = "workstation_branch"


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in user, or the operating-system account of a CLI call."""

    name: str
    user_id: int | None = None

    @classmethod
    def of(cls, user: User | None) -> Actor:
        return cls(user.name, user.id) if user is not None else cls(os_actor())


def password_mark(change: PasswordChange) -> str | None:
    """What the log says about a password: "changed", "deleted", or nothing (kept)."""
    if change is KEEP_PASSWORD or not isinstance(change, str):
        return None
    return "changed" if change else "deleted"


@dataclass(frozen=True)
class ChangeAudit:
    log: AuditLog
    actor: Actor

    def record(self, action: str, target: str = "", *, outcome: str = "ok", **details: Any) -> None:
        self.log.record(
            self.actor.name,
            action,
            target=target,
            outcome=outcome,
            details=details,
            user_id=self.actor.user_id,
        )

    def note(self, action: str, target: str = "", **details: Any) -> AuditNote:
        """An entry for a change that writes it in its own transaction (``audit_row``)."""
        return AuditNote(self.actor.name, action, target, "ok", details, self.actor.user_id)

    def interface_saved(
        self,
        before: InterfaceSettings | None,
        after: InterfaceSettings,
        password: PasswordChange = KEEP_PASSWORD,
    ) -> None:
        # A new interface lists what differs from an empty one: what the user filled in.
        fields = changed_fields(to_json(before or InterfaceSettings()), to_json(after))
        details: dict[str, Any] = {}
        mark = password_mark(password)
        if mark is not None:
            fields.append(PASSWORD_FIELD)
            details["password"] = mark
        if before is not None and before.name != after.name:
            details["renamed_from"] = before.name
        action = audit.INTERFACE_CREATED if before is None else audit.INTERFACE_CHANGED
        self.record(action, after.name, fields=fields, **details)

    def interface_deleted(self, name: str) -> None:
        self.record(audit.INTERFACE_DELETED, name)

    def options_changed(self, before: ChainOptions, after: ChainOptions) -> None:
        self.record(
            audit.OPTIONS_CHANGED,
            "Filialkettenoptionen",
            fields=changed_fields(asdict(before), asdict(after)),
        )

    def smtp_changed(
        self,
        before: SmtpSettings,
        after: SmtpSettings,
        password: PasswordChange = KEEP_PASSWORD,
    ) -> None:
        """For the SMTP dialog and ``smtp set``: field names, and the password as a mark."""
        fields = changed_fields(_smtp_json(before), _smtp_json(after))
        details: dict[str, Any] = {}
        mark = password_mark(password)
        if mark is not None:
            fields.append(SMTP_PASSWORD_FIELD)
            details["password"] = mark
        self.record(audit.SMTP_CHANGED, "SMTP", fields=fields, **details)

    def user_created(self, user: User) -> None:
        self.record(audit.USER_CREATED, user.name, group=user.group.value)

    def user_changed(self, name: str, *, fields: list[str], **details: Any) -> None:
        self.record(audit.USER_CHANGED, name, fields=fields, **details)

    def user_unlocked(self, name: str, *, was_locked: bool) -> None:
        self.record(audit.USER_UNLOCKED, name, was_locked=was_locked)

    def branch_created(self, name: str) -> None:
        self.record(BRANCH_CREATED, name)

    def branch_renamed(self, old: str, new: str) -> None:
        self.record(BRANCH_RENAMED, new, fields=["name"], renamed_from=old)

    def branch_deleted(self, name: str) -> None:
        self.record(BRANCH_DELETED, name)

    def mandant_created(self, name: str, fields: list[str]) -> None:
        self.record(MANDANT_CREATED, name, fields=fields)

    def mandant_changed(self, before: MandantInfo, after: MandantInfo) -> None:
        """Field names only, like every change; an unchanged Mandant is no entry."""
        fields = changed_fields(asdict(before), asdict(after))
        if not fields:
            return
        details: dict[str, Any] = {}
        if before.name != after.name:
            details["renamed_from"] = before.name
        self.record(MANDANT_CHANGED, after.name, fields=fields, **details)

    def mandant_deleted(self, name: str) -> None:
        self.record(MANDANT_DELETED, name)


def _smtp_json(settings: SmtpSettings) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "security": settings.security.value,
        "user": settings.user,
        "sender": settings.sender,
    }


@dataclass(frozen=True)
class AuditedCatalog:
    """Changes to branches and Mandanten, each audited once it succeeded. The command line
    changes the catalogue through it, the catalogue dialog renames and deletes through it."""

    catalog: Catalog
    audit: ChangeAudit
    changes: ChangeHub | None = None

    def _announce(self) -> None:
        if self.changes is not None:
            self.changes.publish(Change.CATALOGUE)

    # -- reading ---------------------------------------------------------------------

    def branch_names(self) -> list[str]:
        return self.catalog.branch_names()

    def mandants(self) -> list[MandantInfo]:
        return self.catalog.mandants()

    def mandant_names(self) -> list[str]:
        return self.catalog.mandant_names()

    def mandant(self, name: str) -> MandantInfo:
        """Raises ``CatalogError`` for an unknown name."""
        return self.catalog.mandant(name)

    def chain_options(self) -> ChainOptions:
        return self.catalog.chain_options()

    # -- changing --------------------------------------------------------------------

    def add_branch(self, name: str) -> None:
        self.catalog.add_branch(name)
        self.audit.branch_created(name.strip())
        self._announce()

    def rename_branch(self, old: str, new: str) -> None:
        if self.catalog.rename_branch(old, new):
            self.audit.branch_renamed(old.strip(), new.strip())
            self._announce()

    def delete_branch(self, name: str) -> None:
        self.catalog.delete_branch(name)
        self.audit.branch_deleted(name.strip())
        self._announce()

    def add_mandant(
        self, name: str, datev_berater: int | None = None, datev_mandant: int | None = None
    ) -> None:
        self.catalog.add_mandant(name, datev_berater, datev_mandant)
        numbers = {"datev_berater": datev_berater, "datev_mandant": datev_mandant}
        self.audit.mandant_created(name.strip(), [k for k, v in numbers.items() if v])
        self._announce()

    def update_mandant(
        self, old_name: str, new_name: str, datev_berater: int | None, datev_mandant: int | None
    ) -> MandantInfo:
        before, after = self.catalog.update_mandant(
            old_name, new_name, datev_berater, datev_mandant
        )
        self.audit.mandant_changed(before, after)
        self._announce()
        return after

    def delete_mandant(self, name: str) -> None:
        self.catalog.delete_mandant(name)
        self.audit.mandant_deleted(name.strip())
        self._announce()


@dataclass
class AuditedInterfaceEditor(InterfaceEditor):
    """An ``InterfaceEditor`` that writes every change to the audit log once it succeeded.
    The GUI and the CLI edit through it; the runs change no settings."""

    audit: ChangeAudit | None = None

    @classmethod
    def wrap(cls, editor: InterfaceEditor, audit: ChangeAudit) -> AuditedInterfaceEditor:
        return cls(
            editor.repository,
            editor.secrets,
            audit,
            changes=editor.changes,
            computer=editor.computer,
        )

    def _log(self) -> ChangeAudit:
        assert self.audit is not None, "AuditedInterfaceEditor needs its ChangeAudit"
        return self.audit

    def save(
        self,
        settings: InterfaceSettings,
        *,
        original_name: str | None = None,
        password: PasswordChange = KEEP_PASSWORD,
    ) -> StoredInterface:
        before = self.repository.find(original_name) if original_name is not None else None
        stored = super().save(settings, original_name=original_name, password=password)
        self._log().interface_saved(
            before.settings if before is not None else None, stored.settings, password
        )
        return stored

    def set_password(self, name: str, password: str) -> StoredInterface:
        before = self.repository.get(name)
        stored = super().set_password(name, password)
        self._log().interface_saved(before.settings, stored.settings, password)
        return stored

    def delete(self, name: str) -> None:
        super().delete(name)
        self._log().interface_deleted(name)

    def duplicate(self, name: str) -> StoredInterface:
        copy = super().duplicate(name)
        self._log().interface_saved(None, copy.settings)
        return copy

    def set_enabled(self, name: str, enabled: bool) -> StoredInterface:
        """Activate or deactivate; the one field that changes is audited."""
        before = self.repository.get(name)
        self.repository.set_enabled(name, enabled)
        after = self.repository.get(name)
        self._log().interface_saved(before.settings, after.settings)
        self._announce()
        return after
