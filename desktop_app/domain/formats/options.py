"""What an interface may configure about parsing, with the defaults every format uses."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..file_limits import MAX_FILE_BYTES
from .references import compile_invoice_pattern

MAX_LINE_CHARS = 64 * 1024

INVOICE_HEADERS = ("Rechnungsnummer", "Rechnungs-Nr.", "Belegnummer", "Belegfeld 1")
OPEN_AMOUNT_HEADERS = ("OffenerBetrag", "Saldo", "Offen", "Restbetrag", "OP-Betrag")


class FileDateSource(enum.StrEnum):
    """Where the day a file is of came from: the Offene-Posten checks compare lists by
    it, so the user is told whether the file said it or the program inferred it."""

    CONTENT = "content"  # a date the file names (MT940, camt.053, DATEV)
    FOLDER = "folder"  # the day of the date folder it lay in on the server
    TIMESTAMP = "timestamp"  # the day of its time stamp on the server
    # A local file imported by hand ("Datei importieren"): not the server's time stamp,
    # a copy's modification time may be the day it was copied.
    MODIFIED = "modified"  # the day of its modification time on this computer
    MANUAL = "manual"  # a day a person gave instead


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
    file_date_source: FileDateSource | None = None  # where ``file_date`` came from
    _compiled: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Fails early (re.error) on a bad configured pattern instead of on the first file.
        compiled = compile_invoice_pattern(self.invoice_pattern) if self.invoice_pattern else None
        object.__setattr__(self, "_compiled", compiled)

    def dated(self, own: date | None = None) -> dict[str, Any]:
        """A parsed file's ``file_date`` and ``file_date_source``: the date the file names
        (``own``) first, else the one given."""
        if own is not None:
            return {"file_date": own, "file_date_source": FileDateSource.CONTENT}
        source = self.file_date_source if self.file_date is not None else None
        return {"file_date": self.file_date, "file_date_source": source}

    @property
    def invoice_regex(self) -> re.Pattern[str] | None:
        return self._compiled
