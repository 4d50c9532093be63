"""Klärungsfälle: a payment the import could not book in full, kept until a person has
dealt with it (assigned to invoices, or closed without a booking).

Pure: which rows of a settlement plan become cases (``case_drafts``), the rules of an
assignment (``check_allocations``), and the errors a user can act on, each with a German
message that says what to do. The store keeps the cases; ``jobs`` runs the operations.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .formats.records import AnyRecord, RecordRow, RecordTable
from .money_text import format_amount_de
from .reason_texts import NO_REASON, Reason, money
from .said_error import SaidError
from .settlement import PlanRows, RowResult, RowStatus, SettlementPlan
from .text_rules import EMAIL_MAX, text_problem

ZERO = Decimal("0.00")
TEXT_MAX = 1000  # characters of a payment's text kept with its case
REASON_MAX = 500  # characters of a reason a person gives (close, storno)

#: Rows that are money in and may have been meant for an invoice: each becomes a case.
#: Debits, reversals, returns, pending entries and rows booked before never do.
CASE_STATUSES = frozenset(
    {
        RowStatus.NO_REFERENCE,
        RowStatus.NOT_FOUND,
        RowStatus.POSSIBLE_MATCH,
        RowStatus.AMBIGUOUS,
        RowStatus.OVERPAID,
        RowStatus.ALREADY_SETTLED,
        RowStatus.FOREIGN_CURRENCY,
        RowStatus.OTHER_MANDANT,
        RowStatus.POSSIBLE_DUPLICATE,
    }
)
CASE_CODES = frozenset(s.value for s in CASE_STATUSES)


class CaseStatus(enum.StrEnum):
    OPEN = "open"  # something is left to place
    SETTLED = "settled"  # assigned in full (by a person, or by a later import)
    CLOSED = "closed"  # "Erledigt ohne Buchung", with a reason


@dataclass(frozen=True, slots=True)
class CaseDraft:
    """A case as an import opens it, from one reported row."""

    source_key: str  # the row's transaction identity: the same row never opens two
    line: int | None
    entry_id: str
    where_de: str
    reference: str
    text: str
    payer_name: str
    payer_iban: str
    amount: Decimal | None  # None: the row named no amount ("the whole open amount")
    booked: Decimal  # what the import booked of it (an overpayment's open amount)
    currency: str
    value_date: date | None
    code: str  # the RowStatus value
    reason_de: str
    possible: tuple[str, ...]
    mandant_hint: str | None
    detail: Reason = NO_REASON  # the reason as code and parameters, in either language
    #: The row's identity is the bank's: the same payment in another file has the same
    #: key. Without one, a file sent again makes the same payment a row of a new file.
    by_bank: bool = False


def is_case(row: RowResult) -> bool:
    """Whether a reported row leaves money to place: see ``CASE_STATUSES``."""
    if row.status not in CASE_STATUSES:
        return False
    if row.amount is None:
        # "Settle the whole open amount" of an invoice already paid: nothing came in.
        return row.status is not RowStatus.ALREADY_SETTLED
    return row.amount - row.booked > 0


class CaseRows:
    """The cases a settlement plan opens, read from the plan when they are written: a
    file of a million rows may open many, and none is held longer than its chunk."""

    def __init__(
        self, plan: SettlementPlan, records: Sequence[AnyRecord], known: Collection[str] = ()
    ) -> None:
        """``known``: row keys that have a case already; they open none."""
        self._plan, self._records, self._known = plan, records, known

    def _rows(self) -> Iterator[RowResult]:
        rows = self._plan.rows
        # PlanRows yields its reported rows without building the fine ones first.
        reported = rows.reported() if isinstance(rows, PlanRows) else self._plan.reported
        return (r for r in reported if is_case(r))

    def __iter__(self) -> Iterator[CaseDraft]:
        found = _RecordFinder(self._records)
        known = self._known
        for row in self._rows():
            draft = _draft(row, found(row))
            if draft.source_key not in known:
                yield draft

    def count(self) -> int:
        """How many the plan opens (for a dry run, which opens none)."""
        return sum(1 for _ in self)


def case_drafts(
    plan: SettlementPlan, records: Sequence[AnyRecord], known: Collection[str] = ()
) -> list[CaseDraft]:
    """The cases ``plan`` opens, in file order; ``records`` are the parsed file's."""
    return list(CaseRows(plan, records, known))


