"""A ledger and a Geschlossene-Posten payment file of any size, for the round-trip test
and bench/remote_db.py: mostly payments in full or in part, some of unknown invoices
(they open Klärungsfälle) and some paying more than is open."""

from __future__ import annotations

import random


def ledger_csv(invoices: int) -> bytes:
    """Invoices RE-2026-00001 … of Mandant "1", amounts 100,00 … 999,00."""
    lines = ["Rechnungsnummer;Mandant;Rechnungsdatum;Betrag"]
    lines += [f"RE-2026-{i:05d};1;01.02.2026;{_amount(i)},00" for i in range(1, invoices + 1)]
    return "\n".join(lines).encode()


def payments_csv(rows: int, invoices: int, seed: int) -> bytes:
    """``rows`` payments, each on another of the ledger's ``invoices`` invoices."""
    rng = random.Random(seed)
    lines = ["Rechnungsnummer;Betrag;Zahldatum;Mandant"]
    for n, number in enumerate(rng.sample(range(1, invoices + 1), rows)):
        amount = _amount(number)
        if n % 20 == 0:
            lines.append(f"RE-2099-{number:05d};{amount},00;20260313;1")  # unknown
        elif n % 20 == 1:
            lines.append(f"RE-2026-{number:05d};{amount + 5},00;20260313;1")  # overpaid
        elif n % 3 == 0:
            lines.append(f"RE-2026-{number:05d};{amount // 2},00;20260313;1")  # in part
        else:
            lines.append(f"RE-2026-{number:05d};;20260313;1")  # in full
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def _amount(number: int) -> int:
    return 100 + number % 900
