"""The dialog "Datei importieren…" against a real SQLite ledger and the sample files."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel
from sqlalchemy import func, select

from desktop_app.domain.interface import ChainOptions, SettleUntil
from desktop_app.jobs.file_import import LocalFileImport
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.store.catalog import Catalog
from desktop_app.store.ledger_models import Booking, ImportFile, Invoice
from desktop_app.ui.import_plan_model import (
    AMOUNT,
    BOOKED_COLOR,
    LINE,
    NUMBER,
    PROBLEM_COLOR,
    QUIET_COLOR,
    REASON,
    STATUS,
    TO_BOOK,
    WARNING_COLOR,
)
from desktop_app.ui.import_preview_dialog import ImportPreviewDialog

from .helpers import wait_idle
from .ledger_samples import TODAY, fill_ledger, sample

WAIT = 20_000  # ms; generous: a 2-core machine runs other tests beside these


@pytest.fixture
def ledger(db):
    return fill_ledger(db)


@pytest.fixture
def dialog(qtbot, db, ledger, german):
    d = ImportPreviewDialog(LocalFileImport(db), "de", today=TODAY)
    qtbot.addWidget(d)
    d.show()
    wait_idle(qtbot, WAIT)  # the Mandanten and chain options load in the background
    yield d
    wait_idle(qtbot, WAIT)


def snapshot(db):
    with db.session() as s:
        return (
            sorted(s.execute(select(Invoice.number, Invoice.open_amount, Invoice.status)).all()),
            s.scalar(select(func.count()).select_from(Booking)),
            s.scalar(select(func.count()).select_from(ImportFile)),
        )


def load(qtbot, dialog: ImportPreviewDialog, path: Path) -> None:
    with qtbot.waitSignal(dialog.fileLoaded, timeout=WAIT):
        dialog.load_file(path)


def preview(qtbot, dialog: ImportPreviewDialog, path: Path, mandants=("1",)) -> None:
    """Choose the file and the Mandanten, then click "Vorschau" as a user does."""
    load(qtbot, dialog, path)
    dialog.set_mandants(mandants)
    assert dialog.preview_button.isEnabled(), dialog.hint_label.text()
    with qtbot.waitSignal(dialog.previewShown, timeout=WAIT):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)


def book(qtbot, dialog: ImportPreviewDialog) -> None:
    assert dialog.book_button.isEnabled()
    with qtbot.waitSignal(dialog.booked, timeout=WAIT):
        qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)


def table(dialog: ImportPreviewDialog) -> list[dict[int, str]]:
    model = dialog.model
    return [
        {c: model.index(r, c).data() for c in (LINE, NUMBER, AMOUNT, STATUS, TO_BOOK, REASON)}
        for r in range(model.rowCount())
    ]


def row_of_line(dialog: ImportPreviewDialog, line: int) -> dict[int, str]:
    return next(r for r in table(dialog) if r[LINE] == str(line))


def headers(dialog: ImportPreviewDialog) -> list[str]:
    model = dialog.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_preview_shows_the_plan_in_german_and_writes_nothing(qtbot, db, dialog):
    before = snapshot(db)
    preview(qtbot, dialog, sample("geschlossene_posten.csv"))

    assert dialog.format_combo.currentText() == "Geschlossene Posten"  # detected
    assert headers(dialog) == [
        "Zeile", "Rechnungsnummer", "Betrag", "Status", "Zu buchen", "Hinweis / Grund",
    ]  # fmt: skip
    rows = table(dialog)
    assert [r[LINE] for r in rows] == ["2", "3", "4", "5", "6", "7", "8"]
    first = row_of_line(dialog, 2)
    assert (first[NUMBER], first[AMOUNT], first[STATUS], first[TO_BOOK]) == (
        "RE-2026-0001",
        "—",
        "Zahlung",
        "119,00 €",
    )  # fmt: skip  (no amount in the file: the whole open amount)
    assert row_of_line(dialog, 6)[TO_BOOK] == "1.190,00 €"

    overpaid = row_of_line(dialog, 7)
    assert overpaid[STATUS] == "Überzahlt"
    assert overpaid[AMOUNT] == "50,00 €" and overpaid[TO_BOOK] == "47,60 €"
    assert "Überzahlung: 2,40 €" in overpaid[REASON]
    other = row_of_line(dialog, 8)
    assert other[STATUS] == "Anderer Mandant" and other[TO_BOOK] == ""
    assert other[REASON] == "Zeile für Mandant 2; übersprungen."

    totals = dialog.totals_label.text()
    for part in ("Zeilen: 7", "Zugeordnet: 6", "Buchungen: 6", "Betrag: 1.654,50 €"):
        assert part in totals
    assert "Überzahlung: 2,40 €" in totals
    assert dialog.banner_kind() == "info"
    assert "6 Buchungen über 1.654,50 € zum 14.03.2026" in dialog.banner.text()
    assert not dialog.guards_box.isVisibleTo(dialog)  # guards are for Offene Posten only
    assert dialog.book_button.isEnabled()
    assert snapshot(db) == before  # a preview only reads


def test_book_applies_exactly_the_preview(qtbot, db, ledger, dialog):
    preview(qtbot, dialog, sample("geschlossene_posten.csv"))
    book(qtbot, dialog)

    assert dialog.banner_kind() == "success"
    assert dialog.banner.text() == "Gebucht: 6 Buchungen über 1.654,50 € zum 14.03.2026."
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0
    assert ledger.invoice("1", "RE-2026-0005").open_amount == 0  # overpaid: open amount booked
    assert ledger.invoice("1", "RE-2026-0006").open_amount == Decimal("89.25")  # Mandant 2 row
    bookings = ledger.bookings_of(ledger.invoice("1", "RE-2026-0003").id)
    assert [(b.source_line, b.amount) for b in bookings] == [
        (4, Decimal("119.00")),
        (5, Decimal("119.00")),
    ]
    assert all(b.booking_date == TODAY and b.no_export for b in bookings)
    assert snapshot(db)[1:] == (6, 1)
    # Booked once: it is not offered again, and the dialog can only be closed now.
    assert not dialog.book_button.isEnabled()
    assert dialog.cancel_button.text() == "Schließen"


def test_the_same_file_again_says_duplicate_and_books_nothing(qtbot, db, dialog):
    preview(qtbot, dialog, sample("geschlossene_posten.csv"))
    book(qtbot, dialog)
    after_first = snapshot(db)

    preview(qtbot, dialog, sample("geschlossene_posten.csv"))  # chosen again
    assert dialog.banner_kind() == "warning"
    assert "bereits gebucht" in dialog.banner.text()
    assert not dialog.book_button.isEnabled()
    assert dialog.model.rowCount() == 0
    assert snapshot(db) == after_first


def test_cancel_closes_without_writing(qtbot, db, dialog):
    before = snapshot(db)
    preview(qtbot, dialog, sample("geschlossene_posten.csv"))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    wait_idle(qtbot, WAIT)
    assert snapshot(db) == before


def test_open_items_above_the_share_are_refused(qtbot, db, dialog, tmp_path):
    # The sample without RE-2026-0007 … 0011: with 0006, 0019 and 0020 that settles 8 of
    # the 20 open invoices (40 %), above the default limit of 20 %.
    lines = sample("offene_posten.csv").read_bytes().split(b"\r\n")
    kept = [line for line in lines if not any(b"RE-2026-%04d" % i in line for i in range(7, 12))]
    path = tmp_path / "offene_posten_zu_viele.csv"
    path.write_bytes(b"\r\n".join(kept))
    before = snapshot(db)

    preview(qtbot, dialog, path)

    assert dialog.format_combo.currentText() == "Offene Posten"
    assert dialog.banner_kind() == "error"
    text = dialog.banner.text()
    assert text.startswith("Abgelehnt, es wird nichts gebucht:")
    assert "8 von 20 offenen Rechnungen" in text and "höchstens 20 %" in text
    assert not dialog.book_button.isEnabled()
    assert dialog.guards_box.isVisibleTo(dialog)
    guards = dialog.guards_label.text()
    assert "✘" in guards and "Anteil offener Rechnungen" in guards
    assert "höchstens 20 % der offenen Rechnungen auf einmal" in guards  # why the limit
    assert headers(dialog)[TO_BOOK] == "Wäre zu buchen"  # a refused plan books nothing
    header = dialog.table.horizontalHeader()
    assert header.sectionSize(TO_BOOK) >= header.sectionSizeHint(TO_BOOK)  # not cut
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)  # disabled: no effect
    wait_idle(qtbot, WAIT)
    assert snapshot(db) == before


def test_a_refused_file_is_imported_once_on_an_explicit_audited_override(
    qtbot, db, dialog, tmp_path, monkeypatch
):
    from desktop_app.jobs.guard_override import GUARDS_OVERRIDDEN
    from desktop_app.store.audit import AuditLog

    lines = sample("offene_posten.csv").read_bytes().split(b"\r\n")
    kept = [line for line in lines if not any(b"RE-2026-%04d" % i in line for i in range(7, 12))]
    path = tmp_path / "offene_posten_zu_viele.csv"
    path.write_bytes(b"\r\n".join(kept))
    preview(qtbot, dialog, path)
    assert dialog.banner_kind() == "error" and dialog.override_button.isVisible()
    asked: list[list[str]] = []

    def answer(reasons: list[str]) -> bool:
        asked.append(reasons)
        return len(asked) > 1  # "Abbrechen" first, then "Ja"

    monkeypatch.setattr(dialog, "ask_override", answer)
    qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, WAIT)
    assert dialog.banner_kind() == "error" and not dialog.book_button.isEnabled()
    with qtbot.waitSignal(dialog.previewShown, timeout=WAIT):
        qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
    assert "8 von 20 offenen Rechnungen" in asked[-1][0]
    assert dialog.banner_kind() == "warning"
    assert dialog.banner.text().startswith("Prüfungen auf Ihren Wunsch übergangen: 8 Buchungen")
    assert not dialog.override_button.isVisible()
    book(qtbot, dialog)
    assert dialog.banner_kind() == "success"
    (entry,) = AuditLog(db).entries(action=GUARDS_OVERRIDDEN)
    assert entry.target == path.name and entry.details["fields"] == ["share"]
    assert entry.details["booked"] == 8
    # Once: the same content is not booked again.
    preview(qtbot, dialog, path)
    assert dialog.banner_kind() == "warning" and not dialog.override_button.isVisible()


def test_rows_of_invoices_settled_before_stay_quiet_when_a_refused_list_is_imported(
    qtbot, db, dialog, tmp_path, monkeypatch
):
    # RE-2026-0001 … 0005 are paid before the list is read, which still names them open.
    SettlementEngine(db).run(
        ImportRequest(
            sample("geschlossene_posten.csv").read_bytes(),
            "geschlossene_posten.csv",
            "closed-items",
            ("1",),
            SettleUntil.TODAY,
            TODAY,
        )
    )
    lines = sample("offene_posten.csv").read_bytes().split(b"\r\n")
    kept = [line for line in lines if not any(b"RE-2026-%04d" % i in line for i in range(7, 12))]
    path = tmp_path / "offene_posten_zu_viele.csv"
    path.write_bytes(b"\r\n".join(kept))

    def color(line: int):
        row = next(r for r in range(dialog.model.rowCount()) if table(dialog)[r][LINE] == str(line))
        return dialog.model.index(row, STATUS).data(Qt.ItemDataRole.ForegroundRole).color()

    preview(qtbot, dialog, path)
    assert dialog.banner_kind() == "error"
    settled = [r for r in table(dialog) if r[STATUS] == "Bereits ausgeglichen"]
    assert [r[NUMBER] for r in settled] == [f"RE-2026-{i:04d}" for i in range(1, 6)]
    assert color(2) == QUIET_COLOR and color(7) == QUIET_COLOR  # a refused list books nothing
    monkeypatch.setattr(dialog, "ask_override", lambda reasons: True)
    with qtbot.waitSignal(dialog.previewShown, timeout=WAIT):
        qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
    assert dialog.banner_kind() == "warning"
    # Paid before and left so: no error. The partly paid RE-2026-0006 is booked.
    assert [color(line) for line in range(2, 7)] == [QUIET_COLOR] * 5
    assert row_of_line(dialog, 7)[NUMBER] == "RE-2026-0006" and color(7) == BOOKED_COLOR
    book(qtbot, dialog)
    assert [color(line) for line in range(2, 7)] == [QUIET_COLOR] * 5


def test_a_payment_for_an_invoice_paid_before_is_red_only_when_it_brings_money(
    qtbot, db, dialog, tmp_path
):
    paid = b"Rechnungsnummer;Betrag\r\nRE-2026-0001;119,00\r\nRE-2026-0002;59,90\r\n"
    SettlementEngine(db).run(
        ImportRequest(paid, "vorher.csv", "closed-items", ("1",), SettleUntil.TODAY, TODAY)
    )
    path = tmp_path / "zahlungen.csv"
    # Without an amount ("the whole open amount") nothing came in; 20,00 € did.
    path.write_bytes(b"Rechnungsnummer;Betrag\r\nRE-2026-0001;\r\nRE-2026-0002;20,00\r\n")
    preview(qtbot, dialog, path)
    statuses = [(r[NUMBER], r[STATUS]) for r in table(dialog)]
    assert statuses == [
        ("RE-2026-0001", "Bereits ausgeglichen"),
        ("RE-2026-0002", "Bereits ausgeglichen"),
    ]
    colors = [dialog.model.index(r, STATUS).data(Qt.ItemDataRole.ForegroundRole).color()
              for r in range(2)]  # fmt: skip
    assert colors == [QUIET_COLOR, PROBLEM_COLOR]


def status_colors(dialog: ImportPreviewDialog) -> dict[str, list]:
    """The colour of each status text shown, by that text, in table order."""
    found: dict[str, list] = {}
    for row in range(dialog.model.rowCount()):
        index = dialog.model.index(row, STATUS)
        found.setdefault(index.data(), []).append(
            index.data(Qt.ItemDataRole.ForegroundRole).color()
        )
    return found


def test_open_items_that_rightly_book_nothing_and_need_nobody_are_grey(
    qtbot, db, ledger, dialog, tmp_path
):
    from desktop_app.domain.invoice_csv import read_invoices

    # Dated after the booking date (14.03.): a later list settles it.
    newer = (
        "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag\n"
        "RE-2026-0021;1;Optik Nord;20.03.2026;100,00"
    )
    ledger.import_invoices(read_invoices(newer.encode(), file_name="neu.csv"))
    text = sample("offene_posten.csv").read_bytes().decode()
    # More open than is (119,00 €): a list older than a payment booked since says so.
    text = text.replace("RE-2026-0001;119,00;1", "RE-2026-0001;150,00;1")
    path = tmp_path / "offene_posten.csv"
    path.write_bytes((text.rstrip("\r\n") + "\r\nRE-2026-0021;100,00;1\r\n").encode())

    preview(qtbot, dialog, path)
    assert dialog.banner_kind() != "error" and dialog.book_button.isEnabled()
    colors = status_colors(dialog)
    assert row_of_line(dialog, 2)[STATUS] == "Negative Differenz"
    assert row_of_line(dialog, 21)[STATUS] == "Nach dem Buchungsdatum"
    assert colors["Negative Differenz"] == [QUIET_COLOR]
    assert colors["Nach dem Buchungsdatum"] == [QUIET_COLOR]
    assert colors["Möglicher Treffer"] == [WARNING_COLOR]  # GS-2026-0001: for a person
    assert colors["Fehlt in der Datei"] == [BOOKED_COLOR] * 2


def test_a_payment_booked_before_is_grey_in_a_later_statement(qtbot, db, dialog, tmp_path):
    from tests.domain.formats.builders import CamtEntry, CamtTx, camt_file

    day1 = CamtEntry(Decimal("119.00"), ref="BANK-1", txs=[CamtTx(strd_ref="RE-2026-0001")])
    day2 = CamtEntry(Decimal("59.90"), ref="BANK-2", txs=[CamtTx(strd_ref="RE-2026-0002")])
    earlier = camt_file(day1, statement_id="S-1")
    SettlementEngine(db).run(
        ImportRequest(earlier, "a.xml", "camt053", ("1",), SettleUntil.TODAY, TODAY)
    )
    # The next statement repeats the first day: the same bank reference, booked already.
    path = tmp_path / "b.xml"
    path.write_bytes(camt_file(day1, day2, statement_id="S-2"))

    preview(qtbot, dialog, path)
    assert [r[STATUS] for r in table(dialog)] == ["Bereits gebucht", "Zahlung"]
    assert table(dialog)[0][REASON].startswith("Bereits gebucht (Datei „a.xml“")
    assert status_colors(dialog) == {"Bereits gebucht": [QUIET_COLOR], "Zahlung": [BOOKED_COLOR]}


def test_open_items_within_the_share_list_the_missing_invoices(qtbot, dialog):
    preview(qtbot, dialog, sample("offene_posten.csv"))

    assert dialog.book_button.isEnabled()
    assert "✔" in dialog.guards_label.text() and "✘" not in dialog.guards_label.text()
    assert "3 von 20 offenen Rechnungen (15 %)" in dialog.guards_label.text()
    assert headers(dialog)[AMOUNT] == "Offen laut Datei"
    paid = row_of_line(dialog, 7)  # 0006: 39,25 € still open, 50,00 € paid
    assert (paid[NUMBER], paid[AMOUNT], paid[TO_BOOK]) == ("RE-2026-0006", "39,25 €", "50,00 €")
    missing = [r for r in table(dialog) if r[STATUS] == "Fehlt in der Datei"]
    assert [(r[NUMBER], r[TO_BOOK]) for r in missing] == [
        ("RE-2026-0019", "142,80 €"),
        ("RE-2026-0020", "476,00 €"),
    ]
    assert "gilt als vollständig bezahlt" in missing[0][REASON]


def test_an_unreadable_file_shows_file_line_and_field(qtbot, db, dialog, tmp_path):
    path = tmp_path / "kaputt.csv"
    path.write_bytes(b"Rechnungsnummer;Betrag;Zahldatum;Mandant\r\nRE-2026-0001;12x,00;;1\r\n")
    before = snapshot(db)

    preview(qtbot, dialog, path)

    assert dialog.banner_kind() == "error"
    text = dialog.banner.text()
    assert text.startswith("Datei „kaputt.csv“, Zeile 2, Feld „Betrag“:")
    assert "„12x,00“ ist kein gültiger Betrag" in text
    assert not dialog.book_button.isEnabled()
    assert snapshot(db) == before


def test_a_missing_file_is_reported_in_german(qtbot, dialog, tmp_path):
    load(qtbot, dialog, tmp_path / "weg.csv")
    assert dialog.banner_kind() == "error"
    assert dialog.banner.text() == "Die Datei „weg.csv“ gibt es nicht (mehr)."
    assert not dialog.preview_button.isEnabled()
    assert dialog.hint_label.text() == "Bitte eine Datei wählen."


def test_format_is_preselected_but_can_be_changed(qtbot, dialog, tmp_path):
    load(qtbot, dialog, sample("camt053.xml"))
    assert dialog.format_combo.currentText() == "camt.053"
    assert dialog.detected_label.text() == "am Inhalt der Datei erkannt"

    path = tmp_path / "zahlungen.txt"
    path.write_text("irgendein Text\n", encoding="utf-8")
    load(qtbot, dialog, path)
    assert dialog.detected_label.text() == "nicht erkannt: bitte wählen"
    dialog.set_mandants(["1"])
    assert dialog.hint_label.text() == "Bitte die Importart wählen."
    assert not dialog.preview_button.isEnabled()
    labels = [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())]
    assert labels == [
        "Geschlossene Posten", "Offene Posten", "DATEV Buchungsstapel", "DATEV OPOS",
        "MT940", "camt.053",
    ]  # fmt: skip
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("mt940"))
    assert dialog.preview_button.isEnabled() and dialog.hint_label.text() == ""


def test_a_changed_setting_throws_the_preview_away(qtbot, dialog):
    preview(qtbot, dialog, sample("geschlossene_posten.csv"))
    assert dialog.book_button.isEnabled()
    dialog.settle_combo.setCurrentIndex(dialog.settle_combo.findData("yesterday"))
    # The plan was made for another booking date: it must not be booked any more.
    assert not dialog.book_button.isEnabled()
    assert dialog.model.rowCount() == 0
    with qtbot.waitSignal(dialog.previewShown, timeout=WAIT):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert "zum 13.03.2026" in dialog.banner.text()


def test_without_a_mandant_the_preview_asks_for_one(qtbot, dialog):
    load(qtbot, dialog, sample("geschlossene_posten.csv"))
    assert dialog.mandant_list.names() == ["1", "2"]
    assert dialog.mandant_list.checked() == ()  # two to choose from: none preselected
    assert dialog.hint_label.text() == "Bitte mindestens einen Mandanten ankreuzen."
    assert not dialog.preview_button.isEnabled()


def test_tomorrow_only_when_the_chain_options_allow_it(qtbot, db, ledger, german):
    def settle_choices() -> list[str]:
        d = ImportPreviewDialog(LocalFileImport(db), "de", today=TODAY)
        qtbot.addWidget(d)
        wait_idle(qtbot, WAIT)
        combo = d.settle_combo
        return [combo.itemText(i) for i in range(combo.count())]

    assert settle_choices() == ["gestern (13.03.2026)", "heute (14.03.2026)"]
    Catalog(db).set_chain_options(ChainOptions(future_booking_months=1))
    assert settle_choices() == [
        "gestern (13.03.2026)",
        "heute (14.03.2026)",
        "morgen (15.03.2026)",
    ]


def test_a_concurrent_change_is_told_and_planned_again(qtbot, db, ledger, dialog, tmp_path):
    preview(qtbot, dialog, sample("geschlossene_posten.csv"))
    # Meanwhile another import pays RE-2026-0001 in full.
    other = b"Rechnungsnummer;Betrag\r\nRE-2026-0001;119,00\r\n"
    SettlementEngine(db).run(
        ImportRequest(other, "andere.csv", "closed-items", ("1",), SettleUntil.TODAY, TODAY)
    )
    after_other = snapshot(db)

    with qtbot.waitSignal(dialog.previewShown, timeout=WAIT):
        qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)

    assert snapshot(db) == after_other  # nothing of this file was booked
    assert dialog.banner_kind() == "warning"
    assert dialog.banner.text().startswith("Seit der Vorschau haben sich Rechnungen geändert")
    assert row_of_line(dialog, 2)[STATUS] == "Bereits ausgeglichen"
    book(qtbot, dialog)  # the new plan books the rest
    assert "Gebucht: 5 Buchungen über 1.535,50 €" in dialog.banner.text()
    assert len(ledger.bookings_of(ledger.invoice("1", "RE-2026-0001").id)) == 1


def test_the_main_window_opens_the_dialog_from_its_menu(qtbot, window, ledger):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Buchhaltung")
    entries = [a.text() for a in menu.actions()]
    assert entries == ["Datei &importieren …", "&Rechnungen", "&Klärungsfälle"]
    menu.actions()[0].trigger()
    dialog = window.findChild(ImportPreviewDialog)
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    assert dialog.windowTitle() == "Datei importieren"
    wait_idle(qtbot, WAIT)
    dialog.reject()


def test_booking_a_file_opens_its_cases_and_the_main_window_counts_them(
    qtbot, make_window, no_keyring_editor, db, ledger
):
    """ "Datei importieren…" opens Klärungsfälle in the file's own transaction: the
    overpayment's surplus of RE-2026-0005 and the row of Mandant 2."""
    from desktop_app.jobs.case_desk import CaseActor, CaseDesk

    window = make_window(no_keyring_editor)
    wait_idle(qtbot, WAIT)
    assert window.case_count.count == 0
    dialog = window.open_import_preview()  # dated today: the samples are older
    wait_idle(qtbot, WAIT)
    preview(qtbot, dialog, sample("geschlossene_posten.csv"))
    book(qtbot, dialog)
    wait_idle(qtbot, WAIT)
    cases = CaseDesk(db, CaseActor("test")).cases()
    assert sorted((c.code, c.remaining) for c in cases) == [
        ("other-mandant", Decimal("89.25")),
        ("overpaid", Decimal("2.40")),
    ]
    assert window.case_count.count == 2


