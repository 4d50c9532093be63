from datetime import UTC, datetime, timedelta

from desktop_app.store.lease import RunLease


class Clock:
    def __init__(self):
        self.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


def test_one_holder_at_a_time_and_expiry(repository, sample_settings, db):
    interface_id = repository.save(sample_settings).id
    clock = Clock()
    a = RunLease(db, "host-a", ttl=timedelta(minutes=10), now=clock)
    b = RunLease(db, "host-b", ttl=timedelta(minutes=10), now=clock)
    assert a.acquire(interface_id)
    assert a.acquire(interface_id)  # re-entrant for the same holder
    assert not b.acquire(interface_id)
    clock.now += timedelta(minutes=9)
    assert a.renew(interface_id)
    clock.now += timedelta(minutes=9)
    assert not b.acquire(interface_id)  # renewed, still held
    clock.now += timedelta(minutes=2)
    assert b.acquire(interface_id)  # a crashed: its lease ran out
    assert not a.renew(interface_id)
    a.release(interface_id)  # releasing a lost lease does not free b's
    assert not a.acquire(interface_id)
    b.release(interface_id)
    assert a.acquire(interface_id)


def test_racing_processes_get_exactly_one(repository, sample_settings, db):
    """Threads on separate connections race for a fresh lease: exactly one wins."""
    from concurrent.futures import ThreadPoolExecutor

    interface_id = repository.save(sample_settings).id
    leases = [RunLease(db, f"h{i}") for i in range(8)]
    with ThreadPoolExecutor(8) as pool:
        won = list(pool.map(lambda lease: lease.acquire(interface_id), leases))
    assert won.count(True) == 1


def test_a_dead_local_holder_is_not_waited_out(repository, sample_settings, db):
    """A process killed while holding the lease: the next run on this computer takes over."""
    import socket
    import subprocess
    import sys

    interface_id = repository.save(sample_settings).id
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = dead.stdout.strip()
    # On another computer a dead pid cannot be checked: that lease must expire.
    remote = RunLease(db, f"other-host:{pid}:abcd1234")
    assert remote.acquire(interface_id)
    assert not RunLease(db).acquire(interface_id)
    remote.release(interface_id)
    corpse = RunLease(db, f"{socket.gethostname()}:{pid}:abcd1234")
    assert corpse.acquire(interface_id)
    assert RunLease(db).acquire(interface_id)


def test_a_renewal_right_after_taking_it_needs_no_round_trip(repository, sample_settings, db):
    """A run renews before each file: within a tenth of the lease's time it cannot have run
    out, and a far database is not asked; later it is, and a lost lease says so."""
    from ..round_trips import counting_round_trips

    interface_id = repository.save(sample_settings).id
    clock = Clock()
    a = RunLease(db, "host-a", ttl=timedelta(minutes=10), now=clock)
    b = RunLease(db, "host-b", ttl=timedelta(minutes=10), now=clock)
    assert a.acquire(interface_id)
    with counting_round_trips(db) as trips:
        clock.now += timedelta(seconds=59)
        assert a.renew(interface_id)
    assert trips.total == 0
    clock.now += timedelta(minutes=11)
    assert b.acquire(interface_id)  # a's lease ran out
    with counting_round_trips(db) as trips:
        assert not a.renew(interface_id)
    assert trips.kinds["execute"] == 1