class _RecordFinder:
    """The record of a reported row: by line in a ``RecordTable`` (its lines ascend; read
    as the light ``RecordRow``), by entry id otherwise (bank files hold thousands of
    records, not millions)."""

    def __init__(self, records: Sequence[AnyRecord]) -> None:
        self._records = records
        self._by_entry: dict[str, AnyRecord] | None = None

    def __call__(self, row: RowResult) -> AnyRecord:
        records = self._records
        if isinstance(records, RecordTable) and row.line is not None:
            return records.row(bisect_left(range(len(records)), row.line, key=records.line))
        if self._by_entry is None:
            self._by_entry = {r.source.entry_id: r for r in records}  # type: ignore[union-attr]
        return self._by_entry[row.entry_id]


def _text(row: RowResult, record: AnyRecord) -> str:
    if isinstance(record, RecordRow) and not record.free_text:
        # a CSV cell: the reference is all the row says
        return " ".join((row.reference_raw or "").split())
    texts = record.texts
    parts = [row.reference_raw or "", *texts.fields, *texts.free, record.free_text]
    return " ".join(dict.fromkeys(" ".join(p.split()) for p in parts if p and p.strip()))


def _draft(row: RowResult, record: AnyRecord) -> CaseDraft:
    return CaseDraft(
        source_key=record.dedup_key[:255],
        line=row.line,
        entry_id=row.entry_id,
        where_de=row.where_de,
        reference=(row.reference_raw or "")[:255],
        text=_text(row, record)[:TEXT_MAX],
        payer_name=(record.counterparty_name or "").strip()[:200],
        payer_iban=normalise_iban(record.counterparty_iban or ""),
        amount=row.amount,
        booked=row.booked,
        currency=(record.currency or "EUR").upper()[:3],
        value_date=record.value_date or record.booking_date,
        code=row.status.value,
        reason_de=row.reason_de[:2000],
        possible=row.possible_invoices,
        mandant_hint=record.mandant_hint,
        detail=row.reason,
        by_bank=record.bank_reference,
    )


def normalise_iban(raw: str) -> str:
    """Upper case without spaces: how an IBAN is compared (at most 34 characters)."""
    return "".join(raw.split()).upper()[:34]


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")


def summary_recipient_problem(recipient: str) -> tuple[str, str] | None:
    """(German, English) of what is wrong with the daily summary's recipient, or None."""
    address = recipient.strip()
    if not address:
        return (
            "Für die tägliche Zusammenfassung bitte eine E-Mail-Adresse angeben.",
            "the daily summary needs an e-mail address",
        )
    problem = text_problem(address, EMAIL_MAX)
    if problem is not None:
        return problem
    if not _EMAIL.fullmatch(address):
        return (
            "Die E-Mail-Adresse der Zusammenfassung ist ungültig (Beispiel: name@firma.de).",
            "the summary's e-mail address is not valid",
        )
    return None


def euro(amount: Decimal) -> str:
    return f"{format_amount_de(amount)} €"


# -- errors a user can act on ---------------------------------------------------------------


class CaseError(SaidError):
    """A case operation refused; ``message_de`` and ``message_en`` say why and what to do."""

    def __init__(self, message_de: str, message_en: str) -> None:
        super().__init__(message_de, _sentence(message_en), log_en=message_en)


def _sentence(text: str) -> str:
    """A text as a sentence: a capital first, a full stop last (texts given by callers)."""
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if not text or text.endswith((".", "!", "?")) else text + "."


class CaseNotFound(CaseError, LookupError):
    def __init__(self, case_id: int) -> None:
        super().__init__(
            f"Den Klärungsfall {case_id} gibt es nicht.", f"There is no case {case_id}."
        )


class RunNotFound(CaseError, LookupError):
    def __init__(self, run_id: int) -> None:
        super().__init__(f"Den Lauf {run_id} gibt es nicht.", f"There is no run {run_id}.")


