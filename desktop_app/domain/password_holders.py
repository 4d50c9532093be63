"""Which computers hold an interface's FTP password, and which of them hold the current one.

Every time the password is set (on any computer) it gets a new random version id; the
computer where it was set records itself as holder of that version. A computer whose
recorded version is not the interface's current one has an outdated ("veraltet") password
in its keyring. The version says nothing about the secret: it is a random uuid4.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


def same_computer(a: str, b: str) -> bool:
    """Computer names are case-insensitive on Windows and in DNS."""
    return a.strip().casefold() == b.strip().casefold()


class HolderState(enum.StrEnum):
    """What a computer holds of an interface's password."""

    NOT_NEEDED = "not_needed"  # no password is set: there is nothing to hold
    CURRENT = "current"
    OUTDATED = "outdated"  # set here, since changed elsewhere ("veraltet")
    MISSING = "missing"  # never set on this computer
    UNCONFIRMED = "unconfirmed"  # set before versions were recorded; no computer claimed it


@dataclass(frozen=True)
class PasswordHolder:
    """One computer that stored the password in its keyring, and which version."""

    computer: str
    version: str
    stored_at: datetime


@dataclass(frozen=True)
class PasswordCoverage:
    """An interface's password as the database knows it: set or not, its current version
    (None for one set before versions were recorded) and the computers holding one."""

    stored: bool = False
    version: str | None = None
    holders: tuple[PasswordHolder, ...] = ()

    def holder(self, computer: str) -> PasswordHolder | None:
        return next((h for h in self.holders if same_computer(h.computer, computer)), None)

    def is_current(self, holder: PasswordHolder) -> bool:
        return self.version is not None and holder.version == self.version

    def state_on(self, computer: str) -> HolderState:
        if not self.stored:
            return HolderState.NOT_NEEDED
        if self.version is None:
            return HolderState.UNCONFIRMED
        holder = self.holder(computer)
        if holder is None:
            return HolderState.MISSING
        return HolderState.CURRENT if self.is_current(holder) else HolderState.OUTDATED

    def current_holders(self) -> list[str]:
        """The computers holding the current password, by name."""
        return sorted((h.computer for h in self.holders if self.is_current(h)), key=str.casefold)

    def nobody_can_run(self, workstation: str | None) -> bool:
        """True when a password is set and no computer that may run the interface (the
        bound ``workstation``, else any) holds its current version. An unconfirmed password
        is not counted here: the first computer finding it in its keyring takes it over."""
        if not self.stored or self.version is None:
            return False
        bound = (workstation or "").strip()
        if bound:
            return self.state_on(bound) is not HolderState.CURRENT
        return not self.current_holders()
