"""`cases`, `bookings` and `invoices` for a German user (``DESKTOP_APP_LANG=de``): what they
print and the errors they end with are German, and no English sentence is left."""

from __future__ import annotations

import pytest

from tests.cli.test_cases_cli import INVOICES, PAYMENTS
from tests.cli.test_interfaces_cli import run_cli

GERMAN = {"DESKTOP_APP_LANG": "de"}


def de(data, *args):
    return run_cli(data, *args, env_extra=GERMAN)


def ok(data, *args):
    result = de(data, *args)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def data(tmp_path):
    """Three invoices and a payment file: RE-2026-0041 booked, one case for 89,90 €."""
    path = tmp_path / "cli-data"
    (tmp_path / "rechnungen.csv").write_text(INVOICES, encoding="utf-8")
    (tmp_path / "zahlungen.csv").write_text(PAYMENTS, encoding="utf-8")
    ok(path, "invoices", "import", str(tmp_path / "rechnungen.csv"))
    ok(path, "import-file", str(tmp_path / "zahlungen.csv"), "--format", "closed-items",
       "--mandant", "1", "--json")  # fmt: skip
    return path


def test_a_case_is_shown_assigned_and_reversed_in_german(data):
    shown = ok(data, "cases", "show", "1").stdout
    assert "Klärungsfall: 1\nStatus: offen\n" in shown
    assert "Betrag: 89,90 €\nNoch zuzuordnen: 89,90 €\n" in shown
    assert "Datei: zahlungen.csv, Zeile 3" in shown and "Angelegt: vor 0 Tagen" in shown
    assert "  Vorschlag RE-2026-0042 (Mandant 1, offen 89,90 €): " in shown
    for english in ("Status: open", "Remaining", "suggestion", "Line 3", "days"):
        assert english not in shown

    done = ok(data, "cases", "assign", "1", "--invoice", "RE-2026-0042").stdout
    assert done.splitlines() == [
        "89,90 € auf Rechnung RE-2026-0042 (Mandant 1) gebucht; jetzt offen: 0,00 €.",
        "Klärungsfall 1: vollständig zugeordnet",
    ]
    shown = ok(data, "cases", "show", "1").stdout
    assert "Status: vollständig zugeordnet" in shown and "Erledigt von: os:" in shown

    reversed_ = ok(data, "bookings", "reverse", "2", "--reason", "Irrtum").stdout
    assert reversed_.strip() == (
        "Die Buchung 2 ist durch die Buchung 3 storniert. Auf der Rechnung RE-2026-0042 ist "
        "jetzt 89,90 € offen. Der Klärungsfall 1 ist wieder offen."
    )
    rows = ok(data, "bookings", "list").stdout.splitlines()
    assert rows[1].endswith("(storniert durch Buchung 3)")
    assert rows[2].endswith("(Storno der Buchung 2)")
    assert "reversed" not in rows[1] and "reversal" not in rows[2]

    closed = ok(data, "cases", "close", "1", "--reason", "an Kunden zurücküberwiesen")
    assert closed.stderr.strip() == "Der Klärungsfall 1 ist ohne Buchung erledigt."
    shown = ok(data, "cases", "show", "1").stdout
    assert "Status: ohne Buchung erledigt" in shown
    assert "Grund für das Erledigen: an Kunden zurücküberwiesen" in shown


def failed(data, code, *args) -> str:
    result = de(data, *args)
    assert result.returncode == code, (result.stdout, result.stderr)
    return result.stderr


