"""The ledger's input: invoices from a CSV export of the branch's invoicing.

Columns ``Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;OffenerBetrag`` and the
optional ``Kunde`` (the customer's name, which a Klärungsfall's payer is compared with),
with a header line, decimal comma, dates ``dd.MM.yyyy`` or ISO. Parsing only; the store
loads it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import text_rules
from .formats.errors import BadRowError, UnreadableFileError
from .formats.text import (
    amount_field,
    date_field,
    decode_text,
    normalise_header,
    normalise_invoice_number,
)

COLUMNS = (
    "Rechnungsnummer", "Mandant", "Filiale", "Rechnungsdatum", "Betrag", "OffenerBetrag", "Kunde"
)  # fmt: skip
_KEYS = {normalise_header(c): c for c in COLUMNS}
_REQUIRED = ("Rechnungsnummer", "Mandant", "Rechnungsdatum", "Betrag")
_TEXT_LIMITS = {
    "Rechnungsnummer": text_rules.INVOICE_NUMBER_MAX,
    "Mandant": text_rules.NAME_MAX,
    "Filiale": text_rules.NAME_MAX,
    "Kunde": text_rules.CUSTOMER_NAME_MAX,
}


@dataclass(frozen=True)
class InvoiceRow:
    line: int
    number: str
    mandant: str
    branch: str | None
    invoice_date: date
    amount: Decimal
    open_amount: Decimal
    open_given: bool = True  # False: no OffenerBetrag in the file, taken as the amount
    customer: str | None = None  # Kunde, where the file has the column


def read_invoices(data: bytes, *, file_name: str) -> Iterator[InvoiceRow]:
    """Yield each invoice row; raises a ``FormatError`` naming file, line and field."""
    text = decode_text(data).text
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"')
    index = _column_index(reader, file_name)
    seen: dict[tuple[str, str], InvoiceRow] = {}
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                row = _invoice_row(cells, index, file_name, reader.line_num)
                _check_once(row, seen, file_name)
                yield row
    except csv.Error as exc:
        raise UnreadableFileError(
            "Die Datei ist kein gültiges CSV.",
            "The file is not valid CSV.",
            log_en=f"bad CSV: {exc}",
            file_name=file_name,
            line=reader.line_num,
        ) from None


def _check_once(row: InvoiceRow, seen: dict[tuple[str, str], InvoiceRow], file_name: str) -> None:
    """The ledger holds one invoice per Mandant and normalised number ("RE-1", "re 1"):
    two lines for it would silently become one, so the file is refused."""
    key = (row.mandant, normalise_invoice_number(row.number))
    first = seen.setdefault(key, row)
    if first is not row:
        raise BadRowError(
            f"Die Rechnungsnummer „{row.number}“ meint dieselbe Rechnung des Mandanten "
            f"„{row.mandant}“ wie „{first.number}“ in Zeile {first.line}; die Datei darf "
            "jede Rechnung nur einmal enthalten.",
            f"The invoice number “{row.number}” is the same invoice of client "
            f"“{row.mandant}” as “{first.number}” in line {first.line}; the file may list "
            "each invoice only once.",
            log_en=f"invoice {row.number!r} of Mandant {row.mandant!r} repeats "
            f"{first.number!r} of line {first.line}",
            file_name=file_name,
            line=row.line,
            field="Rechnungsnummer",
        )


def _column_index(reader: Iterator[list[str]], file_name: str) -> dict[str, int]:
    """Each known column's position, from the header line."""
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableFileError(
            "Die Datei ist leer.",
            "The file is empty.",
            log_en="the file is empty",
            file_name=file_name,
        ) from None
    except csv.Error as exc:
        raise UnreadableFileError(
            "Die Kopfzeile ist nicht lesbar.",
            "The header line cannot be read.",
            log_en=f"unreadable header: {exc}",
            file_name=file_name,
        ) from None
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = _KEYS.get(normalise_header(cell))
        if name and name not in index:
            index[name] = position
    missing = [c for c in _REQUIRED if c not in index]
    if missing:
        raise UnreadableFileError(
            "Es fehlen die Spalten " + ", ".join(missing) + ".",
            "The columns " + ", ".join(missing) + " are missing.",
            log_en="missing columns " + ", ".join(missing),
            file_name=file_name,
            line=1,
        )
    return index


def _invoice_row(cells: list[str], index: dict[str, int], file_name: str, line: int) -> InvoiceRow:
    def cell(name: str) -> str:
        position = index.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    for name, limit in _TEXT_LIMITS.items():
        _check_text(cell(name), limit, file_name, line, name)
    number = cell("Rechnungsnummer")
    if not normalise_invoice_number(number):
        raise BadRowError(
            "Die Rechnungsnummer fehlt.",
            "The invoice number is missing.",
            log_en="missing invoice number",
            file_name=file_name,
            line=line,
            field="Rechnungsnummer",
        )
    mandant = cell("Mandant")
    if not mandant:
        raise BadRowError(
            "Der Mandant fehlt.",
            "The client (Mandant) is missing.",
            log_en="missing Mandant",
            file_name=file_name,
            line=line,
            field="Mandant",
        )
    amount = amount_field(cell("Betrag"), file_name=file_name, line=line, field="Betrag")
    raw_open = cell("OffenerBetrag")
    open_amount = (
        amount_field(raw_open, file_name=file_name, line=line, field="OffenerBetrag")
        if raw_open
        else amount
    )
    low, high = sorted((Decimal("0.00"), amount))
    if not low <= open_amount <= high:
        # More open than the invoice is would book a payment beyond it with no
        # overpayment case; a negative open amount is no debt at all.
        raise BadRowError(
            f"Der offene Betrag {raw_open} liegt nicht zwischen 0 und dem Betrag {cell('Betrag')}.",
            f"The open amount {raw_open} is not between 0 and the amount {cell('Betrag')}.",
            log_en=f"open amount {open_amount} outside 0..{amount}",
            file_name=file_name,
            line=line,
            field="OffenerBetrag",
        )
    return InvoiceRow(
        line=line,
        number=number,
        mandant=mandant,
        branch=cell("Filiale") or None,
        invoice_date=date_field(
            cell("Rechnungsdatum"), file_name=file_name, line=line, field="Rechnungsdatum"
        ),
        amount=amount,
        open_amount=open_amount,
        open_given=bool(raw_open),
        customer=" ".join(cell("Kunde").split()) or None,
    )


def _check_text(value: str, limit: int, file_name: str, line: int, field: str) -> None:
    """Names and numbers become branch, Mandant and invoice names: the same rules."""
    problem = text_rules.text_problem(value, limit)
    if problem is not None:
        german, english = problem
        raise BadRowError(
            german,
            english,
            file_name=file_name,
            line=line,
            field=field,
        )
