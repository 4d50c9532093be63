"""DATEV Buchungsstapel: EXTF/DTVF, category 21.

Line 1 is the format header, line 2 the column headings, data from line 3. Columns are
found by their headings, which name the same field alike in every format version (510
with 116 columns, 700 with 125); a file without a heading line is read by the positions
of its version. Every data line becomes a record: a payment is a credit on a customer
(Debitor) account against a bank or cash account; every other line is kept with the
reason it is none, so the result accounts for every line of the file.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher

from ..reason_texts import Reason
from .context import ParseContext
from .csv_table import CsvRow, read_rows
from .errors import BadRowError, ClientMismatchError, WrongFormatError
from .options import DatevClient
from .records import ImportRecord, ParsedFile
from .references import ReferenceTexts, pattern_references
from .text import DecodedText, amount_field, normalise_invoice_number, shorten

FORMAT_ID = "datev-extf"
CATEGORY_POSTINGS = "21"

# 1-based positions of the header line from the DATEV format description.
H_VERSION = 2
H_CREATED = 6  # erzeugt am, YYYYMMDDHHMMSSFFF
H_BERATER = 11
H_MANDANT = 12
H_ACCOUNT_LENGTH = 14  # Sachkontenlänge
H_FROM = 15  # Datum vom: the year of every Belegdatum
H_TO = 16
H_TITLE = 17
H_CURRENCY = 22
H_CHART = 27  # SKR: "03" or "04"

#: The fields read, with the headings that name them (compared on letters and digits, an
#: umlaut alike with its ASCII spelling: "BU-Schluessel" is "BU-Schlüssel").
HEADINGS: dict[str, tuple[str, ...]] = {
    "amount": ("Umsatz (ohne Soll/Haben-Kz)", "Umsatz", "Betrag"),
    "side": ("Soll/Haben-Kennzeichen", "Soll-/Haben-Kennzeichen", "Soll/Haben", "S/H"),
    "currency": ("WKZ Umsatz", "WKZ"),
    "account": ("Konto", "Kontonummer"),
    "contra": ("Gegenkonto (ohne BU-Schlüssel)", "Gegenkonto"),
    "key": ("BU-Schlüssel", "Buchungsschlüssel"),
    "doc_date": ("Belegdatum",),
    "doc_field1": ("Belegfeld 1", "Belegfeld1"),
    "discount": ("Skonto",),
    "text": ("Buchungstext",),
    "reversal": ("Generalumkehr (GU)", "Generalumkehr"),
}
#: 0-based positions by format version, for a file without a heading line. The first
#: fourteen are the same in every version; the Generalumkehr column came with 700.
_POSITIONS = {
    "amount": 0, "side": 1, "currency": 2, "account": 6, "contra": 7, "key": 8,
    "doc_date": 9, "doc_field1": 10, "discount": 12, "text": 13,
}  # fmt: skip
_REVERSAL_POSITION_SINCE_700 = 117
_REQUIRED = {"amount": "Umsatz", "side": "Soll/Haben-Kennzeichen", "account": "Konto"}
#: Fields whose column decides whether and how much is booked: a heading that is not read
#: but resembles one of theirs refuses the file. Unread, "BU-Schlüsel" would book every
#: Generalumkehr by BU-Schlüssel as a payment.
_BOOKING_FIELDS = (
    "amount", "side", "currency", "account", "contra", "key", "doc_field1", "discount",
    "reversal",
)  # fmt: skip
#: How alike (difflib's ratio of the folded headings) a heading must be to count as one;
#: a heading that starts with one of five letters or more ("Skonto-Betrag") counts too.
_LOOK_ALIKE_RATIO = 0.8
_LOOK_ALIKE_PREFIX = 5
#: DATEV's own headings of other fields that come close to one of the booking fields.
_OTHER_DATEV_HEADINGS = (
    "Belegfeld 2", "Basis-Umsatz", "WKZ Basis-Umsatz", "Skontotyp", "Skontosperre",
)  # fmt: skip
#: Bank and cash accounts (Finanzkonten) of the standard charts, with four digits.
FINANCIAL_ACCOUNTS = {"03": range(1000, 1400), "04": range(1600, 1900)}

_FIRST_LINE = re.compile(rb'^(?:\xef\xbb\xbf)?"?(EXTF|DTVF)"?;[^;\r\n]*;"?(\d+)"?')


def looks_like(head: bytes) -> bool:
    m = _FIRST_LINE.match(head)
    return m is not None and m.group(2).decode() == CATEGORY_POSTINGS


def _cell(row: CsvRow, position: int) -> str:
    return row.get(position - 1)


def _header_int(header: CsvRow, position: int, label: str, file_name: str) -> int | None:
    raw = _cell(header, position)
    if not raw:
        return None
    if not raw.isdigit():
        raise BadRowError(
            f"„{shorten(raw)}“ ist keine Zahl.",
            f"“{shorten(raw)}” is not a number.",
            log_en=f"{shorten(raw)!r} is not a number",
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
            f"“{shorten(raw)}” is not a date (expected YYYYMMDD).",
            log_en=f"{shorten(raw)!r} is not a date (YYYYMMDD)",
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
        f"The file belongs to adviser number {berater}, client number {mandant}; that "
        "matches none of the interface's clients.",
        log_en=f"the file is for adviser {berater}, client {mandant}, which matches no Mandant",
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
            f"“{shorten(raw)}” is not a document date (expected DDMM; the header must have "
            "“Datum vom” set).",
            log_en=f"{shorten(raw)!r} is not a document date (DDMM, needs 'Datum vom')",
            file_name=file_name,
            line=row.line,
            field="Belegdatum",
        )
    month, day = int(digits[2:]), int(digits[:2])
    # The year first, then the date: 29.02 in a batch from 01.12.2023 is 29.02.2024,
    # which the year of "Datum vom" alone would refuse.
    rolls_over = (month, day) < (period_from.month, period_from.day)
    year = period_from.year + 1 if rolls_over else period_from.year
    try:
        return date(year, month, day)
    except ValueError:
        raise BadRowError(
            f"„{raw}“ ist kein gültiges Belegdatum.",
            f"“{raw}” is not a valid document date.",
            log_en=f"{raw!r} is not a valid document date",
            file_name=file_name,
            line=row.line,
            field="Belegdatum",
        ) from None


def _is_customer(account: str, account_length: int) -> bool:
    # Personenkonten are one digit longer than Sachkonten; DATEV's convention puts
    # Debitoren at 1xxxx-6xxxx and Kreditoren at 7xxxx-9xxxx, so a supplier is never taken.
    return account.isdigit() and len(account) == account_length + 1 and account[0] in "123456"


def _is_financial(account: str, account_length: int, chart: str) -> bool:
    """A bank or cash account of the file's chart (SKR 03 or 04), at its account length."""
    accounts = FINANCIAL_ACCOUNTS.get(chart)
    if accounts is None or not account.isdigit() or len(account) > account_length:
        return False
    return int(account) // 10 ** (account_length - 4) in accounts


