"""The history view ("Verlauf"): runs newest first, their files, the rows not booked."""

from __future__ import annotations

import threading
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.interface import ImportFormat
from desktop_app.jobs.view_queries import ViewQueries
from desktop_app.store.history import run_history
from desktop_app.ui.history_view import HistoryDialog

from .helpers import wait_idle
from .run_fixtures import *  # noqa: F403 (the fixtures)
from .run_fixtures import BAD, GOOD, PASSWORD, make_runner, payment_settings, row_texts

LOAD_TIMEOUT = 15_000


def loaded(qtbot, dialog: HistoryDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.loading, timeout=LOAD_TIMEOUT)


def test_a_failed_run_shows_its_booked_and_its_failed_file_and_the_rows_not_booked(
    qtbot, db, make_window, editor, secret_store, payments, import_dir
):
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)
    (import_dir / "Zahlungen_kaputt.csv").write_bytes(BAD)
    make_runner(db, secret_store).run("Zahlungen", trigger="schedule")
    window = make_window(editor)
    window.select_interface("Zahlungen")

    window.history_action.trigger()
    dialog = window.show_history("Zahlungen")
    loaded(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Verlauf – Zahlungen"
    assert dialog.heading.text() == "Verlauf der Schnittstelle „Zahlungen“"
    assert dialog.status_label.text() == "Ein Lauf."

    runs = dialog.runs_model
    headers = [runs.headerData(c, Qt.Orientation.Horizontal) for c in range(runs.columnCount())]
    assert headers == [
        "Beginn",
        "Dauer",
        "Auslöser",
        "Status",
        "Dateien",
        "Zeilen",
        "Gebucht",
        "Betrag",
        "Rechner",
        "Fehler",
    ]
    run = row_texts(runs, 0)
    assert run[2:8] == ["Zeitplan", "Fehlgeschlagen", "2", "3", "2", "178,90 €"]
    assert run[1].endswith(" s")
    assert "Zahlungen_kaputt.csv" in run[9]
    assert runs.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None

    files = dialog.files_model
    by_name = {row[0]: row for row in (row_texts(files, r) for r in range(files.rowCount()))}
    assert by_name["IMPORT/Zahlungen_0313.csv"][1:6] == ["Gebucht", "3", "2", "178,90 €", "Ja"]
    failed = by_name["IMPORT/Zahlungen_kaputt.csv"]
    assert failed[1] == "Fehlgeschlagen"
    assert failed[5] == "Nein"  # a failed file stays on the server
    assert "Zeile 2" in failed[6] and not failed[6].startswith("Zeile 2: Zeile")
    # The first failed file is selected, its error shown in full below the files.
    selected = dialog.files_model.record(dialog.files_view.currentIndex().row())
    assert selected.remote_path == "IMPORT/Zahlungen_kaputt.csv"
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == failed[6]
    assert dialog.files_label.text() == "Dateien des ausgewählten Laufs: 2"

    skipped = dialog.skipped_model
    assert skipped.rowCount() == 1
    row = row_texts(skipped, 0)
    assert row[:3] == ["IMPORT/Zahlungen_0313.csv", "4", "RE-2026-0999"]
    assert row[3]  # the engine's German reason
    assert dialog.skipped_label.text() == "Nicht gebuchte Zeilen: 1"
    wait_idle(qtbot)


def test_the_cases_button_is_enabled_only_for_a_run_that_opened_cases(
    qtbot, db, make_window, editor, secret_store, payments, import_dir
):
    # RE-2026-0999 is unknown: the run books two rows and opens a case for the third.
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)
    runner = make_runner(db, secret_store)
    runner.run("Zahlungen")
    # An open-items list naming RE-2026-0001, settled above, and without RE-2026-0003:
    # it would settle all of the one invoice still open, and is refused. Its row for the
    # settled invoice has a reason that opens a case elsewhere, yet here it opens none.
    open_items = replace(
        payment_settings(payments.settings.ftp.port, name="Offene Posten"),
        import_format=ImportFormat.OPEN_ITEMS,
        filename_filter="offene",
    )
    editor.save(open_items, password=PASSWORD)
    (import_dir / "offene_posten.csv").write_bytes(
        b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0001;119,00\r\n"
    )
    runner.run("Offene Posten")
    window = make_window(editor)

    window.select_interface("Offene Posten")
    refused = window.show_history("Offene Posten")
    loaded(qtbot, refused)
    assert row_texts(refused.files_model, 0)[1] == "Abgelehnt"
    assert refused.skipped_model.rowCount() == 1
    assert not refused.cases_button.isEnabled()
    assert "abgelehnte" in refused.cases_button.toolTip()

    window.select_interface("Zahlungen")
    booked = window.show_history("Zahlungen")
    loaded(qtbot, booked)
    assert booked.cases_button.isEnabled()
    assert booked.cases_button.toolTip() == "Zu diesem Lauf gehört 1 Klärungsfall."
    with qtbot.waitSignal(booked.casesRequested) as requested:
        booked.cases_button.click()
    assert requested.args == [booked.selected_run().id]
    wait_idle(qtbot)


