"""What the command line says when a filter or an argument names nothing: an unknown
code, run, case or Mandant, an empty file name or Mandant. Each is said in the chosen
language with its exit code, never shown as an empty list; and the confirmations,
warnings and dates of the neighbouring commands said alike."""

from __future__ import annotations

import json
import re
from datetime import date

from desktop_app.store.db import Database
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.run_records import RunRecorder
from tests.cli.test_cases_cli import data, import_payments, ok  # noqa: F401 - data: a fixture
from tests.cli.test_import_file_cli import modified_on
from tests.cli.test_interfaces_cli import GOOD, cli_dir, run_cli  # noqa: F401
from tests.cli.test_interfaces_pattern_cli import UNUSED, _config_file

# The fixtures imported above are the tests' parameters by design.
# ruff: noqa: F811


def _refused(data, code, *args) -> tuple[str, str]:
    """The German and the English message of a command that must fail with ``code``."""
    said = []
    for lang in ("de", "en"):
        result = run_cli(data, "--lang", lang, *args)
        assert (result.returncode, result.stdout) == (code, ""), (args, result.stderr)
        assert "Traceback" not in result.stderr
        said.append(result.stderr)
    return said[0], said[1]


def _record_run(data) -> int:
    db = Database(f"sqlite:///{data / 'desktop-app.sqlite3'}")
    try:
        interface_id = InterfaceRepository(db).get(GOOD["name"]).id
        recorder = RunRecorder(db)
        run_id, _ = recorder.start_run(interface_id, "cli", None, dry_run=False)
        recorder.finish_run(run_id, status="ok", error_kind="", error="", mailed=False)
        return run_id
    finally:
        db.dispose()


def test_a_list_filtered_by_a_code_run_or_case_that_does_not_exist_says_so(data, tmp_path):
    import_payments(data, tmp_path)
    de, en = _refused(data, 1, "cases", "list", "--code", "nope")
    assert "Den Grund-Code „nope“ gibt es nicht" in de and "possible-match" in de
    assert "There is no reason code “nope”" in en
    de, en = _refused(data, 1, "cases", "list", "--run", "999")
    assert "Den Lauf 999 gibt es nicht." in de and "There is no run 999." in en
    de, en = _refused(data, 1, "bookings", "list", "--case", "999")
    assert "Den Klärungsfall 999 gibt es nicht." in de and "There is no case 999." in en

    # What exists lists as before, rows or none.
    (case,) = json.loads(ok(data, "cases", "list", "--code", "possible-match", "--json").stdout)
    assert json.loads(ok(data, "cases", "list", "--code", "overpaid", "--json").stdout) == []
    listing = json.loads(ok(data, "bookings", "list", "--case", str(case["id"]), "--json").stdout)
    assert listing["bookings"] == [] and listing["total"] == 0


def test_cases_of_an_existing_run_without_cases_list_nothing(cli_dir, tmp_path):
    interface = tmp_path / "schnittstelle.json"
    interface.write_text(json.dumps(GOOD), encoding="utf-8")
    ok(cli_dir, "interfaces", "import", str(interface))
    run_id = _record_run(cli_dir)
    result = ok(cli_dir, "cases", "list", "--run", str(run_id))
    assert (result.stdout, result.stderr) == ("", "")


def test_bookings_listed_by_mandant_are_that_mandants(data, tmp_path):
    other = tmp_path / "andere.csv"
    other.write_text(
        "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-2026-0041;2;01.02.2026;120,00\n",
        encoding="utf-8",
    )
    ok(data, "invoices", "import", str(other))
    payments = tmp_path / "zahlungen-2.csv"
    payments.write_text(
        "Rechnungsnummer;Betrag;Zahldatum;Mandant\nRE-2026-0041;120,00;20260302;2\n",
        encoding="utf-8",
    )
    import_payments(data, tmp_path)  # Mandant 1's RE-2026-0041
    ok(data, "import-file", str(payments), "--format", "closed-items", "--mandant", "2")

    def mandants(*args) -> list[str]:
        listing = json.loads(ok(data, "bookings", "list", *args, "--json").stdout)
        return [b["mandant"] for b in listing["bookings"]]

    assert sorted(mandants()) == ["1", "2"]
    assert mandants("--mandant", "2") == ["2"]
    assert mandants("--mandant", "1") == ["1"]
    assert mandants("--mandant", "2", "--invoice", "RE-2026-0041") == ["2"]
    de, en = _refused(data, 1, "bookings", "list", "--mandant", "Nope")
    assert "Den Mandanten „Nope“ gibt es nicht." in de
    assert "There is no client named “Nope”" in en


def test_an_empty_file_name_is_said_as_such(data, tmp_path):
    for args in (
        ["import-file", "", "--format", "closed-items", "--mandant", "1"],
        ["invoices", "import", ""],
        ["interfaces", "import", ""],
        ["config", "import", ""],
        ["config", "export", "-o", ""],
    ):
        de, en = _refused(data, 2, *args)
        assert "es wurde kein Dateiname angegeben" in de, de
        assert "no file name was given" in en, en
        assert "Ordner" not in de and "folder" not in en


