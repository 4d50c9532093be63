"""The reasons a plan gives for each row it does not book (or books only in part).

Each is a ``Reason`` (code and parameters, texts in ``domain/reason_texts.py``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from ..formats.records import (
    AnyRecord,
)
from ..invoice_index import Outcome
from ..money_text import format_amount_de
from ..reason_texts import Reason
from .plan import EarlierBooking, RowStatus


def euro(value: Decimal) -> str:
    return f"{format_amount_de(value)} €"


def duplicate_reason(earlier: EarlierBooking | None, line: int | None) -> Reason:
    if earlier is not None:
        by: dict[str, str] = {}
        if earlier.interface is not None:  # another interface reading the same folder
            by["interface"] = earlier.interface
            if earlier.booked_at is not None:
                by["at"] = earlier.booked_at.isoformat()
        return Reason.of(
            "duplicate-earlier",
            file=earlier.file_name,
            line=earlier.line,
            case=earlier.case_id,
            **by,
        )
    if line is not None:
        return Reason.of("duplicate-line", line=line)
    return Reason.of("duplicate-above")


def possible_duplicate_reason(earlier: EarlierBooking) -> Reason:
    if earlier.case_id is not None:
        return Reason.of(
            "seen-in-case", case=earlier.case_id, file=earlier.file_name, line=earlier.line
        )
    return Reason.of("possible-duplicate", file=earlier.file_name, line=earlier.line)


def possible_match_reason(numbers: Sequence[str]) -> Reason:
    return Reason.of("possible-match", numbers=", ".join(numbers))


#: The status and reason code of a row whose number names no single invoice; the
#: reason's ``numbers`` are the invoices found (none for POSSIBLE: ``possible_match_reason``).
UNMATCHED: dict[Outcome, tuple[RowStatus, str]] = {
    Outcome.SAME_NUMBER: (RowStatus.AMBIGUOUS, "same-number"),
    Outcome.OTHER_MANDANT: (RowStatus.NOT_FOUND, "invoice-of-other-mandant"),
    Outcome.POSSIBLE: (RowStatus.POSSIBLE_MATCH, "possible-match"),
    Outcome.NOT_FOUND: (RowStatus.NOT_FOUND, "not-found"),
    Outcome.NO_REFERENCE: (RowStatus.NO_REFERENCE, "no-reference"),
}
WITH_NUMBERS = {"same-number", "invoice-of-other-mandant"}


def money_in_problem(record: AnyRecord) -> tuple[RowStatus, Reason | None] | None:
    """Status and reason of a row that is no payment received, else ``None``. A reason
    ``None`` follows from the amount (``REASON_FROM_AMOUNTS``)."""
    if record.non_payment is not None:
        status, reason = record.non_payment
        return RowStatus(status), reason
    if record.is_pending:
        return RowStatus.PENDING, Reason.of("pending")
    if record.is_reversal:
        return RowStatus.REVERSAL, Reason.of("reversal")
    if record.is_return:
        return RowStatus.RETURN, Reason.of("return")
    if record.is_debit:
        return RowStatus.NOT_MONEY_IN, Reason.of("debit")
    if record.amount is not None and record.amount <= 0:
        return RowStatus.NOT_MONEY_IN, None  # not-positive
    return None


#: Reasons that follow from a row's amount, booked and surplus amounts: ``PlanRows``
#: makes them when a row is read instead of keeping one for each of perhaps
#: 100,000 rows. The planner passes ``None`` as the reason for these.
REASON_FROM_AMOUNTS: dict[RowStatus, Callable[[Decimal, Decimal, Decimal], Reason]] = {
    RowStatus.NOT_MONEY_IN: lambda amount, booked, surplus: Reason.of(
        "not-positive", amount=amount
    ),
    RowStatus.ALREADY_SETTLED: lambda amount, booked, surplus: Reason.of(
        "already-settled", surplus=surplus
    ),
    RowStatus.OVERPAID: lambda amount, booked, surplus: Reason.of(
        "overpaid", booked=booked, surplus=surplus
    ),
}
