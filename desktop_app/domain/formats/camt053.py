"""camt.053 bank statements, ISO 20022 XML, versions .02 through .08.

Parsed with defusedxml's expat parser (no DTD, no entities, no network) into a streaming
target: each ``Ntry`` becomes records as soon as it is closed and is then dropped, so a
large statement never sits in memory as one tree. Elements are named by local name, so
one code path reads every version.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..money_text import money_texts
from ..reason_texts import Reason
from .camt053_stream import LINE as _LINE
from .camt053_stream import StreamingTarget
from .context import ParseContext
from .errors import (
    BadRowError,
    BalanceMismatchError,
    FormatError,
    NoStatementError,
    UnreadableFileError,
    WrongFormatError,
)
from .records import Balance, ImportRecord, ParsedFile, RecordSource, StatementInfo
from .references import ReferenceTexts, pattern_references
from .text import amount_field, normalise_invoice_number, shorten

FORMAT_ID = "camt053"
_CHUNK = 1 << 20
# ISO bank transaction sub-families for returned or reversed payments.
_RETURN_SUBFAMILIES = {"RRTN", "ARET", "RPCR", "UPDD", "DSHN"}
# GVC inside BkTxCd/Prtry/Cd ("NDDT+109+..."): 108/109 Rücklastschrift, 159 Retoure, 009 DTA.
_RETURN_GVC = {"009", "108", "109", "159"}
#: Values banks write where they have no reference: never an identity of a payment.
_NO_REFERENCE = {"", "NONREF", "NOTPROVIDED", "NONE", "N/A"}
_OPENING_CODES = ("OPBD", "PRCD")
_UNPROVEN = ("pending", Reason.of("status-unproven"))


def looks_like(head: bytes) -> bool:
    m = re.search(rb"urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2}", head)
    return bool(m) and b"BkToCstmrStmt" in head and b"Document" in head


def _text(el: ET.Element | None, path: str) -> str:
    found = el.find(path) if el is not None else None
    return (found.text or "").strip() if found is not None else ""


def _line(el: ET.Element) -> int | None:
    raw = el.get(_LINE)
    return int(raw) if raw else None


def _date(el: ET.Element | None, path: str) -> date | None:
    raw = _text(el, f"{path}/Dt") or _text(el, f"{path}/DtTm")[:10]
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None  # a bad date is not worth refusing a statement for; it is informative


@dataclass
class _Entry:
    """What the balance check needs of one entry of a statement."""

    signed: Decimal
    status: str  # "BOOK", another code, or "" when the entry has none
    records: list[int]  # positions in ``_Reader.records``


class _Reader:
    def __init__(self, ctx: ParseContext) -> None:
        self.ctx = ctx
        self.records: list[ImportRecord] = []
        self.statements: list[StatementInfo] = []
        self._entries: list[_Entry] = []  # of the statement being read

    def _account(self, stmt: ET.Element) -> str:
        return _text(stmt, "Acct/Id/IBAN") or _text(stmt, "Acct/Id/Othr/Id")

    def statement(self, stmt: ET.Element) -> None:
        opening = closing = None
        interim: list[Balance] = []
        for bal in stmt.findall("Bal"):
            code = _text(bal, "Tp/CdOrPrtry/Cd")
            balance = self._balance(bal)
            if code in _OPENING_CODES and opening is None:
                opening = balance
            elif code == "CLBD":
                closing = balance
            elif code == "ITBD":
                interim.append(balance)
        # A statement split into pages opens and closes with interim balances instead.
        if opening is None and interim:
            opening = interim[0]
        if closing is None and len(interim) > 1:
            closing = interim[-1]
        info = StatementInfo(
            account=self._account(stmt),
            statement_id=_text(stmt, "Id"),
            number=_text(stmt, "ElctrncSeqNb") or _text(stmt, "LglSeqNb") or None,
            line=_line(stmt),
            opening=opening,
            closing=closing,
            created=_iso_date(_text(stmt, "CreDtTm")),
        )
        self.statements.append(info)
        self._check_balances(info)
        self._entries = []

    def _check_balances(self, info: StatementInfo) -> None:
        """Opening balance + booked entries = closing balance, or the file is refused.
        An entry without a status counts as booked when that makes the balances agree."""
        number = len(self.statements)
        known_as = f" ({info.statement_id})" if info.statement_id else ""
        where, where_en = f"Kontoauszug {number}{known_as}", f"Statement {number}{known_as}"
        if info.opening is None or info.closing is None:
            missing, missing_en = (
                ("Anfangssaldo (OPBD/PRCD)", "opening balance (OPBD/PRCD)")
                if info.opening is None
                else ("Schlusssaldo (CLBD)", "closing balance (CLBD)")
            )
            raise BalanceMismatchError(
                f"{where}: der {missing} fehlt; die Buchungen lassen sich nicht prüfen.",
                f"{where_en}: the {missing_en} is missing, so the entries cannot be checked.",
                log_en=f"statement {number}: no {'opening' if info.opening is None else 'closing'} "
                "balance",
                file_name=self.ctx.file_name,
                line=info.line,
                field="Bal",
            )
        booked = sum((e.signed for e in self._entries if e.status == "BOOK"), Decimal(0))
        unknown = [e for e in self._entries if not e.status]
        unknown_sum = sum((e.signed for e in unknown), Decimal(0))
        change = info.closing.amount - info.opening.amount
        if unknown and booked + unknown_sum == change:
            pending = False
        elif booked == change:
            pending = True  # not in the closing balance: not booked by the bank (yet)
        else:
            total = booked + unknown_sum
            money_de, money_en = money_texts(info.opening.currency)
            raise BalanceMismatchError(
                f"{where}: Anfangssaldo {money_de(info.opening.amount)} plus "
                f"Umsätze {money_de(total)} ergibt "
                f"{money_de(info.opening.amount + total)}, der Schlusssaldo ist aber "
                f"{money_de(info.closing.amount)}.",
                f"{where_en}: the opening balance {money_en(info.opening.amount)} plus "
                f"entries of {money_en(total)} makes "
                f"{money_en(info.opening.amount + total)}, but the closing balance is "
                f"{money_en(info.closing.amount)}.",
                log_en=f"statement {number}: opening {info.opening.amount} + entries {total} != "
                f"closing {info.closing.amount}",
                file_name=self.ctx.file_name,
                line=info.line,
                field="Bal",
            )
        # Entries that cancel out fit the balances booked and not booked alike.
        unproven = not pending and unknown_sum == 0 and booked == change
        for e in unknown:
            for position in e.records:
                record = replace(self.records[position], is_pending=pending)
                if unproven and record.non_payment is None and not record.is_debit:
                    record = replace(record, non_payment=_UNPROVEN)
                self.records[position] = record

    def _balance(self, bal: ET.Element) -> Balance:
        amount = self._amount(bal, "Amt", "Bal/Amt") or Decimal(0)
        if _text(bal, "CdtDbtInd") == "DBIT":
            amount = -amount
        amt = bal.find("Amt")
        return Balance(amount, amt.get("Ccy") if amt is not None else None, _date(bal, "Dt"))

    def _amount(self, el: ET.Element, path: str, label: str) -> Decimal | None:
        found = el.find(path)
        if found is None:
            return None
        value = amount_field(
            found.text or "",
            file_name=self.ctx.file_name,
            line=_line(found) or 0,
            field=label,
            decimal_point=True,
        )
        if value < 0:
            raise BadRowError(
                "Beträge stehen in camt ohne Vorzeichen; die Richtung steht in CdtDbtInd.",
                "Amounts in camt carry no sign; the direction is given in CdtDbtInd.",
                log_en="camt amounts are unsigned",
                file_name=self.ctx.file_name,
                line=_line(found),
                field=label,
            )
        return value

    def _direction(self, el: ET.Element, default: str | None) -> str:
        indicator = _text(el, "CdtDbtInd") or default or ""
        if indicator not in ("CRDT", "DBIT"):
            raise BadRowError(
                f"„{shorten(indicator)}“ ist kein CdtDbtInd (CRDT oder DBIT).",
                f"“{shorten(indicator)}” is not a CdtDbtInd (CRDT or DBIT).",
                log_en=f"{shorten(indicator)!r} is not CRDT or DBIT",
                file_name=self.ctx.file_name,
                line=_line(el),
                field="CdtDbtInd",
            )
        return indicator

    def entry(self, stmt: ET.Element, ntry: ET.Element) -> None:
        statement = len(self.statements) + 1  # this one is appended when it closes
        number = len(self._entries) + 1
        entry_amount = self._entry_amount(ntry)
        entry_direction = self._direction(ntry, None)
        details = ntry.findall("NtryDtls/TxDtls")
        account = self._account(stmt)
        status = _text(ntry, "Sts/Cd") or _text(ntry, "Sts")
        amt = ntry.find("Amt")
        currency = amt.get("Ccy") if amt is not None else None
        booking_date = _date(ntry, "BookgDt")
        common: dict[str, Any] = {
            "currency": currency,
            "booking_date": booking_date,
            "value_date": _date(ntry, "ValDt"),
            "is_reversal": _text(ntry, "RvslInd").lower() in ("true", "1"),
            # Only booked entries count; an entry without a status is decided by the
            # statement's balances (_check_balances).
            "is_pending": bool(status) and status != "BOOK",
        }
        entry_ref = _bank_reference(_text(ntry, "AcctSvcrRef"))
        positions: list[int] = []
        entry_return = _is_return(ntry)
        parts, unclear = self._batch(details, entry_amount, entry_direction, currency)
        if unclear is not None and entry_direction == "CRDT":  # money out: "Abgang" says it
            common["non_payment"] = ("ambiguous", unclear)
        for k, (txs, amount, direction) in enumerate(parts, start=1):
            tx = txs[0] if len(txs) == 1 else None
            tx_ref = _bank_reference(_text(tx, "Refs/AcctSvcrRef")) if tx is not None else ""
            # A batch read as one payment is its entry: no item of it.
            item = f"/T{k}" if len(txs) == 1 or not details else ""
            if entry_ref:
                key, by_bank = f"camt053:{account}:{entry_ref}:{k}:{amount}:{booking_date}", True
            elif tx_ref:
                key, by_bank = f"camt053:{account}:tx:{tx_ref}:{amount}:{booking_date}", True
            else:
                # The statement and the entry's place in it: the same in a file sent again.
                statement_id = _text(stmt, "Id") or str(statement)
                key = f"camt053:{account}:{statement_id}:{number}:{k}:{amount}:{booking_date}"
                by_bank = False
            positions.append(len(self.records))
            self.records.append(
                self._record(
                    txs,
                    ntry,
                    RecordSource(
                        self.ctx.file_sha256,
                        f"S{statement}/N{number}{item}",
                        _line(tx) if tx is not None else _line(ntry),
                    ),
                    amount,
                    direction,
                    (key, by_bank),
                    entry_return,
                    common,
                )
            )
        signed = entry_amount if entry_direction == "CRDT" else -entry_amount
        self._entries.append(_Entry(signed, status, positions))

    def _entry_amount(self, ntry: ET.Element) -> Decimal:
        amount = self._amount(ntry, "Amt", "Ntry/Amt")
        if amount is None:
            raise BadRowError(
                "Der Buchung fehlt der Betrag.",
                "The entry has no amount.",
                log_en="the entry has no amount",
                file_name=self.ctx.file_name,
                line=_line(ntry),
                field="Ntry/Amt",
            )
        return amount

    def _batch(
        self, details: list[ET.Element], amount: Decimal, direction: str, currency: str | None
    ) -> tuple[list[tuple[list[ET.Element], Decimal, str]], Reason | None]:
        """The payments of an entry: each transaction of a batch with its own amount; or,
        where those amounts do not add up to what the account received or one of them is
        in another currency, the entry as one payment that names every transaction's
        references and is not booked, with the reason why."""
        if len(details) < 2:
            return [(details, amount, direction)], None
        parts = [(tx, *self._batch_amount(tx, direction, currency)) for tx in details]
        known = [(tx, a, d) for tx, a, d in parts if a is not None]
        items = sum((a if d == "CRDT" else -a for _, a, d in known), Decimal(0))
        if len(known) == len(parts) and items == (amount if direction == "CRDT" else -amount):
            return [([tx], a, d) for tx, a, d in known], None
        reason = Reason.of(
            "batch-unclear",
            amount=amount,
            count=len(parts),
            items=abs(items) if len(known) == len(parts) else None,
        )
        return [(details, amount, direction)], reason

    def _batch_amount(
        self, tx: ET.Element, entry_direction: str, currency: str | None
    ) -> tuple[Decimal | None, str]:
        """A transaction's own amount in the account's currency (``None``: it names only
        an amount in another currency, an instructed one before conversion)."""
        found = False
        for path, label in (("Amt", "TxDtls/Amt"), ("AmtDtls/TxAmt/Amt", "TxDtls/TxAmt")):
            amount = self._amount(tx, path, label)
            if amount is None:
                continue
            found = True
            ccy = tx.find(path).get("Ccy")  # type: ignore[union-attr]
            if not ccy or not currency or ccy == currency:
                return amount, self._direction(tx, entry_direction)
        if not found:
            raise BadRowError(
                "Einer Sammelbuchung fehlt der Einzelbetrag.",
                "A transaction of a batch entry has no amount of its own.",
                log_en="a batch transaction has no amount",
                file_name=self.ctx.file_name,
                line=_line(tx),
                field="TxDtls/Amt",
            )
        return None, self._direction(tx, entry_direction)

    def _record(
        self,
        txs: list[ET.Element],
        ntry: ET.Element,
        source: RecordSource,
        amount: Decimal,
        direction: str,
        identity: tuple[str, bool],
        entry_return: bool,
        common: dict[str, Any],
    ) -> ImportRecord:
        money_in = direction == "CRDT"
        structured: list[str] = []
        texts: list[str] = []  # one per transaction: never a number made of two payments
        for tx in txs:
            structured += [(t.text or "").strip() for t in tx.findall("RmtInf/Strd/CdtrRefInf/Ref")]
            structured += [(t.text or "").strip() for t in tx.findall("RmtInf/Strd/RfrdDocInf/Nb")]
            end_to_end = _text(tx, "Refs/EndToEndId")
            if end_to_end.upper() not in _NO_REFERENCE:
                structured.append(end_to_end)
            lines = [(t.text or "").strip() for t in tx.findall("RmtInf/Ustrd")]
            # Ustrd lines are cut at 140 characters, often inside a number: one text, joined.
            texts.append(" ".join(t for t in [*lines, _text(tx, "AddtlTxInf")] if t))
        structured = [t for t in structured if t]
        texts = [t for t in texts if t]
        free = [*texts, _text(ntry, "AddtlNtryInf")] if texts else [_text(ntry, "AddtlNtryInf")]
        free_text = " ".join([*structured, *texts]) or _text(ntry, "AddtlNtryInf")
        patterned = pattern_references([*structured, *free], self.ctx.options.invoice_regex)
        shown = (*structured, *patterned)
        party = "Dbtr" if money_in else "Cdtr"
        # A batch read as one payment has several payers: then none of them is named.
        names = {
            _text(tx, f"RltdPties/{party}/Nm") or _text(tx, f"RltdPties/{party}/Pty/Nm")
            for tx in txs
        }
        ibans = {_text(tx, f"RltdPties/{party}Acct/Id/IBAN") for tx in txs}
        name = names.pop() if len(names) == 1 else ""
        iban = ibans.pop() if len(ibans) == 1 else ""
        key, by_bank = identity
        return ImportRecord(
            source=source,
            reference_raw=shown[0] if shown else None,
            reference=normalise_invoice_number(shown[0]) if shown else None,
            amount=amount if money_in else -amount,
            counterparty_name=name or None,
            counterparty_iban=iban or None,
            free_text=free_text,
            is_return=entry_return or any(tx.find("RtrInf") is not None for tx in txs),
            is_debit=not money_in,
            texts=ReferenceTexts(tuple(structured), tuple(t for t in free if t), patterned),
            dedup_key=key,
            bank_reference=by_bank,
            **common,
        )


def _bank_reference(raw: str) -> str:
    return "" if raw.strip().upper() in _NO_REFERENCE else raw.strip()


def _is_return(ntry: ET.Element) -> bool:
    if _text(ntry, "BkTxCd/Domn/Fmly/SubFmlyCd") in _RETURN_SUBFAMILIES:
        return True
    parts = _text(ntry, "BkTxCd/Prtry/Cd").split("+")
    return len(parts) > 1 and parts[1] in _RETURN_GVC


def _iso_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None


def parse(data: bytes, ctx: ParseContext) -> ParsedFile:
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise WrongFormatError(
            "Die Datei ist keine XML-Datei und damit kein camt.053-Kontoauszug.",
            "The file is not an XML file and therefore not a camt.053 bank statement.",
            log_en="not an XML file",
            file_name=ctx.file_name,
            line=1,
        )
    reader = _Reader(ctx)
    target = StreamingTarget(ctx, reader.entry, reader.statement)
    parser = DefusedXMLParser(target=target, forbid_dtd=True)
    target.parser = parser
    try:
        for offset in range(0, len(data), _CHUNK):
            parser.feed(data[offset : offset + _CHUNK])
        root = parser.close()
    except FormatError:
        raise
    except ET.ParseError as exc:
        raise UnreadableFileError(
            "Die Datei ist kein wohlgeformtes XML.",
            "The file is not well-formed XML.",
            log_en=f"not well-formed XML: {exc}",
            file_name=ctx.file_name,
            line=exc.position[0] if exc.position else None,
        ) from None
    except (DefusedXmlException, LookupError, UnicodeError, ValueError) as exc:
        raise UnreadableFileError(
            "Die XML-Datei enthält DTD, Entities oder eine unbekannte Zeichenkodierung "
            "und wird aus Sicherheitsgründen nicht gelesen.",
            "The XML file contains a DTD, entities or an unknown character encoding and is "
            "not read for security reasons.",
            log_en=f"refused XML: {exc!r}",
            file_name=ctx.file_name,
            line=target._current_line() or None,
        ) from None
    if not reader.statements:
        raise NoStatementError(
            "Die Datei enthält keinen Kontoauszug (kein Element „Stmt“).",
            "The file holds no bank statement (no element “Stmt”).",
            log_en="the document holds no statement (Stmt)",
            file_name=ctx.file_name,
        )
    created = _iso_date(_text(root, "BkToCstmrStmt/GrpHdr/CreDtTm"))
    records = _without_shared_lines(reader.records)
    return ParsedFile(
        format_id=FORMAT_ID,
        file_name=ctx.file_name,
        file_sha256=ctx.file_sha256,
        encoding="xml",
        records=records,
        data_rows=len(records),
        **ctx.options.dated(created),
        statements=tuple(reader.statements),
        header={"version": f"camt.053.001.{target.version}"},
    )


def _without_shared_lines(records: list[ImportRecord]) -> tuple[ImportRecord, ...]:
    """A file written without line breaks puts every entry on one line: then a line
    number says nothing, and the entries are named by statement and entry alone."""
    entry_of_line: dict[int | None, str] = {}
    for r in records:
        entry = r.source.entry_id.rsplit("/", 1)[0]  # the transactions of a batch may share
        if entry_of_line.setdefault(r.source.line, entry) != entry:
            break
    else:
        return tuple(records)
    return tuple(replace(r, source=replace(r.source, line=None)) for r in records)
