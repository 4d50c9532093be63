"""The common record every format is parsed into (FORMATS.md, "Common record").

A parser turns bytes into a ``ParsedFile``; the settlement planner only ever sees these
types, never bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class RecordSource:
    """Where a record came from: the file's SHA-256 and the row or entry inside it."""

    file_sha256: str
    entry_id: str  # "L5" (CSV line 5), "S2/61#3" (MT940), "N4/T1" (camt entry 4, TxDtls 1)
    line: int | None  # first physical line of the row or entry, for messages

    @property
    def key(self) -> str:
        """Unique per file and row: the same file never books twice."""
        return f"{self.file_sha256}:{self.entry_id}"


@dataclass(frozen=True)
class ImportRecord:
    """One payment (closed items, DATEV, bank) or one open item (Offene Posten, OPOS).

    ``amount`` is signed, positive = money received; ``None`` means "settle the whole
    open amount" (closed items without Betrag). Open-item formats leave ``amount`` empty
    and carry the open amount the file states in ``open_amount``.
    """

    source: RecordSource
    reference_raw: str | None  # the best invoice reference as written
    reference: str | None  # the same, normalised (upper-case letters and digits)
    amount: Decimal | None = None
    open_amount: Decimal | None = None
    currency: str | None = None
    booking_date: date | None = None
    value_date: date | None = None
    counterparty_name: str | None = None
    counterparty_iban: str | None = None
    free_text: str = ""
    mandant_hint: str | None = None
    customer_account: str | None = None  # DATEV Debitor / OPOS Konto
    is_reversal: bool = False
    is_return: bool = False
    is_pending: bool = False
    is_debit: bool = False
    #: Every normalised reference found, best first (bank text may name several).
    candidates: tuple[str, ...] = ()
    #: Stable across files where the format has a bank-given identity (MT940, camt);
    #: for CSV-like formats it equals ``source.key``, as a row has no identity of its own.
    dedup_key: str = ""

    def __post_init__(self) -> None:
        if not self.dedup_key:
            object.__setattr__(self, "dedup_key", self.source.key)
        if not self.candidates and self.reference:
            object.__setattr__(self, "candidates", (self.reference,))

    @property
    def line(self) -> int | None:
        return self.source.line


@dataclass(frozen=True)
class Balance:
    amount: Decimal  # signed: negative = debit balance
    currency: str | None
    on: date | None


@dataclass(frozen=True)
class StatementInfo:
    """One bank statement (an MT940 ``:20:`` block or a camt ``Stmt``)."""

    account: str
    statement_id: str
    number: str | None
    line: int | None
    opening: Balance | None = None
    closing: Balance | None = None
    created: date | None = None


@dataclass(frozen=True)
class RowWarning:
    """Something the report should show that does not stop the file (e.g. a skipped row)."""

    line: int | None
    field: str | None
    message_de: str
    message_en: str


@dataclass(frozen=True)
class ParsedFile:
    format_id: str  # an ImportFormat value
    file_name: str
    file_sha256: str
    encoding: str
    records: tuple[ImportRecord, ...]
    #: Data rows seen, including rows skipped with a warning: the empty-file guard uses it.
    data_rows: int
    file_date: date | None = None
    statements: tuple[StatementInfo, ...] = ()
    #: Format header values worth reporting (DATEV: Beraternummer, Mandantennummer, ...).
    header: dict[str, str] = field(default_factory=dict)
    warnings: tuple[RowWarning, ...] = ()
