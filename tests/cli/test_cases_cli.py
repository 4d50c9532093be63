"""`desktop-app cases …` and `bookings …` as a user runs them: a real process, a real data
directory, the exit codes of every other command."""

from __future__ import annotations

import getpass
import json
from datetime import datetime

import pytest

from desktop_app.jobs.case_desk import BOOKING_REVERSED, CASE_ASSIGNED
from tests.cli.test_catalog_cli import audit_entries
from tests.cli.test_interfaces_cli import run_cli

INVOICES = (
    "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;Kunde\n"
    "RE-2026-0041;1;Optik Nord;01.02.2026;120,00;Max Mustermann\n"
    "RE-2026-0042;1;Optik Nord;02.02.2026;89,90;Erika Musterfrau\n"
    "RE-2026-0043;1;Optik Nord;03.02.2026;250,00;Hans Meier\n"
)
PAYMENTS = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\n"
    "RE-2026-0041;120,00;20260302;1\n"
    "GS-2026-0042;89,90;20260302;1\n"
)


def ok(data, *args):
    result = run_cli(data, *args)
    assert result.returncode == 0, result.stderr
    return result


def as_json(data, *args):
    return json.loads(ok(data, *args, "--json").stdout)


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "cli-data"
    (tmp_path / "rechnungen.csv").write_text(INVOICES, encoding="utf-8")
    (tmp_path / "zahlungen.csv").write_text(PAYMENTS, encoding="utf-8")
    ok(path, "invoices", "import", str(tmp_path / "rechnungen.csv"))
    return path


def import_payments(data, tmp_path):
    return as_json(
        data, "import-file", str(tmp_path / "zahlungen.csv"), "--format", "closed-items",
        "--mandant", "1",
    )  # fmt: skip


def open_amount(data, number):
    (invoice,) = [i for i in as_json(data, "invoices", "list") if i["number"] == number]
    return invoice["open_amount"]


def test_a_case_is_listed_assigned_and_reversed(data, tmp_path):
    summary = import_payments(data, tmp_path)
    assert summary["booked"] == 1 and len(summary["cases"]) == 1
    (case,) = as_json(data, "cases", "list", "--open")
    assert (case["code"], case["amount"], case["remaining"]) == ("possible-match", "89.90", "89.90")
    best = case["suggestions"][0]
    assert best["invoice"] == "RE-2026-0042"
    assert {r["code"] for r in best["reasons"]} == {"possible", "amount"}

    done = as_json(data, "cases", "assign", str(case["id"]), "--invoice", "RE-2026-0042")
    assert done["status"] == "settled" and done["bookings"][0]["open_amount"] == "0.00"
    assert open_amount(data, "RE-2026-0042") == "0.00"
    assert as_json(data, "cases", "list", "--open") == []
    ((actor, target, details),) = audit_entries(data, CASE_ASSIGNED)
    assert (actor, target) == (f"os:{getpass.getuser()}", f"Klärungsfall {case['id']}")
    assert details["invoices"][0]["invoice"] == "RE-2026-0042"

    assert import_payments(data, tmp_path)["cases"] == []  # the same file: no new case
    assert len(as_json(data, "cases", "list")) == 1

    (booking,) = as_json(data, "bookings", "list", "--invoice", "RE-2026-0042")["bookings"]
    storno = as_json(data, "bookings", "reverse", str(booking["id"]), "--reason", "Irrtum")
    assert (storno["open_amount"], storno["case"]) == ("89.90", case["id"])
    assert open_amount(data, "RE-2026-0042") == "89.90"
    (reopened,) = as_json(data, "cases", "list", "--open")
    assert (reopened["id"], reopened["remaining"]) == (case["id"], "89.90")
    assert [e[2]["reason"] for e in audit_entries(data, BOOKING_REVERSED)] == ["Irrtum"]
    shown = as_json(data, "cases", "show", str(case["id"]))
    assert [b["amount"] for b in shown["bookings"]] == ["89.90", "-89.90"]
    assert shown["suggestions"][0]["invoice"] == "RE-2026-0042"


