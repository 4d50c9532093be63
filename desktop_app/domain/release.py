"""The Start date ("Start"): the day from which an interface is released.

Before it nothing runs: not the schedule, and not a run by hand ("Jetzt ausführen",
``desktop-app run``) either. Pure: every function is handed the day it reasons about.
"""

from __future__ import annotations

from datetime import date

from .date_text import format_day
from .interface import InterfaceSettings
from .said_error import SaidError

__all__ = ["NotReleasedYet", "check_released", "is_released"]


class NotReleasedYet(SaidError):
    """A run asked for before the interface's Start date."""

    def __init__(self, name: str, start: date):
        super().__init__(
            f"Die Schnittstelle „{name}“ ist erst ab dem {format_day(start, 'de')} freigegeben "
            "(Start). Vorher läuft nichts, auch nicht von Hand. Um sie früher auszuführen, "
            "ändern Sie das Startdatum der Schnittstelle.",
            f"The interface “{name}” is released only from {format_day(start, 'en')} (Start); "
            "nothing runs before then, not even by hand. To run it earlier, change the "
            "interface's Start date.",
        )
        self.name = name
        self.start = start


def is_released(settings: InterfaceSettings, today: date) -> bool:
    """Whether ``settings`` may run on ``today``: no Start date, or it has come."""
    return settings.start_date is None or today >= settings.start_date


def check_released(settings: InterfaceSettings, today: date) -> None:
    """Raise ``NotReleasedYet`` when ``today`` lies before the interface's Start date."""
    if not is_released(settings, today):
        assert settings.start_date is not None  # is_released says so
        raise NotReleasedYet(settings.name, settings.start_date)
