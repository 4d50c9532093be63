"""The dialogs of the Klärungsfälle: Zuordnen (book a payment on one or more invoices) and
the reason asked before "Erledigt ohne Buchung" and before a storno.

Both submit through ``Op``: the booking runs on a pool thread, a refusal (more than is
open, a missing right) is shown in the dialog in the user's language, and Enter submits
again after a refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.case_suggestions import Suggestion
from ..domain.formats.text import parse_amount
from ..domain.same_payment import PaymentBookedBefore
from ..jobs.case_desk import AllocationRequest, BookingRecord, CaseDesk, CaseView
from .money_text import money_text
from .ops import error_text
from .widgets.message_label import MessageLabel
from .widgets.submit_dialog import SubmitDialog
from .widgets.wrapped_text import fit_to_text, text_width

CENT = Decimal("0.01")


def amount_input(value: Decimal | None, lang: str) -> str:
    """An amount as the user types it: ``89,90`` (German) or ``89.90``."""
    if value is None:
        return ""
    text = f"{value.quantize(CENT):.2f}"
    return text if lang == "en" else text.replace(".", ",")


class AssignDialog(SubmitDialog):
    """Zuordnen: one amount per chosen invoice (filled in: what is open, at most what is
    left of the payment), and optionally one more invoice by its number."""

    def __init__(
        self,
        desk: CaseDesk,
        case: CaseView,
        chosen: Sequence[Suggestion],
        lang: str = "de",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._desk, self._case, self._lang = desk, case, lang
        self._chosen = list(chosen)
        self.result_parts: Any = None
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Assign payment – case {id}").format(id=case.id))
        heading = self._build_heading()
        hint = QLabel(
            self.tr(
                "An empty amount books what is open on the invoice, at most what is left of "
                "the payment. The booking is dated like the import's and marked “do not "
                "export”."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.message_label = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self._build_grid())
        layout.addWidget(hint)
        layout.addWidget(self.message_label)
        layout.addWidget(self._build_buttons())
        fit_to_text(layout, text_width(self, 56), heading, hint, self.message_label)
        first = self.amount_edits[0] if self.amount_edits else self.number_edit
        first.setFocus()

    def _build_heading(self) -> QLabel:
        case, lang = self._case, self._lang
        remaining = case.remaining
        heading = QLabel(
            self.tr("Payment of {amount} from {payer}; still to place: {remaining}.").format(
                amount=money_text(case.amount, lang) if case.amount is not None else "—",
                payer=case.payer_name or self.tr("an unknown payer"),
                remaining=money_text(remaining, lang)
                if remaining is not None
                else self.tr("the whole open amount of one invoice"),
            )
        )
        heading.setWordWrap(True)
        return heading

    def _build_grid(self) -> QGridLayout:
        """One row per chosen invoice, filled in with what may be booked on it, then
        the row for one more invoice by its number."""
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Invoice")), 0, 0)
        grid.addWidget(QLabel(self.tr("Amount")), 0, 1)
        self.amount_edits: list[QLineEdit] = []
        left = self._case.remaining
        for row, suggestion in enumerate(self._chosen, 1):
            label = QLabel(
                self.tr("{number} (client {mandant}), open {open}").format(
                    number=suggestion.number,
                    mandant=suggestion.mandant,
                    open=money_text(suggestion.open_amount, self._lang),
                )
            )
            amount = suggestion.open_amount if left is None else min(suggestion.open_amount, left)
            if left is not None:
                left -= max(amount, Decimal(0))
            edit = self._amount_edit(amount if amount > 0 else None)
            edit.setAccessibleName(self.tr("Amount for {number}").format(number=suggestion.number))
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            self.amount_edits.append(edit)
        extra_row = len(self._chosen) + 1
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("otherInvoiceEdit")
        self.number_edit.setPlaceholderText(self.tr("Invoice number"))
        other_label = QLabel(self.tr("&Other invoice:"))
        other_label.setBuddy(self.number_edit)
        self.other_amount_edit = self._amount_edit(None)
        self.other_amount_edit.setAccessibleName(self.tr("Amount for the other invoice"))
        grid.addWidget(other_label, extra_row, 0)
        grid.addWidget(self.number_edit, extra_row + 1, 0)
        grid.addWidget(self.other_amount_edit, extra_row + 1, 1)
        return grid

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.submit_button = buttons.addButton(
            self.tr("&Book"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        return buttons

    def _amount_edit(self, value: Decimal | None) -> QLineEdit:
        edit = QLineEdit(amount_input(value, self._lang))
        edit.setPlaceholderText(self.tr("as open"))
        edit.setMaximumWidth(text_width(self, 14))
        return edit

    def busy_widgets(self) -> list[QWidget]:
        return [*self.amount_edits, self.number_edit, self.other_amount_edit, self.submit_button]

    def requests(self) -> list[AllocationRequest]:
        """What the user asked for; ``ValueError`` with a message for a wrong amount."""
        found = [
            AllocationRequest(invoice_id=s.invoice_id, amount=self._amount(edit, s.number))
            for s, edit in zip(self._chosen, self.amount_edits, strict=True)
        ]
        number = self.number_edit.text().strip()
        if number:
            found.append(
                AllocationRequest(
                    number=number, amount=self._amount(self.other_amount_edit, number)
                )
            )
        return found

    def _amount(self, edit: QLineEdit, number: str) -> Decimal | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            value = parse_amount(text, decimal_point=self._lang == "en")
        except ValueError:
            raise ValueError(
                self.tr("The amount for {number} is no amount; write it like {example}.").format(
                    number=number, example=amount_input(Decimal("89.90"), self._lang)
                )
            ) from None
        return value

    def submit(self, *, allow_booked_before: frozenset[int] = frozenset()) -> None:
        """``allow_booked_before``: the bookings of the same payment the person confirmed
        to book past; one made meanwhile is asked about again."""
        if self.busy:
            return
        try:
            requests = self.requests()
        except ValueError as exc:
            self.message_label.show_error(str(exc))
            return
        if not requests:
            self.message_label.show_error(self.tr("Please choose an invoice or type its number."))
            return
        desk, case_id = self._desk, self._case.id
        self._submit(
            lambda: desk.assign(case_id, requests, allow_booked_before=allow_booked_before),
            self._done,
            self._refused,
            self.tr("Booking …"),
        )

    def _refused(self, exc: Exception) -> None:
        self.message_label.show_error(error_text(exc, self._lang))
        # The same payment booked on the invoice already: only the person can tell.
        if isinstance(exc, PaymentBookedBefore) and self.ask_booked_before(exc):
            self.submit(allow_booked_before=frozenset(b.booking_id for b in exc.found))

    def ask_booked_before(self, exc: PaymentBookedBefore) -> bool:
        """Whether the user confirms booking a payment that seems booked already; the
        safe answer (do not book) is the default."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Payment booked already?"),
            error_text(exc, self._lang),
            parent=self,
        )
        box.setObjectName("bookedBeforeQuestion")
        box.setInformativeText(self.tr("Assign anyway?"))
        anyway = box.addButton(self.tr("Assign anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Do not assign"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is anyway

    def _done(self, assigned: Any) -> None:
        self.result_parts = assigned
        self.accept()


class ReasonDialog(SubmitDialog):
    """Asks why (required) before an action that books nothing or takes a booking back."""

    def __init__(
        self,
        title: str,
        explanation: str,
        action: str,
        work: Callable[[str], Any],
        lang: str = "de",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._work, self._lang = work, lang
        self.setObjectName("caseReasonDialog")
        self.setWindowTitle(title)
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        # No maximum length: it would cut a pasted reason silently; the save names the limit.
        label = QLabel(self.tr("&Reason:"))
        label.setBuddy(self.reason_edit)
        self.message_label = MessageLabel()
        buttons = QDialogButtonBox()
        self.submit_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.submit_button.setEnabled(False)
        self.reason_edit.textChanged.connect(
            lambda t: self.submit_button.setEnabled(bool(t.strip()) and not self.busy)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        fit_to_text(layout, text_width(self, 52), text, self.message_label)
        self.reason_edit.setFocus()

    def busy_widgets(self) -> list[QWidget]:
        return [self.reason_edit, self.submit_button]

    def submit(self) -> None:
        reason = self.reason_edit.text()
        if self.busy or not reason.strip():
            return
        work = self._work
        self._submit(
            lambda: work(reason),
            lambda _result: self.accept(),
            lambda exc: self.message_label.show_error(error_text(exc, self._lang)),
            self.tr("Saving …"),
        )


class CloseCaseDialog(ReasonDialog):
    """Erledigt ohne Buchung: the reason, then the case is closed in the background."""

    def __init__(
        self, desk: CaseDesk, case_id: int, lang: str = "de", parent: QWidget | None = None
    ):
        super().__init__(
            self.tr("Close case {id} without booking").format(id=case_id),
            self.tr(
                "Nothing is booked; the case is closed with your reason (e.g. “refunded to "
                "the customer”). It is written to the audit log."
            ),
            self.tr("&Close case"),
            lambda reason: desk.close(case_id, reason),
            lang,
            parent,
        )


class ReverseBookingDialog(ReasonDialog):
    """Stornieren: the reason, then the counter-booking in the background."""

    def __init__(
        self,
        desk: CaseDesk,
        booking: BookingRecord,
        lang: str = "de",
        parent: QWidget | None = None,
    ):
        booking_id = booking.id
        super().__init__(
            self.tr("Reverse booking {id}").format(id=booking_id),
            self.tr(
                "A counter-booking of {amount} on invoice {number}: its open amount returns "
                "and the payment's case is open again. Nothing is deleted; the reversal is "
                "written to the audit log."
            ).format(amount=money_text(booking.amount, lang), number=booking.invoice_number),
            self.tr("&Reverse"),
            lambda reason: desk.reverse(booking_id, reason),
            lang,
            parent,
        )
