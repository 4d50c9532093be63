"""The errors of user accounts: what a user action was refused for, in German and English."""

from __future__ import annotations

from datetime import datetime

from ..domain.said_error import SaidError


class UserError(SaidError):
    """A user action refused for a reason the user can fix; ``message_de`` and
    ``message_en`` say which (the English text is the log's too)."""


class PasswordLocked(UserError):
    """Too many wrong passwords in a row on this computer: checks are refused here until
    ``locked_until``."""

    def __init__(self, locked_until: datetime | None):
        self.locked_until = locked_until
        at = f" bis {locked_until.astimezone():%H:%M} Uhr" if locked_until else ""
        until = f" until {locked_until.astimezone():%H:%M}" if locked_until else ""
        super().__init__(
            f"Zu viele falsche Passwörter nacheinander: Die Anmeldung ist an diesem Rechner{at} "
            "gesperrt. Ein Administrator kann die Sperre aufheben.",
            f"Too many wrong passwords in a row: logging in is locked on this computer{until}. "
            "An administrator can lift the lock.",
        )


class FirstAdminExists(UserError):
    """The first administrator was asked for, but someone else made a user meanwhile (the
    first start on another computer or in another window): log in with that account."""

    def __init__(self) -> None:
        super().__init__(
            "Inzwischen wurde schon ein Administrator angelegt (an einem anderen Rechner "
            "oder in einem anderen Fenster). Bitte melden Sie sich mit dessen Benutzernamen "
            "und Passwort an.",
            "An administrator was created meanwhile (on another computer or in another "
            "window). Please log in with that user name and password.",
        )
