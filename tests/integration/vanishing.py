"""A booked file someone else takes from the server before the run deletes it, and the
failure mail's text: helpers of test_run_vanished_file.py."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from desktop_app.jobs.run_connection import RunConnection
from desktop_app.jobs.run_import import ImportRunner


def lose_while_booking(monkeypatch, runner: ImportRunner, path: Path) -> None:
    """``path`` deleted on the server once its booking committed, before the run reads it
    again to compare (as another run fetching it meanwhile)."""
    book = runner.engine.run

    def book_then_lose(*args, **kwargs):
        booked = book(*args, **kwargs)
        path.unlink()
        return booked

    monkeypatch.setattr(runner.engine, "run", book_then_lose)


def lose_before_delete(monkeypatch, runner: ImportRunner, path: Path) -> None:
    """``path`` deleted on the server after the run compared it, right before its DELE."""
    delete = RunConnection.delete

    def lose_then_delete(self, *args, **kwargs):
        path.unlink()
        return delete(self, *args, **kwargs)

    monkeypatch.setattr(RunConnection, "delete", lose_then_delete)


def body_of(envelope) -> str:
    """The text of a mail the test's SMTP server received."""
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return message.get_content()
