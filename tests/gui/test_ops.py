"""Op: work on a pool thread, results and errors back on the GUI thread, none lost."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.store.secrets import KeyringLocked
from desktop_app.ui.ops import (
    Op,
    error_text,
    hold_secondary,
    pending_count,
    release_secondary,
)

from .helpers import answering_message_box, wait_idle


def test_success_arrives_on_the_gui_thread(qtbot):
    gui_thread = threading.current_thread()
    worked_on = []
    results = []

    def work() -> int:
        worked_on.append(threading.current_thread())
        return 42

    op = Op(work).success(lambda r: results.append((r, threading.current_thread())))
    with qtbot.waitSignal(op.finished):
        op.run_in_background()
    assert worked_on[0] is not gui_thread
    assert results == [(42, gui_thread)]
    assert pending_count() == 0


def test_secondary_reads_wait_while_held_and_then_run_in_order(qtbot):
    ran = []
    hold_secondary()
    try:
        Op(lambda: "case count").success(ran.append).run_in_background(secondary=True)
        Op(lambda: "last runs").success(ran.append).run_in_background(secondary=True)
        first = Op(lambda: "list").success(ran.append)
        with qtbot.waitSignal(first.finished):
            first.run_in_background()
        qtbot.wait(50)
        assert ran == ["list"]
        assert pending_count() == 2  # held, not lost
    finally:
        release_secondary()
    qtbot.waitUntil(lambda: pending_count() == 0)
    assert ran[0] == "list" and sorted(ran[1:]) == ["case count", "last runs"]


def test_held_reads_are_dropped_when_the_program_ends_first(qtbot):
    ran = []
    hold_secondary()
    Op(lambda: "case count").success(ran.append).run_in_background(secondary=True)
    release_secondary(run=False)
    qtbot.wait(50)
    assert ran == [] and pending_count() == 0  # nothing left that tests would wait for
    op = Op(lambda: 1)  # and nothing is held any more
    with qtbot.waitSignal(op.finished):
        op.run_in_background(secondary=True)


def test_secondary_reads_run_at_once_unless_held(qtbot):
    op = Op(lambda: 1)
    with qtbot.waitSignal(op.finished):
        op.run_in_background(secondary=True)


def test_failure_goes_to_its_handler(qtbot):
    errors = []

    def work() -> None:
        raise KeyringLocked("locked during set")

    Op(work).success(lambda _r: errors.append("success?")).failure(
        errors.append
    ).run_in_background()
    wait_idle(qtbot)
    assert len(errors) == 1 and isinstance(errors[0], KeyringLocked)


def test_unhandled_error_is_shown_and_logged(qtbot, german, caplog):
    def work() -> None:
        raise KeyringLocked("locked during set")

    texts = []

    def read_and_close(box: QMessageBox) -> None:
        texts.append((box.windowTitle(), box.text()))
        box.accept()

    with answering_message_box(read_and_close):
        Op(work).run_in_background()
        wait_idle(qtbot)
    assert texts[0][0] == "Fehler"
    assert "Der Vorgang konnte nicht abgeschlossen werden." in texts[0][1]
    assert KeyringLocked("locked during set").message_de in texts[0][1]
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)


def test_an_unexpected_error_shows_only_its_kind(qtbot, german):
    def work() -> None:
        raise RuntimeError("details that might quote user input")

    texts = []

    def read_and_close(box: QMessageBox) -> None:
        texts.append(box.text())
        box.accept()

    with answering_message_box(read_and_close):
        Op(work).run_in_background()
        wait_idle(qtbot)
    assert "RuntimeError" in texts[0]
    assert "details" not in texts[0]


def test_error_text_in_both_languages():
    locked = KeyringLocked("keyring locked during set")
    assert error_text(locked, "de") == locked.message_de
    assert error_text(locked, "en") == locked.message_en  # for people, not the log's
    assert error_text(RuntimeError("anything"), "de") == "RuntimeError"


def test_a_read_overtaken_before_it_started_does_no_work(qtbot):
    from PySide6.QtWidgets import QWidget

    from desktop_app.ui.latest_reads import LatestReads

    owner = QWidget()
    reads = LatestReads(owner, lambda: None)
    worked: list[str] = []
    arrived: list[str] = []

    def read(value: str):
        return lambda: worked.append(value) or value

    hold_secondary()
    try:
        reads.run("kind", read("older"), arrived.append, pytest.fail, secondary=True)
        reads.run("kind", read("newer"), arrived.append, pytest.fail, secondary=True)
        qtbot.wait(50)
        assert worked == []  # both wait behind the window's first read
    finally:
        release_secondary()
    qtbot.waitUntil(lambda: pending_count() == 0)
    assert worked == ["newer"] and arrived == ["newer"]
