"""DATEV OPOS: an open-items list without a fixed layout.

Columns are found by header synonyms; the meaning is that of Offene Posten.
"""

from __future__ import annotations

from .closed_items import MANDANT_HEADERS
from .context import ParseContext
from .open_items import OpenListLayout, parse_open_list
from .records import ParsedFile
from .text import DecodedText

FORMAT_ID = "datev-opos"

EXTRA_INVOICE_HEADERS = ("OP-Nummer", "Rechnungs-Nr.", "Belegfeld 1", "Belegnummer")
CUSTOMER_HEADERS = ("Konto", "Debitor", "Kontonummer", "Debitorennummer", "Personenkonto")
DATE_HEADERS = ("Datum", "Belegdatum", "Rechnungsdatum")
DUE_HEADERS = ("Fälligkeit", "Fällig am", "Fälligkeitsdatum")
DEBIT_CREDIT_HEADERS = ("S/H", "Soll/Haben", "Soll-Haben-Kennzeichen", "SH")

#: Header words that tell an OPOS export apart from the simple Offene-Posten CSV.
MARKER_HEADERS = CUSTOMER_HEADERS + DUE_HEADERS + ("OP-Nummer",)


def parse(decoded: DecodedText, ctx: ParseContext) -> ParsedFile:
    layout = OpenListLayout(
        format_id=FORMAT_ID,
        invoice_headers=ctx.options.invoice_headers + EXTRA_INVOICE_HEADERS,
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
