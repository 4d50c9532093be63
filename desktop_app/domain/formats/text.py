"""Reading text out of bytes: encodings, line endings, amounts, dates, invoice numbers.

Shared by every parser so that "1.234,56-" or a BOM means the same in every format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import BadRowError, FileTooLargeError

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode_text(data: bytes) -> DecodedText:
    """Decode: a BOM's encoding, else strict UTF-8, Windows-1252, ISO-8859-1 in turn; never
    fails (ISO-8859-1 maps every byte).

    Also for DATEV, whose files are Windows-1252 unless they start with a BOM: German text
    in Windows-1252 is never valid UTF-8 (an umlaut is one byte above 0x7F between ASCII
    ones), while exporters do write UTF-8 without a BOM. Read as Windows-1252, such a file
    loses its "BU-Schlüssel" heading to "BU-SchlÃ¼ssel" and with it every Generalumkehr.
    """
    if data.startswith(UTF8_BOM):
        # A BOM is a promise of UTF-8; broken sequences after it are still read, not refused.
        return DecodedText(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith(_UTF16_BOMS):
        # Excel's "Unicode text" export; cheap to accept, confusing to refuse.
        return DecodedText(data.decode("utf-16", errors="replace"), "utf-16")
    for encoding in ("utf-8", "cp1252", "iso-8859-1"):
        try:
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("unreachable: ISO-8859-1 decodes every byte")  # pragma: no cover


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def iter_lines(
    text: str, *, file_name: str, max_chars: int, keep_ends: bool = False
) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` for CRLF, LF and CR endings, refusing overlong lines.

    Not ``str.splitlines``: that also splits on form feeds and U+2028, which are data here.
    """
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group()
        if not line:
            break  # the empty match at the very end
        body = line.rstrip("\r\n")
        if len(body) > max_chars:
            raise FileTooLargeError(
                f"Die Zeile ist länger als {max_chars // 1024} KiB.",
                f"The line is longer than {max_chars // 1024} KiB.",
                log_en=f"the line is longer than {max_chars // 1024} KiB",
                file_name=file_name,
                line=number,
            )
        yield number, line if keep_ends else body