def test_import_file_says_an_empty_or_unknown_mandant_as_the_other_commands(data, tmp_path):
    source = tmp_path / "zahlungen.csv"
    args = ["import-file", str(source), "--format", "closed-items", "--mandant"]
    de, en = _refused(data, 3, *args, "")
    assert de.strip() == "desktop-app: Es wurde kein Mandant angegeben."
    assert en.strip() == "desktop-app: No client was given."
    de, en = _refused(data, 3, *args, "Nope")
    assert de.strip() == "desktop-app: Den Mandanten „Nope“ gibt es nicht."
    assert en.strip() == "desktop-app: There is no client named “Nope”."
    de, en = _refused(data, 2, "invoices", "list", "--mandant", "")
    assert "--mandant: Es wurde kein Mandant angegeben." in de
    assert "--mandant: no client (Mandant) was given." in en


def test_import_file_writes_the_file_day_as_its_row_reasons_write_dates(data, tmp_path):
    """One date style a language on one screen: the file's day above, the reason that
    refuses the file below (a list older than the one read last)."""
    newer, older = tmp_path / "op-newer.csv", tmp_path / "op-older.csv"
    newer.write_bytes(b"Rechnungsnummer;OffenerBetrag\nRE-2026-0041;120,00\n")
    older.write_bytes(b"Rechnungsnummer;OffenerBetrag\nRE-2026-0041;120,00\nRE-2026-0042;89,90\n")
    modified_on(newer, date(2026, 3, 7))
    modified_on(older, date(2026, 3, 5))
    args = ("--mandant", "1", "--format", "open-items", "--no-share-limit")
    ok(data, "import-file", str(newer), *args)

    def refused(lang: str) -> str:
        result = run_cli(data, "--lang", lang, "import-file", str(older), *args, "--dry-run")
        assert result.returncode == 1, result.stderr
        return result.stdout

    english = refused("en")
    assert "File as of 05/03/2026\n" in english
    assert (
        "Nothing would be booked: The file of 05/03/2026 (by the file's modification time) "
        "is older than the one read last, of 07/03/2026."
    ) in english
    assert not re.search(r"\d{4}-\d{2}-\d{2}", english), english
    german = refused("de")
    assert "Stand der Datei: 05.03.2026\n" in german
    assert (
        "Es würde nichts gebucht: Die Datei vom 05.03.2026 (laut Änderungszeit der Datei) "
        "ist älter als die zuletzt eingelesene vom 07.03.2026."
    ) in german


def test_mandants_and_branches_add_confirm(tmp_path):
    path = tmp_path / "cli-data"
    for lang, mandant, branch in (
        ("de", "Der Mandant „7“ wurde angelegt.", "Die Filiale „Optik Süd“ wurde angelegt."),
        ("en", "Created client “8”.", "Created branch “Optik Ost”."),
    ):
        name = "7" if lang == "de" else "8"
        added = ok(path, "--lang", lang, "mandants", "add", f" {name} ")
        assert (added.stdout, added.stderr.strip()) == ("", mandant)
        shop = "Optik Süd" if lang == "de" else "Optik Ost"
        added = ok(path, "--lang", lang, "branches", "add", shop)
        assert (added.stdout, added.stderr.strip()) == ("", branch)


def test_config_import_warns_on_stderr_and_keeps_its_json(cli_dir, tmp_path):
    source = _config_file(tmp_path, UNUSED)
    for lang, word in (("de", "Achtung:"), ("en", "Warning:")):
        told = ok(cli_dir, "--lang", lang, "config", "import", source, "--dry-run")
        assert word not in told.stdout
        assert told.stderr.startswith(word), told.stderr
    as_json = ok(cli_dir, "--lang", "en", "config", "import", source, "--dry-run", "--json")
    assert len(json.loads(as_json.stdout)["warnings"]) == 1 and as_json.stderr == ""


def test_a_mandant_filter_means_the_mandant_the_catalogue_finds(data, tmp_path):
    """Blanks around a name are none of it, as the catalogue reads it: a filter the check
    let pass must list that Mandant's rows, not nothing; an empty name is refused by
    every list alike, never read as no filter."""
    import_payments(data, tmp_path)  # Mandant 1's RE-2026-0041, a case of Mandant 1

    def listed(*args) -> list:
        found = json.loads(ok(data, *args, "--json").stdout)
        return found["bookings"] if isinstance(found, dict) else found

    for args in (
        ("bookings", "list"),
        ("bookings", "list", "--invoice", "RE-2026-0041"),
        ("cases", "list"),
        ("invoices", "list"),
    ):
        rows = listed(*args, "--mandant", "1")
        assert rows, args
        assert listed(*args, "--mandant", " 1 ") == rows, args
        de, en = _refused(data, 2, *args, "--mandant", "")
        assert "--mandant: Es wurde kein Mandant angegeben." in de, args
        assert "--mandant: no client (Mandant) was given." in en, args
