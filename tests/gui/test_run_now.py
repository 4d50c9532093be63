""" "Jetzt ausführen" from the main window: a real FTP server, the real keyring, the ledger."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from sqlalchemy import select

from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.lease import RunLease
from desktop_app.store.run_models import RunRow
from desktop_app.store.schedule_state import ScheduleStateRepository
from desktop_app.ui.interface_list_model import LAST_RUN

from .helpers import wait_idle
from .run_fixtures import *  # noqa: F403 (the fixtures)
from .run_fixtures import (
    BAD,
    GOOD,
    PASSWORD,
    cell,
    make_runner,
    payment_settings,
    step_messages,
)

RUN_TIMEOUT = 30_000  # ms; a loaded 2-core machine, never a timing assertion


def run_rows(db) -> list[RunRow]:
    with db.session() as s:
        return list(s.scalars(select(RunRow).order_by(RunRow.id)))


def test_f5_books_the_file_shows_the_steps_and_the_list_shows_the_last_run(
    qtbot, db, make_window, editor, payments, import_dir, ledger, manual_run
):
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)
    window = make_window(editor, manual_run=manual_run)
    window.select_interface("Zahlungen")
    assert cell(window, "Zahlungen", LAST_RUN) == "—"
    assert window.run_now_action.shortcut() == QKeySequence(Qt.Key.Key_F5)
    assert window.run_now_action.isEnabled()

    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    dialog = window.run_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Jetzt ausführen – Zahlungen"
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)

    assert dialog.run_result.status is RunStatus.OK
    steps = step_messages(dialog)
    for expected in (
        "Verbinde mit 127.0.0.1",
        "Verzeichnis wird gelesen …",
        "Datei 1 von 1: Zahlungen_0313.csv",
        "Zahlungen_0313.csv wird gebucht …",
        "Zahlungen_0313.csv wird auf dem Server gelöscht",
    ):
        assert expected in steps
    assert dialog.step_label.text() == "Fertig."
    assert "Dateien: 1 · Buchungen: 2 · Betrag: 178,90 €" in dialog.result_label.text()
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()
    assert [dialog.files_model.index(0, c).data() for c in (0, 1, 3, 5)] == [
        "IMPORT/Zahlungen_0313.csv",
        "Gebucht",
        "2",
        "Ja",
    ]

    # The list: "läuft …" is over, the last run is there with its result and icon.
    qtbot.waitUntil(lambda: cell(window, "Zahlungen", LAST_RUN).endswith(" ok"), timeout=10000)
    icon = cell(window, "Zahlungen", LAST_RUN, Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()

    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("0.00")
    assert ledger.invoice("1", "RE-2026-0002").open_amount == Decimal("0.00")
    assert not (import_dir / "Zahlungen_0313.csv").exists()  # booked, then deleted
    (run,) = run_rows(db)
    assert (run.trigger, run.status) == ("manual", "ok")
    state = ScheduleStateRepository(db).get(payments.id)
    assert state.last_status == "ok" and state.last_success_at is not None
    wait_idle(qtbot)


def test_a_failed_file_is_said_in_german_with_its_line(
    qtbot, make_window, editor, payments, import_dir, manual_run
):
    (import_dir / "Zahlungen_kaputt.csv").write_bytes(BAD)
    window = make_window(editor, manual_run=manual_run)
    window.select_interface("Zahlungen")
    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)

    assert dialog.run_result.status is RunStatus.FAILED
    assert dialog.step_label.text() == "Der Lauf ist fehlgeschlagen."
    details = dialog.result_label.text()
    assert "Dateien mit Fehlern: 1" in details
    assert "Zahlungen_kaputt.csv" in details
    error = dialog.files_model.index(0, 6).data()
    assert "Zeile 2" in error  # the message names the line itself: said once
    assert dialog.files_model.index(0, 1).data() == "Fehlgeschlagen"
    assert PASSWORD not in details + error
    assert (import_dir / "Zahlungen_kaputt.csv").exists()  # a failed file stays

    qtbot.waitUntil(
        lambda: cell(window, "Zahlungen", LAST_RUN).endswith(" fehlgeschlagen"), timeout=10000
    )
    tooltip = cell(window, "Zahlungen", LAST_RUN, Qt.ItemDataRole.ToolTipRole)
    assert "Zahlungen_kaputt.csv" in tooltip
    wait_idle(qtbot)


def test_files_left_on_the_server_are_named_with_why_not_as_no_new_files(
    qtbot, make_window, editor, payments, import_dir, manual_run
):
    (import_dir / "Zahlungen_0314.csv.part").write_bytes(GOOD)  # still being uploaded
    window = make_window(editor, manual_run=manual_run)
    window.select_interface("Zahlungen")
    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)

    assert dialog.run_result.status is RunStatus.OK
    assert dialog.step_label.text() == "Fertig."
    assert dialog.result_label.text().splitlines() == [
        "1 Datei übersprungen; sie bleibt auf dem Server:",
        "• IMPORT/Zahlungen_0314.csv.part: temporärer Name, wird noch hochgeladen",
    ]
    assert (import_dir / "Zahlungen_0314.csv.part").exists()
    wait_idle(qtbot)


def test_a_second_click_starts_no_second_run_and_cancel_stops_the_run(
    qtbot, db, make_window, editor, ledger, import_dir, throttled_ftp, manual_run
):
    server = throttled_ftp(bytes_per_second=2048)
    editor.save(payment_settings(server.port, name="Langsam"), password=PASSWORD)
    body = b"Rechnungsnummer;Betrag\r\n" + b"RE-2026-0003;0,01\r\n" * 4000  # ~70 KB: ~35 s
    (import_dir / "Zahlungen_1.csv").write_bytes(body)
    (import_dir / "Zahlungen_2.csv").write_bytes(body)
    window = make_window(editor, manual_run=manual_run)
    window.select_interface("Langsam")

    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(
        lambda: "Datei 1 von 2: Zahlungen_1.csv" in step_messages(dialog), timeout=RUN_TIMEOUT
    )
    assert dialog.progress_bar.format() == "Datei 1 von 2"
    assert cell(window, "Langsam", LAST_RUN) == "läuft …"

    window.run_now_action.trigger()  # a second click while it runs
    assert window.run_dialog is dialog
    assert window.run_controller.running_name == "Langsam"

    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.text() == "Wird abgebrochen …"
    assert not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)

    assert dialog.run_result.status is RunStatus.CANCELLED
    assert dialog.step_label.text() == "Abgebrochen."
    assert "Der Lauf wurde abgebrochen." in dialog.result_label.text()
    assert sorted(p.name for p in import_dir.iterdir()) == ["Zahlungen_1.csv", "Zahlungen_2.csv"]
    assert ledger.invoice("1", "RE-2026-0003").open_amount == Decimal("238.00")
    assert [(r.trigger, r.status) for r in run_rows(db)] == [("manual", "cancelled")]
    qtbot.waitUntil(
        lambda: cell(window, "Langsam", LAST_RUN).endswith(" abgebrochen"), timeout=10000
    )
    wait_idle(qtbot)


def test_cancel_while_a_silent_host_keeps_quiet(
    qtbot, db, catalog, make_window, editor, secret_store, silent_server
):
    from desktop_app.jobs.run_now import ManualRun

    editor.save(payment_settings(silent_server.port, name="Stumm"), password=PASSWORD)
    run = ManualRun(make_runner(db, secret_store, timeout=8, mailer=None))
    window = make_window(editor, manual_run=run)
    window.select_interface("Stumm")
    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: "Verbinde mit 127.0.0.1" in step_messages(dialog), timeout=RUN_TIMEOUT)
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)
    try:
        assert dialog.run_result.status is RunStatus.CANCELLED
    finally:
        wait_idle(qtbot)


def test_an_interface_running_elsewhere_is_not_run_twice(
    qtbot, db, make_window, editor, payments, import_dir, manual_run
):
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)
    elsewhere = RunLease(db, holder="KASSE-02:4711")
    assert elsewhere.acquire(payments.id)
    window = make_window(editor, manual_run=manual_run)
    window.select_interface("Zahlungen")
    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)

    assert dialog.run_result.status is RunStatus.SKIPPED
    assert dialog.step_label.text() == "Nicht ausgeführt."
    assert "läuft gerade auf einem anderen Rechner" in dialog.result_label.text()
    assert (import_dir / "Zahlungen_0313.csv").exists()
    assert run_rows(db) == []
    assert ScheduleStateRepository(db).get(payments.id).last_status == ""  # nothing ran
    wait_idle(qtbot)


def test_without_a_runner_there_is_no_run_now_but_a_history(window):
    assert not window.run_now_action.isVisible()
    assert window.history_action.isVisible()


def test_outside_the_window_run_now_asks_once_and_runs_only_after_a_yes(
    qtbot, db, make_window, editor, payments, import_dir, ledger, secret_store
):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from desktop_app.jobs.run_now import ManualRun

    from .run_fixtures import make_runner

    berlin = ZoneInfo("Europe/Berlin")
    night = datetime(2026, 3, 14, 23, 10, tzinfo=berlin).astimezone(UTC)
    run = ManualRun(make_runner(db, secret_store, time_window=berlin, now=lambda: night))
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)
    window = make_window(editor, manual_run=run)
    asked: list[str] = []
    answers = iter([False, True])
    window.confirm_outside_window = lambda name: asked.append(name) or next(answers)
    window.select_interface("Zahlungen")

    window.run_now_action.trigger()  # "no": nothing runs
    assert asked == ["Zahlungen"] and window.run_dialog is None
    assert (import_dir / "Zahlungen_0313.csv").exists()

    window.run_now_action.trigger()  # "yes": asked once more for this run, then it runs
    assert asked == ["Zahlungen", "Zahlungen"]
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)
    assert dialog.run_result.status is RunStatus.OK
    assert [(r.trigger, r.status) for r in run_rows(db)] == [("manual", "ok")]
    wait_idle(qtbot)


def test_a_click_at_21_59_59_runs_although_its_run_begins_after_22_00(
    qtbot, db, make_window, editor, payments, import_dir, ledger, secret_store
):
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from desktop_app.jobs.run_now import ManualRun

    from .run_fixtures import make_runner

    berlin = ZoneInfo("Europe/Berlin")
    click = datetime(2026, 3, 14, 21, 59, 59, tzinfo=berlin).astimezone(UTC)
    clocks = iter([click])  # the click's check; the run's own check comes 2 s later

    def now() -> datetime:
        return next(clocks, click + timedelta(seconds=2))

    run = ManualRun(make_runner(db, secret_store, time_window=berlin, now=now))
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)
    window = make_window(editor, manual_run=run)
    window.confirm_outside_window = lambda name: pytest.fail("asked although in the window")
    window.select_interface("Zahlungen")

    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)
    assert dialog.run_result.status is RunStatus.OK
    assert [(r.trigger, r.status) for r in run_rows(db)] == [("manual", "ok")]
    assert not (import_dir / "Zahlungen_0313.csv").exists()
    wait_idle(qtbot)


def test_before_its_start_date_run_now_says_why_and_runs_nothing(
    qtbot, db, make_window, editor, serve_ftp, import_dir, ledger, manual_run
):
    from datetime import date

    # The runner's day is 14 March 2026 (run_fixtures.TODAY); released on 1 April.
    later = payment_settings(serve_ftp().port, start_date=date(2026, 4, 1))
    stored = editor.save(later, password=PASSWORD)
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)
    window = make_window(editor, manual_run=manual_run)
    told: list[str] = []
    window.tell_run_refused = told.append
    window.confirm_outside_window = lambda name: pytest.fail("asked although it may not run")
    window.select_interface("Zahlungen")
    assert window.run_now_action.isEnabled()  # the click says why, the menu stays plain

    window.run_now_action.trigger()
    assert told == [
        "Die Schnittstelle „Zahlungen“ ist erst ab dem 01.04.2026 freigegeben (Start). "
        "Vorher läuft nichts, auch nicht von Hand. Um sie früher auszuführen, ändern Sie "
        "das Startdatum der Schnittstelle."
    ]
    assert window.run_dialog is None

    # The run refuses by itself too (a Start date changed elsewhere after the click).
    result = manual_run("Zahlungen")
    assert (result.status, result.error_kind) == (RunStatus.SKIPPED, "not_released")
    assert "erst ab dem 01.04.2026 freigegeben" in result.error
    assert "released only from 01/04/2026" in result.error_en
    assert (import_dir / "Zahlungen_0313.csv").exists()
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")
    assert run_rows(db) == []
    assert ScheduleStateRepository(db).get(stored.id).last_status == ""  # nothing ran

    # A dry run books and deletes nothing: it may look ahead before the Start date.
    dry = manual_run.runner.run("Zahlungen", dry_run=True)
    assert dry.status is RunStatus.OK and len(dry.files) == 1
    assert (import_dir / "Zahlungen_0313.csv").exists()
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")
    wait_idle(qtbot)