def _is_generalumkehr(reversal_cell: str, key: str) -> bool:
    # The column where the version has one; else (and also) a two-digit BU-Schlüssel
    # whose first digit, the Berichtigungsschlüssel, is 2.
    return reversal_cell == "1" or (len(key) == 2 and key.isdigit() and key[0] == "2")


def _chart(raw: str) -> str:
    digits = raw.strip().upper().removeprefix("SKR").strip()
    return digits.zfill(2) if digits.isdigit() else ""


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _fold(heading: str) -> str:
    """Letters and digits in lower case, umlauts as ASCII writes them ("ue" for "ü")."""
    return "".join(ch for ch in heading.casefold().translate(_UMLAUTS) if ch.isalnum())


def _look_alike_key(heading: str) -> str:
    # Only ASCII letters and digits: what is left of an umlaut decoded in the wrong
    # encoding ("Ã¼" for "ü") drops out, so "BU-SchlÃ¼ssel" still resembles "buschluessel".
    return "".join(ch for ch in _fold(heading) if ch.isascii())


def _refuse_look_alikes(headings: CsvRow, read: set[int], name: str) -> None:
    """Refuse a heading line with a heading that is not read but resembles one of a field
    that changes the booking: that column unread, the rows would be booked without it."""
    known = {_fold(word) for words in HEADINGS.values() for word in words}
    known |= {_fold(word) for word in _OTHER_DATEV_HEADINGS}
    targets = [(_look_alike_key(w), w) for f in _BOOKING_FIELDS for w in HEADINGS[f]]
    for index, cell in enumerate(headings.cells):
        key = _look_alike_key(cell)
        if index in read or not key or _fold(cell) in known:
            continue
        label, best = "", 0.0
        for target, word in targets:
            prefix = len(target) >= _LOOK_ALIKE_PREFIX and key.startswith(target)
            score = 1.0 if prefix else SequenceMatcher(None, key, target).ratio()
            if score > best:  # the first of equally close headings: the field's usual name
                label, best = word, score
        if best < _LOOK_ALIKE_RATIO:
            continue
        shown = shorten(cell.strip())
        raise WrongFormatError(
            f"Die Spaltenüberschrift „{shown}“ ist keine bekannte Überschrift, sieht aber "
            f"nach „{label}“ aus. Damit nichts ohne diese Angabe gebucht wird, wird die "
            f"Datei nicht gebucht; bitte die Überschrift in „{label}“ ändern.",
            f"The heading “{shown}” is not a known heading, but looks like “{label}”. So "
            f"that nothing is booked without this information, the file is not booked; "
            f"please rename the heading to “{label}”.",
            log_en=f"the heading '{shown}' is not a known heading but looks like '{label}'",
            file_name=name,
            line=headings.line,
            field=shown,
        )


