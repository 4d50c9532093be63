"""Offene Posten: a CSV list of what is still open per invoice.

DATEV OPOS is the same idea with more column names; both go through ``parse_open_list``.
What a listed or missing invoice means for settlement is the planner's business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .closed_items import MANDANT_HEADERS, MANDANT_LOOK_ALIKE
from .context import ParseContext
from .csv_table import (
    column_map,
    invoice_cell,
    read_header,
    read_rows,
    refuse_look_alikes,
    require_column,
)
from .errors import BadRowError
from .records import ParsedFile, RecordTable
from .text import DecodedText, amount_field, date_field, shorten

FORMAT_ID = "open-items"
DEBIT_CREDIT_LOOK_ALIKE = ("sollhaben", "S/H")
#: The marks of a Soll/Haben column, upper-cased; empty is a debit, as DATEV leaves it.
CREDIT_MARKS = frozenset({"H", "HABEN"})
DEBIT_MARKS = frozenset({"", "S", "SOLL"})


@dataclass(frozen=True)
class OpenListLayout:
    format_id: str
    invoice_headers: tuple[str, ...]
    open_amount_headers: tuple[str, ...]
    #: Optional columns: "mandant", "customer", "date", "due", "debit_credit".
    optional: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def parse_open_list(decoded: DecodedText, ctx: ParseContext, layout: OpenListLayout) -> ParsedFile:
    name = ctx.file_name
    rows = read_rows(decoded.text, file_name=name, max_line_chars=ctx.options.max_line_chars)
    header = read_header(rows, file_name=name)
    columns = column_map(
        header,
        {
            "invoice": layout.invoice_headers,
            "open": layout.open_amount_headers,
            **layout.optional,
        },
    )
    invoice_col = require_column(
        columns, "invoice", "Rechnungsnummer", file_name=name, line=header.line
    )
    open_col = require_column(columns, "open", "Offener Betrag", file_name=name, line=header.line)
    look_alikes = {"mandant": MANDANT_LOOK_ALIKE, "debit_credit": DEBIT_CREDIT_LOOK_ALIKE}
    refuse_look_alikes(
        header,
        columns,
        {k: v for k, v in look_alikes.items() if k in layout.optional},
        file_name=name,
    )
    side_col = columns.get("debit_credit")
    side_label = header.get(side_col) or "Soll/Haben"
    # Column by column, as Geschlossene Posten: a list of every open invoice may have
    # hundreds of thousands of rows, and one ImportRecord a row costs ten times as much.
    records = RecordTable(ctx.file_sha256)
    dates: dict[str, date] = {}  # a list has few distinct dates
    date_col, due_col = columns.get("date"), columns.get("due")
    mandant_col, customer_col = columns.get("mandant"), columns.get("customer")
    for row in rows:
        raw, normalised = invoice_cell(row, invoice_col, file_name=name, label="Rechnungsnummer")
        # An empty amount is read as an error, not as 0: 0 would settle the whole invoice.
        open_amount = amount_field(
            row.get(open_col), file_name=name, line=row.line, field="Offener Betrag"
        )
        mark = row.get(side_col)
        if mark.upper() in CREDIT_MARKS:
            # A credit balance of the customer, e.g. a credit note. A Saldo that already
            # carries its minus says the same: it stays a credit, never an open debt.
            open_amount = -abs(open_amount)
        elif mark.upper() not in DEBIT_MARKS:
            # Read as a debit, an unknown mark could turn a credit note into a payment.
            raise BadRowError(
                f"„{shorten(mark)}“ ist kein Soll/Haben-Kennzeichen (erwartet S oder Soll, "
                "H oder Haben).",
                f"“{shorten(mark)}” is not a debit/credit mark (expected S or Soll, H or Haben).",
                log_en=f"{shorten(mark)!r} is not a debit/credit mark",
                file_name=name,
                line=row.line,
                field=side_label,
            )
        date_raw = row.get(date_col)
        day = None
        if date_raw:
            day = dates.get(date_raw)
            if day is None:
                day = dates[date_raw] = date_field(
                    date_raw, file_name=name, line=row.line, field="Datum"
                )
        due_raw = row.get(due_col)
        records.amounts.append(None)
        records.open_amounts.append(open_amount)
        records.append(
            row.line,
            raw,
            reference=normalised,
            booking_date=day,
            mandant_hint=row.get(mandant_col) or None,
            customer_account=row.get(customer_col) or None,
            free_text=f"Fälligkeit {due_raw}" if due_raw else "",
        )
    return ParsedFile(
        format_id=layout.format_id,
        file_name=name,
        file_sha256=ctx.file_sha256,
        encoding=decoded.encoding,
        records=records,
        data_rows=len(records),
        **ctx.options.dated(),
    )


def parse(decoded: DecodedText, ctx: ParseContext) -> ParsedFile:
    layout = OpenListLayout(
        format_id=FORMAT_ID,
        invoice_headers=ctx.options.invoice_headers,
        open_amount_headers=ctx.options.open_amount_headers,
        optional={"mandant": MANDANT_HEADERS},
    )
    return parse_open_list(decoded, ctx, layout)
