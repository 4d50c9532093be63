"""`desktop-app import-file` and `invoices import` as a user runs them: a real process, a
real data directory."""

from __future__ import annotations

import getpass
import json
import os
from datetime import date, datetime

import pytest

from desktop_app.jobs.guard_override import GUARDS_OVERRIDDEN
from tests.cli.test_catalog_cli import audit_entries
from tests.cli.test_interfaces_cli import run_cli

INVOICES = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
    f"RE-2026-{i:04d};1;0{i}.02.2026;100,00\n" for i in range(1, 6)
)


def ok(data, *args):
    result = run_cli(data, *args)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "cli-data"
    invoices = tmp_path / "rechnungen.csv"
    invoices.write_text(INVOICES, encoding="utf-8")
    ok(path, "invoices", "import", str(invoices))
    return path


def import_file(data, tmp_path, name, content, *args):
    source = tmp_path / name
    source.write_bytes(content)
    return run_cli(data, "import-file", str(source), "--mandant", "1", "--json", *args)


def test_look_alikes_are_listed_with_code_and_invoice(data, tmp_path):
    rows = b"Rechnungsnummer;Betrag\nGS-2026-0001;10,00\nXY20260002;10,00\nRE-2026-0003;10,00\n"
    result = import_file(data, tmp_path, "gp.csv", rows, "--format", "closed-items")
    summary = json.loads(result.stdout)
    assert (summary["rows"], summary["booked"]) == (3, 1)
    assert [(r["line"], r["code"], r["possible_invoices"]) for r in summary["unmatched"]] == [
        (2, "possible-match", ["RE-2026-0001"]),
        (3, "possible-match", ["RE-2026-0002"]),
    ]


def test_override_books_a_refused_open_items_file_once_and_audits_it(data, tmp_path):
    listing = b"Rechnungsnummer;OffenerBetrag\nRE-2026-0005;100,00\n"  # 4 of 5 settle
    refused = import_file(data, tmp_path, "op.csv", listing, "--format", "open-items")
    assert refused.returncode == 1 and json.loads(refused.stdout)["refused"]
    assert audit_entries(data, GUARDS_OVERRIDDEN) == []
    relaxed = import_file(
        data, tmp_path, "op.csv", listing, "--format", "open-items", "--max-share", "80",
        "--dry-run",
    )  # fmt: skip
    assert relaxed.returncode == 0 and json.loads(relaxed.stdout)["booked"] == 4
    forced = import_file(
        data, tmp_path, "op.csv", listing, "--format", "open-items", "--override-guards"
    )
    summary = json.loads(forced.stdout)
    assert forced.returncode == 0, forced.stderr
    assert (summary["booked"], summary["guards_overridden"]) == (4, ["share"])
    ((actor, target, details),) = audit_entries(data, GUARDS_OVERRIDDEN)
    assert (actor, target) == (f"os:{getpass.getuser()}", "op.csv")
    assert details["fields"] == ["share"] and details["booked"] == 4
    again = import_file(
        data, tmp_path, "op.csv", listing, "--format", "open-items", "--override-guards"
    )
    assert json.loads(again.stdout)["booked"] == 0  # the same content never books twice


def test_bad_pattern_and_share_are_wrong_input(data, tmp_path):
    rows = b"Rechnungsnummer\nRE-2026-0001\n"
    bad = import_file(data, tmp_path, "a.sta", rows, "--format", "mt940",
                      "--invoice-pattern", "RE-(")  # fmt: skip
    assert bad.returncode == 3 and "--invoice-pattern" in bad.stderr
    share = import_file(data, tmp_path, "a.csv", rows, "--format", "closed-items",
                        "--max-share", "0")  # fmt: skip
    assert share.returncode == 3


def test_invoices_import_after_a_booking_keeps_the_open_amount(data, tmp_path):
    import_file(data, tmp_path, "z.csv", b"Rechnungsnummer;Betrag\nRE-2026-0001;40,00\n",
                "--format", "closed-items")  # fmt: skip
    again = tmp_path / "rechnungen.csv"
    changed = INVOICES.replace(
        "RE-2026-0001;1;01.02.2026;100,00", "RE-2026-0001;1;01.02.2026;90,00"
    )
    again.write_text(changed, encoding="utf-8")
    text = ok(data, "invoices", "import", str(again)).stdout
    assert "1 invoice with bookings: its amounts are kept" in text
    assert (
        "line 2: RE-2026-0001: Betrag is €90.00 in the file but €100.00 in the ledger; the "
        "invoice has bookings and stays as it is" in text
    )
    listed = json.loads(ok(data, "invoices", "list", "--json").stdout)
    first = next(i for i in listed if i["number"] == "RE-2026-0001")
    assert (first["amount"], first["open_amount"]) == ("100.00", "60.00")


def test_a_row_for_mandant_01_never_books_on_mandant_1_where_both_exist(data, tmp_path):
    both = tmp_path / "beide.csv"
    both.write_text(
        "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-2026-0001;01;01.02.2026;100,00\n",
        encoding="utf-8",
    )
    ok(data, "invoices", "import", str(both))  # the ledger now keeps "1" and "01" apart
    rows = b"Rechnungsnummer;Betrag;Zahldatum;Mandant\nRE-2026-0001;30,00;20260313;01\n"
    result = import_file(data, tmp_path, "gp.csv", rows, "--format", "closed-items")
    summary = json.loads(result.stdout)
    assert summary["booked"] == 0
    assert [(r["line"], r["code"]) for r in summary["unmatched"]] == [(2, "other-mandant")]


