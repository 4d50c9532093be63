"""Which invoices a row names: the ledger's own numbers, as the row writes them.

A row's reference is every invoice number of the chosen Mandanten that stands in the
row's reference field or text as a whole token (``formats/references.py``). A number
that only resembles an invoice (another prefix, digits alone) is never taken: the row
names it as a possible match, for a person to decide.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .formats.records import AnyRecord
from .formats.text import digits_key, normalise_invoice_number

#: How many possible invoices a row names at most.
MAX_POSSIBLE = 5


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    id: int
    number: str
    mandant: str
    branch: str | None
    invoice_date: date
    amount: Decimal
    open_amount: Decimal


class MandantNames:
    """Whether a Mandant named in a file is one of the ledger's.

    ``"1"`` and ``"01"`` name the same Mandant (a spreadsheet drops leading zeros), but
    only while the ledger keeps no two Mandanten that differ only in them: where it
    has both, a file's ``"01"`` is that Mandant and no other. Anything else compares as
    written.
    """

    def __init__(self, ledger: Iterable[str] = ()) -> None:
        keys = Counter(_number_key(name) for name in {name.strip() for name in ledger})
        self._kept_apart = frozenset(key for key, count in keys.items() if count > 1)

    def same(self, a: str, b: str) -> bool:
        if a == b:  # the usual case, and equal before stripping means equal after
            return True
        a, b = a.strip(), b.strip()
        if a == b:
            return True
        return (
            a.isdigit() and b.isdigit() and int(a) == int(b) and str(int(a)) not in self._kept_apart
        )


def _number_key(name: str) -> str:
    return str(int(name)) if name.isdigit() else name


class Outcome(enum.Enum):
    ONE = "one"  # one invoice: book on it
    SEVERAL = "several"  # several invoices with different numbers: book when the sum fits
    SAME_NUMBER = "same-number"  # one number, invoices of several Mandanten
    OTHER_MANDANT = "other-mandant"  # the number is only that of another Mandant's invoice
    POSSIBLE = "possible"  # only look-alike numbers
    NOT_FOUND = "not-found"  # a reference field without a known number
    NO_REFERENCE = "no-reference"  # nothing that names an invoice


@dataclass(frozen=True, slots=True)
class RowMatch:
    outcome: Outcome
    invoices: tuple[OpenInvoice, ...] = ()
    method: str = ""  # "exact": the reference field as it is; "text": found in a text
    possible: tuple[str, ...] = ()  # invoice numbers, for a person
    possible_invoices: tuple[OpenInvoice, ...] = ()


_NO_REFERENCE = RowMatch(Outcome.NO_REFERENCE)
_NOT_FOUND = RowMatch(Outcome.NOT_FOUND)


class InvoiceIndex:
    """The invoices of the chosen Mandanten by normalised number and by digits."""

    def __init__(
        self, invoices: Iterable[OpenInvoice], mandants: MandantNames | None = None
    ) -> None:
        self._same_mandant = (mandants or MandantNames()).same
        # A number's invoices, as a list only where there are several: one list per
        # invoice would be as many objects more for the garbage collector to scan.
        self._by_number: dict[str, OpenInvoice | list[OpenInvoice]] = {}
        by_number = self._by_number
        for invoice in invoices:
            number = normalise_invoice_number(invoice.number)
            known = by_number.get(number)
            if known is None:
                by_number[number] = invoice
            elif isinstance(known, list):
                known.append(invoice)
            else:
                by_number[number] = [known, invoice]
        self._digits: dict[str, OpenInvoice | list[OpenInvoice]] | None = None
        self.knows = by_number.__contains__  # once per candidate of every row

    def with_number(self, number: str) -> Sequence[OpenInvoice]:
        return _as_sequence(self._by_number.get(number))

    def with_digits(self, digits: str) -> Sequence[OpenInvoice]:
        """The invoices whose number has these digits (``digits_key``), in index order."""
        return _as_sequence(self._by_digits.get(digits))

    @property
    def _by_digits(self) -> dict[str, OpenInvoice | list[OpenInvoice]]:
        # Built when a row first needs look-alikes, which not every chunk of a file does:
        # an Offene-Posten list with one unknown number builds it for every open invoice.
        # As _by_number, a list only where several invoices share the digits: a list
        # each would cost 30 MB more for 300,000 invoices.
        if self._digits is None:
            by_digits: dict[str, OpenInvoice | list[OpenInvoice]] = {}
            for number, found in self._by_number.items():
                digits = digits_key(number)
                if not digits:
                    continue
                known = by_digits.get(digits)
                if known is None:
                    # A number's list is copied: extended here, it must not change that
                    # number's own invoices.
                    by_digits[digits] = found if isinstance(found, OpenInvoice) else list(found)
                elif isinstance(known, list):
                    known.extend(_as_sequence(found))
                else:
                    by_digits[digits] = [known, *_as_sequence(found)]
            self._digits = by_digits
        return self._digits

    def match(self, record: AnyRecord) -> OpenInvoice | RowMatch:
        """The invoice ``record`` names (the usual row: returned as it is), or why not."""
        hint = record.mandant_hint
        reference = record.reference
        if reference and record.reference_alone:
            found = self._by_number.get(reference)
            if isinstance(found, OpenInvoice) and (
                not hint or self._same_mandant(found.mandant, hint)
            ):
                return found
        references = record.references(self.knows)
        if not references.strong:
            possible = self._possible(record, references.weak, hint)
            if possible:
                return RowMatch(Outcome.POSSIBLE, (), "", _numbers(possible), possible)
            # A reference without a digit is a bank's purpose text, not a number that
            # is missing from the ledger: say that no invoice number was found.
            named = reference and any(c.isdigit() for c in reference)
            return _NOT_FOUND if named else _NO_REFERENCE
        method = "exact" if references.strong == (reference,) else "text"
        invoices: dict[int, OpenInvoice] = {}
        elsewhere: list[OpenInvoice] = []
        for number in references.strong:
            for invoice in self.with_number(number):
                if hint and not self._same_mandant(invoice.mandant, hint):
                    elsewhere.append(invoice)
                else:
                    invoices[invoice.id] = invoice
        chosen = tuple(invoices.values())
        if not chosen:
            return RowMatch(Outcome.OTHER_MANDANT, (), "", _numbers(elsewhere), tuple(elsewhere))
        if len(chosen) == 1:
            return RowMatch(Outcome.ONE, chosen, method)
        numbers = {normalise_invoice_number(i.number) for i in chosen}
        outcome = Outcome.SEVERAL if len(numbers) == len(chosen) else Outcome.SAME_NUMBER
        return RowMatch(outcome, chosen, method, _numbers(chosen), chosen)

    def _possible(
        self, record: AnyRecord, weak: Sequence[str], hint: str | None
    ) -> tuple[OpenInvoice, ...]:
        """Invoices a person may mean: digits-alone numbers the ledger has, and invoices
        whose digits equal those of a number in the row (``GS-2026-0001`` for
        ``RE-2026-0001``)."""
        found: dict[int, OpenInvoice] = {}
        for number in weak:
            for invoice in self.with_number(number):
                found[invoice.id] = invoice
        for key in sorted(record.lookup_keys()):
            digits = digits_key(key)
            for invoice in self.with_digits(digits) if digits else ():
                found[invoice.id] = invoice
        chosen = [i for i in found.values() if not hint or self._same_mandant(i.mandant, hint)]
        chosen.sort(key=lambda i: i.number)
        return tuple(chosen[:MAX_POSSIBLE])


def _numbers(invoices: Iterable[OpenInvoice]) -> tuple[str, ...]:
    return tuple(sorted({i.number for i in invoices}))


def _as_sequence(found: OpenInvoice | list[OpenInvoice] | None) -> Sequence[OpenInvoice]:
    if found is None:
        return ()
    return found if isinstance(found, list) else (found,)
