"""MT940 / STA-SWIFT bank statements.

The PyPI package ``mt-940`` reads the ``:60:``/``:62:`` balances and the ``:61:`` lines
(its patterns know many bank quirks, it signs RC/RD and rolls the entry date over New
Year). It is driven tag by tag from here, not through ``mt940.parse``, because the file
as a whole needs things it does not do: line numbers for every error, CR-only line
endings, the SWIFT envelope, refusing MT942, several statements with a balance check
each, and ``:86:`` subfields kept apart (its ``:86:`` processor glues ``?20``–``?29``
and moves SEPA keywords into separate keys, so a number split across ``?21``/``?22``
or next to a keyword could not be searched as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

import mt940 as mt940_lib

from ..money_text import money_texts
from .context import ParseContext
from .errors import BadRowError, BalanceMismatchError, WrongFormatError
from .records import Balance, ImportRecord, ParsedFile, StatementInfo
from .references import ReferenceTexts, pattern_references
from .text import DecodedText, finer_than_cents, iter_lines, normalise_invoice_number, shorten

_CENT = Decimal("0.01")
# The fields of a statement: none of them may stand outside one.
_STATEMENT_TAGS = frozenset({"25", "28", "28C", "60F", "60M", "61", "86", "62F", "62M", "64"})

FORMAT_ID = "mt940"

# Only the switches that affect the tags read through the library: BOM stripping happens
# in decode_text for every format, and ?31 (IBAN) is split off by our own :86: reader.
_LIB_OPTIONS = mt940_lib.Options(
    reversal_sign=True,  # RC is money out, RD money in
    case_insensitive_marks=True,
)
_TAG = re.compile(r"^:(\d{2}[A-Z]?|NS):")
_ENVELOPE_BLOCK = re.compile(r"\{[1235]:(?:[^{}]|\{[^{}]*\})*\}")
_MT942_TAGS = {"13D", "34F"}
_OPENING = ("60F", "60M", "60")
_CLOSING = ("62F", "62M", "62")
# GVC of returned payments: 108/109 SEPA Rücklastschrift, 159 SEPA Retoure, 009 DTA.
_RETURN_GVC = {"009", "108", "109", "159"}
_DETAILS_START = re.compile(r"^\s*(\d{3})\s*\?")
_SUBFIELD = re.compile(r"\?(\d{2})")
_PURPOSE = (*range(20, 30), *range(60, 64))
# SEPA keywords in the purpose subfields (DFÜ-Abkommen, Anlage 3).
_SEPA_KEYWORD = re.compile(r"(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|COAM|OAMT)\+")
_NO_REFERENCE = {"", "NONREF", "NOTPROVIDED", "NONE"}
# The "/CODE/value" form of :86: that Dutch and other banks use (SWIFT structured).
_SWIFT_CODE = re.compile(
    r"/(TRTP|IBAN|BIC|NAME|REMI|EREF|CSID|MARF|CNTP|PREF|RTRN|ORDP|BENM|ADDR|ULTC|ULTD|"
    r"PURP|SVCL|ISDT|CREF|IREF|KREF)/"
)
_REMI_PREFIX = re.compile(r"^(?:USTD/+|STRD/+(?:CUR/+)?)")
_DETECT = (
    re.compile(r"(?m)^(?:\{4:)?:20:"),
    re.compile(r"(?m)^:25:"),
    re.compile(r"(?m)^:6[02][FM]?:"),
)


def looks_like(head: str) -> bool:
    head = head.replace("\r\n", "\n").replace("\r", "\n")
    return all(p.search(head) for p in _DETECT)


@dataclass
class _Tag:
    name: str
    value: str
    line: int


@dataclass
class _Details:
    """A ``:86:`` field split into its ``?NN`` subfields (or kept as free text)."""

    code: str | None = None
    subfields: dict[str, list[str]] = field(default_factory=dict)
    free_text: str = ""
    swift: dict[str, str] = field(default_factory=dict)  # the "/CODE/value" form

    def joined(self, keys: range, sep: str) -> str:
        return sep.join(part for k in keys for part in self.subfields.get(f"{k:02d}", []))

    def _purpose_parts(self) -> list[str]:
        return [p for k in _PURPOSE for p in self.subfields.get(f"{k:02d}", [])]

    def purpose(self) -> str:
        """The purpose subfields as one text; a space where a subfield ends, which the
        reference finder reads through (a number wrapped across ``?21``/``?22``)."""
        if not self.subfields:
            return self.free_text
        return " ".join(p.strip() for p in self._purpose_parts())

    def sepa_fields(self) -> dict[str, str]:
        """``EREF``, ``SVWZ``, … with their text; keywords are found in the subfields
        glued (a bank may wrap inside one), the texts keep a space at each wrap."""
        parts = self._purpose_parts()
        glued = "".join(parts)
        cuts = set()
        offset = 0
        for part in parts:
            offset += len(part)
            cuts.add(offset)
        marks = list(_SEPA_KEYWORD.finditer(glued))
        found: dict[str, str] = {}
        for i, mark in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(glued)
            text = "".join(
                (" " + ch) if pos in cuts else ch
                for pos, ch in enumerate(glued[mark.end() : end], start=mark.end())
            )
            found.setdefault(mark.group(1), text.strip())
        return found


def _swift_fields(joined: str) -> dict[str, str]:
    """``EREF``, ``REMI``, … of a ``:86:`` in the "/CODE/value" form, read from the lines
    joined without a space (banks wrap it at a fixed width, inside words and codes)."""
    if not joined.startswith("/"):
        return {}
    marks = list(_SWIFT_CODE.finditer(joined))
    if not marks or marks[0].start() != 0:
        return {}
    found: dict[str, str] = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(joined)
        value = joined[mark.end() : end].strip("/ ")
        if mark.group(1) == "REMI":
            value = _REMI_PREFIX.sub("", value).strip("/ ")
        found.setdefault(mark.group(1), value)
    return found


def _parse_details(value: str) -> _Details:
    joined = value.replace("\n", "")  # join the lines before splitting into subfields
    start = _DETAILS_START.match(joined)
    if not start:
        details = _Details(free_text=" ".join(value.split("\n")).strip())
        details.swift = _swift_fields(joined.strip())
        return details
    details = _Details(code=start.group(1))
    marks = list(_SUBFIELD.finditer(joined, start.end() - 1))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(joined)
        details.subfields.setdefault(mark.group(1), []).append(joined[mark.end() : end])
    details.free_text = details.purpose()
    return details


def _reference_texts(details: _Details, customer_ref: str) -> tuple[str, ...]:
    """The fields that may name the invoice: EREF and SVWZ where the bank uses SEPA
    keywords, else the whole purpose; and the ``:61:`` customer reference."""
    fields: list[str] = []
    if customer_ref.upper() not in _NO_REFERENCE:
        fields.append(customer_ref)
    if details.swift:
        eref = details.swift.get("EREF", "")
        if eref.upper() not in _NO_REFERENCE:
            fields.append(eref)
        if details.swift.get("REMI"):
            fields.append(details.swift["REMI"])
        return tuple(fields)
    sepa = details.sepa_fields()
    if sepa:
        eref = sepa.get("EREF", "")
        if eref.upper() not in _NO_REFERENCE:
            fields.append(eref)
        if sepa.get("SVWZ"):
            fields.append(sepa["SVWZ"])
    elif details.purpose():
        fields.append(details.purpose())
    return tuple(fields)


def _collect_tags(text: str, ctx: ParseContext) -> list[_Tag]:
    tags: list[_Tag] = []
    for number, raw in iter_lines(
        text, file_name=ctx.file_name, max_chars=ctx.options.max_line_chars
    ):
        line = raw
        if line.startswith("{") or line.startswith("-}"):
            # The SWIFT envelope: {1:..}{2:..}{3:{..}}{4: ... -}{5:..}
            line = _ENVELOPE_BLOCK.sub("", line).removeprefix("{4:")
            line = line.removeprefix("-}")
        if line.strip() in ("", "-", "-}"):
            continue
        if m := _TAG.match(line):
            tags.append(_Tag(m.group(1), line[m.end() :], number))
        elif tags:
            tags[-1].value += "\n" + line  # a continuation line of the previous field
    return tags


# A :61: line up to its type code; what follows is the customer reference (16x), "//"
# and the bank reference, and on the next line the supplementary details.
_STATEMENT_LINE_HEAD = re.compile(r"(\d{6}(?:\d{4})?R?[DC][A-Z]?[\d,]{1,15}[A-Z][A-Z0-9 ]{3})(.*)")


def _tolerant_statement_line(value: str) -> str:
    """A ``:61:`` as the library reads it, from what some banks write instead: a customer
    reference longer than 16 characters (ASN, SNS put the counter account and name
    there) or supplementary details over several lines (ING). Nothing is dropped: the
    excess goes to the supplementary details."""
    head, *more = value.split("\n")
    extra = " ".join(line.strip() for line in more if line.strip())
    m = _STATEMENT_LINE_HEAD.fullmatch(head)
    if m:
        reference, separator, bank = m.group(2).partition("//")
        if len(reference) > 16:
            extra = f"{reference[16:].strip()} {extra}".strip()
            reference = reference[:16]
        head = m.group(1) + reference + separator + bank
    return head + ("\n" + extra if extra else "")


def _lib_tag(lib: mt940_lib.models.Transactions, tag: _Tag, ctx: ParseContext) -> dict[str, Any]:
    """Parse one tag with the library, turning any failure into an error naming the line."""
    try:
        try:
            return _lib_parse(lib, tag.name, tag.value.strip())
        except Exception:
            if tag.name != "61":
                raise
            return _lib_parse(lib, tag.name, _tolerant_statement_line(tag.value.strip()))
    except Exception:
        # The library signals a malformed field with whatever its regex or Decimal raised
        # (RuntimeError, ValueError, InvalidOperation, KeyError): all mean this field.
        raise BadRowError(
            f"„{shorten(tag.value)}“ ist kein gültiges Feld :{tag.name}:.",
            f"“{shorten(tag.value)}” is not a valid field :{tag.name}:.",
            log_en=f"cannot read field :{tag.name}: {shorten(tag.value)!r}",
            file_name=ctx.file_name,
            line=tag.line,
            field=f":{tag.name}:",
        ) from None


def _lib_parse(lib: mt940_lib.models.Transactions, name: str, value: str) -> dict[str, Any]:
    tag_id = lib.normalize_tag_id(name[:2])
    lib_tag = lib.tags.get(name) or lib.tags[tag_id]
    tag_dict = lib_tag.parse(lib, value)
    for pre in lib.processors.get(f"pre_{lib_tag.slug}", []):
        tag_dict = pre(lib, lib_tag, tag_dict)
    result: dict[str, Any] = lib_tag(lib, tag_dict)
    return result


def _plain_date(value: object) -> date | None:
    return date(value.year, value.month, value.day) if isinstance(value, date) else None


def _balance(result: dict[str, Any]) -> Balance:
    lib_balance = next(iter(result.values()))
    return Balance(
        amount=lib_balance.amount.amount,
        currency=lib_balance.amount.currency,
        on=_plain_date(lib_balance.date),
    )


def _first(tags: list[_Tag], names: tuple[str, ...]) -> _Tag | None:
    return next((t for t in tags if t.name in names), None)


def _last(tags: list[_Tag], names: tuple[str, ...]) -> _Tag | None:
    return next((t for t in reversed(tags) if t.name in names), None)


def _required(
    tags: list[_Tag],
    names: tuple[str, ...],
    labels: tuple[str, str],
    start: _Tag,
    ctx: ParseContext,
) -> _Tag:
    """The tag named ``names``; ``labels`` say what it holds (German, English)."""
    # A statement's closing balance is its last :62:, everything else the first occurrence.
    found = _last(tags, names) if names == _CLOSING else _first(tags, names)
    if found is None:
        label, label_en = labels
        raise BadRowError(
            f"Dem Kontoauszug fehlt das Feld :{names[0]}: ({label}).",
            f"The statement lacks the field :{names[0]}: ({label_en}).",
            log_en=f"the statement has no :{names[0]}: field ({label})",
            file_name=ctx.file_name,
            line=start.line,
            field=f":{names[0]}:",
        )
    return found


def _statements(tags: list[_Tag], ctx: ParseContext) -> list[list[_Tag]]:
    if refused := next((t for t in tags if t.name in _MT942_TAGS), None):
        raise WrongFormatError(
            "Die Datei ist ein MT942 (Umsätze während des Tages), kein MT940-Tagesauszug; "
            "vorläufige Umsätze werden nicht gebucht.",
            "The file is an MT942 (intraday transactions), not an MT940 daily statement; "
            "provisional transactions are not booked.",
            log_en="the file is an MT942 interim report, not an MT940 statement",
            file_name=ctx.file_name,
            line=refused.line,
            field=f":{refused.name}:",
        )
    blocks: list[list[_Tag]] = []
    orphan: _Tag | None = None  # the first field of a statement before any :20:
    for tag in tags:
        if tag.name == "20":
            blocks.append([tag])
        elif blocks:
            blocks[-1].append(tag)
        elif orphan is None and tag.name in _STATEMENT_TAGS:
            orphan = tag
    if not blocks:
        raise WrongFormatError(
            "Die Datei enthält keinen MT940-Kontoauszug (kein Feld :20:).",
            "The file holds no MT940 bank statement (no field :20:).",
            log_en="no MT940 statement (no :20: field)",
            file_name=ctx.file_name,
            line=tags[0].line if tags else None,
        )
    if orphan is not None:
        # A statement without its :20: would be lost, turnover and all, unseen.
        raise BadRowError(
            f"Das Feld :{orphan.name}: steht vor dem ersten Feld :20: "
            "(Auftragsreferenz) und gehört zu keinem Kontoauszug.",
            f"The field :{orphan.name}: comes before the first field :20: (transaction "
            "reference) and belongs to no statement.",
            log_en=f":{orphan.name}: comes before the first :20: and belongs to no statement",
            file_name=ctx.file_name,
            line=orphan.line,
            field=f":{orphan.name}:",
        )
    return blocks


def _parse_statement(
    tags: list[_Tag], index: int, ctx: ParseContext
) -> tuple[StatementInfo, list[tuple[ImportRecord, str]]]:
    start = tags[0]
    account = _required(tags, ("25",), ("Kontobezeichnung", "account"), start, ctx).value.strip()
    number_tag = _first(tags, ("28C", "28"))
    number = number_tag.value.strip() if number_tag else None
    opening_tag = _required(tags, _OPENING, ("Anfangssaldo", "opening balance"), start, ctx)
    closing_tag = _required(tags, _CLOSING, ("Schlusssaldo", "closing balance"), start, ctx)
    lib = mt940_lib.models.Transactions(options=_LIB_OPTIONS)
    opening_result = _lib_tag(lib, opening_tag, ctx)
    lib.data.update(opening_result)  # the :61: lines take their currency from it
    opening = _balance(opening_result)
    closing = _balance(_lib_tag(lib, closing_tag, ctx))
    info = StatementInfo(
        account=account,
        statement_id=start.value.strip(),
        number=number,
        line=start.line,
        opening=opening,
        closing=closing,
    )
    records: list[ImportRecord] = []
    refs: list[str] = []
    total = Decimal(0)
    position = 0
    for i, tag in enumerate(tags):
        if tag.name != "61":
            continue
        position += 1
        details_tag = tags[i + 1] if i + 1 < len(tags) and tags[i + 1].name == "86" else None
        line = _lib_tag(lib, tag, ctx)
        record = _record(line, details_tag, tag, info, index, position, ctx)
        total += record.amount or Decimal(0)
        records.append(record)
        bank_ref = str(line.get("bank_reference") or "").strip()
        refs.append("" if bank_ref.upper() in _NO_REFERENCE else bank_ref)
    if opening.amount + total != closing.amount:
        money_de, money_en = money_texts(opening.currency)
        raise BalanceMismatchError(
            f"Anfangssaldo {money_de(opening.amount)} plus Umsätze "
            f"{money_de(total)} ergibt {money_de(opening.amount + total)}, "
            f"der Schlusssaldo ist aber {money_de(closing.amount)}.",
            f"The opening balance {money_en(opening.amount)} plus transactions of "
            f"{money_en(total)} makes {money_en(opening.amount + total)}, "
            f"but the closing balance is {money_en(closing.amount)}.",
            log_en=f"opening {opening.amount} + lines {total} != closing {closing.amount}",
            file_name=ctx.file_name,
            line=closing_tag.line,
            field=f":{closing_tag.name}:",
        )
    return info, list(zip(records, refs, strict=True))


def _record(
    line: dict[str, Any],
    details_tag: _Tag | None,
    tag: _Tag,
    info: StatementInfo,
    index: int,
    position: int,
    ctx: ParseContext,
) -> ImportRecord:
    amount: Decimal = line["amount"].amount
    if amount != amount.quantize(_CENT):
        raise finer_than_cents(str(amount), file_name=ctx.file_name, line=tag.line, field=":61:")
    mark = str(line.get("status") or "").upper()
    details = _parse_details(details_tag.value) if details_tag else _Details()
    customer_ref = str(line.get("customer_reference") or "").strip()
    fields = _reference_texts(details, customer_ref)
    free = details.purpose() or details.free_text
    patterned = pattern_references([*fields, free], ctx.options.invoice_regex)
    shown = (*fields, *patterned)
    value_date = _plain_date(line.get("date"))
    type_code = str(line.get("id") or "").upper()
    return ImportRecord(
        source=ctx.source(f"S{index}/61#{position}", tag.line),
        reference_raw=shown[0] if shown else None,
        reference=normalise_invoice_number(shown[0]) if shown else None,
        amount=amount,
        currency=line.get("currency") or (info.opening.currency if info.opening else None),
        booking_date=_plain_date(line.get("entry_date")) or value_date,
        value_date=value_date,
        counterparty_name=details.joined(range(32, 34), "").strip() or None,
        counterparty_iban=details.joined(range(31, 32), "").strip() or None,
        free_text=details.free_text,
        # Money in is C or RD; an R mark is a reversal (storno) and is never auto-booked.
        is_reversal=mark.startswith("R"),
        is_return=type_code.endswith("RTI") or details.code in _RETURN_GVC,
        is_debit=mark not in ("C", "RD"),
        texts=ReferenceTexts(fields, (free,) if free else (), patterned),
        dedup_key=_statement_key(info, position, amount, value_date),
        bank_reference=False,  # set by _bank_keys when the bank's reference is unique
    )


def _statement_key(info: StatementInfo, position: int, amount: Decimal, day: date | None) -> str:
    """The line's place in its statement: the same when the statement is sent again."""
    opening = info.opening.on if info.opening else ""
    return f"mt940:{info.account}:{info.number}:{opening}:{position}:{amount}:{day}"


