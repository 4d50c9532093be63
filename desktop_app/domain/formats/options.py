"""What an interface may configure about parsing, with the defaults every format uses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..file_limits import MAX_FILE_BYTES
from .references import compile_invoice_pattern

MAX_LINE_CHARS = 64 * 1024

INVOICE_HEADERS = ("Rechnungsnummer", "Rechnungs-Nr.", "Belegnummer", "Belegfeld 1")
OPEN_AMOUNT_HEADERS = ("OffenerBetrag", "Saldo", "Offen", "Restbetrag", "OP-Betrag")


@dataclass(frozen=True)
class DatevClient:
    """The DATEV numbers of one Mandant (Beraternummer, Mandantennummer)."""

    mandant: str
    berater: int | None = None
    client: int | None = None


@dataclass(frozen=True)
class ParseOptions:
    #: An interface's own invoice-number pattern (a regular expression), or "": what it
    #: finds is an extra reference; references are found by the ledger without it.
    invoice_pattern: str = ""
    max_file_bytes: int = MAX_FILE_BYTES
    max_line_chars: int = MAX_LINE_CHARS
    # Header synonyms (compared on letters and digits, case-insensitive).
    invoice_headers: tuple[str, ...] = INVOICE_HEADERS
    open_amount_headers: tuple[str, ...] = OPEN_AMOUNT_HEADERS
    # DATEV: refuse a Buchungsstapel for other numbers when any Mandant has them set.
    datev_clients: tuple[DatevClient, ...] = ()
    # The file's date when its content has none (e.g. the FTP modification time).
    file_date: date | None = None
    _compiled: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Fails early (re.error) on a bad configured pattern instead of on the first file.
        compiled = compile_invoice_pattern(self.invoice_pattern) if self.invoice_pattern else None
        object.__setattr__(self, "_compiled", compiled)

    @property
    def invoice_regex(self) -> re.Pattern[str] | None:
        return self._compiled
