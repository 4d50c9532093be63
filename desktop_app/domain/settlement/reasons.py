"""The German reasons a plan gives for each row it does not book (or books only in part)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from ..formats.records import (
    AnyRecord,
)
from ..formats.text import format_amount_de
from ..invoice_index import Outcome
from .plan import EarlierBooking, RowStatus


def euro(value: Decimal) -> str:
    return f"{format_amount_de(value)} €"


def duplicate_de(earlier: EarlierBooking | None, line: int | None) -> str:
    if earlier is not None:
        return f"Bereits gebucht ({earlier.where_de()}); nicht noch einmal gebucht."
    if line is not None:
        return f"Bereits gebucht: dieselbe Buchung steht schon in Zeile {line} dieser Datei."
    return "Bereits gebucht: dieselbe Buchung steht schon weiter oben in dieser Datei."


def possible_duplicate_de(earlier: EarlierBooking) -> str:
    return (
        f"Möglicherweise bereits gebucht ({earlier.where_de()}): gleiche Rechnung, gleicher "
        "Betrag, gleiches Datum. Nicht gebucht; bitte prüfen."
    )


def possible_match_de(numbers: Sequence[str]) -> str:
    return (
        f"Möglicher Treffer: {', '.join(numbers)}. Die Nummer in der Zeile gleicht der "
        "Rechnung nur (andere Vorsilbe, nur Ziffern oder ohne Hinweis auf eine Rechnung); "
        "nicht gebucht, bitte prüfen."
    )


UNMATCHED: dict[Outcome, tuple[RowStatus, str]] = {
    Outcome.SAME_NUMBER: (
        RowStatus.AMBIGUOUS,
        "Nicht eindeutig: die Nummer gibt es bei mehreren Mandanten ({numbers}); nicht gebucht.",
    ),
    Outcome.OTHER_MANDANT: (
        RowStatus.NOT_FOUND,
        "Die Rechnung ({numbers}) gehört nicht zum Mandanten der Zeile; nicht gebucht.",
    ),
    Outcome.POSSIBLE: (RowStatus.POSSIBLE_MATCH, ""),
    Outcome.NOT_FOUND: (
        RowStatus.NOT_FOUND,
        "Keine Rechnung mit dieser Nummer bei den gewählten Mandanten.",
    ),
    Outcome.NO_REFERENCE: (
        RowStatus.NO_REFERENCE,
        "Keine Rechnungsnummer der gewählten Mandanten im Text gefunden.",
    ),
}


def money_in_problem(record: AnyRecord) -> tuple[RowStatus, str | None] | None:
    """Status and reason of a row that is no payment received, else ``None``. A reason
    ``None`` follows from the amount (``REASON_FROM_AMOUNTS``)."""
    if record.non_payment is not None:
        status, reason = record.non_payment
        return RowStatus(status), reason
    if record.is_pending:
        return (
            RowStatus.PENDING,
            "Vorgemerkte Buchung (von der Bank noch nicht gebucht); wird nicht verarbeitet.",
        )
    if record.is_reversal:
        return RowStatus.REVERSAL, "Storno/Generalumkehr; wird nie automatisch gebucht."
    if record.is_return:
        return RowStatus.RETURN, "Rücklastschrift oder Rückgabe; wird nicht gebucht."
    if record.is_debit:
        reason = "Abgang (Soll/Lastschrift), kein Zahlungseingang; wird nicht gebucht."
        return RowStatus.NOT_MONEY_IN, reason
    if record.amount is not None and record.amount <= 0:
        return RowStatus.NOT_MONEY_IN, None  # not_positive_reason_de
    return None


def not_positive_reason_de(amount: Decimal) -> str:
    return f"Betrag {euro(amount)} ist nicht positiv; wird nicht gebucht."


def settled_reason_de(surplus: Decimal) -> str:
    reason = "Rechnung ist bereits vollständig ausgeglichen; nichts gebucht."
    if surplus:
        reason += f" Überzahlung {euro(surplus)}."
    return reason


def overpaid_reason_de(booked: Decimal, surplus: Decimal) -> str:
    return (
        f"Überzahlung: {euro(surplus)} mehr als offen; der offene Betrag "
        f"{euro(booked)} wurde gebucht."
    )


#: Reasons that follow from a row's amount, booked and surplus amounts: ``PlanRows``
#: writes them when a row is read instead of keeping a text for each of perhaps
#: 100,000 rows. The planner passes ``None`` as the reason for these.
REASON_FROM_AMOUNTS: dict[RowStatus, Callable[[Decimal, Decimal, Decimal], str]] = {
    RowStatus.NOT_MONEY_IN: lambda amount, booked, surplus: not_positive_reason_de(amount),
    RowStatus.ALREADY_SETTLED: lambda amount, booked, surplus: settled_reason_de(surplus),
    RowStatus.OVERPAID: lambda amount, booked, surplus: overpaid_reason_de(booked, surplus),
}