def _columns(headings: CsvRow, version: str, name: str) -> tuple[dict[str, int], bool]:
    """Column index per field, and whether ``headings`` is a heading line at all."""
    cells = [_fold(c) for c in headings.cells]
    found: dict[str, int] = {}
    for field_name, words in HEADINGS.items():
        for word in words:
            key = _fold(word)
            if key in cells:
                found[field_name] = cells.index(key)
                break
    if not found:  # no heading line: data from line 2, columns by the version
        columns = dict(_POSITIONS)
        if version.isdigit() and int(version) >= 700:
            columns["reversal"] = _REVERSAL_POSITION_SINCE_700
        return columns, False
    _refuse_look_alikes(headings, set(found.values()), name)
    missing = [label for field_name, label in _REQUIRED.items() if field_name not in found]
    if missing:
        raise WrongFormatError(
            "In der Zeile der Spaltenüberschriften fehlt „" + "“, „".join(missing) + "“.",
            "The line of column headings lacks “" + "”, “".join(missing) + "”.",
            log_en="the heading line lacks " + ", ".join(missing),
            file_name=name,
            line=headings.line,
            field=missing[0],
        )
    return found, True


class _Layout:
    """What every data line is read with: the header's values and the columns."""

    def __init__(
        self,
        columns: dict[str, int],
        account_length: int,
        chart: str,
        period_from: date | None,
        currency: str,
        mandant_hint: str | None,
    ) -> None:
        self.columns = columns
        self.account_length = account_length
        self.chart = chart
        self.period_from = period_from
        self.currency = currency
        self.mandant_hint = mandant_hint

    def cell(self, row: CsvRow, field_name: str) -> str:
        return row.get(self.columns.get(field_name))


