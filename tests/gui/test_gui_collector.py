"""Garbage collections run on the GUI thread only: a Qt object held by a reference cycle
must never be destroyed on a worker thread that happened to trigger a collection."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from desktop_app.jobs.quiet_gc import collect_on_gui_thread, collections_held_back
from desktop_app.ui.gui_collector import GuiCollector


def _cyclic_garbage(died_on: list[str], kind: type = QObject) -> None:
    """An object only a reference cycle keeps; ``died_on`` learns which thread freed it."""
    thing = kind()
    thing.cycle = thing  # type: ignore[attr-defined]
    weakref.finalize(thing, lambda: died_on.append(threading.current_thread().name))


def _allocate_on_a_worker(keep: list) -> None:
    """What a database read does: allocate far past every collection threshold (``keep``
    holds the result, as a read's rows are held, so a collection stays due)."""

    def allocate() -> None:
        keep.append([[] for _ in range(50 * gc.get_threshold()[0])])

    worker = threading.Thread(target=allocate, name="pool-thread")
    worker.start()
    worker.join(30)


class _Plain:
    """A plain Python object: the hazard shown without risking Qt on a worker."""


def test_a_worker_collects_cycles_where_python_decides(qapp):
    before = collect_on_gui_thread(False)  # Python's own collections, as without the fix
    try:
        gc.collect()
        died_on: list[str] = []
        _cyclic_garbage(died_on, _Plain)
        _allocate_on_a_worker([])
        assert died_on == ["pool-thread"]
    finally:
        collect_on_gui_thread(before)


def test_with_the_collector_cycles_die_on_the_gui_thread(qtbot):
    collector = GuiCollector(interval_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()
        died_on: list[str] = []
        _cyclic_garbage(died_on)
        rows: list = []
        _allocate_on_a_worker(rows)
        assert died_on == []  # the worker collected nothing
        qtbot.waitUntil(lambda: bool(died_on), timeout=5000)
        assert died_on == [threading.main_thread().name]
    finally:
        collector.stop()


def test_a_run_holds_the_collector_back_and_leaves_it_to_collect(qtbot):
    collector = GuiCollector(interval_ms=10)
    collector.start()
    try:
        died_on: list[str] = []
        ran = threading.Event()

        rows: list = []

        def run() -> None:
            with collections_held_back():
                _cyclic_garbage(died_on, _Plain)
                rows.append([[] for _ in range(50 * gc.get_threshold()[0])])
                ran.set()

        worker = threading.Thread(target=run, name="run-thread")
        worker.start()
        worker.join(10)
        assert ran.is_set() and died_on == []  # the run's end collected nothing on its thread
        assert not gc.isenabled()
        qtbot.waitUntil(lambda: bool(died_on), timeout=5000)
        assert died_on == [threading.main_thread().name]
    finally:
        collector.stop()


def test_stopping_gives_back_what_was_before(qapp):
    before = collect_on_gui_thread(False)
    try:
        assert gc.isenabled()
        collector = GuiCollector()
        collector.start()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        collect_on_gui_thread(before)
