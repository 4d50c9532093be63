"""The run checks again what the form checked: the future-booking chain option (and its
months) and the 06:00-22:00 window. An interface saved while "morgen" was allowed books
nothing after the option was switched off; a run outside the window needs a confirmation
(force). Real FTP server, keyring and SMTP server; the tests set their own clock."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from desktop_app.domain.booking_policy import (
    FutureBookingNotAllowed,
    add_months,
    check_booking_date,
)
from desktop_app.domain.interface import ChainOptions, SettleUntil
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import RunStatus
from desktop_app.jobs.settle_file import ImportOutcome, ImportRequest, SettlementEngine
from desktop_app.store.interfaces import InterfaceRepository

from .test_run_pipeline import GOOD, interface, ledger, runner  # noqa: F401

# The fixtures imported above are the tests' parameters by design.
# ruff: noqa: F811

BERLIN = ZoneInfo("Europe/Berlin")


def at(hour: int, minute: int = 0, second: int = 0):
    """A clock that says ``hour:minute:second`` in Berlin on the runner's day (14 March 2026)."""
    return lambda: datetime(2026, 3, 14, hour, minute, second, tzinfo=BERLIN).astimezone(UTC)


def _settle_tomorrow(db, secret_store, catalog) -> None:
    catalog.set_chain_options(ChainOptions(future_booking_months=1))
    repository = InterfaceRepository(db)
    stored = repository.get("Zahlungen")
    changed = stored.settings.with_changes(settle_until=SettleUntil.TOMORROW)
    InterfaceEditor(repository, secret_store).save(changed, original_name="Zahlungen")


def test_a_run_books_nothing_into_the_future_once_the_option_is_off(
    db, catalog, ledger, interface, smtp_inbox, secret_store
):
    (interface / "Zahlungen_0313.csv").write_bytes(GOOD)
    _settle_tomorrow(db, secret_store, catalog)
    catalog.set_chain_options(ChainOptions(future_booking_months=0))  # switched off since

    result = runner(db, secret_store).run("Zahlungen")

    assert result.status is RunStatus.FAILED
    assert result.error_kind == "FutureBookingNotAllowed"
    assert "nicht (mehr) freigegeben" in result.error and "15.03.2026" in result.error
    assert result.files == []  # nothing fetched, nothing booked, nothing deleted
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")
    assert [p.name for p in interface.iterdir()] == ["Zahlungen_0313.csv"]
    assert len(smtp_inbox.envelopes) == 1  # the failure is mailed like any other

    catalog.set_chain_options(ChainOptions(future_booking_months=1))
    again = runner(db, secret_store).run("Zahlungen")
    assert again.status is RunStatus.OK and again.files[0].booked == 2


def test_the_settlement_itself_refuses_a_date_the_options_do_not_allow(db, catalog, ledger):
    request = ImportRequest(
        data=GOOD,
        file_name="Zahlungen_0313.csv",
        format_id="closed-items",
        mandants=("1",),
        settle_until=SettleUntil.TOMORROW,
        today=date(2026, 3, 14),
    )
    result = SettlementEngine(db).run(request)
    assert result.outcome is ImportOutcome.REFUSED and result.booked_count == 0
    assert "nicht (mehr) freigegeben" in result.refused_reason
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")
    catalog.set_chain_options(ChainOptions(future_booking_months=1))
    assert SettlementEngine(db).run(request).outcome is ImportOutcome.BOOKED


def test_the_months_of_the_option_are_a_limit():
    today = date(2026, 1, 31)
    assert add_months(today, 1) == date(2026, 2, 28)
    one_month = ChainOptions(future_booking_months=1)
    check_booking_date(today + timedelta(days=1), today, one_month)
    check_booking_date(date(2026, 2, 28), today, one_month)
    with pytest.raises(FutureBookingNotAllowed) as err:
        check_booking_date(date(2026, 3, 1), today, one_month)
    assert "(1 Monat, bis 28.02.2026)" in err.value.message_de
    assert "(1 month, up to 28/02/2026); nothing was booked." in err.value.message_en
    check_booking_date(date(2026, 3, 1), today, ChainOptions(future_booking_months=2))
    with pytest.raises(FutureBookingNotAllowed):
        check_booking_date(today + timedelta(days=1), today, ChainOptions())
    check_booking_date(today, today, ChainOptions())  # today and earlier: always


@pytest.mark.parametrize(
    ("clock", "trigger", "force", "runs", "checked"),
    [
        (at(5, 59), "manual", False, False, False),
        (at(22, 1), "cli", False, False, False),
        (at(23, 30), "catchup", False, False, False),
        (at(3, 0), "manual", True, True, False),
        (at(6, 0), "schedule", False, True, False),
        (at(22, 0), "manual", False, True, False),
        # By hand, any second after 22:00:00 is too late (the window asks to confirm) …
        (at(22, 0, 30), "manual", False, False, False),
        (at(22, 0, 1), "cli", False, False, False),
        # … while the scheduler decided at 22:00:00 and the run may begin a moment later
        # (lease, slot claim, a far database); not a minute later.
        (at(22, 0, 30), "schedule", False, True, False),
        (at(22, 1, 1), "schedule", False, False, False),
        (at(5, 59, 59), "schedule", False, False, False),
        # A click at 21:59:59 found the time inside and asked nothing: its run begins
        # a moment after 22:00 all the same, as a scheduled one would; not a minute later.
        (at(22, 0, 30), "manual", False, True, True),
        (at(22, 1, 1), "manual", False, False, True),
    ],
)
def test_the_run_keeps_the_window_unless_a_user_confirmed(
    db, ledger, interface, secret_store, clock, trigger, force, runs, checked
):
    (interface / "Zahlungen_0313.csv").write_bytes(GOOD)
    keeper = dataclasses.replace(runner(db, secret_store), time_window=BERLIN, now=clock)
    result = keeper.run("Zahlungen", trigger=trigger, force=force, window_checked=checked)
    if runs:
        assert result.status is RunStatus.OK and result.files[0].booked == 2
    else:
        assert (result.status, result.error_kind) == (RunStatus.SKIPPED, "outside_window")
        assert "06:00 bis 22:00" in result.error and result.run_id is None
        assert [p.name for p in interface.iterdir()] == ["Zahlungen_0313.csv"]
