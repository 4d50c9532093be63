"""Whether a booking date may be used now: the chain option for bookings in the future.

The form refuses "morgen" without the option; a run and a manual import check again when
they book, because the option may have been switched off (or shortened) since the
interface was saved.
"""

from __future__ import annotations

import calendar
from datetime import date

from .date_text import format_day
from .interface import ChainOptions
from .money_text import counted
from .said_error import SaidError


class FutureBookingNotAllowed(SaidError):
    """The booking date lies further in the future than the chain options allow."""


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day where it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def check_booking_date(booking_date: date, today: date, options: ChainOptions) -> None:
    """Raise ``FutureBookingNotAllowed`` unless ``booking_date`` may be booked today."""
    if booking_date <= today:
        return
    if not options.future_bookings_allowed:
        raise FutureBookingNotAllowed(
            f"Buchungen in der Zukunft (hier: {format_day(booking_date, 'de')}) sind in den "
            "Filialkettenoptionen nicht (mehr) freigegeben; es wurde nichts gebucht. Bitte "
            "in der Schnittstelle „heute“ oder „gestern“ wählen oder einen Administrator die "
            "Option einschalten lassen.",
            f"Bookings in the future (here: {format_day(booking_date, 'en')}) are not allowed (any "
            "more) by the chain options; nothing was booked. Please choose “today” or "
            "“yesterday” in the interface, or have an administrator switch the option on.",
        )
    months = options.future_booking_months
    limit = add_months(today, months)
    if booking_date > limit:
        raise FutureBookingNotAllowed(
            f"Der Buchungstag {format_day(booking_date, 'de')} liegt weiter in der Zukunft, "
            "als die Filialkettenoptionen erlauben "
            f"({counted(months, 'Monat', 'Monate', 'de')}, bis {format_day(limit, 'de')}); "
            "es wurde nichts gebucht.",
            f"The booking date {format_day(booking_date, 'en')} lies further in the future "
            f"than the chain options allow ({counted(months, 'month', 'months', 'en')}, up to "
            f"{format_day(limit, 'en')}); nothing was booked.",
        )