class CaseCodeNotFound(CaseError, LookupError):
    def __init__(self, code: str, known: Collection[str]) -> None:
        names = ", ".join(sorted(known))
        super().__init__(
            f"Den Grund-Code „{code}“ gibt es nicht; es gibt: {names}.",
            f"There is no reason code “{code}”; there are: {names}.",
        )


class CaseNotOpen(CaseError):
    def __init__(self, case_id: int, status: CaseStatus) -> None:
        if status is CaseStatus.SETTLED:
            super().__init__(
                f"Der Klärungsfall {case_id} ist bereits zugeordnet; er wird erst durch das "
                "Stornieren einer seiner Buchungen wieder offen.",
                f"Case {case_id} is assigned already; only reversing one of its bookings "
                "opens it again.",
            )
            return
        # What was closed without a booking (refunded, not ours) is never placed again;
        # a storno opens only what it gives back.
        super().__init__(
            f"Der Klärungsfall {case_id} ist bereits ohne Buchung erledigt; was so erledigt "
            "ist, wird nicht mehr zugeordnet. Nur das Stornieren einer seiner Buchungen "
            "öffnet ihn wieder, für deren Betrag.",
            f"Case {case_id} is closed without a booking already; what was closed so is not "
            "assigned any more. Only reversing one of its bookings opens it again, for that "
            "booking's amount.",
        )


class CaseNotAllowed(CaseError):
    """An action the user's group may not take."""

    def __init__(self, message_de: str, message_en: str) -> None:
        super().__init__(message_de, message_en)


class ReasonRequired(CaseError, ValueError):
    def __init__(self, what_de: str, what_en: str, problem: tuple[str, str] | None = None):
        if problem is None:
            super().__init__(
                f"Bitte einen Grund {what_de} angeben.", f"Please give a reason {what_en}."
            )
        else:
            super().__init__(f"Der Grund: {problem[0]}", f"The reason: {problem[1]}")


class InvoiceNotFound(CaseError, LookupError):
    """An invoice number looked for at a case's Mandanten (``mandants``), at the one
    Mandant a person named (``named``), or in the whole ledger (neither)."""

    def __init__(
        self, number: str, mandants: Iterable[str] = (), *, named: str | None = None
    ) -> None:
        names = ", ".join(mandants)
        if named is not None:
            where_de, where_en = f" beim Mandanten „{named}“", f" for the client “{named}”"
        elif names:
            where_de = f" bei den Mandanten des Falls ({names})"
            where_en = f" for the case's clients ({names})"
        else:
            where_de = where_en = ""
        super().__init__(
            f"Die Rechnung „{number}“ gibt es{where_de} nicht.",
            f"There is no invoice “{number}”{where_en}.",
        )


class InvoiceAmbiguous(CaseError, LookupError):
    def __init__(self, number: str, mandants: Iterable[str]) -> None:
        names = ", ".join(mandants)
        super().__init__(
            f"Die Rechnungsnummer „{number}“ gibt es bei mehreren Mandanten ({names}); "
            "bitte den Mandanten angeben.",
            f"The invoice number “{number}” exists for several clients ({names}); "
            "please name the client.",
        )


class AllocationError(CaseError, ValueError):
    """An assignment that would book more than is open or was paid, or nothing."""


class CurrencyNotAssignable(CaseError):
    def __init__(self, currency: str) -> None:
        super().__init__(
            f"Die Zahlung lautet auf {currency}; wie viel Euro angekommen sind, steht nicht "
            "in der Datei. Bitte den Euro-Betrag mit der Buchhaltung klären und den Fall "
            "„Erledigt ohne Buchung“ schließen.",
            f"The payment is in {currency}; the file does not say how many euros arrived. "
            "Please settle the euro amount with the accountant and close the case “without "
            "a booking”.",
        )


class BookingNotFound(CaseError, LookupError):
    def __init__(self, booking_id: int) -> None:
        super().__init__(
            f"Die Buchung {booking_id} gibt es nicht.", f"There is no booking {booking_id}."
        )


