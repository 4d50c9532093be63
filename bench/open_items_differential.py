"""Differential check: Offene-Posten / DATEV OPOS planning gives the same outcome on two
versions of the code.

The compact storage of open-item lists (RecordTable, positions instead of records,
LookAlikes indexed by the unknown references) must not change a single booking. This
script generates lists and ledgers from a seed (duplicate numbers, typing errors, leading
zeros, amounts written with one, two or no decimals, part payments, invoices dated on or
after the list's day, unknown numbers, several Mandanten, credit rows, both formats, and
Geschlossene-Posten CSVs with a free-text column for the case texts), plans each with
the code on PYTHONPATH, and prints one JSON line per case with everything the plan says:
parsed records, rows with status, reason (German and English) and line, bookings, matches,
guards, refusal, totals and case drafts.

    # in each of two worktrees (the old one e.g. ``git worktree add ../old 2044a1d``):
    PYTHONPATH=<tree> python bench/open_items_differential.py dump --cases 3000 > out.jsonl
    # or both at once, in subprocesses:
    python bench/open_items_differential.py compare --old ../old --new . --cases 3000
    python bench/open_items_differential.py compare --old ../old --large --cases 20
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

LIST_DAY = date(2026, 3, 14)
MANDANTS = ("1", "2", "01")


def _amount_text(value: Decimal, rng: random.Random) -> str:
    """German amount text, sometimes with fewer decimals or thousands dots."""
    text = f"{value:.2f}"
    choice = rng.random()
    if choice < 0.15 and text.endswith("0"):
        text = text[:-1]  # 10.5 instead of 10.50
        if text.endswith(".0") and rng.random() < 0.5:
            text = text[:-2]  # 10 instead of 10.00
    elif choice < 0.2:
        text = f"{value:.3f}"  # a third decimal: 0 (accepted) or refused as finer
    whole, _, cents = text.partition(".")
    if rng.random() < 0.2 and len(whole.lstrip("-")) > 3:
        sign = "-" if whole.startswith("-") else ""
        digits = whole.lstrip("-")
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        whole = sign + ".".join([digits, *groups])
    return f"{whole},{cents}" if cents else whole


def _typo(number: str, rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0 and len(number) > 2:  # swap two neighbours
        i = rng.randrange(len(number) - 1)
        return number[:i] + number[i + 1] + number[i] + number[i + 2 :]
    if kind == 1:  # a digit changed
        i = rng.randrange(len(number))
        return number[:i] + str(rng.randrange(10)) + number[i + 1 :]
    if kind == 2:  # leading zeros added in the digits
        head = number.rstrip("0123456789")
        return head + "00" + number[len(head) :]
    if kind == 3:  # lower case and spaces
        return " " + number.lower().replace("-", " ") + " "
    if kind == 4 and len(number) > 3:  # a digit dropped
        i = rng.randrange(len(number))
        return number[:i] + number[i + 1 :]
    return number + str(rng.randrange(10))


def generate(seed: int, large: bool = False) -> dict:
    """One case: ledger invoices, a list's bytes, and the plan's parameters; ``large``:
    thousands of invoices, so that the rows of one invoice lie in different chunks of
    the planner (``LOOKUP_CHUNK``)."""
    from desktop_app.domain.invoice_index import OpenInvoice

    rng = random.Random(seed)
    count = rng.randint(5000, 12000) if large else rng.randint(1, 40)
    styles = rng.choice(["RE-2025-{:05d}", "R{}", "{}", "2025/{:04d}", "A{:03d}B"])
    invoices = []
    used: list[str] = []
    for n in range(1, count + 1):
        if used and rng.random() < 0.1:
            number = rng.choice(used)  # the same number, another Mandant
        else:
            number = styles.format(rng.randint(1, 30000 if large else 300))
        used.append(number)
        mandant = rng.choice(MANDANTS[:2] if rng.random() < 0.9 else MANDANTS)
        amount = Decimal(rng.randint(-2000, 200000)).scaleb(-2)
        if amount <= 0 and rng.random() < 0.8:
            amount = -amount + Decimal("1.00")
        paid = rng.random()
        if paid < 0.2:
            open_amount = Decimal("0.00")
        elif paid < 0.45:
            open_amount = (amount * Decimal(rng.randint(1, 99)) / 100).quantize(Decimal("0.01"))
        else:
            open_amount = amount
        day = LIST_DAY + timedelta(days=rng.choice([-400, -30, -1, -1, 0, 0, 1, 5]))
        branch = rng.choice([None, None, "Nord"])
        invoices.append(OpenInvoice(n, number, mandant, branch, day, amount, open_amount))
    opos = rng.random() < 0.5
    with_mandant = rng.random() < 0.6
    rows: list[list[str]] = []
    for invoice in invoices:
        r = rng.random()
        if r < 0.2:
            continue  # missing: paid in full, or written after the list
        times = 2 if rng.random() < 0.12 else 1
        for _ in range(times):
            number = invoice.number
            if rng.random() < 0.12:
                number = _typo(number, rng)
            open_in_list = invoice.open_amount
            q = rng.random()
            if q < 0.2:
                open_in_list = (invoice.open_amount * Decimal("0.5")).quantize(Decimal("0.01"))
            elif q < 0.25:
                open_in_list = invoice.open_amount + Decimal("3.10")
            elif q < 0.28:
                open_in_list = Decimal("0.00")
            if times == 2:
                open_in_list = (open_in_list / 2).quantize(Decimal("0.01"))
            mandant = invoice.mandant if rng.random() < 0.9 else rng.choice(MANDANTS)
            day = invoice.invoice_date + timedelta(days=rng.choice([0, 0, 0, 1, -1]))
            rows.append(_row(opos, number, open_in_list, mandant, day, rng))
    for _ in range(rng.randint(0, 4)):  # numbers the ledger lacks
        number = rng.choice([_typo(rng.choice(used), rng), f"X{rng.randint(1, 99)}", "999999"])
        amount = Decimal(rng.randint(1, 90000)).scaleb(-2)
        rows.append(_row(opos, number, amount, rng.choice(MANDANTS), LIST_DAY, rng))
    rng.shuffle(rows)
    if not rows:
        rows.append(_row(opos, used[0], Decimal("1.00"), "1", LIST_DAY, rng))
    if opos:
        header = ["Konto", "Belegfeld 1", "Datum", "Fälligkeit", "Saldo", "S/H"]
    else:
        header = ["Rechnungsnummer", "OffenerBetrag", "Datum"]
    if with_mandant:
        header.append("Mandant")
        rows = [row for row in rows]
    else:
        rows = [row[:-1] for row in rows]
    text = "\r\n".join(";".join(cells) for cells in [header, *rows]) + "\r\n"
    chosen = sorted(set(rng.sample(MANDANTS[:2], rng.randint(1, 2))))
    booking_date = LIST_DAY + timedelta(days=rng.choice([0, 0, 1, -1]))
    return {
        "seed": seed,
        "format": "datev-opos" if opos else "open-items",
        "data": text.encode("utf-8"),
        "invoices": invoices,
        "mandants": chosen,
        "ledger_mandants": list(MANDANTS) if rng.random() < 0.2 else ["1", "2"],
        "booking_date": booking_date,
        "file_date": rng.choice([None, LIST_DAY]),
        "last_file_date": rng.choice([None, None, LIST_DAY - timedelta(days=1), LIST_DAY]),
        "guards": rng.choice(["default", "off", "share"]),
    }


def _row(opos: bool, number: str, amount: Decimal, mandant: str, day: date, rng) -> list[str]:
    if opos:
        credit = amount < 0 or rng.random() < 0.05
        shown = -amount if amount < 0 else amount
        due = (day + timedelta(days=rng.choice([14, 30]))).strftime("%d.%m.%Y")
        return [
            rng.choice(["10000", "10001", ""]),
            number,
            day.strftime("%d.%m.%Y") if rng.random() < 0.9 else "",
            due if rng.random() < 0.8 else "",
            _amount_text(shown, rng),
            "H" if credit else rng.choice(["S", "", "Soll"]),
            mandant,
        ]
    return [number, _amount_text(amount, rng), day.strftime("%d.%m.%Y"), mandant]


def generate_closed(seed: int) -> dict:
    """A Geschlossene-Posten CSV with a free-text column: for the case texts."""
    from desktop_app.domain.invoice_index import OpenInvoice

    rng = random.Random(seed)
    invoices = [
        OpenInvoice(
            n,
            f"R{n:03d}",
            "1",
            None,
            LIST_DAY - timedelta(days=9),
            Decimal("50.00"),
            Decimal("50.00"),
        )
        for n in range(1, 6)
    ]
    lines = ["Rechnungsnummer;Betrag;Zahldatum;Verwendungszweck;Buchungstext"]
    for n in range(rng.randint(1, 8)):
        number = rng.choice([f"R{rng.randint(1, 9):03d}", "R001 R002", "unbekannt", "R00x"])
        amount = rng.choice(["50,00", "-5,00", "60,00", "", "20"])
        lines.append(f"{number};{amount};13.03.2026;Zweck {n} R00{n};Text {n}")
    return {
        "seed": seed,
        "format": "closed-items",
        "data": ("\r\n".join(lines) + "\r\n").encode("utf-8"),
        "invoices": invoices,
        "mandants": ["1"],
        "ledger_mandants": ["1"],
        "booking_date": LIST_DAY,
        "file_date": None,
        "last_file_date": None,
        "guards": "default",
    }


def _text(value) -> object:
    if isinstance(value, Decimal):
        return f"D:{value}"  # the exponent too: 10.0 is not 10.00 in a report
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "text") and hasattr(value, "code"):  # a Reason
        return [value.text("de"), value.text("en")]
    if isinstance(value, tuple | list):
        return [_text(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value if value is None or isinstance(value, int | str | bool) else repr(value)


def outcome(case: dict) -> dict:
    """Everything the plan of ``case`` says, as JSON values."""
    from desktop_app.domain.cases import case_drafts
    from desktop_app.domain.formats import parse
    from desktop_app.domain.formats.errors import FormatError
    from desktop_app.domain.formats.options import ParseOptions
    from desktop_app.domain.settlement import plan_settlement
    from desktop_app.domain.settlement.plan import GuardConfig

    try:
        parsed = parse(
            case["data"],
            case["format"],
            file_name="liste.csv",
            options=ParseOptions(file_date=case["file_date"]),
        )
    except FormatError as exc:
        return {"seed": case["seed"], "parse_error": [str(exc), repr(exc.args)]}
    record_fields = [
        "reference_raw",
        "reference",
        "amount",
        "open_amount",
        "booking_date",
        "free_text",
        "mandant_hint",
        "customer_account",
        "dedup_key",
        "line",
        "texts",
    ]
    records = [
        [_text(getattr(r, name)) for name in record_fields] + [r.source.entry_id, r.source.key]
        for r in parsed.records
    ]
    guards = {
        "default": GuardConfig(),
        "off": GuardConfig.off(),
        "share": GuardConfig(max_share=Decimal("0.9")),
    }[case["guards"]]
    plan = plan_settlement(
        parsed,
        case["invoices"],
        mandants=case["mandants"],
        booking_date=case["booking_date"],
        guards=guards,
        last_file_date=case["last_file_date"],
        ledger_mandants=case["ledger_mandants"],
    )
    row_fields = [
        "line",
        "entry_id",
        "reference_raw",
        "amount",
        "status",
        "invoice_id",
        "invoice_number",
        "booked",
        "surplus",
        "reason",
        "possible_invoices",
    ]
    booking_fields = [
        "invoice_id",
        "invoice_number",
        "amount",
        "source_key",
        "line",
        "entry_id",
        "booking_date",
        "exportable",
        "note_de",
        "paid_amount",
        "paid_on",
    ]
    draft_fields = [
        "source_key",
        "line",
        "entry_id",
        "reference",
        "text",
        "amount",
        "booked",
        "currency",
        "value_date",
        "code",
        "reason_de",
        "possible",
        "mandant_hint",
    ]
    return {
        "seed": case["seed"],
        "records": records,
        "rows": [[_text(getattr(r, n)) for n in row_fields] for r in plan.rows],
        "reported": [[r.line, r.entry_id] for r in plan.reported],
        "bookings": [[_text(getattr(b, n)) for n in booking_fields] for b in plan.bookings],
        "matches": [
            [_text(getattr(m, n)) for n in vars(type(m))["__slots__"]] for m in plan.matches
        ]
        if hasattr(type(plan.matches[0]) if plan.matches else object, "__slots__")
        else [repr(m) for m in plan.matches],
        "refused": _text(plan.refused_reason),
        "guards": [[g.name, g.passed, _text(g.reason)] for g in plan.guards],
        "totals": [_text(v) for v in vars(plan.totals).values()]
        if hasattr(plan.totals, "__dict__")
        else repr(plan.totals),
        "drafts": [
            [_text(getattr(d, n)) for n in draft_fields] for d in case_drafts(plan, parsed.records)
        ],
    }


def dump(first: int, cases: int, large: bool = False) -> None:
    for seed in range(first, first + cases):
        if large:
            case = generate(seed, large=True)
        else:
            case = generate_closed(seed) if seed % 10 == 9 else generate(seed)
        print(json.dumps(outcome(case), sort_keys=True, ensure_ascii=False), flush=True)


def compare(old: Path, new: Path, first: int, cases: int, large: bool = False) -> int:
    outputs = []
    for tree in (old, new):
        env = {**os.environ, "PYTHONPATH": str(tree)}
        env.setdefault("PYTHONPYCACHEPREFIX", "/tmp/pyc-differential")
        script = Path(__file__).resolve()  # this script, run against either tree
        args = [sys.executable, str(script), "dump", "--first", str(first), "--cases", str(cases)]
        args += ["--large"] if large else []
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
        outputs.append(done.stdout.splitlines())
    differing = [(a, b) for a, b in zip(*outputs, strict=True) if a != b]
    kinds: dict[str, int] = {}
    for line in outputs[1]:
        value = json.loads(line)
        kind = (
            "parse_error"
            if "parse_error" in value
            else "refused"
            if value["refused"]
            else "planned"
        )
        kinds[kind] = kinds.get(kind, 0) + 1
    bookings = sum(len(json.loads(line).get("bookings", ())) for line in outputs[1])
    rows = sum(len(json.loads(line).get("rows", ())) for line in outputs[1])
    drafts = sum(len(json.loads(line).get("drafts", ())) for line in outputs[1])
    print(f"{cases} cases: {kinds}; {rows} rows, {bookings} bookings, {drafts} case drafts")
    for a, b in differing[:5]:
        print("OLD", a[:3000])
        print("NEW", b[:3000])
    print(f"differing: {len(differing)}")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["dump", "compare"])
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--old", type=Path)
    parser.add_argument("--new", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--large", action="store_true", help="lists of 5,000-12,000 invoices")
    args = parser.parse_args()
    if args.mode == "dump":
        dump(args.first, args.cases, args.large)
        return 0
    return compare(args.old, args.new, args.first, args.cases, args.large)


if __name__ == "__main__":
    sys.exit(main())
