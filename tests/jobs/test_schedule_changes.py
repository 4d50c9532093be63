"""A schedule changed while the program runs (another time or interval, enabled again)
is followed from the change on: no slot of it before the change runs at once."""

# The fixture imported from test_scheduler is the tests' parameter by design.
# ruff: noqa: F811

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from sqlalchemy import select, update

from desktop_app.domain.interface import Interval, IntervalKind
from desktop_app.store.models import InterfaceRow

from .test_scheduler import FakeClock, Runs, at, daily, make_loop, save, served  # noqa: F401


def changed_at(db, interface_id: int) -> datetime | None:
    with db.session() as s:
        return s.scalar(
            select(InterfaceRow.schedule_changed_at).where(InterfaceRow.id == interface_id)
        )


def edited_at(repository, name: str, settings, when: datetime) -> None:
    """Save ``settings`` as the user does, at ``when`` on the tests' clock (the store
    stamps the change with the computer's clock)."""
    interface_id = repository.save(settings, original_name=name).id
    with repository.db.session() as s:
        s.execute(
            update(InterfaceRow)
            .where(InterfaceRow.id == interface_id, InterfaceRow.schedule_changed_at.is_not(None))
            .values(schedule_changed_at=when)
        )


def test_a_schedule_change_is_stamped_and_other_changes_are_not(db, repository, daily):
    interface_id = save(repository, daily)
    assert changed_at(db, interface_id) is None  # new: its creation counts
    repository.save(daily.with_changes(error_email="f@example.org"), original_name="Täglich")
    assert changed_at(db, interface_id) is None
    before = datetime.now(UTC)
    repository.save(daily.with_changes(run_time=time(9, 0)), original_name="Täglich")
    stamped = changed_at(db, interface_id)
    assert stamped is not None and before <= stamped <= datetime.now(UTC)
    repository.set_enabled("Täglich", True)  # already enabled: no change
    assert changed_at(db, interface_id) == stamped
    repository.set_enabled("Täglich", False)
    assert changed_at(db, interface_id) > stamped


@pytest.mark.parametrize(
    "change",
    [
        {"run_time": time(9, 0)},  # ran at 07:30; 09:00 has passed at 10:10
        {"interval": Interval(IntervalKind.HOURLY, every_minutes=60)},  # 10:00 has passed
    ],
    ids=["earlier-time", "hourly"],
)
def test_a_changed_schedule_does_not_run_its_passed_slot_at_once(db, repository, daily, change):
    interface_id = save(repository, daily)
    served(db, interface_id, at(4, 7, 30))
    clock = FakeClock(at(4, 10, 10))
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    edited_at(repository, "Täglich", daily.with_changes(**change), at(4, 10, 10))
    loop.interfaces_changed()
    loop.run_pending()
    assert runs.calls == []
    expected = at(5, 9, 0) if "run_time" in change else at(4, 11, 0)
    assert recorder.next_runs[-1]["Täglich"] == expected


def test_enabled_again_it_does_not_run_what_passed_while_disabled(db, repository, daily):
    interface_id = save(repository, daily)
    served(db, interface_id, at(1, 7, 30))
    edited_at(repository, "Täglich", daily.with_changes(enabled=False), at(1, 12, 0))
    clock = FakeClock(at(4, 10, 0))
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    edited_at(repository, "Täglich", daily.with_changes(enabled=True), at(4, 10, 0))
    loop.interfaces_changed()
    loop.run_pending()
    assert runs.calls == []
    assert recorder.next_runs[-1]["Täglich"] == at(5, 7, 30)


def test_a_slot_missed_before_an_unrelated_edit_is_still_caught_up(db, repository, daily):
    """The computer was off at 07:30; the user starts it and changes the e-mail address:
    today's run is still owed."""
    interface_id = save(repository, daily)
    served(db, interface_id, at(3, 7, 30))
    clock = FakeClock(at(4, 9, 0))
    runs = Runs(clock)
    loop, _recorder = make_loop(db, clock, runs)
    edited_at(repository, "Täglich", daily.with_changes(error_email="f@example.org"), at(4, 9, 0))
    loop.run_pending()
    assert [(trigger, slot) for _name, trigger, slot in runs.calls] == [("catchup", at(4, 7, 30))]


def test_a_change_stamped_by_a_clock_running_ahead_skips_no_slot_here(db, repository, daily):
    """Another computer of the chain, its clock an hour ahead, changed the schedule: this
    computer does not wait for that hour before serving its slots."""
    interface_id = save(repository, daily)
    served(db, interface_id, at(3, 7, 30))
    clock = FakeClock(at(4, 7, 29))
    runs = Runs(clock)
    loop, _recorder = make_loop(db, clock, runs)
    edited_at(repository, "Täglich", daily.with_changes(run_time=time(7, 45)), at(4, 8, 29))
    while clock.now() < at(4, 8) and not runs.calls:
        loop.step()
    # Served before 08:00 (as before the stamp existed), not an hour later.
    assert runs.calls and clock.now() < at(4, 8)