def test_runs_are_newest_first_and_selecting_one_shows_its_files(
    qtbot, db, make_window, editor, secret_store, payments, import_dir
):
    (import_dir / "Zahlungen_kaputt.csv").write_bytes(BAD)
    runner = make_runner(db, secret_store)
    runner.run("Zahlungen")
    (import_dir / "Zahlungen_kaputt.csv").unlink()
    runner.run("Zahlungen", trigger="cli", dry_run=True)
    window = make_window(editor)
    window.select_interface("Zahlungen")

    dialog = window.show_history("Zahlungen")
    loaded(qtbot, dialog)
    runs = dialog.runs_model
    assert [row_texts(runs, r)[2:4] for r in range(2)] == [
        ["Kommandozeile (Probelauf)", "OK"],
        ["Manuell", "Fehlgeschlagen"],
    ]
    assert dialog.status_label.text() == "2 Läufe, der neueste zuerst."
    assert dialog.files_model.rowCount() == 0  # the newest run found nothing
    dialog.runs_view.selectRow(1)
    assert row_texts(dialog.files_model, 0)[0] == "IMPORT/Zahlungen_kaputt.csv"
    wait_idle(qtbot)


def test_history_loads_off_the_gui_thread_and_says_when_there_is_none(
    qtbot, german, db, editor, payments
):
    threads: list[threading.Thread] = []

    def load():
        threads.append(threading.current_thread())
        return run_history(db, payments.id)

    dialog = HistoryDialog(ViewQueries(db), payments, loader=load)
    qtbot.addWidget(dialog)
    assert dialog.status_label.text() == "Der Verlauf wird geladen …"
    assert not dialog.reload_button.isEnabled()
    loaded(qtbot, dialog)
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.status_label.text() == "Diese Schnittstelle ist noch nicht gelaufen."
    assert dialog.reload_button.isEnabled()


def test_a_history_that_cannot_be_read_says_so(qtbot, german, editor, payments, db):
    from desktop_app.store.db import DatabaseError

    def broken():
        raise DatabaseError("unreachable", "Die Datenbank ist nicht erreichbar.")

    dialog = HistoryDialog(ViewQueries(db), payments, loader=broken)
    qtbot.addWidget(dialog)
    loaded(qtbot, dialog)
    assert dialog.status_label.text() == (
        "Der Verlauf konnte nicht gelesen werden: Die Datenbank ist nicht erreichbar."
    )


def test_double_click_in_the_list_opens_the_history(qtbot, make_window, editor, payments):
    window = make_window(editor)
    window.select_interface("Zahlungen")
    index = window.view.currentIndex()
    rect = window.view.visualRect(index)
    # A click first, as a user's hand gives one: QTest's double click alone lands on a
    # view that has not seen a press yet and counts as a single press there.
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryDialog)]
    loaded(qtbot, dialog)
    assert dialog.isVisible()
    assert window.show_history("Zahlungen") is dialog  # one window per interface
    wait_idle(qtbot)
