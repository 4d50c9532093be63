"""How the command line reads a name and says what it found: a Mandant given with blanks
around it is the catalogue's Mandant for import-file too; a missing invoice is said where
it was looked for; a run's error stays in its one history line; English calls a Mandant
a client, as the English window does. A real process on a real data directory each time."""

from __future__ import annotations

import json

from desktop_app.store.db import Database
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.run_records import RunRecorder
from tests.cli.test_cases_cli import data, import_payments, ok  # noqa: F401 - data: a fixture
from tests.cli.test_cli_list_filters import _refused
from tests.cli.test_interfaces_cli import GOOD, cli_dir  # noqa: F401

# The fixtures imported above are the tests' parameters by design.
# ruff: noqa: F811

CLI = "desktop-app: "


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


def test_a_missing_invoice_is_said_where_it_was_looked_for(data, tmp_path):
    import_payments(data, tmp_path)  # case 1: GS-2026-0042 of Mandant 1
    listing = ("bookings", "list", "--invoice", "RE-2026-0099")
    de, en = _refused(data, 1, *listing, "--mandant", " 1 ")
    assert de.strip() == f"{CLI}Die Rechnung „RE-2026-0099“ gibt es beim Mandanten „1“ nicht."
    assert en.strip() == f"{CLI}There is no invoice “RE-2026-0099” for the client “1”."
    de, en = _refused(data, 1, *listing)
    assert de.strip() == f"{CLI}Die Rechnung „RE-2026-0099“ gibt es nicht."
    assert en.strip() == f"{CLI}There is no invoice “RE-2026-0099”."

    # The case desk looks at the Mandant named, else at the case's own.
    assign = ("cases", "assign", "1", "--invoice", "RE-2026-0099")
    de, en = _refused(data, 1, *assign, "--mandant", " 1 ")
    assert "Die Rechnung „RE-2026-0099“ gibt es beim Mandanten „1“ nicht." in de
    assert "There is no invoice “RE-2026-0099” for the client “1”." in en
    de, en = _refused(data, 1, *assign)
    assert "Die Rechnung „RE-2026-0099“ gibt es bei den Mandanten des Falls (1) nicht." in de
    assert "There is no invoice “RE-2026-0099” for the case's clients (1)." in en


def _record_failed_run(data, error: str, error_en: str) -> None:
    db = Database(f"sqlite:///{data / 'desktop-app.sqlite3'}")
    try:
        interface_id = InterfaceRepository(db).get(GOOD["name"]).id
        recorder = RunRecorder(db)
        run_id, _ = recorder.start_run(interface_id, "cli", None, dry_run=False)
        recorder.finish_run(
            run_id, status="failed", error_kind="LoginFailed", error=error, error_en=error_en,
            mailed=False,
        )  # fmt: skip
    finally:
        db.dispose()


def test_a_history_line_keeps_an_error_with_tabs_and_line_breaks_in_its_field(cli_dir, tmp_path):
    interface = tmp_path / "schnittstelle.json"
    interface.write_text(json.dumps(GOOD), encoding="utf-8")
    ok(cli_dir, "interfaces", "import", str(interface))
    german, english = "Anmeldung\tabgelehnt:\r\nServer sagt nein.", "Login\trefused:\nno."
    _record_failed_run(cli_dir, german, english)
    for lang, error, field in (
        ("de", german, "Anmeldung abgelehnt: Server sagt nein."),
        ("en", english, "Login refused: no."),
    ):
        text = ok(cli_dir, "--lang", lang, "history", GOOD["name"]).stdout
        (line,) = text.splitlines()
        assert line.split("\t")[5] == field and len(line.split("\t")) == 7
        (run,) = json.loads(ok(cli_dir, "--lang", lang, "history", GOOD["name"], "--json").stdout)
        assert run["error"] == error


def test_english_calls_a_mandant_a_client_as_the_window_does(tmp_path):
    path = tmp_path / "cli-data"
    for lang, renamed, deleted in (
        ("en", "Client “A” renamed to “B”.", "Client “B” deleted."),
        ("de", "Der Mandant „A“ heißt jetzt „B“.", "Der Mandant „B“ wurde gelöscht."),
    ):
        ok(path, "mandants", "add", "A")
        said = ok(path, "--lang", lang, "mandants", "rename", "A", " B ")
        assert (said.stdout, said.stderr.strip()) == ("", renamed)
        said = ok(path, "--lang", lang, "mandants", "delete", "B")
        assert (said.stdout, said.stderr.strip()) == ("", deleted)
    for args in (("mandants", "--help"), ("import-file", "--help")):
        shown = ok(path, "--lang", "en", *args).stdout
        assert "client" in shown and "a Mandant" not in shown, shown
        assert "the Mandanten" not in shown, shown