def test_a_cases_bookings_show_its_storno_beside_the_booking_it_reverses(data, tmp_path):
    """An import booking has no case; its storno opens one. Listed by that case, the storno
    alone would say nothing of what it undid."""
    import_payments(data, tmp_path)
    (booking,) = as_json(data, "bookings", "list", "--invoice", "RE-2026-0041")["bookings"]
    storno = as_json(data, "bookings", "reverse", str(booking["id"]), "--reason", "Irrtum")
    assert storno["case_opened"]
    listed = as_json(data, "bookings", "list", "--case", str(storno["case"]))
    assert [(b["id"], b["amount"], b["case"], b["reversed_by"], b["reverses"])
            for b in listed["bookings"]] == [
        (booking["id"], "120.00", None, storno["storno"], None),
        (storno["storno"], "-120.00", storno["case"], None, booking["id"]),
    ]  # fmt: skip
    assert (listed["shown"], listed["total"]) == (2, 2)
    rows = ok(data, "bookings", "list", "--case", str(storno["case"])).stdout.splitlines()
    assert rows[0].endswith(f"import (reversed by booking {storno['storno']})")
    assert rows[1].endswith(f"(reversal of booking {booking['id']})")
    shown = as_json(data, "cases", "show", str(storno["case"]))
    assert [b["amount"] for b in shown["bookings"]] == ["120.00", "-120.00"]


def test_closing_and_the_exit_codes(data, tmp_path):
    (case_id,) = import_payments(data, tmp_path)["cases"]
    missing = run_cli(data, "cases", "show", "999", "--json")
    assert missing.returncode == 1 and "There is no case 999." in missing.stderr
    assert run_cli(data, "cases", "assign", "999", "--invoice", "RE-2026-0042").returncode == 1
    too_much = run_cli(data, "cases", "assign", str(case_id), "--invoice", "RE-2026-0043",
                       "--amount", "100")  # fmt: skip
    assert too_much.returncode == 3
    assert "Only €89.90 of the payment is left, not €100.00." in too_much.stderr
    for word in ("zehn", "1e1", "1_0"):
        wrong = run_cli(data, "cases", "assign", str(case_id), "--invoice", "RE-2026-0043",
                        "--amount", word)  # fmt: skip
        assert wrong.returncode == 3 and "not an amount" in wrong.stderr, word
    unknown = run_cli(data, "cases", "assign", str(case_id), "--invoice", "RE-2026-0099")
    assert unknown.returncode == 1 and "RE-2026-0099" in unknown.stderr
    assert run_cli(data, "cases", "close", str(case_id), "--reason", " ").returncode == 3
    assert run_cli(data, "cases", "close", str(case_id), "--reason", "a\x1bb").returncode == 3
    assert run_cli(data, "cases", "show", "abc").returncode == 2
    ok(data, "cases", "close", str(case_id), "--reason", "an Kunden zurücküberwiesen")
    (case,) = as_json(data, "cases", "list")
    assert (case["status"], case["close_reason"]) == ("closed", "an Kunden zurücküberwiesen")
    again = run_cli(data, "cases", "close", str(case_id), "--reason", "noch einmal")
    assert again.returncode == 1
    assert run_cli(data, "bookings", "reverse", "999", "--reason", "x").returncode == 1
    assert run_cli(data, "bookings", "list", "--invoice", "RE-2026-0099").returncode == 1


def test_a_done_case_shows_how_it_ended_and_no_suggestions(data, tmp_path):
    (case_id,) = import_payments(data, tmp_path)["cases"]
    assert as_json(data, "cases", "show", str(case_id))["suggestions"]  # open: suggested
    ok(data, "cases", "close", str(case_id), "--reason", "an Kunden zurücküberwiesen")

    shown = as_json(data, "cases", "show", str(case_id))
    assert (shown["status"], shown["suggestions"]) == ("closed", [])
    assert (shown["closed_by"], shown["close_reason"]) == (
        f"os:{getpass.getuser()}", "an Kunden zurücküberwiesen"
    )  # fmt: skip
    assert datetime.fromisoformat(shown["closed_at"]).tzinfo is not None
    text = ok(data, "cases", "show", str(case_id)).stdout
    assert "Status: closed without a booking" in text
    assert f"Done by: os:{getpass.getuser()}" in text
    done_at = datetime.fromisoformat(shown["closed_at"]).astimezone()
    assert f"Done at: {done_at:%d/%m/%Y %H:%M}" in text  # the reader's time, not UTC
    assert "Reason for closing: an Kunden zurücküberwiesen" in text
    assert "suggestion" not in text


