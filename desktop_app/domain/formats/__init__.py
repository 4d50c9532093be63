"""Import formats: bytes in, ``ParsedFile`` out. No database, no Qt, no I/O.

``parse`` reads one file as the given Importart; ``detect`` guesses the Importart of a
file for the "Test" button and the CLI. Every problem with the input is a
``FormatError``; see ``errors.py``.
"""

from __future__ import annotations

import hashlib
import re

from ..interface import ImportFormat
from .context import ParseContext
from .errors import (
    BadRowError,
    BalanceMismatchError,
    ClientMismatchError,
    FileTooLargeError,
    FormatError,
    NoStatementError,
    UnreadableFileError,
    WrongFormatError,
)
from .options import DatevClient, ParseOptions
from .records import Balance, ImportRecord, ParsedFile, RecordSource, StatementInfo
from .text import check_size, decode_text, normalise_header

__all__ = [
    "FORMAT_IDS",
    "BadRowError",
    "Balance",
    "BalanceMismatchError",
    "ClientMismatchError",
    "DatevClient",
    "FileTooLargeError",
    "FormatError",
    "ImportRecord",
    "NoStatementError",
    "ParseOptions",
    "ParsedFile",
    "RecordSource",
    "StatementInfo",
    "UnreadableFileError",
    "WrongFormatError",
    "detect",
    "parse",
]

# The parsers load on the first parse or detect: the program's start (which imports the
# text helpers beside them) does not wait for them.
FORMAT_IDS = tuple(f.value for f in ImportFormat)

_DETECT_BYTES = 64 * 1024


def parse(
    data: bytes, format_id: str, *, file_name: str, options: ParseOptions | None = None
) -> ParsedFile:
    """Read ``data`` as ``format_id`` (an ``ImportFormat`` value). Raises ``FormatError``."""
    from . import camt053, closed_items, datev_extf, datev_opos, mt940, open_items

    options = options or ParseOptions()
    if format_id not in FORMAT_IDS:
        raise ValueError(f"unknown format id {format_id!r}")  # a programming error
    check_size(data, file_name=file_name, max_bytes=options.max_file_bytes)
    if not data.strip():
        raise UnreadableFileError(
            "Die Datei ist leer.",
            "The file is empty.",
            log_en="the file is empty",
            file_name=file_name,
        )
    _check_looks_like(data, format_id, file_name)
    ctx = ParseContext(file_name, hashlib.sha256(data).hexdigest(), options)
    if format_id == camt053.FORMAT_ID:
        return camt053.parse(data, ctx)
    text_parsers = {
        datev_extf.FORMAT_ID: datev_extf.parse,
        closed_items.FORMAT_ID: closed_items.parse,
        open_items.FORMAT_ID: open_items.parse,
        datev_opos.FORMAT_ID: datev_opos.parse,
        mt940.FORMAT_ID: mt940.parse,
    }
    return text_parsers[format_id](decode_text(data), ctx)


#: Two lists of open items: a file may well look like the one and be read as the other.
_OPEN_ITEM_FORMATS = frozenset({ImportFormat.OPEN_ITEMS.value, ImportFormat.DATEV_OPOS.value})


def _check_looks_like(data: bytes, format_id: str, file_name: str) -> None:
    """Refuse a file that is recognisably of another Importart, whatever the chosen
    parser would make of it (an Offene-Posten list read as Geschlossene Posten would
    settle every invoice it lists as still open)."""
    detected = detect(data)
    if detected is None or detected == format_id:
        return
    if {detected, format_id} <= _OPEN_ITEM_FORMATS:
        return
    looks, chosen = ImportFormat(detected), ImportFormat(format_id)
    raise WrongFormatError(
        f"Die Datei sieht aus wie {looks.label_de}, die Importart ist aber {chosen.label_de}.",
        f"The file looks like {looks.label_en}, but the import type is {chosen.label_en}.",
        log_en=f"the file looks like {looks.label_en}, not {chosen.label_en}",
        file_name=file_name,
    )


_LINE_END = re.compile(r"[\r\n]")


def detect(data: bytes) -> str | None:
    """The Importart the file looks like, or ``None``. Reads only the first 64 KiB."""
    from . import camt053, datev_extf, mt940

    head = data[:_DETECT_BYTES]
    if datev_extf.looks_like(head):
        return datev_extf.FORMAT_ID
    if camt053.looks_like(head):
        return camt053.FORMAT_ID
    text = decode_text(head).text
    if mt940.looks_like(text):
        return mt940.FORMAT_ID
    return _detect_csv(text)


def _detect_csv(text: str) -> str | None:
    from . import closed_items, datev_opos, open_items

    first = _LINE_END.split(text.lstrip("\ufeff\r\n"), maxsplit=1)[0]
    cells = [normalise_header(c.strip().strip('"')) for c in first.split(";")]

    def has(words: tuple[str, ...]) -> bool:
        return any(normalise_header(w) in cells for w in words)

    defaults = ParseOptions()
    invoice = {normalise_header(w) for w in defaults.invoice_headers}
    first_is_invoice = bool(cells) and cells[0] in invoice
    if has(defaults.open_amount_headers):
        if has(datev_opos.MARKER_HEADERS) or not first_is_invoice:
            if has(defaults.invoice_headers + datev_opos.EXTRA_INVOICE_HEADERS):
                return datev_opos.FORMAT_ID
            return None
        return open_items.FORMAT_ID
    return closed_items.FORMAT_ID if first_is_invoice else None
