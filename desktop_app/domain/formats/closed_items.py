"""Geschlossene Posten: a CSV list of invoices that have been paid."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .context import ParseContext
from .csv_table import (
    CsvRow,
    column_map,
    invoice_cell,
    read_cells,
    read_header,
    refuse_look_alikes,
    require_column,
)
from .records import ParsedFile, RecordTable
from .text import DecodedText, amount_field, date_field, normalise_invoice_number, parse_cents

FORMAT_ID = "closed-items"

AMOUNT_HEADERS = ("Betrag", "Zahlbetrag")
DATE_HEADERS = ("Zahldatum", "Zahlungsdatum")
MANDANT_HEADERS = ("Mandant", "Mandant-Nr.", "Mandantennummer")
#: Columns that, missing, change what is booked: a header that only resembles them is
#: refused rather than ignored.
AMOUNT_LOOK_ALIKE = ("betrag", "Betrag")
MANDANT_LOOK_ALIKE = ("mandant", "Mandant")


def parse(decoded: DecodedText, ctx: ParseContext) -> ParsedFile:
    name = ctx.file_name
    rows = read_cells(decoded.text, file_name=name, max_line_chars=ctx.options.max_line_chars)
    invoice_col, amount_col, date_col, mandant_col = _columns(rows, ctx)
    records = RecordTable(ctx.file_sha256)
    amounts = records.amounts
    open_amounts = records.open_amounts  # all None here: MoneyColumn keeps no array then
    dates: dict[str, date] = {}  # a file has few distinct payment dates
    # The loop runs once per row of files with up to a million rows: cells are read
    # directly instead of through CsvRow.get, with the same meaning ("" when absent).
    for line, cells in rows:
        count = len(cells)
        raw = cells[invoice_col].strip() if invoice_col < count else ""
        reference = normalise_invoice_number(raw)
        if not reference:  # raises the error naming file, line and field
            invoice_cell(CsvRow(line, cells), invoice_col, file_name=name, label="Rechnungsnummer")
        amount_raw = cells[amount_col].strip() if 0 <= amount_col < count else ""
        if not amount_raw:
            amounts.append(None)
        elif (cents := parse_cents(amount_raw)) is not None:
            amounts.append_cents(cents)
        else:
            amounts.append(amount_field(amount_raw, file_name=name, line=line, field="Betrag"))
        open_amounts.append(None)
        date_raw = cells[date_col].strip() if 0 <= date_col < count else ""
        paid_on = None
        if date_raw:
            paid_on = dates.get(date_raw)
            if paid_on is None:
                paid_on = dates[date_raw] = date_field(
                    date_raw, file_name=name, line=line, field="Zahldatum"
                )
        mandant = cells[mandant_col].strip() if 0 <= mandant_col < count else ""
        records.append(
            line, raw, reference=reference, booking_date=paid_on, mandant_hint=mandant or None
        )
    return ParsedFile(
        format_id=FORMAT_ID,
        file_name=name,
        file_sha256=ctx.file_sha256,
        encoding=decoded.encoding,
        records=records,
        data_rows=len(records),
        **ctx.options.dated(),
    )


def _columns(rows: Iterator[tuple[int, list]], ctx: ParseContext) -> tuple[int, int, int, int]:
    """The invoice, amount, date and Mandant columns; -1 for an absent one, whose cells
    read as "" (as CsvRow.get has them)."""
    name = ctx.file_name
    header = read_header(rows, file_name=name)
    columns = column_map(
        header,
        {
            "invoice": ctx.options.invoice_headers,
            "amount": AMOUNT_HEADERS,
            "date": DATE_HEADERS,
            "mandant": MANDANT_HEADERS,
        },
    )
    invoice_col = require_column(
        columns, "invoice", "Rechnungsnummer", file_name=name, line=header.line
    )
    refuse_look_alikes(
        header,
        columns,
        {"amount": AMOUNT_LOOK_ALIKE, "mandant": MANDANT_LOOK_ALIKE},
        file_name=name,
    )
    amount_col = -1 if columns["amount"] is None else columns["amount"]
    date_col = -1 if columns["date"] is None else columns["date"]
    mandant_col = -1 if columns["mandant"] is None else columns["mandant"]
    return invoice_col, amount_col, date_col, mandant_col
