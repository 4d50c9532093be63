"""DATEV Buchungsstapel (FORMATS.md §3): EXTF/DTVF, category 21.

Line 1 is the format header, line 2 the column headings (ignored: columns are read by
position, because headings differ between DATEV versions), data from line 3.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from .context import ParseContext
from .csv_table import CsvRow, read_rows
from .errors import BadRowError, ClientMismatchError, WrongFormatError
from .options import DatevClient
from .records import ImportRecord, ParsedFile, RowWarning
from .references import find_invoice_references
from .text import DecodedText, amount_field, normalise_invoice_number, shorten

FORMAT_ID = "datev-extf"
CATEGORY_POSTINGS = "21"

# 1-based positions from the DATEV format description, as named in FORMATS.md.
H_CREATED = 6  # erzeugt am, YYYYMMDDHHMMSSFFF
H_BERATER = 11
H_MANDANT = 12
H_ACCOUNT_LENGTH = 14  # Sachkontenlänge
H_FROM = 15  # Datum vom: the year of every Belegdatum
H_TO = 16
H_TITLE = 17
H_CURRENCY = 22
C_AMOUNT = 1  # Umsatz, unsigned
C_SIDE = 2  # Soll/Haben, refers to Konto
C_CURRENCY = 3
C_ACCOUNT = 7  # Konto
C_CONTRA = 8  # Gegenkonto
C_DOC_DATE = 10  # Belegdatum TTMM
C_DOC_FIELD1 = 11  # Belegfeld 1: the invoice number
C_DISCOUNT = 13  # Skonto
C_TEXT = 14  # Buchungstext
C_REVERSAL = 118  # Generalumkehr

_FIRST_LINE = re.compile(rb'^(?:\xef\xbb\xbf)?"?(EXTF|DTVF)"?;[^;\r\n]*;"?(\d+)"?')


def looks_like(head: bytes) -> bool:
    m = _FIRST_LINE.match(head)
    return bool(m) and m.group(2).decode() == CATEGORY_POSTINGS


def _cell(row: CsvRow, position: int) -> str:
    return row.get(position - 1)


def _header_int(header: CsvRow, position: int, label: str, file_name: str) -> int | None:
    raw = _cell(header, position)
    if not raw:
        return None
    if not raw.isdigit():
        raise BadRowError(
            f"„{shorten(raw)}“ ist keine Zahl.",
            f"{shorten(raw)!r} is not a number",
            file_name=file_name,
            line=header.line,
            field=label,
        )
    return int(raw)


def _header_date(header: CsvRow, position: int, label: str, file_name: str) -> date | None:
    raw = _cell(header, position)[:8]  # "erzeugt am" carries a time after the date
    if not raw:
        return None
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError:
        raise BadRowError(
            f"„{shorten(raw)}“ ist kein Datum (erwartet JJJJMMTT).",
            f"{shorten(raw)!r} is not a date (YYYYMMDD)",
            file_name=file_name,
            line=header.line,
            field=label,
        ) from None


def _check_client(
    berater: int | None, mandant: int | None, clients: tuple[DatevClient, ...], file_name: str
) -> str | None:
    """The Mandant whose DATEV numbers the header carries; refuses foreign files."""
    configured = [c for c in clients if c.berater is not None or c.client is not None]
    if not configured:
        return None
    for client in configured:
        if client.berater not in (None, berater) or client.client not in (None, mandant):
            continue
        return client.mandant
    raise ClientMismatchError(
        f"Die Datei gehört zu Beraternummer {berater}, Mandantennummer {mandant}; "
        "das passt zu keinem Mandanten der Schnittstelle.",
        f"the file is for adviser {berater}, client {mandant}, which matches no Mandant",
        file_name=file_name,
        line=1,
        field="Mandantennummer",
    )


def _document_date(raw: str, period_from: date | None, row: CsvRow, file_name: str) -> date | None:
    """``TTMM`` with the year of "Datum vom"; a batch over New Year rolls into the next year."""
    if not raw:
        return None
    digits = raw.zfill(4)  # spreadsheet tools drop the leading zero of "0503"
    if not digits.isdigit() or len(digits) != 4 or period_from is None:
        raise BadRowError(
            f"„{shorten(raw)}“ ist kein Belegdatum (erwartet TTMM; im Kopf muss „Datum vom“ "
            "gesetzt sein).",
            f"{shorten(raw)!r} is not a document date (DDMM, needs 'Datum vom')",
            file_name=file_name,
            line=row.line,
            field="Belegdatum",
        )
    try:
        day = date(period_from.year, int(digits[2:]), int(digits[:2]))
        return day if day >= period_from else day.replace(year=period_from.year + 1)
    except ValueError:
        raise BadRowError(
            f"„{raw}“ ist kein gültiges Belegdatum.",
            f"{raw!r} is not a valid document date",
            file_name=file_name,
            line=row.line,
            field="Belegdatum",
        ) from None


def _is_customer(account: str, account_length: int) -> bool:
    # Personenkonten are one digit longer than Sachkonten; DATEV's convention puts
    # Debitoren at 1xxxx-6xxxx and Kreditoren at 7xxxx-9xxxx, so a supplier is never taken.
    return account.isdigit() and len(account) == account_length + 1 and account[0] in "123456"


def parse(decoded: DecodedText, ctx: ParseContext) -> ParsedFile:
    name = ctx.file_name
    rows = read_rows(decoded.text, file_name=name, max_line_chars=ctx.options.max_line_chars)
    header = next(rows, None)
    if header is None or _cell(header, 1) not in ("EXTF", "DTVF"):
        raise WrongFormatError(
            'Die erste Zeile ist kein DATEV-Kopf ("EXTF" oder "DTVF").',
            "the first line is not a DATEV header (EXTF/DTVF)",
            file_name=name,
            line=1,
        )
    if _cell(header, 3) != CATEGORY_POSTINGS:
        raise WrongFormatError(
            f"Datenkategorie {shorten(_cell(header, 3))} ist kein Buchungsstapel (21).",
            "the data category is not 21 (postings)",
            file_name=name,
            line=header.line,
            field="Datenkategorie",
        )
    berater = _header_int(header, H_BERATER, "Beraternummer", name)
    client = _header_int(header, H_MANDANT, "Mandantennummer", name)
    account_length = _header_int(header, H_ACCOUNT_LENGTH, "Sachkontenlänge", name)
    if account_length is None or not 4 <= account_length <= 8:
        raise BadRowError(
            "Die Sachkontenlänge fehlt oder liegt nicht zwischen 4 und 8.",
            "the account length is missing or not between 4 and 8",
            file_name=name,
            line=header.line,
            field="Sachkontenlänge",
        )
    period_from = _header_date(header, H_FROM, "Datum vom", name)
    created = _header_date(header, H_CREATED, "Erzeugt am", name)
    currency = _cell(header, H_CURRENCY) or "EUR"
    mandant_hint = _check_client(berater, client, ctx.options.datev_clients, name)
    next(rows, None)  # the column headings

    records: list[ImportRecord] = []
    warnings: list[RowWarning] = []
    data_rows = 0
    for row in rows:
        data_rows += 1
        record = _record(row, ctx, account_length, period_from, currency, mandant_hint)
        if isinstance(record, RowWarning):
            warnings.append(record)
        else:
            records.append(record)
    return ParsedFile(
        format_id=FORMAT_ID,
        file_name=name,
        file_sha256=ctx.file_sha256,
        encoding=decoded.encoding,
        records=tuple(records),
        data_rows=data_rows,
        file_date=created or ctx.options.file_date,
        header={
            "Beraternummer": str(berater or ""),
            "Mandantennummer": str(client or ""),
            "Sachkontenlänge": str(account_length),
            "Datum vom": _cell(header, H_FROM),
            "Datum bis": _cell(header, H_TO),
            "Bezeichnung": _cell(header, H_TITLE),
            "WKZ": currency,
        },
        warnings=tuple(warnings),
    )


def _record(
    row: CsvRow,
    ctx: ParseContext,
    account_length: int,
    period_from: date | None,
    currency: str,
    mandant_hint: str | None,
) -> ImportRecord | RowWarning:
    name = ctx.file_name
    turnover = amount_field(_cell(row, C_AMOUNT), file_name=name, line=row.line, field="Umsatz")
    if turnover < 0:
        raise BadRowError(
            "Der Umsatz muss ohne Vorzeichen stehen; die Richtung steht in Soll/Haben.",
            "the amount must be unsigned",
            file_name=name,
            line=row.line,
            field="Umsatz",
        )
    side = _cell(row, C_SIDE).upper()
    if side not in ("S", "H"):
        raise BadRowError(
            f"„{shorten(side)}“ ist kein Soll/Haben-Kennzeichen (S oder H).",
            f"{shorten(side)!r} is not S or H",
            file_name=name,
            line=row.line,
            field="Soll/Haben-Kennzeichen",
        )
    discount_raw = _cell(row, C_DISCOUNT)
    discount = (
        amount_field(discount_raw, file_name=name, line=row.line, field="Skonto")
        if discount_raw
        else Decimal(0)
    )
    account, contra = _cell(row, C_ACCOUNT), _cell(row, C_CONTRA)
    flip = {"S": "H", "H": "S"}
    if _is_customer(account, account_length):
        customer, customer_side = account, side
    elif _is_customer(contra, account_length):
        customer, customer_side = contra, flip[side]  # S/H refers to Konto, not Gegenkonto
    else:
        return RowWarning(
            row.line,
            "Konto",
            f"Zeile {row.line}: kein Debitorenkonto in Konto oder Gegenkonto – übersprungen.",
            f"line {row.line}: no customer account in Konto or Gegenkonto, skipped",
        )
    reversal = _cell(row, C_REVERSAL) == "1"
    if reversal:
        customer_side = flip[customer_side]  # Generalumkehr turns the posting round
    settled = turnover + discount
    is_payment = customer_side == "H"  # a credit on the customer account
    text = _cell(row, C_TEXT)
    doc_field = _cell(row, C_DOC_FIELD1)
    refs = (doc_field,) if normalise_invoice_number(doc_field) else ()
    if not refs:
        refs = find_invoice_references([text], ctx.options.invoice_regex)
    normalised = tuple(normalise_invoice_number(r) for r in refs)
    return ImportRecord(
        source=ctx.source(f"L{row.line}", row.line),
        reference_raw=refs[0] if refs else None,
        reference=normalised[0] if normalised else None,
        amount=settled if is_payment else -settled,
        currency=_cell(row, C_CURRENCY) or currency,
        booking_date=_document_date(_cell(row, C_DOC_DATE), period_from, row, name),
        free_text=text,
        mandant_hint=mandant_hint,
        customer_account=customer,
        # A Generalumkehr row is a storno: never booked automatically, only reported.
        is_reversal=reversal,
        is_debit=not is_payment,
        candidates=normalised,
    )
