"""The view "Rechnungen" against a real SQLite ledger, before and after imports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.interface import SettleUntil
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.jobs.view_queries import ViewQueries
from desktop_app.ui.invoice_table_models import (
    AMOUNT,
    B_AMOUNT,
    B_CREATED,
    B_DATE,
    B_FILE,
    B_LINE,
    B_NO_EXPORT,
    BRANCH,
    DATE,
    MANDANT,
    NUMBER,
    OPEN,
    STATUS,
)
from desktop_app.ui.invoices_view import InvoicesView

from .helpers import wait_idle
from .ledger_samples import TODAY, fill_ledger, sample

WAIT = 20_000  # ms


@pytest.fixture
def ledger(db):
    return fill_ledger(db)


@pytest.fixture
def make_view(qtbot, db, ledger, german):
    def make() -> InvoicesView:
        view = InvoicesView(ViewQueries(db), "de")
        qtbot.addWidget(view)
        view.show()
        wait_idle(qtbot, WAIT)  # Mandanten, then the invoices, in the background
        return view

    yield make
    wait_idle(qtbot, WAIT)


def import_sample(db, name: str, fmt: str) -> None:
    data = sample(name).read_bytes()
    SettlementEngine(db).run(ImportRequest(data, name, fmt, ("1",), SettleUntil.TODAY, TODAY))


def choose(qtbot, view: InvoicesView, change) -> None:
    """Change a filter as the user does; wait until the table shows the result."""
    with qtbot.waitSignal(view.invoicesShown, timeout=WAIT):
        change()
    wait_idle(qtbot, WAIT)


def cells(model, row: int, columns) -> tuple:
    return tuple(model.index(row, c).data() for c in columns)


def test_open_items_per_mandant_with_their_sum(qtbot, make_view):
    view = make_view()
    assert [view.mandant_combo.itemText(i) for i in range(view.mandant_combo.count())] == [
        "alle", "1", "2",
    ]  # fmt: skip
    assert view.open_only_check.isChecked()
    assert len(view.shown_numbers()) == 22

    choose(qtbot, view, lambda: view.set_mandant("2"))
    assert view.shown_numbers() == ["RE-2026-0101", "RE-2026-0102"]
    table = view.invoice_table.model()
    assert cells(table, 0, (NUMBER, MANDANT, BRANCH, DATE, AMOUNT, OPEN, STATUS)) == (
        "RE-2026-0101", "2", "Hörakustik Mitte", "12.02.2026", "1.234,56 €", "1.234,56 €",
        "offen",
    )  # fmt: skip
    assert view.sum_label.text() == "Offener Betrag: 1.314,56 € (2 offene Rechnungen)"

    choose(qtbot, view, lambda: view.set_mandant("1"))
    assert view.shown_numbers() == [f"RE-2026-{i:04d}" for i in range(1, 21)]
    assert view.sum_label.text() == "Offener Betrag: 6.603,94 € (20 offene Rechnungen)"


def test_paid_invoices_leave_the_open_list_and_show_their_bookings(qtbot, db, make_view):
    import_sample(db, "geschlossene_posten.csv", "closed-items")
    view = make_view()
    choose(qtbot, view, lambda: view.set_mandant("1"))
    shown = view.shown_numbers()
    assert "RE-2026-0003" not in shown and "RE-2026-0006" in shown  # 0003 is paid now
    assert len(shown) == 15
    assert view.sum_label.text() == "Offener Betrag: 4.949,44 € (15 offene Rechnungen)"

    choose(qtbot, view, lambda: view.open_only_check.setChecked(False))
    assert len(view.shown_numbers()) == 20
    assert view.sum_label.text() == "Offener Betrag: 4.949,44 € (von 20 Rechnungen)"

    with qtbot.waitSignal(view.bookingsShown, timeout=WAIT):
        view.select_invoice("RE-2026-0003")
    table = view.invoice_table.model()
    row = view.shown_numbers().index("RE-2026-0003")
    assert cells(table, row, (OPEN, STATUS)) == ("0,00 €", "bezahlt")
    assert view.bookings_box.title() == "Buchungen der Rechnung RE-2026-0003 (Mandant 1)"
    bookings = view.booking_table.model()
    assert bookings.rowCount() == 2  # two equal part payments on one day
    columns = (B_DATE, B_AMOUNT, B_FILE, B_LINE, B_NO_EXPORT)
    assert [cells(bookings, r, columns) for r in range(2)] == [
        ("14.03.2026", "119,00 €", "geschlossene_posten.csv", "4", "ja"),
        ("14.03.2026", "119,00 €", "geschlossene_posten.csv", "5", "ja"),
    ]
    assert bookings.index(0, B_CREATED).data()  # when it was booked, in local time
    headings = [bookings.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headings == ["Datum", "Betrag", "Datei", "Zeile", "nicht exportieren", "gebucht am"]


def test_an_invoice_missing_from_an_open_items_list_has_a_booking_without_line(
    qtbot, db, make_view
):
    import_sample(db, "offene_posten.csv", "open-items")
    view = make_view()
    choose(qtbot, view, lambda: view.open_only_check.setChecked(False))
    with qtbot.waitSignal(view.bookingsShown, timeout=WAIT):
        view.select_invoice("RE-2026-0019")
    bookings = view.booking_table.model()
    assert cells(bookings, 0, (B_AMOUNT, B_FILE, B_LINE)) == (
        "142,80 €", "offene_posten.csv", "—",
    )  # fmt: skip


def test_an_invoice_without_bookings_says_so(qtbot, make_view):
    view = make_view()
    assert view.bookings_hint.text() == "Bitte eine Rechnung wählen, um ihre Buchungen zu sehen."
    with qtbot.waitSignal(view.bookingsShown, timeout=WAIT):
        view.select_invoice("RE-2026-0007")
    assert view.booking_table.model().rowCount() == 0
    assert view.bookings_hint.text() == "Noch keine Buchungen."


def test_the_sum_is_exact_cents(qtbot, db, make_view):
    # Ten times 0,10 €: adding binary floats would give 0.9999999999999999.
    lines = ["Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag"]
    lines += [f"K-{i};3;;01.03.2026;0,10" for i in range(10)]
    lines += ["K-GROSS;3;;01.03.2026;12.345.678,91"]
    from desktop_app.store.ledger import Ledger

    Ledger(db).import_invoices(read_invoices("\n".join(lines).encode(), file_name="k.csv"))
    view = make_view()
    choose(qtbot, view, lambda: view.set_mandant("3"))
    assert view.sum_label.text() == "Offener Betrag: 12.345.679,91 € (11 offene Rechnungen)"
    result = ViewQueries(db).invoices("3", open_only=True)
    assert result.open_sum == Decimal("12345679.91")


def test_a_large_ledger_shows_the_first_rows_and_sums_all(qtbot, make_view):
    view = make_view()
    view.max_shown = 5
    choose(qtbot, view, view.reload)
    assert len(view.shown_numbers()) == 5
    assert view.limit_label.isVisibleTo(view)
    assert view.limit_label.text().startswith("Angezeigt werden die ersten 5 von 22 Rechnungen")
    assert view.sum_label.text() == "Offener Betrag: 7.918,50 € (22 offene Rechnungen)"


def test_sorting_by_open_amount_compares_amounts_not_text(qtbot, make_view):
    view = make_view()
    choose(qtbot, view, lambda: view.set_mandant("1"))
    view.invoice_table.sortByColumn(OPEN, Qt.SortOrder.DescendingOrder)
    # As text "89,25 €" would come before "1.428,00 €".
    assert view.shown_numbers()[:3] == ["RE-2026-0016", "RE-2026-0004", "RE-2026-0012"]


def test_an_import_through_the_main_window_refreshes_the_open_view(qtbot, db, window, ledger):
    from desktop_app.ui.import_preview_dialog import ImportPreviewDialog

    view = window.open_invoices()
    wait_idle(qtbot, WAIT)
    assert "RE-2026-0001" in view.shown_numbers()
    assert window.open_invoices() is view  # one view, shown again

    dialog = window.open_import_preview()
    assert isinstance(dialog, ImportPreviewDialog)
    wait_idle(qtbot, WAIT)
    with qtbot.waitSignal(dialog.fileLoaded, timeout=WAIT):
        dialog.load_file(sample("geschlossene_posten.csv"))
    dialog.set_mandants(["1"])
    with qtbot.waitSignal(dialog.previewShown, timeout=WAIT):
        dialog.preview()
    with qtbot.waitSignal(view.invoicesShown, timeout=WAIT):
        dialog.book()
    wait_idle(qtbot, WAIT)
    assert "RE-2026-0001" not in view.shown_numbers()
    dialog.reject()
    view.close()


def test_the_invoice_list_searches_number_and_branch_with_its_sum(qtbot, make_view):
    view = make_view()
    choose(qtbot, view, lambda: view.search_edit.setText("re 2026 0101"))
    assert view.shown_numbers() == ["RE-2026-0101"]  # spaces and case aside
    assert view.sum_label.text() == "Offener Betrag: 1.234,56 € (1 offene Rechnung)"
    choose(qtbot, view, lambda: view.search_edit.setText("hörakustik"))
    assert view.shown_numbers() == ["RE-2026-0101", "RE-2026-0102"]  # the branch's name
    choose(qtbot, view, lambda: view.search_edit.setText("100%"))
    assert view.shown_numbers() == []  # "%" is a character, not a wildcard
    assert view.sum_label.text().startswith("Offener Betrag: 0,00 €")
    choose(qtbot, view, view.search_edit.clear)
    assert len(view.shown_numbers()) == 22
