"""A password stored before versions were recorded, taken over by the computer that has it.

After the upgrade that introduced password versions, every stored password has none and
no computer is recorded as its holder, although some keyrings hold it. Rule: a computer
that reads such a password from its own keyring (the scheduler's start, a run) records
itself as holder of a first version, and only while the version is still unset: the first
one wins (a compare-and-set), every other computer then counts as "never stored here"
until the password is set there. Nobody can prove which keyring held the newest password
before versions existed; one computer running it keeps the chain's imports going, and a
stale one fails at the login (visible, mailed) rather than booking anything wrong. A
computer with a recorded but outdated version never takes over: it shows "veraltet".
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..domain.password_holders import HolderState
from ..store.db import Database
from ..store.interfaces import StoredInterface
from ..store.password_holders import PasswordHolderRecords
from ..store.secrets import SecretStore, SecretStoreError
from .credentials import read_ftp_password

log = logging.getLogger(__name__)


def take_over_if_found(
    db: Database, stored: StoredInterface, computer: str, read: Callable[[], str | None]
) -> bool:
    """True when ``computer`` became the holder of ``stored``'s unconfirmed password,
    which ``read`` (one of the readers in ``credentials``) found in its keyring."""
    if stored.password_coverage.state_on(computer) is not HolderState.UNCONFIRMED:
        return False
    try:
        found = read()
    except SecretStoreError as exc:
        log.warning("keyring not read for %r: %s", stored.settings.name, exc)
        return False
    if not found:
        return False
    won = PasswordHolderRecords(db).adopt_unconfirmed(stored.id, computer)
    if won:
        name = stored.settings.name
        log.info("%s holds the password of %r (stored before versions)", computer, name)
    return won


def take_over_from_keyring(
    db: Database, secrets: SecretStore, stored: StoredInterface, computer: str
) -> bool:
    """``take_over_if_found`` with this computer's keyring read now."""
    return take_over_if_found(db, stored, computer, lambda: read_ftp_password(secrets, stored.uid))
