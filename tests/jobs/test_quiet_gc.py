"""Collections held back while runs work: overlapping runs, and the state given back."""

from __future__ import annotations

import gc
import threading

import pytest

from desktop_app.jobs.quiet_gc import collections_held_back, freeze_startup_heap, thaw_heap

# These rules are about Python's own collections, which the test session otherwise keeps
# on the main thread (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pythons_own_collections")


def test_overlapping_runs_hold_collections_back_until_the_last_one_ends():
    assert gc.isenabled()
    first_inside, release = threading.Event(), threading.Event()

    def scheduled_run() -> None:
        with collections_held_back():
            first_inside.set()
            release.wait(5)

    thread = threading.Thread(target=scheduled_run)
    thread.start()
    assert first_inside.wait(5)
    with collections_held_back():  # "Jetzt ausführen" meanwhile
        assert not gc.isenabled()
    assert not gc.isenabled()  # the scheduled run still works
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_failing_run_gives_collections_back_and_a_disabled_collector_stays_off():
    try:
        with collections_held_back():
            raise RuntimeError("the run crashed")
    except RuntimeError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with collections_held_back():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: nobody turns it on behind one's back
    finally:
        gc.enable()


def test_the_frozen_start_up_heap_is_thawed_again():
    freeze_startup_heap()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        thaw_heap()
    assert gc.get_freeze_count() == 0


def test_held_back_for_imports_freezes_what_is_alive_instead_of_collecting():
    assert gc.get_freeze_count() == 0
    try:
        with collections_held_back(freeze=True):
            assert not gc.isenabled()
            made = [[] for _ in range(1000)]  # what an import leaves alive
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
        tracked = {id(o) for o in gc.get_objects()}
        assert not any(id(o) in tracked for o in made)  # no collection scans them again
    finally:
        thaw_heap()


def test_when_the_gui_thread_collects_a_run_neither_collects_nor_turns_them_on():
    from desktop_app.jobs.quiet_gc import collect_due, collect_on_gui_thread

    assert collect_on_gui_thread(True) is False
    try:
        with collections_held_back():
            assert collect_due() is None  # held back: not even the GUI thread collects
        assert not gc.isenabled()  # still the GUI thread's to do
        rows = [[] for _ in range(2 * gc.get_threshold()[0])]
        assert collect_due() is not None and gc.get_count()[0] < gc.get_threshold()[0]
        del rows
    finally:
        collect_on_gui_thread(False)
    assert gc.isenabled()


def test_the_gui_thread_stopping_during_a_run_lets_the_run_give_collections_back():
    from desktop_app.jobs.quiet_gc import collect_on_gui_thread

    collect_on_gui_thread(True)
    with collections_held_back():
        collect_on_gui_thread(False)  # the window closed while the run works
        assert not gc.isenabled()
    assert gc.isenabled()
