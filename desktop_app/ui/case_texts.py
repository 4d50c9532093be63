"""What the Klärungsfälle windows call a case's reason and status, in the user's language."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..domain.cases import CaseStatus
from .money_text import money_text

if TYPE_CHECKING:
    from ..jobs.case_desk import CaseView


def reason_labels() -> dict[str, str]:
    """Reason code → a short label (the list's column, the filter)."""
    return {
        "no-reference": QCoreApplication.translate("CaseTexts", "No invoice number"),
        "not-found": QCoreApplication.translate("CaseTexts", "Invoice not found"),
        "possible-match": QCoreApplication.translate("CaseTexts", "Possible match"),
        "ambiguous": QCoreApplication.translate("CaseTexts", "Ambiguous"),
        "overpaid": QCoreApplication.translate("CaseTexts", "Overpaid"),
        "already-settled": QCoreApplication.translate("CaseTexts", "Invoice paid already"),
        "foreign-currency": QCoreApplication.translate("CaseTexts", "Foreign currency"),
        "other-mandant": QCoreApplication.translate("CaseTexts", "Other client"),
        "possible-duplicate": QCoreApplication.translate("CaseTexts", "Possibly booked before"),
        "reversed-booking": QCoreApplication.translate("CaseTexts", "Booking reversed"),
    }


def reason_label(code: str) -> str:
    return reason_labels().get(code, code)


def status_label(status: CaseStatus) -> str:
    return {
        CaseStatus.OPEN: QCoreApplication.translate("CaseTexts", "open"),
        CaseStatus.SETTLED: QCoreApplication.translate("CaseTexts", "assigned"),
        CaseStatus.CLOSED: QCoreApplication.translate("CaseTexts", "closed without booking"),
    }[status]


def case_status_label(case: CaseView) -> str:
    """The list's status: a case closed for the rest of a payment booked in part (an
    overpayment's surplus, say) is not "without booking" as a whole."""
    if case.status is CaseStatus.CLOSED and _booked(case) > 0:
        return QCoreApplication.translate("CaseTexts", "closed, the rest without booking")
    return status_label(case.status)


def case_status_text(case: CaseView, lang: str) -> str:
    """The status with what a person closed without a booking, and why. Bookings may
    stand beside it: the import's or a person's before the rest was closed, and a storno
    opens the case again for what it gives back while the closed part stays closed."""
    status, reason = status_label(case.status), case.close_reason
    if not reason:
        return status
    booked, closed = _booked(case), case.closed_amount
    if case.status is CaseStatus.CLOSED and booked > 0:
        return QCoreApplication.translate(
            "CaseTexts",
            "closed: {booked} booked, the remaining {closed} without booking (“{reason}”)",
        ).format(booked=money_text(booked, lang), closed=money_text(closed, lang), reason=reason)
    if case.status is not CaseStatus.CLOSED and closed > 0:
        return QCoreApplication.translate(
            "CaseTexts", "{status}; {closed} of it closed without booking (“{reason}”)"
        ).format(status=status, closed=money_text(closed, lang), reason=reason)
    return f"{status}: {reason}"  # the whole payment, and nothing of it booked


def _booked(case: CaseView) -> Decimal:
    """What of the case's payment stands booked: by the import and by the case (net)."""
    return case.booked_by_import + case.placed


def age_label(days: int) -> str:
    if days <= 0:
        return QCoreApplication.translate("CaseTexts", "today")
    return QCoreApplication.translate("CaseTexts", "%n day(s)", "", days)