def test_the_file_day_is_its_modification_day_and_keeps_newer_invoices_open(
    qtbot, dialog, tmp_path
):
    path = tmp_path / "offene_posten.csv"
    path.write_bytes(sample("offene_posten.csv").read_bytes())
    noon = datetime(2026, 3, 13, 12).timestamp()  # local noon: that day in every zone
    os.utime(path, (noon, noon))
    field = dialog.file_date_edit
    assert not field.isEnabled() and field.text() == "–"  # no file, no day
    preview(qtbot, dialog, path)

    assert field.isEnabled() and field.text() == "13.03.2026"
    assert dialog.file_date == date(2026, 3, 13)
    label = next(w for w in dialog.findChildren(QLabel) if w.buddy() is field)
    assert label.text() == "&Stand der Datei:"
    assert "gelten nicht als bezahlt" in field.toolTip()
    assert field.accessibleName() == "Stand der Datei"
    text = dialog.guards_label.text()
    assert (
        "<b>Dateidatum:</b> vom 13.03.2026 (laut Änderungszeit der Datei); keine frühere "
        "Liste zum Vergleich."
    ) in text
    missing = [r[NUMBER] for r in table(dialog) if r[STATUS] == "Fehlt in der Datei"]
    assert missing == ["RE-2026-0019", "RE-2026-0020"]

    # The list was written on 20.02.: RE-2026-0020 of that day is missing only because
    # the list did not know it yet. The plan on screen was for another day: thrown away.
    field.setDate(QDate(2026, 2, 20))
    assert not dialog.book_button.isEnabled() and dialog.model.rowCount() == 0
    with qtbot.waitSignal(dialog.previewShown, timeout=WAIT):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    missing = [r[NUMBER] for r in table(dialog) if r[STATUS] == "Fehlt in der Datei"]
    assert missing == ["RE-2026-0019"]
    assert dialog.current_result.file_date == date(2026, 2, 20)
    assert dialog.current_result.file_date_source == "manual"
    assert (
        "<b>Dateidatum:</b> vom 20.02.2026 (von Hand eingegeben); keine frühere Liste zum "
        "Vergleich."
    ) in dialog.guards_label.text()


