"""The common record every format is parsed into.

A parser turns bytes into a ``ParsedFile``; the settlement planner only ever sees these
types, never bytes. The CSV formats keep their records in a ``RecordTable``: a file of a
million rows must fit in memory next to its settlement plan.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import ClassVar, NamedTuple, overload

from ..reason_texts import Reason
from .columns import Interned, MoneyColumn, StringColumn
from .options import FileDateSource
from .references import (
    NOTHING,
    Found,
    Groups,
    ReferenceTexts,
    all_keys,
    find_references,
)
from .text import normalise_invoice_number

# slots: no per-object __dict__; a record is built for every row of a file.


@dataclass(frozen=True, slots=True)
class RecordSource:
    """Where a record came from: the file's SHA-256 and the row or entry inside it."""

    file_sha256: str
    entry_id: str  # "L5" (CSV line 5), "S2/61#3" (MT940), "S1/N4/T1" (camt statement 1,
    # entry 4, TxDtls 1)
    line: int | None  # first physical line of the row or entry, for messages

    @property
    def key(self) -> str:
        """Unique per file and row: the same file never books twice."""
        return f"{self.file_sha256}:{self.entry_id}"


NO_TEXTS = ReferenceTexts()
_ENTRY_PARTS = {"S": "Auszug", "N": "Buchung", "T": "Posten", "61#": "Umsatz", "L": "Zeile"}
_ENTRY_PARTS_EN = {
    "S": "Statement",
    "N": "entry",
    "T": "item",
    "61#": "transaction",
    "L": "line",
}


def entry_label_de(entry_id: str) -> str:
    """``S1/N4/T2`` → "Auszug 1, Buchung 4, Posten 2"; ``S2/61#3`` → "Auszug 2, Umsatz 3"."""
    return entry_label(entry_id, "de")


