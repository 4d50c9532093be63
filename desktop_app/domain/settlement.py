"""The settlement planner: which invoices a parsed file pays, and why not the rest.

Pure: it is given the parsed file, the open invoices and the interface's choices, and
returns a ``SettlementPlan``. It never books; the job that runs the import writes the
plan's bookings (dated by "Rechnungen bezahlt setzen bis zum", flagged "nicht
exportieren") and stores each booking's ``source_key`` so no row ever books twice.
Every rule is from FORMATS.md, "Settlement rules" and §2 (Offene Posten).
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .formats.records import ImportRecord, ParsedFile
from .formats.text import digits_key, format_amount_de, normalise_invoice_number
from .interface import ImportFormat

ZERO = Decimal(0)
DEFAULT_MAX_SHARE = Decimal("0.20")


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    number: str
    mandant: str
    branch: str | None
    invoice_date: date
    amount: Decimal
    open_amount: Decimal


@dataclass(frozen=True)
class GuardConfig:
    """The Offene-Posten guards (FORMATS.md §2); all on by default."""

    refuse_empty: bool = True
    refuse_older: bool = True
    max_share: Decimal | None = DEFAULT_MAX_SHARE  # None: no share limit


class RowStatus(enum.StrEnum):
    BOOKED = "booked"
    OVERPAID = "overpaid"  # the open amount was booked, the surplus is reported
    NOT_MONEY_IN = "not-money-in"  # amount ≤ 0, debit, return or reversal
    PENDING = "pending"  # not yet booked by the bank
    DUPLICATE = "duplicate"  # this row was booked before
    OTHER_MANDANT = "other-mandant"
    FOREIGN_CURRENCY = "foreign-currency"
    NO_REFERENCE = "no-reference"
    NOT_FOUND = "not-found"
    AMBIGUOUS = "ambiguous"
    ALREADY_SETTLED = "already-settled"  # nothing left open, e.g. paid by an earlier row
    # Offene Posten only:
    UNCHANGED = "unchanged"  # open in file = open now
    COMBINED = "combined"  # a further row of the same invoice, added to the first
    OUT_OF_SCOPE = "out-of-scope"  # invoice dated after the settlement date
    NEGATIVE_DIFFERENCE = "negative-difference"  # the file says more is open than is
    CREDIT_NOTE = "credit-note"  # negative open amount in the file


_DUPLICATE_DE = "Bereits gebucht: diese Zeile wurde schon einmal verarbeitet."

#: Statuses where the row did what it should; every other row is reported.
_FINE = {RowStatus.BOOKED, RowStatus.UNCHANGED, RowStatus.COMBINED}


@dataclass(frozen=True)
class RowResult:
    line: int | None
    entry_id: str
    reference_raw: str | None
    amount: Decimal | None  # the row's amount (Offene Posten: the open amount in the file)
    status: RowStatus
    invoice_id: int | None = None
    invoice_number: str | None = None
    booked: Decimal = ZERO
    surplus: Decimal = ZERO
    reason_de: str = ""

    @property
    def is_reported(self) -> bool:
        return self.status not in _FINE

    def describe_de(self) -> str:
        where = f"Zeile {self.line}" if self.line is not None else self.entry_id
        ref = f" ({self.reference_raw})" if self.reference_raw else ""
        return f"{where}{ref}: {self.reason_de or 'gebucht'}"


@dataclass(frozen=True)
class Match:
    line: int | None
    entry_id: str
    invoice_id: int
    invoice_number: str
    method: str  # "exact" or "digits"


@dataclass(frozen=True)
class Booking:
    invoice_id: int
    invoice_number: str
    amount: Decimal
    source_key: str  # stored with the booking; a key already stored never books again
    line: int | None  # None: an Offene-Posten invoice missing from the file
    entry_id: str
    booking_date: date
    exportable: bool = False  # settlement bookings are always "nicht exportieren"
    note_de: str = ""


@dataclass(frozen=True)
class GuardResult:
    name: str  # "empty", "older", "share"
    passed: bool
    message_de: str


@dataclass(frozen=True)
class PlanTotals:
    rows: int
    booked_rows: int
    bookings: int
    booked_amount: Decimal
    surplus_amount: Decimal
    reported_rows: int
    invoices_settled: int
    invoices_in_scope: int | None = None  # Offene Posten only


@dataclass(frozen=True)
class SettlementPlan:
    """What one file settles. A refused plan has no bookings; its rows still show what
    each row would have done, so the report can explain the refusal."""

    format_id: str
    file_name: str
    booking_date: date
    rows: tuple[RowResult, ...]
    matches: tuple[Match, ...]
    bookings: tuple[Booking, ...]  # empty when refused
    refused_reason_de: str | None
    guards: tuple[GuardResult, ...]
    totals: PlanTotals

    @property
    def refused(self) -> bool:
        return self.refused_reason_de is not None

    @property
    def unmatched(self) -> tuple[RowResult, ...]:
        """Rows that booked nothing for a reason the user should see."""
        return tuple(r for r in self.rows if r.is_reported and r.booked == ZERO)

    @property
    def reported(self) -> tuple[RowResult, ...]:
        """Every row with a message, including overpayments that did book."""
        return tuple(r for r in self.rows if r.is_reported)


def euro(value: Decimal) -> str:
    return f"{format_amount_de(value)} €"


def same_mandant(a: str, b: str) -> bool:
    """``"1"`` and ``"01"`` name the same Mandant; anything else compares as written."""
    a, b = a.strip(), b.strip()
    return a == b or (a.isdigit() and b.isdigit() and int(a) == int(b))


@dataclass(frozen=True)
class _Lookup:
    invoice: OpenInvoice | None
    method: str = ""
    status: RowStatus | None = None
    reason_de: str = ""


class InvoiceIndex:
    """Finds an invoice by number: exact normalised first, then unique digits.

    Never a substring: ``42`` and ``0420`` differ in both steps.
    """

    def __init__(self, invoices: Iterable[OpenInvoice]) -> None:
        self._by_number: dict[str, list[OpenInvoice]] = {}
        self._by_digits: dict[str, list[OpenInvoice]] = {}
        for invoice in invoices:
            number = normalise_invoice_number(invoice.number)
            self._by_number.setdefault(number, []).append(invoice)
            if digits := digits_key(number):
                self._by_digits.setdefault(digits, []).append(invoice)

    def find(self, candidates: Sequence[str], mandant_hint: str | None) -> _Lookup:
        def narrowed(found: list[OpenInvoice]) -> list[OpenInvoice]:
            if mandant_hint:
                return [i for i in found if same_mandant(i.mandant, mandant_hint)]
            return found

        for method, index, key in (
            ("exact", self._by_number, lambda c: c),
            ("digits", self._by_digits, digits_key),
        ):
            hits: dict[int, OpenInvoice] = {}
            for candidate in candidates:
                k = key(candidate)
                for invoice in narrowed(index.get(k, [])) if k else []:
                    hits[invoice.id] = invoice
            if len(hits) == 1:
                return _Lookup(next(iter(hits.values())), method)
            if len(hits) > 1:
                numbers = ", ".join(sorted(i.number for i in hits.values()))
                return _Lookup(
                    None,
                    status=RowStatus.AMBIGUOUS,
                    reason_de=f"Nicht eindeutig: passt zu mehreren Rechnungen ({numbers}).",
                )
        return _Lookup(
            None,
            status=RowStatus.NOT_FOUND,
            reason_de="Keine Rechnung mit dieser Nummer bei den gewählten Mandanten.",
        )


@dataclass
class _Planner:
    parsed: ParsedFile
    invoices: list[OpenInvoice]
    mandants: tuple[str, ...]
    booking_date: date
    already_booked: Set[str]
    currency: str
    rows: list[RowResult] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    bookings: list[Booking] = field(default_factory=list)
    seen_keys: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.index = InvoiceIndex(self.invoices)
        self.remaining = {i.id: max(i.open_amount, ZERO) for i in self.invoices}

    def row(
        self,
        record: ImportRecord,
        status: RowStatus,
        reason_de: str,
        invoice: OpenInvoice | None = None,
        booked: Decimal = ZERO,
        surplus: Decimal = ZERO,
    ) -> None:
        self.rows.append(
            RowResult(
                line=record.line,
                entry_id=record.source.entry_id,
                reference_raw=record.reference_raw,
                amount=record.open_amount if record.amount is None else record.amount,
                status=status,
                invoice_id=invoice.id if invoice else None,
                invoice_number=invoice.number if invoice else None,
                booked=booked,
                surplus=surplus,
                reason_de=reason_de,
            )
        )

    def book(
        self,
        invoice: OpenInvoice,
        amount: Decimal,
        key: str,
        record: ImportRecord | None,
        note_de: str,
    ) -> None:
        self.remaining[invoice.id] -= amount
        self.seen_keys.add(key)
        self.bookings.append(
            Booking(
                invoice_id=invoice.id,
                invoice_number=invoice.number,
                amount=amount,
                source_key=key,
                line=record.line if record else None,
                entry_id=record.source.entry_id if record else "fehlt-in-datei",
                booking_date=self.booking_date,
                note_de=note_de,
            )
        )

    def is_duplicate(self, record: ImportRecord) -> bool:
        keys = {record.dedup_key, record.source.key}
        return bool(keys & self.already_booked) or bool(keys & self.seen_keys)

    def gate(self, record: ImportRecord, *, check_duplicate: bool = True) -> bool:
        """Report the reasons a row books nothing before its invoice is looked up."""
        mandant = record.mandant_hint
        if mandant and not any(same_mandant(mandant, m) for m in self.mandants):
            self.row(record, RowStatus.OTHER_MANDANT, f"Zeile für Mandant {mandant}; übersprungen.")
        elif record.currency and record.currency.upper() != self.currency:
            reason = f"Währung {record.currency} statt {self.currency}; nicht gebucht."
            self.row(record, RowStatus.FOREIGN_CURRENCY, reason)
        elif check_duplicate and self.is_duplicate(record):
            self.row(record, RowStatus.DUPLICATE, _DUPLICATE_DE)
        elif not record.candidates:
            self.row(record, RowStatus.NO_REFERENCE, "Keine Rechnungsnummer gefunden.")
        else:
            return True
        return False

    def match(self, record: ImportRecord) -> OpenInvoice | None:
        found = self.index.find(record.candidates, record.mandant_hint)
        if found.invoice is None:
            self.row(record, found.status or RowStatus.NOT_FOUND, found.reason_de)
            return None
        self.matches.append(
            Match(
                record.line,
                record.source.entry_id,
                found.invoice.id,
                found.invoice.number,
                found.method,
            )
        )
        return found.invoice


def _money_in_problem(record: ImportRecord) -> str | None:
    if record.is_pending:
        return "Vorgemerkte Buchung (noch nicht gebucht); wird nicht verarbeitet."
    if record.is_reversal:
        return "Storno/Generalumkehr; wird nie automatisch gebucht."
    if record.is_return:
        return "Rücklastschrift oder Rückgabe; wird nicht gebucht."
    if record.is_debit:
        return "Abgang (Soll/Lastschrift), kein Zahlungseingang; wird nicht gebucht."
    if record.amount is not None and record.amount <= 0:
        return f"Betrag {euro(record.amount)} ist nicht positiv; wird nicht gebucht."
    return None


def _plan_payments(p: _Planner) -> None:
    """Closed items, DATEV, bank: each row is a payment, in file order."""
    for record in p.parsed.records:
        if problem := _money_in_problem(record):
            status = RowStatus.PENDING if record.is_pending else RowStatus.NOT_MONEY_IN
            p.row(record, status, problem)
            continue
        if not p.gate(record):
            continue
        invoice = p.match(record)
        if invoice is None:
            continue
        remaining = p.remaining[invoice.id]
        if remaining <= 0:
            surplus = record.amount or ZERO
            reason = "Rechnung ist bereits vollständig ausgeglichen; nichts gebucht."
            if surplus:
                reason += f" Überzahlung {euro(surplus)}."
            p.row(record, RowStatus.ALREADY_SETTLED, reason, invoice, surplus=surplus)
            continue
        wanted = remaining if record.amount is None else record.amount
        amount = min(wanted, remaining)
        surplus = wanted - amount
        note = "Zahlung laut Datei" if record.amount is not None else "Rechnung laut Datei bezahlt"
        p.book(invoice, amount, record.dedup_key, record, note)
        if surplus > 0:
            reason = (
                f"Überzahlung: {euro(surplus)} mehr als offen; der offene Betrag "
                f"{euro(amount)} wurde gebucht."
            )
            p.row(record, RowStatus.OVERPAID, reason, invoice, booked=amount, surplus=surplus)
        else:
            p.row(record, RowStatus.BOOKED, "", invoice, booked=amount)


def _plan_open_items(p: _Planner) -> list[OpenInvoice]:
    """Offene Posten: pay the difference for listed invoices, everything for missing ones.

    Returns the invoices in scope, for the share guard.
    """
    # p.invoices are already those of the chosen Mandanten.
    scope = [i for i in p.invoices if i.invoice_date <= p.booking_date and i.open_amount > 0]
    in_scope = {i.id: i for i in scope}
    listed: set[int] = set()
    first_row: dict[int, ImportRecord] = {}
    in_file: dict[int, Decimal] = {}
    for record in p.parsed.records:
        if not p.gate(record, check_duplicate=False):
            continue
        invoice = p.match(record)
        if invoice is None:
            continue
        listed.add(invoice.id)  # listed, whatever follows: never treated as missing
        open_in_file = record.open_amount if record.open_amount is not None else ZERO
        if p.is_duplicate(record):
            p.row(record, RowStatus.DUPLICATE, _DUPLICATE_DE, invoice)
        elif open_in_file < 0:
            reason = f"Negativer Saldo {euro(open_in_file)} (Gutschrift); nicht gebucht."
            p.row(record, RowStatus.CREDIT_NOTE, reason, invoice)
        elif invoice.id not in in_scope:
            reason = "Rechnung liegt nach dem Stichtag oder ist nicht offen; nicht gebucht."
            p.row(record, RowStatus.OUT_OF_SCOPE, reason, invoice)
        elif invoice.id in first_row:
            # Several open items of one invoice (OPOS lists part payments apart): add up.
            in_file[invoice.id] += open_in_file
            first = first_row[invoice.id].line
            p.row(record, RowStatus.COMBINED, f"Zusammengefasst mit Zeile {first}.", invoice)
        else:
            first_row[invoice.id] = record
            in_file[invoice.id] = open_in_file
    for invoice_id, record in first_row.items():
        _settle_listed(p, in_scope[invoice_id], record, in_file[invoice_id])
    for invoice in scope:
        if invoice.id in listed:
            continue
        key = f"{p.parsed.file_sha256}:op-missing:{invoice.id}"
        if key in p.already_booked:
            continue
        p.book(invoice, invoice.open_amount, key, None, "Fehlt in der Offene-Posten-Liste")
    return scope


def _settle_listed(
    p: _Planner, invoice: OpenInvoice, record: ImportRecord, open_in_file: Decimal
) -> None:
    difference = invoice.open_amount - open_in_file
    if difference > 0:
        p.book(invoice, difference, record.dedup_key, record, "Differenz laut Offene-Posten-Liste")
        p.row(record, RowStatus.BOOKED, "", invoice, booked=difference)
    elif difference < 0:
        reason = (
            f"Die Datei nennt {euro(open_in_file)} offen, offen sind nur "
            f"{euro(invoice.open_amount)}; nichts zurückgenommen."
        )
        p.row(record, RowStatus.NEGATIVE_DIFFERENCE, reason, invoice)
    else:
        p.row(record, RowStatus.UNCHANGED, "", invoice)


def _guards(
    p: _Planner, scope: list[OpenInvoice], config: GuardConfig, last_file_date: date | None
) -> list[GuardResult]:
    results: list[GuardResult] = []
    if config.refuse_empty:
        empty = p.parsed.data_rows == 0
        results.append(
            GuardResult(
                "empty",
                not empty,
                "Die Datei enthält keine Datenzeilen; sonst gälten alle offenen Rechnungen "
                "als bezahlt."
                if empty
                else f"{p.parsed.data_rows} Datenzeilen.",
            )
        )
    if config.refuse_older:
        file_date = p.parsed.file_date
        if file_date is None or last_file_date is None:
            results.append(
                GuardResult("older", True, "Dateidatum nicht prüfbar (kein Datum bekannt).")
            )
        else:
            older = file_date < last_file_date
            results.append(
                GuardResult(
                    "older",
                    not older,
                    f"Die Datei vom {file_date:%d.%m.%Y} ist älter als die zuletzt "
                    f"eingelesene vom {last_file_date:%d.%m.%Y}."
                    if older
                    else f"Dateidatum {file_date:%d.%m.%Y}.",
                )
            )
    if config.max_share is not None:
        settled = len({b.invoice_id for b in p.bookings})
        share = Decimal(settled) / Decimal(len(scope)) if scope else ZERO
        too_many = share > config.max_share
        limit = f"{config.max_share * 100:.0f} %"
        results.append(
            GuardResult(
                "share",
                not too_many,
                f"Die Datei würde {settled} von {len(scope)} offenen Rechnungen ausgleichen "
                f"({share * 100:.0f} %), erlaubt sind höchstens {limit}."
                if too_many
                else f"{settled} von {len(scope)} offenen Rechnungen ({share * 100:.0f} %).",
            )
        )
    return results


def plan_settlement(
    parsed: ParsedFile,
    open_invoices: Iterable[OpenInvoice],
    *,
    mandants: Collection[str],
    booking_date: date,
    already_booked_keys: Set[str] = frozenset(),
    open_items_semantics: bool | None = None,
    guards: GuardConfig | None = None,
    last_file_date: date | None = None,
    currency: str = "EUR",
) -> SettlementPlan:
    """Plan what ``parsed`` settles among ``open_invoices`` of the chosen ``mandants``.

    ``open_items_semantics`` defaults to the format's (Offene Posten, DATEV OPOS);
    ``already_booked_keys`` are the ``source_key`` values of earlier bookings;
    ``last_file_date`` is the date of the last file imported by this interface.
    """
    if open_items_semantics is None:
        open_items_semantics = ImportFormat(parsed.format_id).has_open_items_semantics
    chosen = tuple(m for m in mandants if m.strip())
    invoices = [i for i in open_invoices if any(same_mandant(i.mandant, m) for m in chosen)]
    p = _Planner(parsed, invoices, chosen, booking_date, already_booked_keys, currency.upper())
    refused: str | None = None
    guard_results: list[GuardResult] = []
    scope: list[OpenInvoice] | None = None
    if not chosen:
        refused = "Der Schnittstelle ist kein Mandant zugeordnet; es wird nichts gebucht."
    elif open_items_semantics:
        scope = _plan_open_items(p)
        order = {r.source.entry_id: n for n, r in enumerate(parsed.records)}
        p.rows.sort(key=lambda row: order.get(row.entry_id, len(order)))
        guard_results = _guards(p, scope, guards or GuardConfig(), last_file_date)
        refused = next((g.message_de for g in guard_results if not g.passed), None)
    else:
        _plan_payments(p)
    bookings = () if refused else tuple(p.bookings)
    totals = PlanTotals(
        rows=len(parsed.records),
        booked_rows=sum(1 for r in p.rows if r.booked > 0) if not refused else 0,
        bookings=len(bookings),
        booked_amount=sum((b.amount for b in bookings), ZERO),
        surplus_amount=sum((r.surplus for r in p.rows), ZERO),
        reported_rows=sum(1 for r in p.rows if r.is_reported),
        invoices_settled=len({b.invoice_id for b in bookings}),
        invoices_in_scope=len(scope) if scope is not None else None,
    )
    return SettlementPlan(
        format_id=parsed.format_id,
        file_name=parsed.file_name,
        booking_date=booking_date,
        rows=tuple(p.rows),
        matches=tuple(p.matches),
        bookings=bookings,
        refused_reason_de=refused,
        guards=tuple(guard_results),
        totals=totals,
    )
