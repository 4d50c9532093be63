"""What a settlement plan says: each row's outcome, the matches, the bookings, the checks."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ..formats.records import (
    entry_label,
)
from ..interface import OpenItemGuards
from ..reason_texts import NO_REASON, Reason, note_text

ZERO = Decimal(0)
DEFAULT_MAX_SHARE = Decimal("0.20")


@dataclass(frozen=True)
class GuardConfig:
    """The Offene-Posten guards; all on by default."""

    refuse_empty: bool = True
    refuse_older: bool = True
    max_share: Decimal | None = DEFAULT_MAX_SHARE  # None: no share limit

    @classmethod
    def of(cls, guards: OpenItemGuards) -> GuardConfig:
        share = guards.max_share_percent
        return cls(
            guards.refuse_empty,
            guards.refuse_older,
            None if share is None else Decimal(share) / 100,
        )

    @classmethod
    def off(cls) -> GuardConfig:
        """No guard at all: for a file a person imports once on purpose (audited)."""
        return cls(refuse_empty=False, refuse_older=False, max_share=None)


class RowStatus(enum.StrEnum):
    """What became of a row; the value is the machine-readable reason code (JSON)."""

    BOOKED = "booked"
    OVERPAID = "overpaid"  # the open amount was booked, the surplus is reported
    NOT_MONEY_IN = "not-money-in"  # amount ≤ 0 or a debit
    REVERSAL = "reversal"  # a storno or Generalumkehr
    RETURN = "return"  # a returned payment (Rücklastschrift, Retoure)
    NOT_A_PAYMENT = "not-a-payment"  # DATEV: a customer posting against no bank or cash
    NO_CUSTOMER_ACCOUNT = "no-customer-account"  # DATEV: a line without a Debitor
    PENDING = "pending"  # not yet booked by the bank
    DUPLICATE = "duplicate"  # this transaction was booked before
    POSSIBLE_DUPLICATE = "possible-duplicate"  # equal to a booking from another file
    OTHER_MANDANT = "other-mandant"
    FOREIGN_CURRENCY = "foreign-currency"
    NO_REFERENCE = "no-reference"
    NOT_FOUND = "not-found"
    POSSIBLE_MATCH = "possible-match"  # names a number that only resembles an invoice
    AMBIGUOUS = "ambiguous"
    ALREADY_SETTLED = "already-settled"  # nothing left open, e.g. paid by an earlier row
    # Offene Posten only:
    UNCHANGED = "unchanged"  # open in file = open now
    COMBINED = "combined"  # a further row of the same invoice, added to the first
    OUT_OF_SCOPE = "out-of-scope"  # invoice dated after the settlement date
    NEGATIVE_DIFFERENCE = "negative-difference"  # the file says more is open than is
    CREDIT_NOTE = "credit-note"  # negative open amount in the file


@dataclass(frozen=True, slots=True)
class EarlierBooking:
    """A booking from an earlier file, for telling a row booked before."""

    invoice_id: int
    amount: Decimal | None  # the row's amount in its file; None: "the whole open amount"
    paid_on: date | None  # the row's date in its file (Zahldatum, Belegdatum, bank date)
    file_name: str
    line: int | None
    case_id: int | None = None  # a Klärungsfall that dealt with this row's payment
    #: Another interface whose run booked it (two reading one folder), and when; None:
    #: the interface planning now, or a local file.
    interface: str | None = None
    booked_at: datetime | None = None

    def where_de(self) -> str:
        where = f"Datei „{self.file_name}“"
        if self.case_id is not None:
            where = f"Klärungsfall {self.case_id}, {where}"
        return f"{where}, Zeile {self.line}" if self.line is not None else where


#: Statuses where the row did what it should; every other row is reported.
FINE = {RowStatus.BOOKED, RowStatus.UNCHANGED, RowStatus.COMBINED}


@dataclass(frozen=True, slots=True)
class RowResult:
    line: int | None
    entry_id: str
    reference_raw: str | None
    amount: Decimal | None  # the row's amount (Offene Posten: the open amount in the file)
    status: RowStatus
    invoice_id: int | None = None
    invoice_number: str | None = None
    booked: Decimal = ZERO
    surplus: Decimal = ZERO
    reason: Reason = NO_REASON
    #: Invoices a person may want to look at: possible matches, the several invoices
    #: of an ambiguous row, the invoice a reported storno or return names.
    possible_invoices: tuple[str, ...] = ()
    #: The earlier booking a duplicate or possible duplicate repeats.
    earlier: EarlierBooking | None = None

    @property
    def is_reported(self) -> bool:
        return self.status not in FINE

    @property
    def reason_de(self) -> str:
        return self.reason.text("de")

    def reason_text(self, lang: str = "de") -> str:
        return self.reason.text(lang)

    def where(self, lang: str = "de") -> str:
        """ "Zeile 5", or "Auszug 1, Buchung 4" where the file has no usable lines."""
        if self.line is not None:
            return f"{'Line' if lang == 'en' else 'Zeile'} {self.line}"
        return entry_label(self.entry_id, lang)

    @property
    def where_de(self) -> str:
        return self.where("de")

    def describe_de(self) -> str:
        ref = f" ({self.reference_raw})" if self.reference_raw else ""
        return f"{self.where_de}{ref}: {self.reason_de or 'gebucht'}"


@dataclass(frozen=True, slots=True)
class Match:
    line: int | None
    entry_id: str
    invoice_id: int
    invoice_number: str
    method: str  # "exact" or "digits"


@dataclass(frozen=True, slots=True)
class Booking:
    invoice_id: int
    invoice_number: str
    amount: Decimal
    source_key: str  # stored with the booking; a key already stored never books again
    line: int | None  # None: an Offene-Posten invoice missing from the file
    entry_id: str
    booking_date: date
    exportable: bool = False  # settlement bookings are always "nicht exportieren"
    note_de: str = ""
    paid_amount: Decimal | None = None  # the row's amount as in its file
    paid_on: date | None = None  # the row's date as in its file

    def note(self, lang: str = "de") -> str:
        return note_text(self.note_de, lang)


@dataclass(frozen=True, slots=True)
class GuardResult:
    name: str  # "empty", "older", "share"
    passed: bool
    reason: Reason
    # The share check: its limit in percent, exact (the reason's text rounds it).
    limit_percent: Decimal | None = None

    @property
    def message_de(self) -> str:
        return self.reason.text("de")

    def text(self, lang: str = "de") -> str:
        return self.reason.text(lang)


@dataclass(frozen=True, slots=True)
class PlanTotals:
    rows: int
    booked_rows: int
    bookings: int
    booked_amount: Decimal
    surplus_amount: Decimal
    reported_rows: int
    invoices_settled: int
    invoices_in_scope: int | None = None  # Offene Posten only


@dataclass(frozen=True)
class SettlementPlan:
    """What one file settles. A refused plan has no bookings; its rows still show what
    each row would have done, so the report can explain the refusal."""

    format_id: str
    file_name: str
    booking_date: date
    rows: Sequence[RowResult]  # one per record, in file order (a PlanRows from the planner)
    matches: Sequence[Match]
    bookings: Sequence[Booking]  # empty when refused
    refused_reason: Reason | None
    guards: tuple[GuardResult, ...]
    totals: PlanTotals

    @property
    def refused(self) -> bool:
        return self.refused_reason is not None

    @property
    def refused_reason_de(self) -> str | None:
        return None if self.refused_reason is None else self.refused_reason.text("de")

    def _reported(self) -> Iterable[RowResult]:
        reported = getattr(self.rows, "reported", None)
        if reported is not None:  # PlanRows: without building every fine row first
            return reported()
        return (r for r in self.rows if r.is_reported)

    @property
    def unmatched(self) -> tuple[RowResult, ...]:
        """Rows that booked nothing for a reason the user should see."""
        return tuple(r for r in self._reported() if r.booked == ZERO)

    @property
    def reported(self) -> tuple[RowResult, ...]:
        """Every row with a message, including overpayments that did book."""
        return tuple(self._reported())