def test_json_texts_for_people_follow_the_language(data, tmp_path):
    source = tmp_path / "op.csv"
    source.write_bytes(b"Rechnungsnummer;OffenerBetrag\nRE-2026-0005;100,00\nGS-2026-0001;5,00\n")

    def summary(lang):
        args = ("--lang", lang, "import-file", str(source), "--mandant", "1", "--json")
        return json.loads(run_cli(data, *args, "--format", "open-items").stdout)

    german, english = summary("de"), summary("en")
    assert english["refused"] == (
        "The file would settle 3 of 5 open invoices (60%); at most 20% are allowed."
    )
    assert german["refused"].startswith("Die Datei würde 3 von 5 offenen Rechnungen")
    ((row_de,), (row_en,)) = german["unmatched"], english["unmatched"]
    assert (row_de["where"], row_en["where"]) == ("Zeile 3", "Line 3")
    assert row_de["code"] == row_en["code"] == "possible-match"
    assert "RE-2026-0001" in row_en["reason"] and row_en["reason"] != row_de["reason"]


def modified_on(path, day):
    """``path`` last modified at noon of ``day`` here: the same day in any test zone."""
    noon = datetime(day.year, day.month, day.day, 12).timestamp()  # naive: local time
    os.utime(path, (noon, noon))


def test_an_open_items_list_keeps_invoices_of_its_day_and_later_open(data, tmp_path):
    # Written on 04.02.: 0003 is missing because it was paid; 0004 (of that day) and
    # 0005 are missing because the list did not know them yet.
    source = tmp_path / "op.csv"
    source.write_bytes(b"Rechnungsnummer;OffenerBetrag\nRE-2026-0001;100,00\nRE-2026-0002;100,00\n")
    modified_on(source, date(2026, 2, 4))
    args = ("import-file", str(source), "--mandant", "1", "--format", "open-items",
            "--no-share-limit")  # fmt: skip
    planned = json.loads(ok(data, *args, "--dry-run", "--json").stdout)
    assert planned["booked"] == 1  # RE-2026-0003 alone
    assert (planned["file_date"], planned["file_date_source"]) == ("2026-02-04", "modified")
    told = ok(data, "--lang", "de", *args, "--dry-run").stdout
    assert "Stand der Datei: 04.02.2026" in told
    given = json.loads(ok(data, *args, "--file-date", "06.02.2026", "--dry-run", "--json").stdout)
    assert (given["booked"], given["file_date"], given["file_date_source"]) == (
        3,
        "2026-02-06",
        "manual",
    )

    booked = json.loads(ok(data, *args, "--json").stdout)
    assert booked["booked"] == 1 and booked["booked_amount"] == "100.00"
    listed = {i["number"]: i["open_amount"] for i in json.loads(
        ok(data, "invoices", "list", "--json").stdout)}  # fmt: skip
    assert (listed["RE-2026-0003"], listed["RE-2026-0004"], listed["RE-2026-0005"]) == (
        "0.00", "100.00", "100.00")  # fmt: skip


def test_an_older_list_imported_by_hand_is_refused(data, tmp_path):
    newer, older = tmp_path / "neu.csv", tmp_path / "alt.csv"
    newer.write_bytes(b"Rechnungsnummer;OffenerBetrag\n" + b"".join(
        b"RE-2026-%04d;100,00\n" % i for i in range(1, 6)))  # fmt: skip
    older.write_bytes(b"Rechnungsnummer;OffenerBetrag\n" + b"".join(
        b"RE-2026-%04d;100,00\n" % i for i in range(1, 5)))  # fmt: skip
    modified_on(newer, date(2026, 3, 10))
    modified_on(older, date(2026, 3, 2))
    args = ("--mandant", "1", "--format", "open-items", "--json")
    assert json.loads(ok(data, "import-file", str(newer), *args).stdout)["outcome"] == "nothing"

    refused = run_cli(data, "--lang", "en", "import-file", str(older), *args)
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["refused"] == (
        "The file of 02/03/2026 (by the file's modification time) is older than the one "
        "read last, of 10/03/2026."
    )
    # The day the person gives is the day checked.
    said = run_cli(data, "import-file", str(older), *args, "--file-date", "2026-03-11")
    assert said.returncode == 0 and json.loads(said.stdout)["booked"] == 1


@pytest.mark.parametrize(("lang", "says"), [
    ("de", "Argument --file-date: '30.02.2026' ist kein Datum: bitte als JJJJ-MM-TT oder "
           "TT.MM.JJJJ schreiben"),
    ("en", "argument --file-date: '30.02.2026' is not a date: please write it as YYYY-MM-DD "
           "or DD.MM.YYYY"),
])  # fmt: skip
def test_a_file_date_that_is_no_day_is_refused(data, tmp_path, lang, says):
    source = tmp_path / "op.csv"
    source.write_bytes(b"Rechnungsnummer;OffenerBetrag\nRE-2026-0001;100,00\n")
    result = run_cli(data, "--lang", lang, "import-file", str(source), "--mandant", "1",
                     "--format", "open-items", "--file-date", "30.02.2026")  # fmt: skip
    assert result.returncode == 2 and says in result.stderr