class NotReversible(CaseError):
    def __init__(self, booking_id: int, *, counter: bool) -> None:
        if counter:
            super().__init__(
                f"Die Buchung {booking_id} ist selbst eine Stornobuchung; sie wird nicht "
                "storniert. Die Zahlung bitte über ihren Klärungsfall neu zuordnen.",
                f"Booking {booking_id} is a reversal itself and is not reversed. Please "
                "assign the payment again through its case.",
            )
        else:
            super().__init__(
                f"Die Buchung {booking_id} ist bereits storniert.",
                f"Booking {booking_id} is reversed already.",
            )


class LedgerChanged(CaseError):
    """Someone booked on the invoice meanwhile; reading again and retrying helps."""

    def __init__(self) -> None:
        super().__init__(
            "Die Rechnung wurde inzwischen anderweitig gebucht; bitte neu laden und "
            "noch einmal versuchen.",
            "Someone else booked on the invoice meanwhile; please reload and try again.",
        )


# -- the rules of an assignment -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Allocation:
    """Part of a payment for one invoice; ``amount`` None: as much as may be booked."""

    invoice_id: int
    invoice_number: str
    open_amount: Decimal
    amount: Decimal | None = None


def check_allocations(
    allocations: Sequence[Allocation], remaining: Decimal | None
) -> list[tuple[Allocation, Decimal]]:
    """The amount to book on each invoice, or ``AllocationError`` saying what is wrong.

    ``remaining`` is what is left of the payment; ``None`` for a row without an amount
    ("the whole open amount"), which pays one invoice only. No invoice gets more than is
    open on it, nor all of them together more than is left of the payment.
    """
    if not allocations:
        raise AllocationError(
            "Bitte mindestens eine Rechnung wählen.", "Please choose at least one invoice."
        )
    ids = [a.invoice_id for a in allocations]
    if len(set(ids)) != len(ids):
        raise AllocationError(
            "Jede Rechnung bitte nur einmal wählen.", "Please choose each invoice only once."
        )
    if remaining is None and len(allocations) > 1:
        raise AllocationError(
            "Die Zeile nennt keinen Betrag: sie bezahlt genau eine Rechnung.",
            "The row names no amount: it pays exactly one invoice.",
        )
    left = remaining
    planned: list[tuple[Allocation, Decimal]] = []
    for allocation in allocations:
        amount = _allocation_amount(allocation, left)
        planned.append((allocation, amount))
        if left is not None:
            left -= amount
    return planned


def _allocation_amount(allocation: Allocation, left: Decimal | None) -> Decimal:
    number, open_amount = allocation.invoice_number, allocation.open_amount
    if open_amount <= 0:
        raise AllocationError(
            f"Auf der Rechnung {number} ist nichts mehr offen.",
            f"Nothing is open on invoice {number} any more.",
        )
    if left is not None and left <= 0:
        raise AllocationError(
            "Von der Zahlung ist nichts mehr übrig.", "Nothing of the payment is left."
        )
    amount = allocation.amount
    if amount is None:
        amount = open_amount if left is None else min(open_amount, left)
    if amount != amount.quantize(Decimal("0.01")) or amount <= 0:
        raise AllocationError(
            f"Der Betrag für {number} muss positiv sein und höchstens zwei Nachkommastellen haben.",
            f"The amount for {number} must be positive, with at most two decimals.",
        )
    if amount > open_amount:
        raise AllocationError(
            f"Auf der Rechnung {number} sind nur {euro(open_amount)} offen, nicht {euro(amount)}.",
            f"Only {money(open_amount, 'en')} is open on invoice {number}, "
            f"not {money(amount, 'en')}.",
        )
    if left is not None and amount > left:
        raise AllocationError(
            f"Von der Zahlung sind nur noch {euro(left)} übrig, nicht {euro(amount)}.",
            f"Only {money(left, 'en')} of the payment is left, not {money(amount, 'en')}.",
        )
    return amount.quantize(Decimal("0.01"))


def remaining_amount(
    amount: Decimal | None, booked_by_import: Decimal, placed: Decimal, closed: Decimal = ZERO
) -> Decimal | None:
    """What is left to place of a payment: its amount less what the import booked, the
    case's bookings (a storno counts back) and what a person closed without a booking.
    ``None``: a row without an amount that no booking places now."""
    if amount is None:
        return None if booked_by_import + placed <= 0 else ZERO
    return amount - booked_by_import - placed - closed