def check_size(data: bytes, *, file_name: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise FileTooLargeError(
            f"Die Datei ist {len(data) / 1_048_576:.1f} MB groß, erlaubt sind "
            f"{max_bytes / 1_048_576:.1f} MB.",
            f"The file is {len(data) / 1_048_576:.1f} MB in size; {max_bytes / 1_048_576:.1f} "
            "MB are allowed.",
            log_en=f"the file has {len(data)} bytes, the limit is {max_bytes}",
            file_name=file_name,
        )


# German: optional thousands dots in groups of three, optional decimal comma.
# A leading group of thousands never starts with 0: "0.500" is no 500.
_GERMAN = re.compile(r"(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?|,\d+")
# A decimal point with one or two decimals cannot be a German thousands group (3 digits).
_POINT_SHORT = re.compile(r"\d+\.\d{1,2}")
# Formats that define a decimal point (camt, some CSV exports): optional "," thousands.
_POINT = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
_MAX_AMOUNT_CHARS = 40


def parse_amount(raw: str, *, decimal_point: bool = False) -> Decimal:
    """Read ``1.234,56``, ``1234,56``, ``-1.234,56``, ``1.234,56-`` (or ``1234.56``) exactly.

    Raises ``ValueError`` with an English reason; callers turn it into a ``BadRowError``.
    """
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if not text or len(text) > _MAX_AMOUNT_CHARS:
        raise ValueError("not an amount")
    negative = False
    if text[0] in "+-":
        negative = text[0] == "-"
        text = text[1:]
    elif text[-1] in "+-":
        # Trailing sign, as SAP and many German ERP exports write it.
        negative = text[-1] == "-"
        text = text[:-1]
    if decimal_point:
        if not _POINT.fullmatch(text):
            raise ValueError("not an amount")
        number = text.replace(",", "")
    elif _GERMAN.fullmatch(text):
        number = text.replace(".", "").replace(",", ".")
    elif _POINT_SHORT.fullmatch(text):
        number = text
    else:
        raise ValueError("not an amount")
    if number.partition(".")[2][2:].strip("0"):
        raise FinerThanCents("more than two decimals")
    try:
        value = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above rule this out
        raise ValueError("not an amount") from exc
    return -value if negative else value


class FinerThanCents(ValueError):
    """An amount with more than two decimals that are not zero: no booking can hold it,
    and rounding it would book money that did not come in."""


# The usual cell of a German export, unsigned with two decimals ("1.234,56", "59,90"):
# whole cents straight from the digits. Everything else goes through parse_amount.
_CENTS = re.compile(r"([1-9][0-9]{0,2}(?:\.[0-9]{3}){1,4}|[0-9]{1,15}),([0-9]{2})")


def parse_cents(text: str) -> int | None:
    """Whole cents of ``text`` when it is an unsigned German amount with two decimals and
    no spaces, else ``None``. Where it answers, ``parse_amount(text)`` is that many cents
    with two decimals: the planner sees the same Decimal either way."""
    m = _CENTS.fullmatch(text)
    return int(m.group(1).replace(".", "") + m.group(2)) if m else None


def finer_than_cents(shown: str, *, file_name: str, line: int | None, field: str) -> BadRowError:
    """The error of an amount with more than two decimals, as every format words it."""
    return BadRowError(
        f"„{shorten(shown)}“ hat mehr als zwei Nachkommastellen; gebucht wird auf den Cent genau.",
        f"“{shorten(shown)}” has more than two decimal places; bookings are exact to the cent.",
        log_en=f"{shorten(shown)!r} has more than two decimals; bookings are exact to the cent",
        file_name=file_name,
        line=line,
        field=field,
    )


def amount_field(
    raw: str, *, file_name: str, line: int, field: str, decimal_point: bool = False
) -> Decimal:
    try:
        return parse_amount(raw, decimal_point=decimal_point)
    except FinerThanCents:
        raise finer_than_cents(raw, file_name=file_name, line=line, field=field) from None
    except ValueError:
        raise BadRowError(
            f"„{shorten(raw)}“ ist kein gültiger Betrag (erwartet z. B. 1.234,56).",
            f"“{shorten(raw)}” is not a valid amount (expected e.g. 1.234,56).",
            log_en=f"{shorten(raw)!r} is not a valid amount",
            file_name=file_name,
            line=line,
            field=field,
        ) from None


_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATE_GERMAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(raw: str) -> date:
    """``yyyyMMdd``, ``dd.MM.yyyy`` or ``yyyy-MM-dd``; raises ``ValueError``."""
    text = raw.strip()
    if (m := _DATE_COMPACT.fullmatch(text)) or (m := _DATE_ISO.fullmatch(text)):
        year, month, day = m.groups()
    elif m := _DATE_GERMAN.fullmatch(text):
        day, month, year = m.groups()
    else:
        raise ValueError("not a date")
    return date(int(year), int(month), int(day))


def date_field(raw: str, *, file_name: str, line: int, field: str) -> date:
    try:
        return parse_date(raw)
    except ValueError:
        raise BadRowError(
            f"„{shorten(raw)}“ ist kein gültiges Datum (erwartet JJJJMMTT oder TT.MM.JJJJ).",
            f"“{shorten(raw)}” is not a valid date (expected YYYYMMDD or DD.MM.YYYY).",
            log_en=f"{shorten(raw)!r} is not a valid date",
            file_name=file_name,
            line=line,
            field=field,
        ) from None


_NOT_INVOICE_CHAR = re.compile(r"[^0-9A-ZÄÖÜ]")


def normalise_invoice_number(raw: str) -> str:
    """Upper-case letters and digits only: ``re-2026/0001`` → ``RE20260001``."""
    return _NOT_INVOICE_CHAR.sub("", raw.upper())


_NOT_ASCII_DIGIT = re.compile(r"[^0-9]")


def digits_key(normalised: str) -> str:
    """The digits with leading zeros removed, for the second matching step."""
    if normalised.isascii():  # the usual case; there isdigit() means 0-9, so a regex does
        return _NOT_ASCII_DIGIT.sub("", normalised).lstrip("0")
    return "".join(ch for ch in normalised if ch.isdigit()).lstrip("0")


def normalise_header(cell: str) -> str:
    """``Rechnungs-Nr.`` → ``rechnungsnr``: header synonyms compare on letters and digits."""
    return "".join(ch for ch in cell.casefold() if ch.isalnum())


def shorten(text: str, limit: int = 60) -> str:
    """Quote user data in messages without flooding them."""
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
