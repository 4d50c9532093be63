"""Ctrl+C, SIGTERM (and Ctrl+Break on Windows) as a request to stop cleanly.

Windows knows SIGINT and SIGBREAK from the console and delivers SIGTERM only from
``signal.raise_signal``/``os.kill`` within Python; every signal named here that the
platform has is handled, the others are left out.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, name)
)


@contextmanager
def stop_signals_call(handler: Callable[[str], None]) -> Iterator[None]:
    """While the block runs, each stop signal calls ``handler(signal name)`` on the main
    thread; the handlers before it are restored afterwards."""
    previous = {}
    for number in STOP_SIGNALS:
        previous[number] = signal.signal(
            number, lambda signum, _frame: handler(signal.Signals(signum).name)
        )
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


class StopRequested(Exception):
    """Raised by ``raise_on_stop_signals``: unwinds to the ``finally`` that cleans up."""

    def __init__(self, signal_name: str):
        super().__init__(f"received {signal_name}")
        self.signal_name = signal_name


def raise_stop(signal_name: str) -> None:
    """A handler for ``stop_signals_call`` where no event loop runs: leave via the
    exception, so that every ``finally`` on the way does its cleaning up."""
    raise StopRequested(signal_name)
