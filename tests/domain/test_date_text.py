"""Dates as each language writes them for a person: one rule a language, which the row
reasons, the errors and every other text share."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desktop_app.domain.booking_policy import FutureBookingNotAllowed, check_booking_date
from desktop_app.domain.date_text import format_day, format_time
from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.reason_texts import Reason, day
from desktop_app.domain.release import NotReleasedYet

MARCH_14 = date(2026, 3, 14)


def test_one_date_style_a_language():
    assert format_day(MARCH_14, "de") == "14.03.2026"
    assert format_day(MARCH_14, "en") == "14/03/2026"
    assert format_day(MARCH_14, "fr") == "14.03.2026"  # German, the product's language
    at = datetime(2026, 3, 14, 7, 30, 5, tzinfo=timezone(timedelta(hours=1)))
    assert format_time(at, "de") == "14.03.2026 07:30"
    assert format_time(at, "en", seconds=True) == "14/03/2026 07:30:05"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_row_reasons_write_their_dates_by_the_rule(lang):
    assert day("2026-03-14", lang) == day(MARCH_14, lang) == format_day(MARCH_14, lang)
    reason = Reason.of("out-of-scope", invoice_date=MARCH_14, booking_date=date(2026, 3, 1))
    text = reason.text(lang)
    assert format_day(MARCH_14, lang) in text and format_day(date(2026, 3, 1), lang) in text


def test_a_row_reason_in_either_language():
    reason = Reason.of("out-of-scope", invoice_date=MARCH_14, booking_date=date(2026, 3, 1))
    assert reason.text("de") == (
        "Rechnungsdatum 14.03.2026 liegt nach dem Buchungsdatum 01.03.2026; nicht gebucht."
    )
    assert reason.text("en") == (
        "Invoice date 14/03/2026 is after the booking date 01/03/2026; not booked."
    )


def test_a_booking_by_another_interface_names_its_time_by_the_rule():
    at = datetime(2026, 3, 14, 6, 30, tzinfo=UTC)
    reason = Reason.of("duplicate-earlier", file="a.csv", interface="Bank", at=at.isoformat())
    local = at.astimezone()
    assert f"am {format_day(local, 'de')} um {local:%H:%M})" in reason.text("de")
    assert f"on {format_time(local, 'en')})" in reason.text("en")


def test_the_errors_of_a_booking_date_and_a_start_write_it_by_the_rule():
    with pytest.raises(FutureBookingNotAllowed) as refused:
        check_booking_date(MARCH_14, date(2026, 3, 1), ChainOptions(future_booking_months=0))
    assert "(hier: 14.03.2026)" in refused.value.message_de
    assert "(here: 14/03/2026)" in refused.value.message_en
    released = NotReleasedYet("Bank", MARCH_14)
    assert "erst ab dem 14.03.2026 freigegeben" in released.message_de
    assert "released only from 14/03/2026 (Start)" in released.message_en
