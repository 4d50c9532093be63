"""Klärungsfälle: a payment a corrected file booked directly after its case was opened.
The case desk warns beside the case; Zuordnen on the same invoice asks first, books
nothing on "Nicht zuordnen" and books (audited as confirmed) on "Trotzdem zuordnen"."""

# The fixtures imported are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from decimal import Decimal

from desktop_app.domain.interface import SettleUntil
from desktop_app.jobs.case_desk import CASE_ASSIGNED
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.store.audit import AuditLog
from desktop_app.ui.case_dialogs import AssignDialog
from tests.domain.formats.builders import csv_bytes

from .case_samples import TODAY
from .helpers import answering_message_box, type_into, wait_idle
from .test_cases_view import cases, dialog_of, open_amount, open_window, shown_view  # noqa: F401
from .users_support import FAST, session_window, staff, users  # noqa: F401 - fixtures

HEADER = "Rechnungsnummer;Betrag;Zahldatum;Mandant"


def import_rows(db, name: str, row: str):
    return SettlementEngine(db).run(
        ImportRequest(
            data=csv_bytes(HEADER, row),
            file_name=name,
            format_id="closed-items",
            mandants=("1",),
            settle_until=SettleUntil.YESTERDAY,
            today=TODAY,
        )
    )


def test_assigning_a_payment_a_corrected_file_booked_asks_first(qtbot, open_window, staff, db):
    # 100,00 of the 1.290,00 of RE-2026-0045, first under a mistyped number, then right.
    (case_id,) = import_rows(db, "gp.csv", "RE-2026-0054;100,00;20260310;1").case_ids
    assert import_rows(db, "gp-korr.csv", "RE-2026-0045;100,00;20260310;1").booked_count == 1
    assert open_amount(db, "RE-2026-0045") == Decimal("1190.00")
    view = shown_view(qtbot, open_window(staff))
    view.select_case(case_id)
    wait_idle(qtbot)
    hint = view.detail.booked_before_label
    assert hint.isVisible()
    assert "Vermutlich schon gebucht: 100,00 €" in hint.text() and "gp-korr.csv" in hint.text()

    view.detail.suggestion_table.clearSelection()
    view.assign()
    dialog = dialog_of(qtbot, AssignDialog)
    type_into(qtbot, dialog.number_edit, "RE-2026-0045")
    questions: list[str] = []
    defaults: list[str] = []

    def answer(choice: str):
        def click(box) -> None:
            questions.append(f"{box.text()} {box.informativeText()}")
            defaults.append(box.defaultButton().text())
            buttons = [b for b in box.buttons() if b.text() == choice]
            (buttons[0] if buttons else box.escapeButton()).click()  # never hang on a box

        return click

    with answering_message_box(answer("Nicht zuordnen")) as seen:
        dialog.submit_button.click()
        qtbot.waitUntil(lambda: len(seen) == 1)
        wait_idle(qtbot)
    assert "Diese Zahlung wurde vielleicht schon gebucht" in questions[0]
    assert "gp-korr.csv" in questions[0] and "Buchung" in questions[0]
    assert questions[0].endswith("Trotzdem zuordnen?")
    assert defaults == ["Nicht zuordnen"]  # the safe answer is the default
    assert dialog.isVisible() and "vielleicht schon gebucht" in dialog.message_label.text()
    assert open_amount(db, "RE-2026-0045") == Decimal("1190.00")

    with answering_message_box(answer("Trotzdem zuordnen")) as seen:
        dialog.submit_button.click()
        qtbot.waitUntil(lambda: len(seen) == 1)
        wait_idle(qtbot)
        qtbot.waitUntil(lambda: view.message_label.text() == "Gebucht.")
    assert open_amount(db, "RE-2026-0045") == Decimal("1090.00")
    (entry,) = AuditLog(db).entries(action=CASE_ASSIGNED)
    assert entry.details["confirmed_booked_before"] is True


def test_a_booking_of_the_payment_made_while_the_question_is_open_is_asked_about(
    qtbot, open_window, staff, db
):
    (case_id,) = import_rows(db, "gp.csv", "RE-2026-0054;100,00;20260310;1").case_ids
    assert import_rows(db, "gp-korr.csv", "RE-2026-0045;100,00;20260310;1").booked_count == 1
    view = shown_view(qtbot, open_window(staff))
    view.select_case(case_id)
    wait_idle(qtbot)
    view.detail.suggestion_table.clearSelection()
    view.assign()
    dialog = dialog_of(qtbot, AssignDialog)
    type_into(qtbot, dialog.number_edit, "RE-2026-0045")
    questions: list[str] = []

    def click(box) -> None:
        questions.append(box.text())
        if len(questions) == 1:
            # While the person reads the first question, a run books the payment again.
            again = import_rows(db, "gp-korr2.csv", "RE-2026-0045;100,00;20260311;1")
            assert again.booked_count == 1
            choice = "Trotzdem zuordnen"
        else:
            choice = "Nicht zuordnen"
        buttons = [b for b in box.buttons() if b.text() == choice]
        (buttons[0] if buttons else box.escapeButton()).click()

    with answering_message_box(click) as seen:
        dialog.submit_button.click()
        qtbot.waitUntil(lambda: len(seen) == 2)
        wait_idle(qtbot)
    # Confirmed was the one booking shown; the second is asked about, and declined.
    assert "gp-korr2.csv" not in questions[0] and "gp-korr2.csv" in questions[1]
    assert open_amount(db, "RE-2026-0045") == Decimal("1090.00")
    assert AuditLog(db).entries(action=CASE_ASSIGNED) == []
