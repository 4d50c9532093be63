"""Compose small test files in each format, so tests state only what they vary."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

CRLF = "\r\n"


def csv_bytes(*lines: str, encoding: str = "cp1252", newline: str = CRLF) -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


# --- DATEV EXTF -------------------------------------------------------------------------

DATEV_HEADINGS = [f"Feld {i}" for i in range(1, 126)]
DATEV_HEADINGS[:14] = [
    "Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Kurs",
    "Basis-Umsatz", "WKZ Basis-Umsatz", "Konto", "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel", "Belegdatum", "Belegfeld 1", "Belegfeld 2", "Skonto", "Buchungstext",
]  # fmt: skip
DATEV_HEADINGS[117] = "Generalumkehr (GU)"


def datev_header(
    *,
    kind: str = "EXTF",
    version: str = "700",
    category: str = "21",
    berater: str = "29098",
    mandant: str = "55003",
    account_length: str = "4",
    period_from: str = "20260301",
    created: str = "20260306093015123",
    chart: str = "03",
) -> str:
    fields = [
        f'"{kind}"', version, category, '"Buchungsstapel"', "13", created, "", '"RE"', '""',
        '""', berater, mandant, "20260101", account_length, period_from, "20260331",
        '"Zahlungen"', '""', "1", "0", "0", '"EUR"', "", '""', "", "", f'"{chart}"',
    ]  # fmt: skip
    return ";".join(fields)


def datev_row(
    amount: str,
    side: str,
    account: str,
    contra: str,
    *,
    doc_date: str = "0503",
    invoice: str = "RE-2026-0001",
    discount: str = "",
    text: str = "Zahlung",
    reversal: bool = False,
    currency: str = "EUR",
    key: str = "",
) -> str:
    cells = [amount, f'"{side}"', f'"{currency}"', "", "", "", account, contra, f'"{key}"',
             doc_date, f'"{invoice}"', "", discount, f'"{text}"']  # fmt: skip
    if reversal:
        cells += [""] * (117 - len(cells)) + ["1"]
    return ";".join(cells)


#: The heading line of format version 510: 116 columns, no Generalumkehr column.
DATEV_HEADINGS_510 = [h for h in DATEV_HEADINGS if h != "Generalumkehr (GU)"][:116]


def datev_file(
    *rows: str,
    encoding: str = "cp1252",
    bom: bool = False,
    headings: list[str] | None = None,
    **header: str,
) -> bytes:
    titles = DATEV_HEADINGS if headings is None else headings
    lines = [datev_header(**header), ";".join(f'"{h}"' for h in titles), *rows]
    data = (CRLF.join(lines) + CRLF).encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


# --- MT940 ------------------------------------------------------------------------------


@dataclass
class Mt940Line:
    mark: str  # C, D, RC, RD
    amount: Decimal
    details: str = "166?00SEPA-UEBERWEISUNG?20SVWZ+RE-2026-0001"
    value_date: str = "260305"
    entry_date: str = "0305"
    bank_ref: str = "REF1"

    @property
    def signed(self) -> Decimal:
        return self.amount if self.mark in ("C", "RD") else -self.amount


@dataclass
class Mt940Statement:
    lines: list[Mt940Line] = field(default_factory=list)
    number: str = "00042/001"
    account: str = "76026000/1234567890"
    opening: Decimal = Decimal("1000.00")
    opening_date: str = "260304"
    closing_date: str = "260305"
    closing_delta: Decimal = Decimal(0)  # break the balance on purpose

    def render(self) -> list[str]:
        closing = self.opening + sum((x.signed for x in self.lines), Decimal(0))
        closing += self.closing_delta
        out = [":20:STARTUMS", f":25:{self.account}", f":28C:{self.number}",
               f":60F:{_balance(self.opening, self.opening_date)}"]  # fmt: skip
        for x in self.lines:
            amount = f"{x.amount:.2f}".replace(".", ",")
            out.append(f":61:{x.value_date}{x.entry_date}{x.mark}{amount}NTRFNONREF//{x.bank_ref}")
            # :86: is wrapped at 65 characters like a bank does.
            details = x.details
            out.append(":86:" + details[:61])
            out += [details[i : i + 65] for i in range(61, len(details), 65)]
        out.append(f":62F:{_balance(closing, self.closing_date)}")
        return out


def _balance(amount: Decimal, day: str) -> str:
    mark = "C" if amount >= 0 else "D"
    return f"{mark}{day}EUR{abs(amount):.2f}".replace(".", ",")


def mt940_file(
    *statements: Mt940Statement,
    envelope: bool = False,
    newline: str = CRLF,
    encoding: str = "cp1252",
) -> bytes:
    lines: list[str] = []
    for statement in statements:
        if envelope:
            lines.append("{1:F01GENODEF1XXX0000000000}{2:O9400000260306GENODEF1XXXN}{4:")
        lines += statement.render()
        lines.append("-}" if envelope else "-")
    return (newline.join(lines) + newline).encode(encoding)


# --- camt.053 ---------------------------------------------------------------------------


@dataclass
class CamtTx:
    amount: Decimal | None = None
    ustrd: tuple[str, ...] = ()
    strd_ref: str | None = None
    end_to_end: str = "NOTPROVIDED"
    debtor: str = "Kunde GmbH"
    debtor_iban: str = "DE89370400440532013000"
    tx_amount: tuple[Decimal, str] | None = None  # AmtDtls/TxAmt: amount and currency


@dataclass
class CamtEntry:
    amount: Decimal
    credit: bool = True
    status: str | None = "BOOK"  # None: no <Sts> at all
    reversal: bool = False
    ref: str = "REF-1"
    txs: list[CamtTx] = field(default_factory=list)
    booking_date: str = "2026-03-06"

    @property
    def signed(self) -> Decimal:
        return self.amount if self.credit else -self.amount


def _camt_balance(code: str, amount: Decimal) -> str:
    indicator = "CRDT" if amount >= 0 else "DBIT"
    return (
        f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
        f'<Amt Ccy="EUR">{abs(amount):.2f}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>'
        "<Dt><Dt>2026-03-06</Dt></Dt></Bal>"
    )


def camt_file(
    *entries: CamtEntry,
    version: str = "08",
    kind: str = "camt.053",
    opening: Decimal | None = Decimal("1000.00"),
    closing_delta: Decimal = Decimal(0),
    statement_id: str = "S1",
    one_line: bool = False,
) -> bytes:
    """A statement whose balances add up over the booked entries (and those without a
    status), unless ``closing_delta`` breaks them; ``opening`` None: no balances."""
    v8 = int(version) >= 6  # Sts became <Cd> and Dbtr got <Pty> in later versions
    balances = ""
    if opening is not None:
        moved = sum((e.signed for e in entries if e.status in ("BOOK", None)), Decimal(0))
        balances = _camt_balance("OPBD", opening) + _camt_balance(
            "CLBD", opening + moved + closing_delta
        )
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:{kind}.001.{version}">',
        "<BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId>"
        "<CreDtTm>2026-03-07T06:00:00+01:00</CreDtTm></GrpHdr>",
        f"<Stmt><Id>{statement_id}</Id><ElctrncSeqNb>7</ElctrncSeqNb>"
        "<Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>" + balances,
    ]
    for e in entries:
        if e.status is None:
            status = ""
        else:
            status = f"<Sts><Cd>{e.status}</Cd></Sts>" if v8 else f"<Sts>{e.status}</Sts>"
        parts.append(
            f'<Ntry><Amt Ccy="EUR">{e.amount:.2f}</Amt>'
            f"<CdtDbtInd>{'CRDT' if e.credit else 'DBIT'}</CdtDbtInd>"
            + ("<RvslInd>true</RvslInd>" if e.reversal else "")
            + f"{status}<BookgDt><Dt>{e.booking_date}</Dt></BookgDt>"
            f"<ValDt><Dt>{e.booking_date}</Dt></ValDt>"
            f"<AcctSvcrRef>{e.ref}</AcctSvcrRef><NtryDtls>"
        )
        for tx in e.txs:
            amount = ""
            if tx.amount is not None:
                amount = (
                    f'<Amt Ccy="EUR">{tx.amount:.2f}</Amt>'
                    if v8
                    else f'<AmtDtls><TxAmt><Amt Ccy="EUR">{tx.amount:.2f}</Amt></TxAmt></AmtDtls>'
                )
            if tx.tx_amount is not None:
                value, currency = tx.tx_amount
                amount += (
                    f'<AmtDtls><TxAmt><Amt Ccy="{currency}">{value:.2f}</Amt></TxAmt></AmtDtls>'
                )
            party = f"<Pty><Nm>{tx.debtor}</Nm></Pty>" if v8 else f"<Nm>{tx.debtor}</Nm>"
            rmt = "".join(f"<Ustrd>{u}</Ustrd>" for u in tx.ustrd)
            if tx.strd_ref:
                rmt += f"<Strd><CdtrRefInf><Ref>{tx.strd_ref}</Ref></CdtrRefInf></Strd>"
            parts.append(
                f"<TxDtls><Refs><EndToEndId>{tx.end_to_end}</EndToEndId></Refs>{amount}"
                f"<RltdPties><Dbtr>{party}</Dbtr><DbtrAcct><Id><IBAN>{tx.debtor_iban}</IBAN>"
                f"</Id></DbtrAcct></RltdPties><RmtInf>{rmt}</RmtInf></TxDtls>"
            )
        parts.append("</NtryDtls></Ntry>")
    parts.append("</Stmt></BkToCstmrStmt></Document>")
    return ("" if one_line else "\n").join(parts).encode("utf-8")
