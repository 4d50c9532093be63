"""Offene Posten and DATEV OPOS planned from their compact table (``RecordTable``, rows
read back by position, look-alikes indexed by the unknown references) say exactly what
the plain records say: the same file as a tuple of ``ImportRecord`` and a look-alike
search over every invoice's keys, on seeded generated lists (duplicates, typing errors,
leading zeros, 10,5 beside 10,50, part payments, invoices dated on or after the list's
day, unknown numbers, several Mandanten, credit rows, more rows than a planner chunk).

bench/open_items_differential.py compares the same against an older version of the code.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop_app.domain.formats import parse
from desktop_app.domain.formats.records import RecordTable
from desktop_app.domain.formats.text import normalise_invoice_number
from desktop_app.domain.invoice_index import OpenInvoice
from desktop_app.domain.settlement import plan_settlement
from desktop_app.domain.settlement.look_alikes import LookAlikes, _keys
from desktop_app.domain.settlement.plan import GuardConfig
from desktop_app.domain.settlement.planner_state import LOOKUP_CHUNK

DAY = date(2026, 3, 14)
MANDANTS = ("1", "2")


def typo(number: str, rng: random.Random) -> str:
    i = rng.randrange(len(number))
    return rng.choice(
        [
            number[:i] + str(rng.randrange(10)) + number[i + 1 :],  # a digit changed
            number[:i] + number[i + 1 :] or number,  # a character dropped
            number.rstrip("0123456789") + "00" + number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ-"),
            " " + number.lower() + " ",
        ]
    )


def amount_text(value: Decimal, rng: random.Random) -> str:
    text = f"{value:.2f}".replace(".", ",")
    if text.endswith("0") and rng.random() < 0.3:
        text = text[:-1]  # 10,5 beside 10,50
    return text


def ledger_and_list(seed: int, count: int) -> tuple[list[OpenInvoice], bytes, str]:
    rng = random.Random(seed)
    invoices = []
    for n in range(1, count + 1):
        number = f"RE-{rng.randint(1, count * 4):05d}" if rng.random() < 0.95 else "RE-00007"
        amount = Decimal(rng.randint(100, 200000)).scaleb(-2)
        paid = rng.random()
        open_amount = (
            Decimal("0.00")
            if paid < 0.2
            else (amount / 2).quantize(Decimal("0.01"))
            if paid < 0.4
            else amount
        )
        day = DAY + timedelta(days=rng.choice([-40, -1, 0, 1]))
        invoices.append(
            OpenInvoice(n, number, rng.choice(MANDANTS), None, day, amount, open_amount)
        )
    opos = rng.random() < 0.5
    rows = []
    for invoice in invoices:
        if rng.random() < 0.2:
            continue  # missing from the list
        for _ in range(2 if rng.random() < 0.1 else 1):
            number = typo(invoice.number, rng) if rng.random() < 0.1 else invoice.number
            listed = invoice.open_amount if rng.random() < 0.8 else invoice.open_amount / 2
            listed = listed.quantize(Decimal("0.01"))
            mandant = invoice.mandant if rng.random() < 0.9 else rng.choice(MANDANTS)
            rows.append((number, listed, mandant))
    rows += [(f"X{rng.randint(1, 99)}", Decimal("5.00"), "1") for _ in range(rng.randint(0, 3))]
    rng.shuffle(rows)
    rows = rows or [(invoices[0].number, Decimal("1.00"), "1")]
    if opos:
        lines = ["Konto;Belegfeld 1;Datum;Fälligkeit;Saldo;S/H;Mandant"] + [
            f"1000{i % 3};{n};13.03.2026;{'' if i % 4 else '30.03.2026'};"
            f"{amount_text(a, rng)};{'H' if i % 29 == 0 else 'S'};{m}"
            for i, (n, a, m) in enumerate(rows)
        ]
    else:
        lines = ["Rechnungsnummer;OffenerBetrag;Mandant"] + [
            f"{n};{amount_text(a, rng)};{m}" for n, a, m in rows
        ]
    return invoices, "\r\n".join(lines).encode("utf-8"), "datev-opos" if opos else "open-items"


def outcome(plan) -> tuple:
    rows = [
        (
            *(r.line, r.entry_id, r.reference_raw, str(r.amount), r.status, r.invoice_id),
            *(str(r.booked), str(r.surplus), r.reason.text("de"), r.reason.text("en")),
            r.possible_invoices,
        )
        for r in plan.rows
    ]
    bookings = [
        (b.invoice_id, str(b.amount), b.source_key, b.line, b.booking_date, b.note_de)
        for b in plan.bookings
    ]
    guards = [(g.name, g.passed, g.reason.text("de")) for g in plan.guards]
    refused = plan.refused_reason.text("de") if plan.refused_reason else None
    return rows, bookings, guards, refused, plan.totals


@pytest.mark.parametrize("seed", range(120))
def test_the_compact_table_plans_as_the_plain_records(seed):
    count = 2 * LOOKUP_CHUNK if seed % 40 == 0 else random.Random(seed).randint(1, 60)
    invoices, data, format_id = ledger_and_list(seed, count)
    parsed = parse(data, format_id, file_name="liste.csv")
    assert isinstance(parsed.records, RecordTable)
    plain = replace(parsed, records=tuple(parsed.records))
    for guards in (GuardConfig(), GuardConfig.off()):
        planned = [
            plan_settlement(file, invoices, mandants=MANDANTS, booking_date=DAY, guards=guards)
            for file in (parsed, plain)
        ]
        assert outcome(planned[0]) == outcome(planned[1])


def look_alikes_of_every_key(invoices: list[OpenInvoice], reference: str) -> list[OpenInvoice]:
    """What ``LookAlikes.of`` finds, from an index of every invoice's keys."""
    by_key: dict[str, dict[int, OpenInvoice]] = {}
    for invoice in invoices:
        for key in _keys(normalise_invoice_number(invoice.number)):
            by_key.setdefault(key, {})[invoice.id] = invoice
    found: dict[int, OpenInvoice] = {}
    for key in _keys(reference):
        found.update(by_key.get(key, {}))
    return sorted(found.values(), key=lambda i: i.number)


@pytest.mark.parametrize("seed", range(40))
def test_look_alikes_by_the_references_keys_are_those_by_every_invoices_keys(seed):
    rng = random.Random(seed)
    invoices, _data, _format = ledger_and_list(seed, rng.randint(1, 80))
    references = [
        normalise_invoice_number(typo(rng.choice(invoices).number, rng)) for _ in range(20)
    ]
    look_alikes = LookAlikes(invoices, references)
    for reference in references:
        assert look_alikes.of(reference) == look_alikes_of_every_key(invoices, reference)