def entry_label(entry_id: str, lang: str = "de") -> str:
    """``entry_label_de``, or in English: "Statement 1, entry 4, item 2"."""
    names = _ENTRY_PARTS_EN if lang == "en" else _ENTRY_PARTS
    parts = []
    for part in entry_id.split("/"):
        prefix = part.rstrip("0123456789")
        number = part[len(prefix) :]
        label = names.get(prefix)
        if label is None or not number:
            return entry_id
        parts.append(f"{label} {number}")
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One payment (closed items, DATEV, bank) or one open item (Offene Posten, OPOS).

    ``amount`` is signed, positive = money received; ``None`` means "settle the whole
    open amount" (closed items without Betrag). Open-item formats leave ``amount`` empty
    and carry the open amount the file states in ``open_amount``. Which invoices a
    record names is decided by the ledger (``references.py``) from ``texts``.
    """

    source: RecordSource
    reference_raw: str | None  # the reference field as written (shown in reports)
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
    #: Where to look for invoice numbers; empty: ``reference_raw`` as the one field.
    texts: ReferenceTexts = NO_TEXTS
    #: Stable across files where the format has a bank-given identity (MT940, camt);
    #: for CSV-like formats it equals ``source.key``, as a row has no identity of its own.
    dedup_key: str = ""
    #: ``dedup_key`` is the bank's own reference of the transaction: the same key in
    #: another file is the same payment. Without one, equal bookings from other files
    #: (invoice, amount, date) only make a row a possible duplicate.
    bank_reference: bool = False
    #: A row that is no payment for a reason only the format knows (DATEV: a posting
    #: against a revenue account): ``(RowStatus value, reason)``.
    non_payment: tuple[str, Reason] | None = None

    def __post_init__(self) -> None:
        if not self.dedup_key:
            object.__setattr__(self, "dedup_key", self.source.key)
        texts = self.texts
        if not texts.fields and not texts.free and not texts.patterned and self.reference_raw:
            object.__setattr__(self, "texts", ReferenceTexts((self.reference_raw,)))

    @property
    def line(self) -> int | None:
        return self.source.line

    def tokens(self) -> Groups:
        return self.texts.tokens()

    def lookup_keys(self) -> set[str]:
        keys = all_keys(self.tokens())
        if self.reference:
            keys.add(self.reference)
        return keys

    @property
    def reference_alone(self) -> bool:
        """Whether the reference field is the only place before the free text that may
        name an invoice: then, where it is an invoice number, it is the one."""
        texts = self.texts
        return texts.fields == (self.reference_raw,) and not texts.patterned

    def references(self, known: Callable[[str], bool]) -> Found:
        if self.reference and self.reference_alone and known(self.reference):
            return Found((self.reference,))  # the reference field is the number
        return find_references(self.tokens(), known)


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


class RecordTable(Sequence[ImportRecord]):
    """The records of a CSV-like file, column by column; an ``ImportRecord`` is built
    each time one is read.

    Row ``i`` has its entry id ``L<line>`` and ``reference`` = the normalised
    ``reference_raw``, as every CSV parser sets them; so every key (``dedup_key`` =
    ``source.key`` = ``<sha256>:L<line>``) embeds the file's hash and is unique in the
    file. The settlement engine relies on both (see ``keys_embed_file_hash``).
    """

    keys_embed_file_hash = True

    def __init__(self, file_sha256: str) -> None:
        self.file_sha256 = file_sha256
        self._lines = array("I")  # a file has far fewer than 2**32 lines (size limit)
        self._raw = StringColumn()
        self._references = StringColumn()  # normalised: the parser has it anyway
        self.amounts = MoneyColumn()
        self.open_amounts = MoneyColumn()
        self._dates: Interned[date] = Interned()
        self._mandants: Interned[str] = Interned()
        # DATEV OPOS only (Konto, "Fälligkeit ..."): few distinct values, "" kept as None.
        self._accounts: Interned[str] = Interned()
        self._notes: Interned[str] = Interned()

    def append(
        self,
        line: int,
        reference_raw: str,
        *,
        reference: str | None = None,
        booking_date: date | None = None,
        mandant_hint: str | None = None,
        customer_account: str | None = None,
        free_text: str = "",
    ) -> None:
        """Add a row; the caller appends its amount and open amount to ``amounts`` and
        ``open_amounts`` (``append_cents`` is the parser's fast path). ``reference``:
        ``normalise_invoice_number(reference_raw)`` if the caller has it already."""
        if reference is None:
            reference = normalise_invoice_number(reference_raw)
        self._lines.append(line)
        self._raw.append(reference_raw)
        self._references.append(reference)
        self._dates.append(booking_date)
        self._mandants.append(mandant_hint)
        self._accounts.append(customer_account)
        self._notes.append(free_text or None)

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> ImportRecord: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[ImportRecord, ...]: ...
    def __getitem__(self, index: int | slice) -> ImportRecord | tuple[ImportRecord, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        line = self._lines[index]
        raw = self._raw[index]
        reference = self._references[index]
        entry_id = f"L{line}"
        return ImportRecord(
            source=RecordSource(self.file_sha256, entry_id, line),
            reference_raw=raw,
            reference=reference,
            amount=self.amounts[index],
            open_amount=self.open_amounts[index],
            booking_date=self._dates[index],
            mandant_hint=self._mandants[index],
            customer_account=self._accounts[index],
            free_text=self._notes[index] or "",
            # What __post_init__ would derive, given here: this runs once per row.
            texts=ReferenceTexts((raw,)),
            dedup_key=f"{self.file_sha256}:{entry_id}",
        )

    def __iter__(self) -> Iterator[ImportRecord]:
        for index in range(len(self._lines)):
            yield self[index]

    def rows(self, start: int, stop: int) -> RowSpan:
        """Rows ``start`` to ``stop`` as ``RecordRow``: what the settlement planner reads
        of a record, at a fifth of the cost of building ``ImportRecord`` objects."""
        return RowSpan(self, start, min(stop, len(self._lines)))

    def row(self, index: int) -> RecordRow:
        return RecordRow.of(
            self.file_sha256,
            self._lines[index],
            self._raw[index],
            self._references[index],
            self.amounts[index],
            self.open_amounts[index],
            self._dates[index],
            self._mandants[index],
            self._accounts[index],
            self._notes[index] or "",
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable while the parser fills it

    def __repr__(self) -> str:
        return f"RecordTable({len(self)} rows)"

    # -- what a settlement plan reads back, without building whole records --------------

    def line(self, index: int) -> int:
        return self._lines[index]

    def entry_id(self, index: int) -> str:
        return f"L{self._lines[index]}"

    def reference_raw(self, index: int) -> str:
        return self._raw[index]

    def dedup_key(self, index: int) -> str:
        return f"{self.file_sha256}:L{self._lines[index]}"

    def booking_date(self, index: int) -> date | None:
        return self._dates[index]

    def shown_amount(self, index: int) -> Decimal | None:
        """The row's amount, or its open amount when it has none (Offene Posten)."""
        amount = self.amounts[index]
        return self.open_amounts[index] if amount is None else amount


class _RowFields(NamedTuple):
    """The fields of a ``RecordRow``; a NamedTuple holds no other class attributes."""

    line: int
    reference_raw: str
    reference: str
    amount: Decimal | None
    open_amount: Decimal | None
    booking_date: date | None
    mandant_hint: str | None
    dedup_key: str
    file_sha256: str
    customer_account: str | None
    free_text: str


class RecordRow(_RowFields):
    """One row of a ``RecordTable`` with the attributes of the ``ImportRecord`` that
    ``RecordTable[i]`` builds, equal in every one of them; the fields a CSV row never
    has are class attributes. Build it with ``RecordRow.of``.

    A tuple, not a frozen dataclass: the planner reads a million of these, and a tuple
    of plain values costs a fifth as much to build, and the garbage collector stops
    tracking it at its first look instead of scanning it again and again.
    """

    __slots__ = ()  # a tuple still: no per-row __dict__

    currency: ClassVar[str | None] = None
    value_date: ClassVar[date | None] = None
    counterparty_name: ClassVar[str | None] = None
    counterparty_iban: ClassVar[str | None] = None
    is_reversal: ClassVar[bool] = False
    is_return: ClassVar[bool] = False
    is_pending: ClassVar[bool] = False
    #: The cell is the row's only reference (``ImportRecord.reference_alone``).
    reference_alone: ClassVar[bool] = True
    is_debit: ClassVar[bool] = False
    bank_reference: ClassVar[bool] = False
    non_payment: ClassVar[tuple[str, Reason] | None] = None

    @classmethod
    def of(
        cls,
        file_sha256: str,
        line: int,
        reference_raw: str,
        reference: str,
        amount: Decimal | None,
        open_amount: Decimal | None,
        booking_date: date | None,
        mandant_hint: str | None,
        customer_account: str | None = None,
        free_text: str = "",
    ) -> RecordRow:
        return cls(
            line,
            reference_raw,
            reference,
            amount,
            open_amount,
            booking_date,
            mandant_hint,
            f"{file_sha256}:L{line}",
            file_sha256,
            customer_account,
            free_text,
        )

    @property
    def texts(self) -> ReferenceTexts:
        # A property, not a field: a nested object would keep the row tracked.
        return ReferenceTexts((self.reference_raw,))

    def tokens(self) -> Groups:
        return cell_tokens(self.reference_raw)

    def lookup_keys(self) -> set[str]:
        keys = all_keys(self.tokens())
        if self.reference:
            keys.add(self.reference)
        return keys

    def references(self, known: Callable[[str], bool]) -> Found:
        if known(self.reference):  # the usual row: the cell is the number
            return Found((self.reference,))
        return find_references(self.tokens(), known) if self.reference else NOTHING

    @property
    def source(self) -> RecordSource:
        return RecordSource(self.file_sha256, f"L{self.line}", self.line)


@lru_cache(maxsize=1024)
def cell_tokens(raw: str) -> Groups:
    # A cell that names no invoice is read for references, then for look-alikes.
    return ReferenceTexts((raw,)).tokens()


#: What the settlement planner reads: an ``ImportRecord``, or a ``RecordTable`` row with
#: the same attributes.
AnyRecord = ImportRecord | RecordRow


class RowSpan(Sequence[RecordRow]):
    """Consecutive rows of a ``RecordTable``, each built as it is read and not kept:
    a row dropped right after use never reaches the garbage collector's older
    generations, which are scanned again and again while a large file is planned."""

    def __init__(self, table: RecordTable, start: int, stop: int) -> None:
        self._table, self._start, self._stop = table, start, stop

    def __len__(self) -> int:
        return self._stop - self._start

    @overload
    def __getitem__(self, index: int) -> RecordRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[RecordRow]: ...
    def __getitem__(self, index: int | slice) -> RecordRow | list[RecordRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._table.row(self._start + index % len(self))

    def __iter__(self) -> Iterator[RecordRow]:
        # Column by column for the whole span, then one row at a time: the same values
        # as RecordTable.row, at a fraction of the per-row indexing.
        table, start, stop = self._table, self._start, self._stop
        sha256 = table.file_sha256
        make = RecordRow
        for line, raw, reference, amount, open_amount, day, mandant, account, note in zip(
            table._lines[start:stop],
            table._raw.values(start, stop),
            table._references.values(start, stop),
            table.amounts.values(start, stop),
            table.open_amounts.values(start, stop),
            table._dates.values(start, stop),
            table._mandants.values(start, stop),
            table._accounts.values(start, stop),
            table._notes.values(start, stop),
            strict=True,
        ):
            yield make(
                line,
                raw,
                reference,
                amount,
                open_amount,
                day,
                mandant,
                f"{sha256}:L{line}",
                sha256,
                account,
                note or "",
            )

    def numbers(self) -> set[str]:
        """Every row's normalised reference cell, without building the rows."""
        return {ref for ref in self._table._references.values(self._start, self._stop) if ref}

    def cells_not_found(self, found: Callable[[str], bool]) -> list[str]:
        """The reference cells (as written) whose normalised form ``found`` does not
        know, without building the rows: in the usual file there are few."""
        table, start, stop = self._table, self._start, self._stop
        return [
            raw
            for raw, ref in zip(
                table._raw.values(start, stop), table._references.values(start, stop), strict=True
            )
            if not found(ref)
        ]


def record_summary(
    records: Sequence[ImportRecord], index: int
) -> tuple[int | None, str, str | None, Decimal | None, str]:
    """``(line, entry_id, reference_raw, amount or open amount, dedup_key)`` of one record;
    from a ``RecordTable`` without building the whole record."""
    if isinstance(records, RecordTable):
        return (
            records.line(index),
            records.entry_id(index),
            records.reference_raw(index),
            records.shown_amount(index),
            records.dedup_key(index),
        )
    r = records[index]
    amount = r.open_amount if r.amount is None else r.amount
    return r.line, r.source.entry_id, r.reference_raw, amount, r.dedup_key


@dataclass(frozen=True)
class ParsedFile:
    format_id: str  # an ImportFormat value
    file_name: str
    file_sha256: str
    encoding: str
    #: A tuple, or a ``RecordTable`` for the CSV formats (a file may have a million rows).
    records: Sequence[ImportRecord]
    #: Data rows seen (each is a record): the empty-file guard uses it.
    data_rows: int
    file_date: date | None = None
    file_date_source: FileDateSource | None = None  # where ``file_date`` came from
    statements: tuple[StatementInfo, ...] = ()
    #: Format header values worth reporting (DATEV: Beraternummer, Mandantennummer, ...).
    header: dict[str, str] = field(default_factory=dict)