def parse(decoded: DecodedText, ctx: ParseContext) -> ParsedFile:
    name = ctx.file_name
    rows = read_rows(decoded.text, file_name=name, max_line_chars=ctx.options.max_line_chars)
    header = _postings_header(next(rows, None), name)
    berater = _header_int(header, H_BERATER, "Beraternummer", name)
    client = _header_int(header, H_MANDANT, "Mandantennummer", name)
    account_length = _header_int(header, H_ACCOUNT_LENGTH, "Sachkontenlänge", name)
    if account_length is None or not 4 <= account_length <= 8:
        raise BadRowError(
            "Die Sachkontenlänge fehlt oder liegt nicht zwischen 4 und 8.",
            "The account length (Sachkontenlänge) is missing or not between 4 and 8.",
            log_en="the account length is missing or not between 4 and 8",
            file_name=name,
            line=header.line,
            field="Sachkontenlänge",
        )
    version = _cell(header, H_VERSION)
    period_from = _header_date(header, H_FROM, "Datum vom", name)
    created = _header_date(header, H_CREATED, "Erzeugt am", name)
    currency = _cell(header, H_CURRENCY) or "EUR"
    chart = _chart(_cell(header, H_CHART))
    mandant_hint = _check_client(berater, client, ctx.options.datev_clients, name)
    headings = next(rows, None)
    columns, has_headings = (
        _columns(headings, version, name) if headings is not None else (dict(_POSITIONS), True)
    )
    layout = _Layout(columns, account_length, chart, period_from, currency, mandant_hint)
    data = rows if has_headings else _chain(headings, rows)
    records = [_record(row, ctx, layout) for row in data]
    return ParsedFile(
        format_id=FORMAT_ID,
        file_name=name,
        file_sha256=ctx.file_sha256,
        encoding=decoded.encoding,
        records=tuple(records),
        data_rows=len(records),
        **ctx.options.dated(created),
        header={
            "Formatversion": version,
            "Beraternummer": str(berater or ""),
            "Mandantennummer": str(client or ""),
            "Sachkontenlänge": str(account_length),
            "Kontenrahmen": f"SKR {chart}" if chart else "",
            "Datum vom": _cell(header, H_FROM),
            "Datum bis": _cell(header, H_TO),
            "Bezeichnung": _cell(header, H_TITLE),
            "WKZ": currency,
        },
    )


def _postings_header(header: CsvRow | None, name: str) -> CsvRow:
    """The DATEV header line, if it is one of a Buchungsstapel."""
    if header is None or _cell(header, 1) not in ("EXTF", "DTVF"):
        raise WrongFormatError(
            'Die erste Zeile ist kein DATEV-Kopf ("EXTF" oder "DTVF").',
            'The first line is not a DATEV header ("EXTF" or "DTVF").',
            log_en="the first line is not a DATEV header (EXTF/DTVF)",
            file_name=name,
            line=1,
        )
    if _cell(header, 3) != CATEGORY_POSTINGS:
        raise WrongFormatError(
            f"Datenkategorie {shorten(_cell(header, 3))} ist kein Buchungsstapel (21).",
            f"Data category {shorten(_cell(header, 3))} is not a posting batch (21).",
            log_en="the data category is not 21 (postings)",
            file_name=name,
            line=header.line,
            field="Datenkategorie",
        )
    return header


def _chain(first: CsvRow | None, rest):  # type: ignore[no-untyped-def]
    if first is not None:
        yield first
    yield from rest


def _amount(row: CsvRow, layout: _Layout, name: str) -> Decimal:
    turnover = amount_field(
        layout.cell(row, "amount"), file_name=name, line=row.line, field="Umsatz"
    )
    if turnover < 0:
        raise BadRowError(
            "Der Umsatz muss ohne Vorzeichen stehen; die Richtung steht in Soll/Haben.",
            "The amount (Umsatz) must have no sign; the direction is given by the "
            "debit/credit mark (Soll/Haben).",
            log_en="the amount must be unsigned",
            file_name=name,
            line=row.line,
            field="Umsatz",
        )
    discount_raw = layout.cell(row, "discount")
    if not discount_raw:
        return turnover
    discount = amount_field(discount_raw, file_name=name, line=row.line, field="Skonto")
    if discount < 0:
        # Added as it stands, a signed Skonto would lower what is booked, or with "S"
        # turn the line's direction around.
        raise BadRowError(
            "Das Skonto muss ohne Vorzeichen stehen; die Richtung steht in Soll/Haben.",
            "The discount (Skonto) must be written without a sign; Soll/Haben gives the direction.",
            log_en="signed discount",
            file_name=name,
            line=row.line,
            field="Skonto",
        )
    if turnover == 0:
        # Skonto settles the rest of an invoice only along with money that came in; on
        # its own it would book what was never paid. The line stays amount 0: reported.
        return turnover
    return turnover + discount