def test_an_assigned_case_shows_its_outcome_and_no_suggestions(data, tmp_path):
    (case_id,) = import_payments(data, tmp_path)["cases"]
    ok(data, "cases", "assign", str(case_id), "--invoice", "RE-2026-0042")
    shown = as_json(data, "cases", "show", str(case_id))
    assert (shown["status"], shown["suggestions"]) == ("settled", [])
    assert [b["invoice"] for b in shown["bookings"]] == ["RE-2026-0042"]
    text = ok(data, "cases", "show", str(case_id)).stdout
    assert "Status: assigned in full" in text
    assert f"Done by: os:{getpass.getuser()}" in text and "suggestion" not in text


def test_a_list_cut_by_its_limit_says_so_and_all_lists_every_booking(data, tmp_path):
    (case_id,) = import_payments(data, tmp_path)["cases"]
    ok(data, "cases", "assign", str(case_id), "--invoice", "RE-2026-0042")  # 2 bookings now

    cut = ok(data, "bookings", "list", "--limit", "1", "--json")
    listed = json.loads(cut.stdout)
    assert [b["invoice"] for b in listed["bookings"]] == ["RE-2026-0041"]
    assert (listed["shown"], listed["total"], listed["truncated"], listed["limit"]) == (
        1, 2, True, 1
    )  # fmt: skip
    assert "only the first 1 of 2 bookings" in cut.stderr and "--all" in cut.stderr
    text = ok(data, "bookings", "list", "--limit", "1")
    assert len(text.stdout.splitlines()) == 1 and "only the first 1 of 2" in text.stderr

    whole = ok(data, "bookings", "list", "--json")
    listed = json.loads(whole.stdout)
    assert [b["invoice"] for b in listed["bookings"]] == ["RE-2026-0041", "RE-2026-0042"]
    assert (listed["total"], listed["truncated"], listed["limit"]) == (2, False, 10_000)
    assert whole.stderr == ""
    every = json.loads(ok(data, "bookings", "list", "--all", "--json").stdout)
    assert (len(every["bookings"]), every["truncated"], every["limit"]) == (2, False, None)
    # A case that does not exist is said, not listed as a case without bookings.
    none = run_cli(data, "bookings", "list", "--case", "999", "--json")
    assert (none.returncode, none.stdout) == (1, "") and "There is no case 999." in none.stderr

    assert run_cli(data, "bookings", "list", "--limit", "0").returncode == 2
    assert run_cli(data, "bookings", "list", "--limit", "5", "--all").returncode == 2


def test_the_default_cap_of_10000_bookings_is_never_silent(tmp_path):
    data = tmp_path / "cli-data"
    count = 10_001
    numbers = [f"RE-2026-{n:05d}" for n in range(1, count + 1)]
    invoices = "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag\n" + "".join(
        f"{n};1;Optik Nord;01.02.2026;10,00\n" for n in numbers
    )
    payments = "Rechnungsnummer;Betrag;Zahldatum;Mandant\n" + "".join(
        f"{n};10,00;20260302;1\n" for n in numbers
    )
    (tmp_path / "rechnungen.csv").write_text(invoices, encoding="utf-8")
    (tmp_path / "zahlungen.csv").write_text(payments, encoding="utf-8")
    ok(data, "invoices", "import", str(tmp_path / "rechnungen.csv"))
    summary = import_payments(data, tmp_path)
    assert summary["booked"] == count

    cut = ok(data, "bookings", "list", "--json")
    listed = json.loads(cut.stdout)
    assert (len(listed["bookings"]), listed["total"], listed["truncated"]) == (10_000, count, True)
    assert listed["bookings"][-1]["invoice"] == numbers[9_999]
    assert "only the first 10,000 of 10,001 bookings" in cut.stderr
    every = ok(data, "bookings", "list", "--all")
    assert [line.split("\t")[2] for line in every.stdout.splitlines()] == numbers
    assert every.stderr == ""
