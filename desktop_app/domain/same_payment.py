"""A case's payment that another booking may already have placed: the same money
(amount, date, payer) booked on the invoice from another file or case, e.g. by a
corrected file that named the right invoice after the case was opened. Assigning the
case there too would mark money paid twice that came in once.

Pure: what such a booking is, how it is told, and the refusal a person must confirm.
The store finds them (``store.same_payment``); an assignment is refused without that
confirmation, and the case desk shows them beside an open case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .cases import CaseError
from .reason_texts import day, money

#: A bank's booking date and value date (and a file's Zahldatum) may differ by a weekend.
SAME_PAYMENT_DAYS = 3


# ``BookedBefore.text``'s words: (where, file, line, case, booking) per language.
_TEXT_WORDS = {
    "de": ("am {} auf Rechnung {}", "Datei „{}“", "Zeile {}", "Klärungsfall {}", "Buchung {}"),
    "en": ("on {} on invoice {}", "file “{}”", "line {}", "case {}", "booking {}"),
}


@dataclass(frozen=True)
class BookedBefore:
    """A booking (not reversed) of the same payment on one invoice."""

    booking_id: int
    invoice_id: int
    invoice_number: str
    mandant: str
    amount: Decimal
    booking_date: date
    file_name: str
    line: int | None
    case_id: int | None  # made through another Klärungsfall; None: by an import

    def text(self, lang: str = "de") -> str:
        """``am 13.03.2026 auf Rechnung RE-1 (Datei „k.csv“, Zeile 2, Buchung 7)``."""
        lang = "en" if lang == "en" else "de"
        where, file, line, case, booking = _TEXT_WORDS[lang]
        parts = [file.format(self.file_name)]
        if self.line is not None:
            parts.append(line.format(self.line))
        if self.case_id is not None:
            parts.append(case.format(self.case_id))
        parts.append(booking.format(self.booking_id))
        when = where.format(day(self.booking_date, lang), self.invoice_number)
        return f"{when} ({', '.join(parts)})"

    def hint(self, lang: str = "de") -> str:
        """The case desk's warning beside an open case."""
        if lang == "en":
            return (
                f"Probably booked already: {money(self.amount, 'en')} {self.text('en')}. "
                "If it is the same payment, close the case without a booking."
            )
        return (
            f"Vermutlich schon gebucht: {money(self.amount, 'de')} {self.text('de')}. "
            "Ist es dieselbe Zahlung, den Klärungsfall ohne Buchung erledigen."
        )

    def to_json(self) -> dict:
        return {
            "booking": self.booking_id,
            "invoice": self.invoice_number,
            "mandant": self.mandant,
            "amount": str(self.amount),
            "booking_date": self.booking_date.isoformat(),
            "file": self.file_name,
            "line": self.line,
            "case": self.case_id,
        }


class PaymentBookedBefore(CaseError):
    """An assignment refused because the payment seems booked on the invoice already;
    repeated with the person's explicit confirmation, it books (and the audit says so)."""

    def __init__(self, found: Sequence[BookedBefore]) -> None:
        self.found = tuple(found)
        de = "; ".join(b.text("de") for b in self.found)
        en = "; ".join(b.text("en") for b in self.found)
        super().__init__(
            f"Diese Zahlung wurde vielleicht schon gebucht: {de}. Ist es dieselbe Zahlung, "
            "den Klärungsfall bitte ohne Buchung erledigen; sonst die Zuordnung ausdrücklich "
            "bestätigen.",
            f"This payment may have been booked already: {en}. If it is the same payment, "
            "please close the case without a booking; otherwise confirm the assignment "
            "explicitly.",
        )
