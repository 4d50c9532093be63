"""What every job works on: the database, the keyring and the hub of changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.users import User
from ..store.audit import AuditLog
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.interfaces import InterfaceRepository
from ..store.secrets import SecretStore
from ..store.users import UserRepository
from .change_audit import Actor, AuditedCatalog, AuditedInterfaceEditor, ChangeAudit
from .changes import ChangeHub
from .computer import this_computer
from .config_transfer import ConfigTransfer
from .user_accounts import UserAccounts


@dataclass
class Backend:
    db: Database
    secrets: SecretStore
    changes: ChangeHub = field(default_factory=ChangeHub)
    # This computer's name: its keyring's passwords are recorded under it.
    computer: str = field(default_factory=this_computer)

    def change_audit(self, user: User | None = None) -> ChangeAudit:
        """Changes audited as ``user``, or without one (the command line) as the OS account."""
        return ChangeAudit(AuditLog(self.db), Actor.of(user))

    def interface_editor(self, audit: ChangeAudit) -> AuditedInterfaceEditor:
        return AuditedInterfaceEditor(
            InterfaceRepository(self.db),
            self.secrets,
            audit,
            changes=self.changes,
            computer=self.computer,
        )

    def catalogue(self, audit: ChangeAudit) -> AuditedCatalog:
        return AuditedCatalog(Catalog(self.db), audit, self.changes)

    def config_transfer(self, audit: ChangeAudit) -> ConfigTransfer:
        return ConfigTransfer(self.db, self.secrets, audit, self.changes)

    def user_accounts(self, audit: ChangeAudit) -> UserAccounts:
        return UserAccounts(UserRepository(self.db), audit, self.changes)

    def close(self) -> None:
        self.db.dispose()


def open_database(url: str) -> Database:
    """Open (and upgrade) the database; raises the store's ``DatabaseError``s."""
    return Database(url)


def open_backend(url: str, secrets: SecretStore | None = None) -> Backend:
    return Backend(open_database(url), secrets or SecretStore())