def _bank_keys(lines: list[tuple[ImportRecord, str, str]]) -> list[ImportRecord]:
    """Key the lines ``(record, bank reference, account)`` by the bank's own reference
    (after ``//`` in ``:61:``) where it names one transaction: a line is then found
    again in any other statement. A reference the file gives to lines of different
    amounts or dates is no identity."""
    seen: dict[tuple[str, str], set[tuple[Decimal | None, date | None]]] = {}
    for record, ref, account in lines:
        if ref:
            seen.setdefault((account, ref), set()).add((record.amount, record.value_date))
    keyed: list[ImportRecord] = []
    for record, ref, account in lines:
        if ref and len(seen[(account, ref)]) == 1:
            key = f"mt940:{account}:ref:{ref}:{record.amount}:{record.value_date}"
            record = replace(record, dedup_key=key, bank_reference=True)
        keyed.append(record)
    return keyed


def parse(decoded: DecodedText, ctx: ParseContext) -> ParsedFile:
    tags = _collect_tags(decoded.text, ctx)
    infos: list[StatementInfo] = []
    lines: list[tuple[ImportRecord, str, str]] = []
    for index, block in enumerate(_statements(tags, ctx), start=1):
        info, statement_lines = _parse_statement(block, index, ctx)
        infos.append(info)
        lines.extend((record, ref, info.account) for record, ref in statement_lines)
    records = _bank_keys(lines)
    closing_dates = [i.closing.on for i in infos if i.closing and i.closing.on]
    return ParsedFile(
        format_id=FORMAT_ID,
        file_name=ctx.file_name,
        file_sha256=ctx.file_sha256,
        encoding=decoded.encoding,
        records=tuple(records),
        data_rows=len(records),
        **ctx.options.dated(max(closing_dates) if closing_dates else None),
        statements=tuple(infos),
    )
