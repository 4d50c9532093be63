"""The store's typed errors, for the callers: each says what went wrong and what to do.

The GUI and the command line take these types from here, not from the modules that
raise them (the contracts in pyproject.toml keep the command line so).
"""

from .booking_writer import ConcurrentChange
from .catalog import (
    CatalogError,
    DuplicateNameError,
    EntryInUseError,
    EntryNotFoundError,
    InvalidDatevNumberError,
    InvalidNameError,
)
from .config_store import ConfigConflict
from .db_errors import (
    DamagedDatabase,
    DatabaseBusy,
    DatabaseError,
    DatabaseUnavailable,
    ForeignDatabase,
    InvalidDatabaseUrl,
    NewerDatabase,
    ReadOnlyDatabase,
)
from .interfaces import InterfaceNotFound
from .secrets import KeyringLocked, KeyringUnavailable, SecretStoreError
from .user_errors import FirstAdminExists, PasswordLocked, UserError

__all__ = [
    "CatalogError",
    "ConcurrentChange",
    "ConfigConflict",
    "DamagedDatabase",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseUnavailable",
    "DuplicateNameError",
    "EntryInUseError",
    "EntryNotFoundError",
    "FirstAdminExists",
    "ForeignDatabase",
    "InterfaceNotFound",
    "InvalidDatabaseUrl",
    "InvalidDatevNumberError",
    "InvalidNameError",
    "KeyringLocked",
    "KeyringUnavailable",
    "NewerDatabase",
    "PasswordLocked",
    "ReadOnlyDatabase",
    "SecretStoreError",
    "UserError",
]
