"""DATEV OPOS: an open-items list without a fixed layout.

Columns are found by header synonyms; the meaning is that of Offene Posten.
"""

from __future__ import annotations

from .closed_items import MANDANT_HEADERS
from .context import ParseContext
from .open_items import OpenListLayout, parse_open_list
from .options import INVOICE_HEADERS as DEFAULT_INVOICE_HEADERS
from .records import ParsedFile
from .text import DecodedText

FORMAT_ID = "datev-opos"

# DATEV keeps the invoice number in Belegfeld 1; a Belegnummer beside it is the
# posting's own number, so it comes last (earlier synonyms win, see csv_table).
INVOICE_HEADERS = ("Rechnungsnummer", "Rechnungs-Nr.", "Belegfeld 1", "OP-Nummer", "Belegnummer")
EXTRA_INVOICE_HEADERS = ("OP-Nummer",)
CUSTOMER_HEADERS = ("Konto", "Debitor", "Kontonummer", "Debitorennummer", "Personenkonto")
DATE_HEADERS = ("Datum", "Belegdatum", "Rechnungsdatum")
DUE_HEADERS = ("Fälligkeit", "Fällig am", "Fälligkeitsdatum")
DEBIT_CREDIT_HEADERS = ("S/H", "Soll/Haben", "Soll-Haben-Kennzeichen", "SH")

#: Header words that tell an OPOS export apart from the simple Offene-Posten CSV.
MARKER_HEADERS = CUSTOMER_HEADERS + DUE_HEADERS + ("OP-Nummer",)


def parse(decoded: DecodedText, ctx: ParseContext) -> ParsedFile:
    layout = OpenListLayout(
        format_id=FORMAT_ID,
        invoice_headers=_invoice_headers(ctx.options.invoice_headers),
        open_amount_headers=ctx.options.open_amount_headers,
        optional={
            "mandant": MANDANT_HEADERS,
            "customer": CUSTOMER_HEADERS,
            "date": DATE_HEADERS,
            "due": DUE_HEADERS,
            "debit_credit": DEBIT_CREDIT_HEADERS,
        },
    )
    return parse_open_list(decoded, ctx, layout)


def _invoice_headers(configured: tuple[str, ...]) -> tuple[str, ...]:
    """DATEV's order unless the interface brings synonyms of its own (they go first)."""
    if configured == DEFAULT_INVOICE_HEADERS:
        return INVOICE_HEADERS
    return configured + tuple(h for h in INVOICE_HEADERS if h not in configured)
