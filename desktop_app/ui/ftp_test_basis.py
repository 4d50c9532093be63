"""What a shown FTP Test result was made with, and whether it still describes the
interface the form shows again: a refresh re-shows an interface another computer changed,
a save or Verwerfen the one being edited. A change beside the connection (Intervall,
Aktiv) leaves the result standing; one to what the Test used makes it describe something
that is no longer there."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.interface import FtpSettings
    from ..jobs.interface_edit import PasswordChange
    from ..store.interfaces import StoredInterface

# The stored password a Test used, as the interface knows it: whether one is stored, and
# its version (a new password anywhere draws a new one).
StoredPassword = tuple[bool, str | None]


@dataclass(frozen=True)
class TestBasis:
    """The values, the password and the trusted fingerprint of one Test."""

    ftp: FtpSettings
    # None: a password typed into the form (``typed_password`` says whether one was).
    stored_password: StoredPassword | None
    trusted_fingerprint: str | None
    typed_password: bool = False
    # The typed password's digest (not the password itself): a save keeps the result only
    # when it stored the very password tested, not one typed over it afterwards. Keyed
    # with this process's random key and left out of repr, so no printed or logged basis
    # gives anything to guess the password from.
    typed_digest: str | None = field(default=None, repr=False)

    @classmethod
    def of_run(
        cls,
        ftp: FtpSettings,
        password: PasswordChange,
        stored: StoredInterface | None,
        trusted_fingerprint: str | None,
    ) -> TestBasis:
        if isinstance(password, str):  # typed, or "" for a stored one being removed
            return cls(
                ftp,
                None,
                trusted_fingerprint,
                typed_password=bool(password),
                typed_digest=_digest(password) if password else None,
            )
        return cls(ftp, stored_password(stored), trusted_fingerprint)

    def still_for(
        self,
        stored: StoredInterface,
        previous: StoredInterface | None,
        typed_before: PasswordChange | None = None,
    ) -> TestBasis | None:
        """This basis for ``stored``, shown again after ``previous`` (the same interface,
        or None: a new one just saved), when the Test would use the same; else None.
        ``typed_before``: the password field's change just before the form reloaded (what
        a save stored; None: not known)."""
        if self.ftp != stored.settings.ftp:
            return None
        if self.trusted_fingerprint != stored.trusted_fingerprint:
            return None
        now = stored_password(stored)
        if self.stored_password is not None:
            return self if self.stored_password == now else None
        # Tested with what was typed: it still applies once a save stored exactly that,
        # not after Verwerfen, which shows the stored password again.
        if self.typed_password:
            saved = (
                now[0]
                and (previous is None or now != stored_password(previous))
                and isinstance(typed_before, str)
                and bool(typed_before)
                and _digest(typed_before) == self.typed_digest
            )
        else:
            saved = not now[0]
        return replace(self, stored_password=now) if saved else None


def stored_password(stored: StoredInterface | None) -> StoredPassword:
    if stored is None:
        return (False, None)
    return (stored.password_stored, stored.password_version)


_DIGEST_KEY = secrets.token_bytes(32)


def _digest(password: str) -> str:
    return hmac.new(_DIGEST_KEY, password.encode("utf-8"), hashlib.sha256).hexdigest()
