"""What changed: the one application-wide announcement of committed changes, without Qt.

A job publishes after its change has committed; views subscribe and refresh themselves
instead of being told by each other. Use::

    hub = ChangeHub()
    unsubscribe = hub.subscribe(lambda event: print(event.changes, event.initiator))
    hub.publish(Change.LEDGER, initiator=self)   # from any thread
    unsubscribe()

``subscribe(callback)`` returns a function that removes the callback again. ``publish(*changes,
initiator=None)`` calls every subscriber with one ``ChangeEvent`` on the publishing thread (a
job's worker thread, as often as not): a GUI bridges it to a queued Qt signal before touching
a widget. ``initiator`` is whoever asked for the change (a view may skip its own). A failing
subscriber is logged and does not stop the others, nor the job that published.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

__all__ = ["Change", "ChangeEvent", "ChangeHub"]


class Change(enum.StrEnum):
    INTERFACES = "interfaces"  # saved, deleted, duplicated, a fingerprint trusted
    LEDGER = "ledger"  # invoices loaded, a file booked
    RUNS = "runs"  # a run recorded (history, last runs)
    CATALOGUE = "catalogue"  # branches and Mandanten
    USERS = "users"  # accounts, groups, locks
    OPTIONS = "options"  # the chain options
    SMTP = "smtp"  # the SMTP server or its password
    CASES = "cases"  # a Klärungsfall opened, assigned, closed or opened again


@dataclass(frozen=True)
class ChangeEvent:
    changes: frozenset[Change]
    initiator: object | None = None

    def __contains__(self, change: object) -> bool:
        return change in self.changes


Subscriber = Callable[[ChangeEvent], None]


class ChangeHub:
    """Thread-safe publish/subscribe of ``ChangeEvent``s."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, *changes: Change, initiator: object | None = None) -> None:
        if not changes:
            return
        event = ChangeEvent(frozenset(changes), initiator)
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(event)
            except Exception:  # the change stands; one broken listener must not hide it
                log.exception("a listener of %s failed", sorted(event.changes))
