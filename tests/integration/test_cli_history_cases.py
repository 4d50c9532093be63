"""`desktop-app history` names the Klärungsfälle each run opened, in its text and its
JSON, as the Verlauf does: a real process, FTP server, keyring and SQLite ledger."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_interfaces_cli import run_cli
from tests.conftest import need

from .cli_interface import NAME, import_cli_interface

LEDGER = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-2026-0001;1;01.02.2026;119,00\n"
UNKNOWN = ("RE-2026-0097", "RE-2026-0098", "RE-2026-0099")  # no such invoice: a case each
PAYMENTS = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0001;119,00;20260313;1\r\n"
    + "".join(f"{number};10,00;20260313;1\r\n" for number in UNKNOWN)
).encode("cp1252")


@pytest.fixture
def data(tmp_path, serve_ftp, ftp_root, secret_service_backend):
    """A data directory with the interface "CLI-Lauf" and one invoice; on the server a
    payment file that pays it and names three invoices the ledger does not have."""
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    server = serve_ftp()
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / "IMPORT" / "Zahlungen_0313.csv").write_bytes(PAYMENTS)
    path = tmp_path / "cli"
    (tmp_path / "ledger.csv").write_text(LEDGER, encoding="utf-8")
    assert run_cli(path, "invoices", "import", str(tmp_path / "ledger.csv")).returncode == 0
    import_cli_interface(path, tmp_path, server)
    yield path
    run_cli(path, "interfaces", "delete", NAME)


def test_history_counts_the_cases_each_run_opened(data):
    # --force: at any hour (outside 06:00-22:00 a run needs it).
    first = run_cli(data, "run", NAME, "--json", "--force")
    assert first.returncode == 0, first.stderr
    (booked,) = json.loads(first.stdout)["files"]
    assert (booked["outcome"], booked["booked"], len(booked["cases"])) == ("booked", 1, 3)
    # Nothing left on the server: a run that opens none.
    assert run_cli(data, "run", NAME, "--force").returncode == 0

    newest, opening = json.loads(run_cli(data, "history", NAME, "--json").stdout)

    assert (newest["cases"], opening["cases"]) == (0, len(UNKNOWN))
    listed = json.loads(
        run_cli(data, "cases", "list", "--run", str(opening["id"]), "--json").stdout
    )
    assert sorted(case["reference"] for case in listed) == sorted(UNKNOWN)
    assert (
        run_cli(data, "cases", "list", "--run", str(newest["id"]), "--json").stdout.strip() == "[]"
    )

    # The error (none here) right after the bookings, as in the window; the cases last.
    german = run_cli(data, "--lang", "de", "history", NAME).stdout.splitlines()
    assert [line.split("\t")[3:] for line in german] == [
        ["0 Dateien", "0 Buchungen", "", "0 Klärungsfälle"],
        ["1 Datei", "1 Buchung", "", "3 Klärungsfälle"],
    ]
    english = run_cli(data, "--lang", "en", "history", NAME).stdout.splitlines()
    assert [line.split("\t")[5:] for line in english] == [
        ["", "0 payments to clarify"],
        ["", "3 payments to clarify"],
    ]
