"""Counts the transactions of a statement or DATEV file without the program's parsers.

The corpus test (tests/domain/formats/test_corpus.py) holds what the program reports
against these counts, so nothing here imports ``desktop_app``: MT940 is read with
regular expressions on the raw text, camt.053 with the standard library's ElementTree,
DATEV EXTF with the ``csv`` module. The rules are FORMATS.md's, written down a second
time on purpose.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

ZERO = Decimal(0)


@dataclass(frozen=True)
class Count:
    """What a file holds, or why it must be refused.

    ``money_in``/``money_out``: MT940 by mark (C and RD in, D and RC out), camt.053 by
    CdtDbtInd, DATEV by account: a customer credited against a bank or cash account is
    money in, every other line (Umsatz + Skonto) is not. ``pending``: camt entries the
    bank has not booked (a status other than BOOK).
    """

    rows: int = 0
    money_in: Decimal = ZERO
    money_out: Decimal = ZERO
    pending: int = 0
    refusal: str | None = None  # the FormatError subclass the program must raise
    why: str = ""  # for the README and for failure messages

    @staticmethod
    def refused(error: str, why: str) -> Count:
        return Count(refusal=error, why=why)

    def figures(self) -> tuple[int, Decimal, Decimal, int]:
        return self.rows, self.money_in, self.money_out, self.pending

    def summary(self) -> str:
        if self.refusal:
            return f"refused: {self.refusal} ({self.why})"
        text = f"{self.rows} rows, in {self.money_in:.2f}, out {self.money_out:.2f}"
        return text + (f", {self.pending} pending" if self.pending else "")


def decode(data: bytes) -> str:
    """Strip a UTF-8 BOM; strict UTF-8, else Windows-1252, else ISO-8859-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


# -- MT940 ------------------------------------------------------------------------------

_MT940_TAG = re.compile(r"^(?:\{4:)?:(\d\d[A-Z]?):", re.M)
_MT940_LINE = re.compile(r"^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d+(?:,\d*)?)", re.I)
_MT940_BALANCE = re.compile(r"^([CD])(\d{6})([A-Z]{3})(\d+,\d{0,2})")


def _mt940_amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ".") or "0")


def count_mt940(data: bytes) -> Count:
    if not data.strip():
        return Count.refused("UnreadableFileError", "empty file")
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    tags = [(m.group(1), m.end(), m.start()) for m in _MT940_TAG.finditer(text)]
    if any(name in ("13D", "34F") for name, _, _ in tags):
        return Count.refused("WrongFormatError", "MT942 (:13D:/:34F:), not MT940")
    values = []
    for i, (name, end, _start) in enumerate(tags):
        stop = tags[i + 1][2] if i + 1 < len(tags) else len(text)
        values.append((name, text[end:stop].strip()))
    blocks: list[list[tuple[str, str]]] = []
    for name, value in values:
        if name == "20":
            blocks.append([])
        if blocks:
            blocks[-1].append((name, value))
    if not blocks:
        return Count.refused("WrongFormatError", "no :20: statement")
    result = Count()
    for number, block in enumerate(blocks, start=1):
        statement = _mt940_statement(block, number)
        if statement.refusal:
            return statement
        result = Count(*(a + b for a, b in zip(result.figures(), statement.figures(), strict=True)))
    return Count(*result.figures(), why=f"{len(blocks)} statements")


def _mt940_statement(block: list[tuple[str, str]], number: int) -> Count:
    names = [n for n, _ in block]
    opening = next((v for n, v in block if n in ("60F", "60M", "60")), None)
    closing = next((v for n, v in reversed(block) if n in ("62F", "62M", "62")), None)
    if "25" not in names or opening is None or closing is None:
        return Count.refused("BadRowError", f"statement {number} lacks :25:, :60: or :62:")
    balances = []
    for value in (opening, closing):
        m = _MT940_BALANCE.match(value)
        if not m:
            return Count.refused("BadRowError", f"statement {number}: balance {value[:30]!r}")
        amount = _mt940_amount(m.group(4))
        balances.append(-amount if m.group(1) == "D" else amount)
    money_in = money_out = ZERO
    rows = 0
    for name, value in block:
        if name != "61":
            continue
        m = _MT940_LINE.match(value)
        if not m:
            return Count.refused("BadRowError", f"statement {number}: :61: {value[:30]!r}")
        rows += 1
        amount = _mt940_amount(m.group(5))
        if m.group(3).upper() in ("C", "RD"):
            money_in += amount
        else:
            money_out += amount
    if balances[0] + money_in - money_out != balances[1]:
        return Count.refused(
            "BalanceMismatchError",
            f"statement {number}: {balances[0]} + {money_in} - {money_out} != {balances[1]}",
        )
    return Count(rows, money_in, money_out)


