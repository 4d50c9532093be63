"""Cancel ends a run's pause before its next try at once, not after the pause."""

from __future__ import annotations

import logging
import threading

from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.catalog import Catalog
from desktop_app.store.interfaces import InterfaceRepository

from .conftest import PASSWORD
from .payment_run import NAME, payment_settings, quick_runner

PAUSE = 60.0  # far longer than the test waits for the run to end


def test_cancel_ends_the_pause_before_the_next_try(db, secret_store, closed_port):
    Catalog(db).add_mandant("1")
    settings = payment_settings("127.0.0.1", closed_port)
    InterfaceEditor(InterfaceRepository(db), secret_store).save(settings, password=PASSWORD)
    pausing = threading.Event()

    class PauseSeen(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "retrying in" in record.getMessage():
                pausing.set()

    seen = PauseSeen()
    logging.getLogger("desktop_app").addHandler(seen)
    # No ``sleep`` given: the runner pauses as the program's does.
    runner = quick_runner(db, secret_store, backoff=(PAUSE,))
    cancel = threading.Event()
    results = []
    worker = threading.Thread(
        target=lambda: results.append(runner.run(NAME, cancel=cancel)), daemon=True
    )
    worker.start()
    try:
        assert pausing.wait(30), "the refused connection was not tried again"
        cancel.set()
        worker.join(PAUSE / 4)
    finally:
        logging.getLogger("desktop_app").removeHandler(seen)
    assert not worker.is_alive(), "Cancel waited for the pause to end"
    assert results[0].status is RunStatus.CANCELLED
