"""`desktop-app cases assign` on an invoice a corrected file booked the case's payment on:
refused (exit 1) with what was booked and how to confirm; with --allow-booked-before it
books and the audit log says it was confirmed. `cases show` warns beside the case."""

# The fixture imported is the test's parameter by design.
# ruff: noqa: F811

from __future__ import annotations

from desktop_app.jobs.case_desk import CASE_ASSIGNED
from tests.cli.test_cases_cli import as_json, data, ok, open_amount  # noqa: F401
from tests.cli.test_catalog_cli import audit_entries
from tests.cli.test_interfaces_cli import run_cli

HEADER = "Rechnungsnummer;Betrag;Zahldatum;Mandant\n"


def import_rows(data, tmp_path, name, row):
    path = tmp_path / name
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    return as_json(data, "import-file", str(path), "--format", "closed-items", "--mandant", "1")


def test_assigning_a_payment_a_corrected_file_booked_needs_the_option(data, tmp_path):
    (case_id,) = import_rows(data, tmp_path, "gp.csv", "RE-2026-0034;40,00;20260301;1")["cases"]
    corrected = import_rows(data, tmp_path, "gp-korr.csv", "RE-2026-0043;40,00;20260301;1")
    assert corrected["booked"] == 1 and open_amount(data, "RE-2026-0043") == "210.00"

    shown = ok(data, "cases", "show", str(case_id)).stdout
    assert "Probably booked already" in shown and "gp-korr.csv" in shown
    (told,) = as_json(data, "cases", "show", str(case_id))["booked_before"]
    assert (told["invoice"], told["file"]) == ("RE-2026-0043", "gp-korr.csv")
    assert told["amount"] == "40.00"

    refused = run_cli(data, "cases", "assign", str(case_id), "--invoice", "RE-2026-0043")
    assert refused.returncode == 1
    assert "may have been booked already" in refused.stderr and "gp-korr.csv" in refused.stderr
    assert "--allow-booked-before" in refused.stderr
    assert open_amount(data, "RE-2026-0043") == "210.00"
    assert audit_entries(data, CASE_ASSIGNED) == []

    assign = ("cases", "assign", str(case_id), "--invoice", "RE-2026-0043")
    german = run_cli(data, "--lang", "de", *assign)
    assert german.returncode == 1 and "vielleicht schon gebucht" in german.stderr
    assert "--allow-booked-before" in german.stderr

    ok(data, "cases", "assign", str(case_id), "--invoice", "RE-2026-0043", "--allow-booked-before")
    assert open_amount(data, "RE-2026-0043") == "170.00"
    ((_actor, _target, details),) = audit_entries(data, CASE_ASSIGNED)
    assert details["confirmed_booked_before"] is True
    assert details["booked_before"][0]["file"] == "gp-korr.csv"


def test_the_list_warns_of_each_case_as_show_does(data, tmp_path):
    (typo,) = import_rows(data, tmp_path, "gp.csv", "RE-2026-0034;40,00;20260301;1")["cases"]
    import_rows(data, tmp_path, "gp-korr.csv", "RE-2026-0043;40,00;20260301;1")
    (plain,) = import_rows(data, tmp_path, "x.csv", "RE-2026-9999;41,00;20260301;1")["cases"]
    listed = {row["id"]: row for row in as_json(data, "cases", "list")}
    assert set(listed) >= {typo, plain}
    for case_id, row in listed.items():
        shown = as_json(data, "cases", "show", str(case_id))
        assert row["booked_before"] == shown["booked_before"]
    (told,) = listed[typo]["booked_before"]
    assert (told["invoice"], told["file"], told["amount"]) == (
        "RE-2026-0043",
        "gp-korr.csv",
        "40.00",
    )
    assert listed[plain]["booked_before"] == []