# -- camt.053 ---------------------------------------------------------------------------

_CAMT = re.compile(r"\{urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3})\.001\.(\d\d)\}Document")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _strip_namespaces(root: ET.Element) -> None:
    for el in root.iter():
        el.tag = _local(el.tag)


def _text(el: ET.Element, path: str) -> str:
    found = el.find(path)
    return (found.text or "").strip() if found is not None else ""


def count_camt053(data: bytes) -> Count:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return Count.refused("UnreadableFileError", f"not well-formed XML: {exc}")
    m = _CAMT.fullmatch(root.tag)
    if not m or m.group(1) != "camt.053" or not 2 <= int(m.group(2)) <= 8:
        return Count.refused("WrongFormatError", f"root {root.tag[:70]}")
    _strip_namespaces(root)
    statements = root.findall("BkToCstmrStmt/Stmt")
    if not statements:
        return Count.refused("FormatError", "no Stmt")
    result = Count()
    for number, stmt in enumerate(statements, start=1):
        statement = _camt_statement(stmt, number)
        if statement.refusal:
            return statement
        result = Count(*(a + b for a, b in zip(result.figures(), statement.figures(), strict=True)))
    return Count(*result.figures(), why=f"camt.053.001.{m.group(2)}")


def _camt_amount(el: ET.Element, path: str) -> Decimal | None:
    raw = _text(el, path)
    try:
        return Decimal(raw) if raw else None
    except InvalidOperation:
        return None


def _camt_balance(stmt: ET.Element, codes: tuple[str, ...]) -> Decimal | None:
    for bal in stmt.findall("Bal"):
        if _text(bal, "Tp/CdOrPrtry/Cd") in codes:
            amount = _camt_amount(bal, "Amt")
            if amount is None:
                return None
            return -amount if _text(bal, "CdtDbtInd") == "DBIT" else amount
    return None


def _camt_statement(stmt: ET.Element, number: int) -> Count:
    rows = {"BOOK": 0, "": 0, "other": 0}  # by the entry's status; "": none given
    sums = {"BOOK": ZERO, "": ZERO, "other": ZERO}  # signed
    money_in = money_out = ZERO
    for ntry in stmt.findall("Ntry"):
        amount = _camt_amount(ntry, "Amt")
        direction = _text(ntry, "CdtDbtInd")
        if amount is None or direction not in ("CRDT", "DBIT"):
            return Count.refused("BadRowError", f"statement {number}: entry without Amt/CdtDbtInd")
        status = _text(ntry, "Sts/Cd") or _text(ntry, "Sts")
        status = status if status in ("BOOK", "") else "other"
        sums[status] += amount if direction == "CRDT" else -amount
        parts = _camt_parts(ntry, amount, direction)
        if parts is None:
            return Count.refused("BadRowError", f"statement {number}: batch without amounts")
        for part_amount, part_direction in parts:
            rows[status] += 1
            if part_direction == "CRDT":
                money_in += part_amount
            else:
                money_out += part_amount
    opening = _camt_balance(stmt, ("OPBD", "PRCD"))
    closing = _camt_balance(stmt, ("CLBD",))
    if opening is None or closing is None:
        return Count.refused("BadRowError", f"statement {number} lacks OPBD/PRCD or CLBD")
    total = sum(rows.values())
    # An entry without status counts as booked when the balances prove it.
    if opening + sums["BOOK"] + sums[""] == closing:
        return Count(total, money_in, money_out, pending=rows["other"])
    if opening + sums["BOOK"] == closing:
        return Count(total, money_in, money_out, pending=rows["other"] + rows[""])
    return Count.refused(
        "BalanceMismatchError",
        f"statement {number}: {opening} + {sums['BOOK'] + sums['']} != {closing}",
    )


