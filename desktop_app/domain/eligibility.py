"""Why an interface does not run on a computer: the scheduler decides it, the list and
the log say it. Its own module, free of the scheduler, so the window can word it before
the database layer is loaded."""

from __future__ import annotations

import enum


class Eligibility(enum.StrEnum):
    """Why an interface does not run on this computer."""

    DISABLED = "disabled"
    NOT_RELEASED = "not_released"  # before its Start date
    OTHER_COMPUTER = "other_computer"  # bound to another workstation (Rechner)
    OTHER_BRANCH = "other_branch"  # restricted to another branch (Filiale)
    PASSWORD_MISSING = "password_missing"  # the password was never stored on this computer
    PASSWORD_OUTDATED = "password_outdated"  # stored here, changed elsewhere since ("veraltet")
    PASSWORD_UNCONFIRMED = "password_unconfirmed"  # from before versions; not in this keyring