def _side(row: CsvRow, layout: _Layout, name: str) -> str:
    side = layout.cell(row, "side").upper()
    if side not in ("S", "H"):
        raise BadRowError(
            f"„{shorten(side)}“ ist kein Soll/Haben-Kennzeichen (S oder H).",
            f"“{shorten(side)}” is not a debit/credit mark (S or H).",
            log_en=f"{shorten(side)!r} is not S or H",
            file_name=name,
            line=row.line,
            field="Soll/Haben-Kennzeichen",
        )
    return side


def _classify(
    row: CsvRow, layout: _Layout, side: str
) -> tuple[str | None, str, tuple[str, Reason] | None]:
    """``(customer account, its side, None)`` of a payment, or the row's non-payment
    ``(status, reason)`` in the third place."""
    account, contra = layout.cell(row, "account"), layout.cell(row, "contra")
    length = layout.account_length
    if _is_customer(account, length):
        customer, customer_side, other = account, side, contra
    elif _is_customer(contra, length):
        # S/H refers to Konto; seen from the customer in Gegenkonto it is the other way.
        customer, customer_side, other = contra, {"S": "H", "H": "S"}[side], account
    else:
        reason = Reason.of("no-customer-account", account=account or "–", contra=contra or "–")
        return None, side, ("no-customer-account", reason)
    if _is_generalumkehr(layout.cell(row, "reversal"), layout.cell(row, "key")):
        reason = Reason.of("general-reversal")
        return customer, customer_side, ("reversal", reason)
    if customer_side == "S":
        reason = Reason.of("customer-debit", customer=customer)
        return customer, customer_side, ("not-money-in", reason)
    if not _is_financial(other, length, layout.chart):
        if not layout.chart:
            reason = Reason.of("contra-unknown-chart", contra=other or "–")
        else:
            reason = Reason.of("contra-not-bank", contra=other or "–", chart=layout.chart)
        return customer, customer_side, ("not-a-payment", reason)
    return customer, customer_side, None


def _record(row: CsvRow, ctx: ParseContext, layout: _Layout) -> ImportRecord:
    name = ctx.file_name
    settled = _amount(row, layout, name)
    side = _side(row, layout, name)
    customer, customer_side, non_payment = _classify(row, layout, side)
    text = layout.cell(row, "text")
    doc_field = layout.cell(row, "doc_field1")
    fields: tuple[str, ...] = (doc_field,) if normalise_invoice_number(doc_field) else ()
    patterned = pattern_references([doc_field, text], ctx.options.invoice_regex)
    shown = (*fields, *patterned)
    is_reversal = non_payment is not None and non_payment[0] == "reversal"
    return ImportRecord(
        source=ctx.source(f"L{row.line}", row.line),
        reference_raw=shown[0] if shown else None,
        reference=normalise_invoice_number(shown[0]) if shown else None,
        amount=settled if customer_side == "H" else -settled,
        currency=layout.cell(row, "currency") or layout.currency,
        booking_date=_document_date(layout.cell(row, "doc_date"), layout.period_from, row, name),
        free_text=text,
        mandant_hint=layout.mandant_hint,
        customer_account=customer,
        # A Generalumkehr row is a storno: never booked automatically, only reported.
        is_reversal=is_reversal,
        is_debit=customer_side == "S",
        texts=ReferenceTexts(fields, (text,) if text else (), patterned),
        non_payment=non_payment,
    )
