"""Geschlossene Posten (FORMATS.md §1): a CSV list of invoices that have been paid."""

from __future__ import annotations

from .context import ParseContext
from .csv_table import column_map, invoice_cell, read_header, read_rows, require_column
from .records import ImportRecord, ParsedFile
from .text import DecodedText, amount_field, date_field

FORMAT_ID = "closed-items"

AMOUNT_HEADERS = ("Betrag", "Zahlbetrag")
DATE_HEADERS = ("Zahldatum", "Zahlungsdatum")
MANDANT_HEADERS = ("Mandant", "Mandant-Nr.", "Mandantennummer")


def parse(decoded: DecodedText, ctx: ParseContext) -> ParsedFile:
    name = ctx.file_name
    rows = read_rows(decoded.text, file_name=name, max_line_chars=ctx.options.max_line_chars)
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
    records: list[ImportRecord] = []
    for row in rows:
        raw, normalised = invoice_cell(row, invoice_col, file_name=name, label="Rechnungsnummer")
        amount_raw = row.get(columns["amount"])
        date_raw = row.get(columns["date"])
        amount = (
            amount_field(amount_raw, file_name=name, line=row.line, field="Betrag")
            if amount_raw
            else None
        )
        paid_on = (
            date_field(date_raw, file_name=name, line=row.line, field="Zahldatum")
            if date_raw
            else None
        )
        records.append(
            ImportRecord(
                source=ctx.source(f"L{row.line}", row.line),
                reference_raw=raw,
                reference=normalised,
                amount=amount,
                booking_date=paid_on,
                mandant_hint=row.get(columns["mandant"]) or None,
            )
        )
    return ParsedFile(
        format_id=FORMAT_ID,
        file_name=name,
        file_sha256=ctx.file_sha256,
        encoding=decoded.encoding,
        records=tuple(records),
        data_rows=len(records),
        file_date=ctx.options.file_date,
    )