def test_a_file_day_before_2000_is_shown_and_used(qtbot, dialog, tmp_path):
    # Unlikely, but a real day: it must not show as "no day" nor become another one.
    path = tmp_path / "offene_posten.csv"
    path.write_bytes(sample("offene_posten.csv").read_bytes())
    noon = datetime(1999, 12, 31, 12).timestamp()
    os.utime(path, (noon, noon))
    preview(qtbot, dialog, path)
    assert dialog.file_date_edit.text() == "31.12.1999"
    assert dialog.file_date == date(1999, 12, 31)
    assert dialog.current_result.file_date == date(1999, 12, 31)

    failing = tmp_path / "weg.csv"  # a file that cannot be read: no day again
    load(qtbot, dialog, failing)
    assert dialog.file_date is None and dialog.file_date_edit.text() == "–"


def test_the_file_day_is_never_after_today(qtbot, dialog, tmp_path):
    # Copied from a share whose clock runs ahead: dated after today, which no file is.
    path = tmp_path / "offene_posten.csv"
    path.write_bytes(sample("offene_posten.csv").read_bytes())
    ahead = TODAY + timedelta(days=3)
    noon = datetime(ahead.year, ahead.month, ahead.day, 12).timestamp()
    os.utime(path, (noon, noon))
    preview(qtbot, dialog, path)
    assert dialog.file_date == TODAY
    # Today is not what the time stamp says, nor a day anybody typed: no source.
    assert dialog.current_result.file_date_source is None
    assert "<b>Dateidatum:</b> vom 14.03.2026; keine" in dialog.guards_label.text()
    dialog.file_date_edit.setDate(QDate(2062, 3, 13))  # a year mistyped
    assert dialog.file_date == TODAY


