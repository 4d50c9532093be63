"""What the Klärungsfälle windows call a case's reason and status, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..domain.cases import CaseStatus


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


def age_label(days: int) -> str:
    if days <= 0:
        return QCoreApplication.translate("CaseTexts", "today")
    return QCoreApplication.translate("CaseTexts", "%n day(s)", "", days)
