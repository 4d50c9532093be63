"""Keeping Python's full garbage collections out of the way of the GUI while a run works.

A full (generation 2) collection holds the GIL from start to end, so every other thread
waits, the GUI thread included. bench/gui_stall.py measured it: while a 100,000-row file
is imported on a worker thread, each of those collections (they come every second or
so, triggered by the import's allocations) stalled the GUI for 100 ms and more, whatever
the switch interval. So the desktop program

- freezes its start-up heap (``freeze_startup_heap``): modules, classes and widgets are
  never garbage, and a full collection then scans only what was made since;
- holds automatic collections back while a run works (``collections_held_back``) and
  collects once when the last run ends, after reference counting has freed the import's
  big structures, so that one collection is short;
- holds them back while the start-up imports modules, and then freezes what is alive
  instead of collecting (``collections_held_back(freeze=True)``): the program's imports
  leave under 200 objects of garbage among 120,000, which a full collection scans for
  40 ms to find.

Reference counting still frees everything without cycles at once; only cyclic garbage
made during a run waits for its end.

In the desktop program, collections run on the GUI thread only (``ui.gui_collector``):
a collection on a worker would destroy garbage Qt objects there, and Qt crashes when a
GUI thread's object is destroyed on another. ``collect_on_gui_thread`` hands collecting
over to it: nothing here then enables or runs a collection.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

__all__ = [
    "collect_due",
    "collect_on_gui_thread",
    "collections_held_back",
    "freeze_startup_heap",
    "thaw_heap",
]

_lock = threading.Lock()
_runs = 0  # runs holding collections back right now (a manual and a scheduled one may overlap)
_was_enabled = True
_gui_collects = False  # the GUI thread's collector does all collecting (collect_on_gui_thread)
_enabled_before_gui = True


def collect_on_gui_thread(on: bool) -> bool:
    """``on``: automatic collections stay off, and ``collect_due`` (called by the GUI
    thread's timer) does them; ``off``: back to Python's own collections, as they were
    before. Returns the state before, for giving it back."""
    global _gui_collects, _enabled_before_gui, _was_enabled
    with _lock:
        before, _gui_collects = _gui_collects, on
        if on and not before:
            _enabled_before_gui = _was_enabled if _runs else gc.isenabled()
            gc.disable()
        elif before and not on:
            if _runs:
                _was_enabled = _enabled_before_gui  # the last run gives it back
            elif _enabled_before_gui:
                gc.enable()
        return before


def collect_due() -> int | None:
    """What Python's automatic collection would do now (the generation whose count passed
    its threshold); None while a run holds collections back. Returns the objects found."""
    with _lock:
        if _runs:
            return None
    counts, thresholds = gc.get_count(), gc.get_threshold()
    generation = -1
    for level in range(3):
        if counts[level] > thresholds[level]:
            generation = level
        else:
            break
    return gc.collect(generation) if generation >= 0 else 0


@contextmanager
def collections_held_back(*, freeze: bool = False) -> Iterator[None]:
    """No automatic collection while inside; one full collection when the last run leaves
    (``freeze``: everything alive then is moved out of the collector's sight instead)."""
    global _runs, _was_enabled
    with _lock:
        if _runs == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _runs += 1
    try:
        yield
    finally:
        with _lock:
            _runs -= 1
            last = _runs == 0
            gui_collects = _gui_collects
            if last and _was_enabled and not gui_collects:
                gc.enable()
        if last and freeze:
            gc.freeze()
        elif last and not gui_collects:  # else the GUI thread's collector does it
            gc.collect()


def freeze_startup_heap() -> None:
    """Move everything alive now out of the collector's sight (call once, after start-up)."""
    gc.collect()
    gc.freeze()
    log.info("start-up heap frozen: %d objects no longer scanned", gc.get_freeze_count())


def thaw_heap() -> None:
    """Undo ``freeze_startup_heap`` (when the program ends inside a longer-lived process,
    as in the tests: what was frozen can be collected again)."""
    gc.unfreeze()
