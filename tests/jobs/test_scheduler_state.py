"""The scheduler's persisted state on SQLite and PostgreSQL (``any_db``)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop_app.store.catalog import Catalog
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.schedule_state import ScheduleState, ScheduleStateRepository

BERLIN = ZoneInfo("Europe/Berlin")
SLOT = datetime(2027, 3, 1, 7, 30, tzinfo=BERLIN)
NOW = datetime(2027, 3, 1, 7, 30, 1, tzinfo=BERLIN)


@pytest.fixture
def ids(any_db, sample_settings) -> list[int]:
    catalog = Catalog(any_db)
    catalog.add_mandant("1")
    catalog.add_mandant("2")
    catalog.add_branch("Optik Nord")
    repository = InterfaceRepository(any_db)
    return [
        repository.save(sample_settings).id,
        repository.save(sample_settings.with_changes(name="Zweite")).id,
    ]


@pytest.fixture
def states(any_db) -> ScheduleStateRepository:
    return ScheduleStateRepository(any_db)


def test_an_interface_that_never_ran_has_defaults_and_its_creation_time(states, ids):
    state = states.get(ids[0])
    assert state == ScheduleState(interface_id=ids[0], created_at=state.created_at)
    assert state.created_at is not None and state.created_at.tzinfo is not None
    assert not state.failing
    assert set(states.all()) == set(ids)


def test_a_slot_is_claimed_once_and_kept_in_utc(states, ids):
    assert states.record_slot_started(ids[0], SLOT, NOW)
    assert not states.record_slot_started(ids[0], SLOT, NOW)  # served: the second one skips
    assert not states.record_slot_started(ids[0], SLOT - timedelta(days=1), NOW)
    state = states.get(ids[0])
    assert state.last_slot_at == SLOT and state.last_slot_at.tzinfo == UTC
    assert state.last_status == "running"
    assert states.record_slot_started(ids[0], SLOT + timedelta(days=1), NOW)
    assert states.get(ids[1]).last_slot_at is None  # per interface


def test_finished_ok_failed_and_skipped(states, ids):
    asked: list[int] = []

    def retry_at(failures: int) -> datetime:
        asked.append(failures)
        return NOW + timedelta(minutes=5 * failures)

    states.record_slot_started(ids[0], SLOT, NOW)
    state = states.record_slot_finished(ids[0], SLOT, "failed", NOW, retry_at=retry_at)
    assert (state.consecutive_failures, state.retry_at, state.last_status) == (
        1,
        NOW + timedelta(minutes=5),
        "failed",
    )
    state = states.record_slot_finished(ids[0], SLOT, "failed", NOW, retry_at=retry_at)
    assert state.consecutive_failures == 2 and asked == [1, 2]
    state = states.record_slot_finished(ids[0], SLOT, "skipped", NOW)
    assert state.consecutive_failures == 2 and state.retry_at is not None  # neutral
    later = NOW + timedelta(hours=1)
    state = states.record_slot_finished(ids[0], None, "ok", later)
    assert (state.consecutive_failures, state.retry_at, state.last_success_at) == (0, None, later)
    assert state.last_slot_at == SLOT  # a slot-less (manual) run does not touch the slot
    assert states.get(ids[0]) == state


def test_a_retry_is_claimed_once_per_failure_and_never_moves_the_slot_back(states, ids):
    states.record_slot_started(ids[0], SLOT, NOW)
    states.record_slot_finished(
        ids[0], SLOT, "failed", NOW, retry_at=lambda n: NOW + timedelta(minutes=5)
    )
    assert not states.record_slot_started(ids[0], SLOT, NOW, retry_of=2)  # stale count
    newer = SLOT + timedelta(minutes=5)
    assert states.record_slot_started(ids[0], newer, NOW, retry_of=1)
    assert not states.record_slot_started(ids[0], newer, NOW, retry_of=1)  # once
    state = states.get(ids[0])
    assert state.retry_at is None and state.last_slot_at == newer

    states.record_slot_finished(ids[0], newer, "failed", NOW, retry_at=lambda n: NOW)
    assert states.record_slot_started(ids[0], SLOT, NOW, retry_of=2)
    assert states.get(ids[0]).last_slot_at == newer  # not back to the older slot
    assert not states.record_slot_started(ids[1], SLOT, NOW, retry_of=0)  # nothing to retry


def test_a_deleted_interface_cannot_be_claimed(states, ids, any_db):
    InterfaceRepository(any_db).delete("Zweite")
    assert not states.record_slot_started(ids[1], SLOT, NOW)


@pytest.mark.parametrize("row_exists", [False, True], ids=["first-slot", "later-slot"])
def test_racing_computers_claim_a_slot_exactly_once(states, ids, any_db, row_exists):
    """Eight schedulers on their own connections claim the same chain-wide slot: the first
    slot races on the INSERT, every later one on the conditional UPDATE."""
    from desktop_app.store.db import Database

    if row_exists:
        assert states.record_slot_started(ids[0], SLOT - timedelta(days=1), NOW)

    databases = [Database(any_db.url, upgrade=False) for _ in range(8)]
    try:
        with ThreadPoolExecutor(8) as pool:
            won = list(
                pool.map(
                    lambda db: ScheduleStateRepository(db).record_slot_started(ids[0], SLOT, NOW),
                    databases,
                )
            )
    finally:
        for db in databases:
            db.dispose()
    assert won.count(True) == 1


def test_a_run_refused_only_for_its_lists_is_a_failure_without_back_off(states, ids):
    """Its lists wait for a person: trying the same content again gives the same answer."""
    states.record_slot_started(ids[0], SLOT, NOW)
    states.record_slot_finished(ids[0], SLOT, "failed", NOW, retry_at=lambda n: NOW)  # the net
    later = NOW + timedelta(minutes=5)
    state = states.record_slot_finished(
        ids[0], SLOT, "refused", later, retry_at=lambda n: later + timedelta(minutes=10)
    )
    assert (state.last_status, state.retry_at, state.consecutive_failures) == ("failed", None, 0)
    assert state.last_success_at is None and not state.failing  # no success: staleness counts