def test_a_pipe_or_device_is_refused_at_once(qtbot, dialog, named_pipe):
    # Reading one waits for a writer or never ends (/dev/zero): the dialog would wait too.
    with qtbot.waitSignal(dialog.fileLoaded, timeout=5000):
        dialog.load_file(named_pipe)
    assert dialog.banner_kind() == "error"
    assert dialog.banner.text() == (
        "„zahlungen.csv“ ist keine gewöhnliche Datei (sondern z. B. eine Pipe oder ein "
        "Gerät). Bitte eine gespeicherte Datei wählen."
    )
    assert not dialog.preview_button.isEnabled()
    wait_idle(qtbot, 5000)


def test_rows_not_booked_on_purpose_are_grey_and_a_row_for_a_person_stays_red(
    qtbot, dialog, tmp_path
):
    from tests.domain.formats.builders import CamtEntry, CamtTx, camt_file

    storno = CamtEntry(
        Decimal("238.00"), ref="BANK-1", reversal=True, txs=[CamtTx(strd_ref="RE-2026-0003")]
    )
    debit = CamtEntry(
        Decimal("47.60"), credit=False, ref="BANK-2", txs=[CamtTx(strd_ref="RE-2026-0005")]
    )
    unknown = CamtEntry(Decimal("10.00"), ref="BANK-3", txs=[CamtTx(strd_ref="RE-2099-0001")])
    path = tmp_path / "auszug.xml"
    path.write_bytes(camt_file(storno, debit, unknown))

    preview(qtbot, dialog, path)
    assert [r[STATUS] for r in table(dialog)] == ["Storno", "Keine Zahlung", "Nicht gefunden"]
    assert status_colors(dialog) == {
        "Storno": [QUIET_COLOR],
        "Keine Zahlung": [QUIET_COLOR],
        "Nicht gefunden": [PROBLEM_COLOR],  # money came in and waits for a person
    }
    background = Qt.ItemDataRole.BackgroundRole
    assert [dialog.model.index(r, c).data(background) for r in range(3) for c in range(6)] == [
        None
    ] * 18  # the colour is the text's alone; no row is painted as an error


def test_a_credit_note_in_open_items_is_grey(qtbot, dialog, tmp_path):
    text = sample("offene_posten.csv").read_bytes().decode().rstrip("\r\n")
    path = tmp_path / "offene_posten.csv"
    path.write_bytes((text + "\r\nRE-2026-0019;-10,00;1\r\nRE-2099-0001;10,00;1\r\n").encode())

    preview(qtbot, dialog, path)
    assert dialog.banner_kind() != "error"
    assert row_of_line(dialog, 21)[STATUS] == "Gutschrift"
    colors = status_colors(dialog)
    assert colors["Gutschrift"] == [QUIET_COLOR]
    assert colors[row_of_line(dialog, 22)[STATUS]] == [PROBLEM_COLOR]
