"""The whole test session collects garbage as the window does: on the main thread only."""

from __future__ import annotations

import gc
import threading

from desktop_app.jobs.quiet_gc import collect_on_gui_thread


def test_outside_the_window_tests_no_pool_thread_collects_either(qapp):
    """Tests outside tests/gui show windows too (tests/integration/test_no_secret_leaks.py);
    a pool thread of theirs must not destroy a Qt object that an earlier test left."""
    assert threading.current_thread() is threading.main_thread()
    assert not gc.isenabled()
    before = collect_on_gui_thread(True)
    collect_on_gui_thread(before)
    assert before is True
