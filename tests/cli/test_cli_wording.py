"""How the command line reads a name and says what it found: a Mandant given with blanks
around it is the catalogue's Mandant for import-file too; a missing invoice is said where
it was looked for; a run's error stays in its one history line; English calls a Mandant
a client, as the English window does. A real process on a real data directory each time."""

from __future__ import annotations

import json

from tests.cli.test_cases_cli import data, ok  # noqa: F401 - data: a fixture

# The fixtures imported above are the tests' parameters by design.
# ruff: noqa: F811


def test_import_file_reads_a_mandant_as_the_catalogue_does(data, tmp_path):
    payments = tmp_path / "zahlungen-1.csv"
    payments.write_text(
        "Rechnungsnummer;Betrag;Zahldatum;Mandant\nRE-2026-0041;120,00;20260302;1\n",
        encoding="utf-8",
    )
    args = ["import-file", str(payments), "--format", "closed-items", "--json"]
    planned = json.loads(ok(data, *args, "--mandant", " 1 ", "--dry-run").stdout)
    assert (planned["matched"], planned["booked"]) == (1, 1)
    booked = json.loads(ok(data, *args, "--mandant", " 1", "--mandant", "1").stdout)
    assert (booked["booked"], booked["booked_amount"]) == (1, "120.00")
    listing = json.loads(ok(data, "bookings", "list", "--mandant", "1", "--json").stdout)
    assert [b["invoice"] for b in listing["bookings"]] == ["RE-2026-0041"]
