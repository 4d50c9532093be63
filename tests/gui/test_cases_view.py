"""Buchhaltung → Klärungsfälle as a user works it: the count in the status bar, the list
with its filters, the suggestions, Zuordnen, Erledigt ohne Buchung and Stornieren by
mouse and by keyboard, the rights of staff and administrators, and the links from the
history and the run window."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from desktop_app.jobs.case_desk import AllocationRequest, CaseActor, CaseDesk
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.history import FileHistory, RunHistory
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.case_dialogs import AssignDialog, ReasonDialog
from desktop_app.ui.case_table_models import C_STATUS
from desktop_app.ui.cases_view import CasesView
from desktop_app.ui.history_view import HistoryDialog

from .case_samples import INTERFACE, fill_cases
from .helpers import type_into, wait_idle
from .users_support import FAST, admin, session_window, staff, users  # noqa: F401 - fixtures


@pytest.fixture
def cases(db):
    return fill_cases(db)


@pytest.fixture
def open_window(session_window, no_keyring_editor, db, cases):
    def make(user):
        session = UserSession.open(db, SecretStore(fail.Keyring()), user, hasher=FAST)
        return session_window(no_keyring_editor, session)

    return make


def shown_view(qtbot, window) -> CasesView:
    view = window.open_cases()
    wait_idle(qtbot)
    return view


def dialog_of(qtbot, kind):
    """The one dialog of ``kind`` shown (a mnemonic clicks its button after a moment)."""

    def shown():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    return shown()[0]


def open_amount(db, number: str) -> Decimal:
    return Ledger(db).invoice("1", number).open_amount


def test_the_status_bar_counts_the_open_cases_and_opens_the_view(qtbot, open_window, staff):
    window = open_window(staff)
    wait_idle(qtbot)
    assert window.case_count.count == 4
    assert "4 Klärungsfälle offen" in window.case_count.text()
    window.case_count.activated.emit()  # the link
    wait_idle(qtbot)
    view = window.findChild(CasesView)
    assert view.isVisible() and view.windowTitle() == "Klärungsfälle"
    assert view.shown_case_ids() == [1, 2, 3, 4]
    view.select_case(2)
    wait_idle(qtbot)
    numbers = [s.number for s in view.detail.suggestion_model._rows]
    assert numbers[:2] == ["RE-2026-0048", "RE-2026-0042"]  # name and amount; typo and amount
    assert view.detail.fact_labels["payer"].text().startswith("Petra Schmidt")


def test_assigning_by_keyboard_books_and_the_case_leaves_the_list(qtbot, open_window, staff, db):
    window = open_window(staff)
    view = shown_view(qtbot, window)
    view.select_case(2)
    wait_idle(qtbot)
    view.detail.suggestion_table.setFocus()
    qtbot.waitUntil(view.detail.suggestion_table.hasFocus)
    assert view.detail.assign_button.isDefault()
    qtbot.keyClick(view.detail.suggestion_table, Qt.Key.Key_Return)  # the default button
    dialog = dialog_of(qtbot, AssignDialog)
    assert [e.text() for e in dialog.amount_edits] == ["89,90"]
    qtbot.keyClick(dialog.amount_edits[0], Qt.Key.Key_Return)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: not isValid(dialog))  # accepted, closed and deleted
    assert open_amount(db, "RE-2026-0048") == 0
    assert view.shown_case_ids() == [1, 3, 4]
    assert window.case_count.count == 3
    assert view.message_label.text() == "Gebucht."


def test_an_assignment_over_what_is_open_is_refused_in_the_dialog(qtbot, open_window, staff, db):
    view = shown_view(qtbot, open_window(staff))
    view.select_case(3)  # 1.290,00 €
    wait_idle(qtbot)
    view.detail.suggestion_table.clearSelection()
    view.assign()
    dialog = dialog_of(qtbot, AssignDialog)
    type_into(qtbot, dialog.number_edit, "RE-2026-0046")  # 59,00 € open
    type_into(qtbot, dialog.other_amount_edit, "100,00")
    dialog.submit_button.click()
    wait_idle(qtbot)
    assert dialog.isVisible()
    assert dialog.message_label.text() == (
        "Auf der Rechnung RE-2026-0046 sind nur 59,00 € offen, nicht 100,00 €."
    )
    assert dialog.submit_button.isDefault()
    type_into(qtbot, dialog.other_amount_edit, "zehn")
    dialog.submit_button.click()
    assert "ist kein Betrag" in dialog.message_label.text()
    assert open_amount(db, "RE-2026-0046") == Decimal("59.00")
    dialog.reject()


def test_staff_may_neither_close_nor_reverse_an_administrator_may(
    qtbot, open_window, staff, admin, db
):
    view = shown_view(qtbot, open_window(staff))
    view.select_case(1)
    wait_idle(qtbot)
    assert view.detail.assign_button.isEnabled()
    assert not view.detail.close_case_button.isEnabled()
    assert "Administratoren" in view.detail.close_case_button.toolTip()
    view.close()

    view = shown_view(qtbot, open_window(admin))
    view.select_case(1)
    wait_idle(qtbot)
    assert view.detail.close_case_button.isEnabled()
    with qtbot.waitActive(view):
        view.activateWindow()
    table = view.case_list.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # &Erledigt
    dialog = dialog_of(qtbot, ReasonDialog)
    assert not dialog.submit_button.isEnabled()  # no reason, no closing
    type_into(qtbot, dialog.reason_edit, "an Kunden zurücküberwiesen")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    assert view.shown_case_ids() == [2, 3, 4]
    closed = CaseDesk(db, CaseActor("x")).case(1)
    assert (closed.status.value, closed.close_reason) == ("closed", "an Kunden zurücküberwiesen")


def test_the_status_says_what_was_booked_beside_what_was_closed_without_booking(
    qtbot, open_window, admin, db
):
    desk = CaseDesk(db, CaseActor("chefin", None, True))
    # Case 4: 400,00 € for RE-2026-0047 (349,50 €); the import booked 349,50 €.
    desk.close(4, "an Kunden zurückgezahlt")
    desk.close(1, "nicht unsere Zahlung")  # nothing of it booked
    view = shown_view(qtbot, open_window(admin))
    view.filters.open_check.setChecked(False)
    wait_idle(qtbot)

    def status(case_id: int) -> tuple[str, str]:
        view.select_case(case_id)
        wait_idle(qtbot)
        model = view.case_list.model
        listed = model.index(model.row_of(case_id), C_STATUS).data()
        return listed, view.detail.fact_labels["status"].text()

    assert status(1) == ("erledigt ohne Buchung", "erledigt ohne Buchung: nicht unsere Zahlung")
    assert status(4) == (
        "erledigt, Rest ohne Buchung",
        "erledigt: 349,50 € gebucht, die restlichen 50,50 € ohne Buchung "
        "(„an Kunden zurückgezahlt“)",
    )
    (booking,) = desk.bookings(invoice="RE-2026-0047")
    assert booking.amount == Decimal("349.50")
    # A storno opens the case for what it gives back; the refunded part stays closed.
    desk.reverse(booking.id, "falsche Rechnung")
    view.reload()
    wait_idle(qtbot)
    assert status(4) == (
        "offen",
        "offen; 50,50 € davon ohne Buchung erledigt („an Kunden zurückgezahlt“)",
    )


def test_a_storno_in_the_invoice_view_gives_the_open_amount_back(qtbot, open_window, admin, db):
    desk = CaseDesk(db, CaseActor("chefin", None, True))
    desk.assign(2, [AllocationRequest(number="RE-2026-0048")])
    window = open_window(admin)
    view = window.open_invoices()
    wait_idle(qtbot)
    view.open_only_check.setChecked(False)  # the invoice is paid now
    wait_idle(qtbot)
    view.select_invoice("RE-2026-0048")
    wait_idle(qtbot)
    (booking,) = view.booking_model._rows
    view.select_booking(booking.id)
    assert view.reverse_button.isEnabled()
    dialog = view.reverse_selected()
    type_into(qtbot, dialog.reason_edit, "falsche Rechnung")
    dialog.submit_button.click()
    wait_idle(qtbot)
    assert open_amount(db, "RE-2026-0048") == Decimal("89.90")
    assert window.case_count.count == 4  # the payment's case is open again
    rows = view.booking_model._rows
    assert [(b.amount, view.booking_model.note(b)) for b in rows] == [
        (Decimal("89.90"), "Storniert"),
        (Decimal("-89.90"), f"Storno von Buchung {booking.id} (chefin): falsche Rechnung"),
    ]
    assert not view.reverse_button.isEnabled()  # neither may be reversed (again)


def test_filters_by_reason_age_and_interface(qtbot, open_window, staff):
    view = shown_view(qtbot, open_window(staff))
    filters = view.filters
    filters.reason_combo.setCurrentIndex(filters.reason_combo.findText("Überzahlung"))
    wait_idle(qtbot)
    assert view.shown_case_ids() == [4]
    filters.reason_combo.setCurrentIndex(0)
    filters.age_combo.setCurrentIndex(filters.age_combo.findData(7))
    wait_idle(qtbot)
    assert view.shown_case_ids() == []
    assert view.case_list.count_label.text() == "0 Fälle"
    filters.age_combo.setCurrentIndex(0)
    filters.interface_combo.setCurrentIndex(filters.interface_combo.findText(INTERFACE))
    wait_idle(qtbot)
    assert view.shown_case_ids() == [1, 2, 3, 4]


def test_tab_walks_filters_list_suggestions_and_actions_in_order(qtbot, open_window, admin):
    view = shown_view(qtbot, open_window(admin))
    view.activateWindow()
    view.filters.interface_combo.setFocus()
    qtbot.waitUntil(view.filters.interface_combo.hasFocus)
    seen = []
    for _ in range(16):
        widget = QApplication.focusWidget()
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    f, d = view.filters, view.detail
    wanted = [f.interface_combo, f.mandant_combo, f.reason_combo, f.age_combo, f.open_check,
              f.reload_button, view.case_list.table, d.suggestion_table, d.assign_button,
              d.close_case_button, d.booking_table, view.close_button]  # fmt: skip
    positions = [seen.index(w) for w in wanted]
    assert positions == sorted(positions)


def test_the_history_and_the_run_window_open_the_cases_of_a_run(qtbot, open_window, admin, db):
    window = open_window(admin)
    stored = InterfaceRepository(db).get(INTERFACE)
    skipped = [{"line": 3, "reason": "Keine Rechnungsnummer …", "code": "no-reference"}]
    run = RunHistory(
        7, "manual", "KASSE", datetime(2026, 3, 14, 7, tzinfo=UTC), None, "ok", False, 4, 0,
        Decimal("0.00"), "", False,
        (FileHistory("a.xml", "deleted", "nothing", 4, 0, Decimal("0"), True, skipped, "",
                     None, 0),),
        cases=1,
    )  # fmt: skip
    history = HistoryDialog(db, stored, window, loader=lambda: [run])
    history.casesRequested.connect(window.open_cases)
    qtbot.addWidget(history)
    wait_idle(qtbot)
    assert history.cases_button.isEnabled()
    history.cases_button.click()
    wait_idle(qtbot)
    view = window.findChild(CasesView)
    assert "Lauf 7" in view.filters.run_label.text() and view.shown_case_ids() == []
    view.filters.all_runs_button.click()
    wait_idle(qtbot)
    assert view.shown_case_ids() == [1, 2, 3, 4]


def test_the_run_window_offers_the_cases_its_run_opened(qtbot, german):
    from desktop_app.jobs.run_import import RunFileResult, RunResult, RunStatus
    from desktop_app.ui.run_progress import RunNowController, RunProgressDialog

    controller = RunNowController(run=None)  # only its signals are used here
    dialog = RunProgressDialog(controller, "Bank")
    qtbot.addWidget(dialog)
    result = RunResult("Bank", RunStatus.OK, run_id=12)
    result.files = [
        RunFileResult("a.xml", "booked", booked=3, case_ids=[4, 5]),
        RunFileResult("b.xml", "nothing"),
    ]
    controller.finished.emit("Bank", result)
    assert dialog.cases_button.isVisibleTo(dialog)
    assert dialog.cases_button.text() == "&Klärungsfälle (2) …"
    with qtbot.waitSignal(dialog.casesRequested) as requested:
        dialog.cases_button.click()
    assert requested.args == [12]


def test_the_chain_options_hold_the_cases_rules(qtbot, open_window, admin, db):
    from datetime import time

    from desktop_app.domain.interface import CaseOptions
    from desktop_app.store import audit
    from desktop_app.store.audit import AuditLog
    from desktop_app.store.catalog import Catalog

    window = open_window(admin)
    dialog = window.administration.open_chain_options()
    wait_idle(qtbot)  # the stored options are read in the background
    cases = dialog.cases_group
    assert cases.title() == "Klärungsfälle"
    assert not cases.summary_recipient.isEnabled()
    cases.staff_close_check.setChecked(True)
    cases.overdue_spin.setValue(7)
    cases.summary_check.setChecked(True)
    dialog.ok_button.click()
    assert dialog.message_label.text() == (
        "Für die tägliche Zusammenfassung bitte eine E-Mail-Adresse angeben."
    )
    type_into(qtbot, cases.summary_recipient, "buchhaltung@kette.example")
    type_into(qtbot, cases.summary_time, "645")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.ok_button.click()
    assert Catalog(db).chain_options().cases == CaseOptions(
        True, 7, True, time(6, 45), "buchhaltung@kette.example"
    )
    (entry,) = AuditLog(db).entries(action=audit.OPTIONS_CHANGED)
    assert entry.details["fields"] == [
        "cases.overdue_days", "cases.staff_may_close", "cases.summary_enabled",
        "cases.summary_recipient", "cases.summary_time",
    ]  # fmt: skip


def test_a_summary_time_that_is_none_is_called_invalid(qtbot, open_window, admin):
    window = open_window(admin)
    dialog = window.administration.open_chain_options()
    wait_idle(qtbot)  # the stored options are read in the background
    cases = dialog.cases_group
    cases.summary_check.setChecked(True)
    type_into(qtbot, cases.summary_recipient, "buchhaltung@kette.example")
    type_into(qtbot, cases.summary_time, "2500")
    dialog.ok_button.click()
    assert dialog.message_label.text() == (
        "„2500“ ist keine gültige Uhrzeit; bitte HH:MM zwischen 00:00 und 23:59 eingeben."
    )
    assert dialog.isVisible() and cases.summary_time.text() == "2500"


class SqlThreads:
    """The thread of every SQL statement the test database runs while recording."""

    def __init__(self, db):
        from sqlalchemy import event

        self._engine, self._event = db.engine, event
        self.gui = threading.get_ident()
        self.on_gui: list[str] = []
        self.elsewhere = 0

    def _record(self, _conn, _cursor, statement, _params, _context, _many) -> None:
        if threading.get_ident() == self.gui:
            self.on_gui.append(" ".join(statement.split())[:120])
        else:
            self.elsewhere += 1

    def __enter__(self) -> SqlThreads:
        self._event.listen(self._engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc) -> None:
        self._event.remove(self._engine, "before_cursor_execute", self._record)


def test_the_cases_view_never_queries_on_the_gui_thread(qtbot, open_window, admin, db):
    window = open_window(admin)
    wait_idle(qtbot)
    with SqlThreads(db) as sql:
        view = shown_view(qtbot, window)
        view.select_case(2)
        wait_idle(qtbot)
        assign = view.assign()
        qtbot.keyClick(assign.amount_edits[0], Qt.Key.Key_Return)
        wait_idle(qtbot)
        qtbot.waitUntil(lambda: not isValid(assign))
        view.select_case(1)
        wait_idle(qtbot)
        close = view.close_case()
        type_into(qtbot, close.reason_edit, "an Kunden zurücküberwiesen")
        close.submit_button.click()
        wait_idle(qtbot)
        qtbot.waitUntil(lambda: not isValid(close))
        wait_idle(qtbot)
        assert view.shown_case_ids() == [3, 4]  # both actions went through
        view.filters.open_check.setChecked(False)
        wait_idle(qtbot)
        view.select_case(2)
        wait_idle(qtbot)
        view.detail.booking_table.selectRow(0)
        reverse = view.reverse()
        type_into(qtbot, reverse.reason_edit, "falsche Rechnung")
        reverse.submit_button.click()
        wait_idle(qtbot)
        qtbot.waitUntil(lambda: not isValid(reverse))
        wait_idle(qtbot)
    assert view.selected_case.status.value == "open"  # the storno went through
    assert sql.elsewhere > 0  # the recorder saw the work, off the GUI thread
    assert sql.on_gui == []


def test_a_storno_in_the_invoice_view_never_queries_on_the_gui_thread(
    qtbot, open_window, admin, db
):
    CaseDesk(db, CaseActor("chefin", None, True)).assign(
        2, [AllocationRequest(number="RE-2026-0048")]
    )
    window = open_window(admin)
    wait_idle(qtbot)
    # The desk reads the window's session: it is asked for on the GUI thread, not in the work.
    asked_on, make_desk = [], window.case_desk

    def case_desk():
        asked_on.append(threading.get_ident())
        return make_desk()

    window.case_desk = case_desk
    with SqlThreads(db) as sql:
        view = window.open_invoices()
        wait_idle(qtbot)
        view.open_only_check.setChecked(False)
        wait_idle(qtbot)
        view.select_invoice("RE-2026-0048")
        wait_idle(qtbot)
        view.select_booking(view.booking_model._rows[0].id)
        dialog = view.reverse_selected()
        type_into(qtbot, dialog.reason_edit, "falsche Rechnung")
        dialog.submit_button.click()
        wait_idle(qtbot)
        qtbot.waitUntil(lambda: not isValid(dialog))
        wait_idle(qtbot)
    assert open_amount(db, "RE-2026-0048") == Decimal("89.90")
    assert sql.elsewhere > 0
    assert sql.on_gui == []
    assert asked_on and set(asked_on) == {sql.gui}