def test_the_errors_of_cases_and_bookings_are_german(data):
    said = failed(data, 1, "cases", "show", "999")
    assert "Den Klärungsfall 999 gibt es nicht." in said and "no case" not in said.lower()
    said = failed(data, 1, "cases", "assign", "1", "--invoice", "RE-2026-0099")
    assert "Die Rechnung „RE-2026-0099“ gibt es bei den Mandanten des Falls (1) nicht." in said
    assert "not found" not in said
    said = failed(data, 3, "cases", "assign", "1", "--invoice", "RE-2026-0043", "--amount", "100")
    assert "Von der Zahlung sind nur noch 89,90 € übrig, nicht 100,00 €." in said
    assert "left" not in said
    said = failed(data, 3, "cases", "assign", "1", "--invoice", "RE-2026-0043", "--amount", "zehn")
    assert "--amount 'zehn': Das ist kein Betrag; bitte wie 12,50 schreiben." in said
    said = failed(data, 3, "cases", "assign", "1", "--invoice", "RE-2026-0042",
                  "--amount", "1", "--amount", "2")  # fmt: skip
    assert "Bitte für jede --invoice einen --amount" in said and "Please" not in said
    said = failed(data, 3, "cases", "close", "1", "--reason", " ")
    assert "Bitte einen Grund für das Erledigen ohne Buchung angeben." in said
    said = failed(data, 2, "cases", "show", "abc")
    assert "'abc' ist keine ganze Zahl" in said and "whole number" not in said
    said = failed(data, 2, "cases", "list", "--older-than", "99999")
    assert "muss zwischen 1 und 36500 liegen" in said
    said = failed(data, 1, "cases", "list", "--interface", "Nirgendwo")
    assert "Die Schnittstelle „Nirgendwo“ gibt es nicht." in said and "no interface" not in said
    said = failed(data, 1, "bookings", "reverse", "999", "--reason", "Irrtum")
    assert "Die Buchung 999 gibt es nicht." in said and "no booking" not in said

    ok(data, "cases", "close", "1", "--reason", "zurücküberwiesen")
    said = failed(data, 1, "cases", "close", "1", "--reason", "noch einmal")
    assert "Der Klärungsfall 1 ist bereits ohne Buchung erledigt" in said
    assert "not open" not in said


def test_a_list_cut_short_says_so_in_german(data):
    ok(data, "cases", "assign", "1", "--invoice", "RE-2026-0042")  # a second booking
    cut = ok(data, "bookings", "list", "--limit", "1")
    assert len(cut.stdout.splitlines()) == 1
    assert "Nur die ersten 1 von 2 Buchungen sind aufgelistet; --limit N listet mehr" in cut.stderr
    assert "only the first" not in cut.stderr


def test_the_invoice_list_import_reports_in_german(data, tmp_path):
    ok(data, "cases", "assign", "1", "--invoice", "RE-2026-0042")
    changed = tmp_path / "rechnungen-neu.csv"
    changed.write_text(
        INVOICES.replace("RE-2026-0042;1;Optik Nord;02.02.2026;89,90", "RE-2026-0042;1;Optik "
                         "Nord;02.02.2026;99,90") + "RE-2026-0044;2;Optik Süd;04.02.2026;10,00\n",
        encoding="utf-8",
    )  # fmt: skip
    text = ok(data, "invoices", "import", str(changed)).stdout
    assert text.splitlines() == [
        "Rechnungen: 1 angelegt, 0 aktualisiert, 3 unverändert",
        "2 Rechnungen mit Buchungen: Ihre Beträge bleiben unverändert",
        "Zeile 3: RE-2026-0042: Betrag laut Datei 99,90 €, in der Buchhaltung 89,90 €; die "
        "Rechnung hat Buchungen und bleibt unverändert",
        "neuer Mandant: 2",
        "neue Filiale: Optik Süd",
    ]


def test_a_bad_invoice_list_is_refused_in_german(data, tmp_path):
    said = failed(data, 1, "invoices", "import", str(tmp_path / "fehlt.csv"))
    assert "Die Datei „fehlt.csv“ gibt es nicht (mehr)." in said and "No such file" not in said
    bad = tmp_path / "kaputt.csv"
    bad.write_text("Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-1;1;01.02.2026;zehn\n")
    said = failed(data, 3, "invoices", "import", str(bad))
    assert "Datei „kaputt.csv“, Zeile 2, Feld „Betrag“: „zehn“ ist kein gültiger Betrag" in said
    assert "bitte die Zeile korrigieren lassen" in said
    assert "line 2" not in said and "Please" not in said


def test_help_of_a_subcommand_is_german(tmp_path):
    result = de(tmp_path / "cli-data", "cases", "assign", "--help")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())  # argparse wraps the lines
    assert "die Rechnungsnummer; für mehrere Rechnungen mehrfach angeben" in text
    assert "der Mandant der Rechnungen (Standard: die Mandanten des Klärungsfalls)" in text
    assert "the invoice number" not in text and "repeatable" not in text
    listing = de(tmp_path / "cli-data", "invoices", "--help").stdout
    assert "Rechnungen aus einer CSV-Datei laden oder aktualisieren" in listing
    assert "load or refresh" not in listing