def _camt_parts(
    ntry: ET.Element, amount: Decimal, direction: str
) -> list[tuple[Decimal, str]] | None:
    """The payments of an entry: itself, or each TxDtls of a batch (None: one lacks
    its amount)."""
    details = ntry.findall("NtryDtls/TxDtls")
    if len(details) < 2:
        return [(amount, direction)]
    parts = []
    for tx in details:
        tx_amount = _camt_amount(tx, "AmtDtls/TxAmt/Amt")
        if tx_amount is None:
            tx_amount = _camt_amount(tx, "Amt")
        if tx_amount is None:
            return None
        parts.append((tx_amount, _text(tx, "CdtDbtInd") or direction))
    return parts


# -- DATEV EXTF -------------------------------------------------------------------------

# Bank and cash accounts in SKR 03 and SKR 04, as four-digit Sachkonten.
_FINANCIAL = ((1000, 1399), (1600, 1899))


def _datev_amount(raw: str) -> Decimal | None:
    raw = raw.strip()
    if not re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?", raw):
        return None
    return Decimal(raw.replace(".", "").replace(",", "."))


def _is_customer(account: str, length: int) -> bool:
    # Personenkonten have one digit more; DATEV's Debitoren start with 1 to 6.
    return account.isdigit() and len(account) == length + 1 and account[0] in "123456"


def _is_financial(account: str, length: int) -> bool:
    if not account.isdigit() or len(account) > length:
        return False
    four = int(account.zfill(length)) // 10 ** (length - 4)
    return any(low <= four <= high for low, high in _FINANCIAL)


def count_datev(data: bytes) -> Count:
    text = decode(data)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"'))
    if not records or records[0][:1] not in (["EXTF"], ["DTVF"]):
        return Count.refused("WrongFormatError", "first line is no EXTF/DTVF header")
    header = records[0]
    if len(header) < 3 or header[2] != "21":
        category = header[2] if len(header) > 2 else "?"
        return Count.refused("WrongFormatError", f"category {category}, not 21 (Buchungsstapel)")
    length = int(header[13]) if len(header) > 13 and header[13].isdigit() else 0
    if not 4 <= length <= 8:
        return Count.refused("BadRowError", "header field 14 (Sachkontenlänge) is not 4 to 8")
    headings = records[1] if len(records) > 1 else []
    reversal_column = next(
        (i for i, h in enumerate(headings) if h.strip().startswith("Generalumkehr")), None
    )
    rows = 0
    money_in = money_out = ZERO
    for number, record in enumerate(records[2:], start=3):
        if not any(cell.strip() for cell in record):
            continue
        rows += 1
        cells = record + [""] * 20
        amount = _datev_amount(cells[0])
        side = cells[1].strip().upper()
        if amount is None or side not in ("S", "H"):
            return Count.refused("BadRowError", f"record {number}: Umsatz/Soll-Haben unreadable")
        discount = _datev_amount(cells[12]) if cells[12].strip() else ZERO
        if discount is None:
            return Count.refused("BadRowError", f"record {number}: Skonto unreadable")
        account, contra, key = cells[6].strip(), cells[7].strip(), cells[8].strip()
        reversal = (len(key) == 2 and key[0] == "2") or (
            reversal_column is not None and cells[reversal_column].strip() == "1"
        )
        if _is_customer(account, length):
            credited, other = side == "H", contra
        elif _is_customer(contra, length):
            credited, other = side == "S", account
        else:
            credited, other = False, ""
        if credited and not reversal and _is_financial(other, length):
            money_in += amount + discount
        else:
            money_out += amount + discount
    return Count(rows, money_in, money_out, why=f"EXTF {header[1]}, {len(headings)} columns")


COUNTERS = {"mt940": count_mt940, "camt053": count_camt053, "datev-extf": count_datev}


def count(data: bytes, format_id: str) -> Count:
    return COUNTERS[format_id](data)
