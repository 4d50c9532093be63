"""A real ledger with the invoices resources/samples/README.md assumes, for the ledger GUI.

Mandant "1": RE-2026-0001 … 0020 (February 2026, the README's amounts). Mandant "2"
gets two invoices of its own, so views filtered by Mandant have something to leave out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.store.db import Database
from desktop_app.store.ledger import Ledger

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
TODAY = date(2026, 3, 14)  # the samples' payments are of early March 2026

AMOUNTS = (
    "119,00", "59,90", "238,00", "1.190,00", "47,60", "89,25", "357,00", "24,99", "595,00",
    "178,50", "65,45", "714,00", "29,75", "416,50", "99,00", "1.428,00", "83,30", "249,90",
    "142,80", "476,00",
)  # fmt: skip
OTHER_MANDANT = (("RE-2026-0101", "Hörakustik Mitte", "12.02.2026", "1.234,56"),
                 ("RE-2026-0102", "Hörakustik Mitte", "13.02.2026", "80,00"))  # fmt: skip


def fill_ledger(db: Database) -> Ledger:
    lines = ["Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag"]
    lines += [f"RE-2026-{i:04d};1;Optik Nord;{i:02d}.02.2026;{a}" for i, a in enumerate(AMOUNTS, 1)]
    lines += [
        f"{number};2;{branch};{day};{amount}" for number, branch, day, amount in OTHER_MANDANT
    ]
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices("\n".join(lines).encode(), file_name="rechnungen.csv"))
    return ledger


def sample(name: str) -> Path:
    return SAMPLES / name
