"""`mandants`, `branches`, `import-file`, `run`, `test-ftp`, `history`, `test-mail` and
`smtp` speak German when the user's language is German: their output, their errors (a
missing interface, Mandant, branch or file; invalid input) and their help. A real process
each time, on a real data directory."""

from __future__ import annotations

import json
import shutil
import socket
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop_app.store.db import Database
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.run_records import RunRecorder
from tests.cli.test_interfaces_cli import GOOD, run_cli

INTERFACE = GOOD["name"]
GERMAN = {"DESKTOP_APP_LANG": "de"}


def de(data, *args, stdin: str | None = None):
    return run_cli(data, *args, stdin=stdin, env_extra=GERMAN)


def en(data, *args):
    return run_cli(data, *args, env_extra={"DESKTOP_APP_LANG": "en"})


def free_port() -> int:
    """A loopback port nothing listens on (bound once, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Mandanten 1 and 2, branches "Optik Nord" and "Optik Süd", and the interface GOOD
    (using "Optik Nord", 1 and 2) without an e-mail address, its server on a closed
    loopback port."""
    tmp_path = tmp_path_factory.mktemp("german")
    path = tmp_path / "cli-data"
    for args in (
        ["mandants", "add", "1"],
        ["mandants", "add", "2"],
        ["branches", "add", "Optik Nord"],
        ["branches", "add", "Optik Süd"],
    ):
        assert run_cli(path, *args).returncode == 0
    source = tmp_path / "in.json"
    ftp = {**GOOD["ftp"], "protocol": "ftp", "host": "127.0.0.1", "port": free_port()}
    source.write_text(json.dumps({**GOOD, "ftp": ftp, "error_email": ""}), encoding="utf-8")
    imported = run_cli(path, "interfaces", "import", str(source))
    assert imported.returncode == 0, imported.stderr
    return path


@pytest.fixture
def data(template, tmp_path):
    """A copy of the template's data directory, for one test to change."""
    return Path(shutil.copytree(template, tmp_path / "cli-data"))


# --- mandants, branches -----------------------------------------------------------------


def test_a_branch_rename_is_told_in_german(data):
    result = de(data, "branches", "rename", "Optik Nord", "Optik Nordost")
    assert result.returncode == 0, result.stderr
    assert "Die Filiale „Optik Nord“ heißt jetzt „Optik Nordost“." in result.stderr
    assert "Hinweis: Rechner, die für die Filiale „Optik Nord“ eingerichtet sind" in result.stderr
    assert "renamed" not in result.stderr and "Note" not in result.stderr
    deleted = de(data, "branches", "delete", "Optik Süd")
    assert deleted.stderr.strip() == "Die Filiale „Optik Süd“ wurde gelöscht."


@pytest.mark.parametrize(
    ("args", "code", "says", "not_said"),
    [
        (
            ("branches", "rename", "Optik Nord", "Optik Süd"),
            1,
            "Die Filiale „Optik Süd“ gibt es bereits.",
            "exists",
        ),
        (("branches", "delete", "Optik West"), 1, "Die Filiale „Optik West“ gibt es nicht.", "no "),
        (("branches", "add", "  "), 3, "Bitte einen Namen eingeben.", "empty"),
        (
            ("branches", "delete", "Optik Nord"),
            1,
            "Die Filiale „Optik Nord“ wird noch von 1 Schnittstelle verwendet und kann nicht "
            "gelöscht werden.",
            "used by",
        ),
        (("mandants", "rename", "7", "8"), 1, "Den Mandanten „7“ gibt es nicht.", "There is"),
        (
            ("mandants", "set", "2", "--datev-berater", "12"),
            3,
            "Die DATEV-Beraternummer hat 4 bis 7 Ziffern (1001 bis 9999999).",
            "adviser",
        ),
        (("mandants", "set", "2"), 2, "Nichts zu ändern: Bitte --datev-berater", "Nothing"),
    ],
)
def test_catalog_refusals_are_german(data, args, code, says, not_said):
    result = de(data, *args)
    assert result.returncode == code, result.stderr
    assert result.stderr.startswith(f"desktop-app: {says}")
    assert not_said not in result.stderr


def test_a_mandant_change_is_told_in_german(data):
    assert de(data, "mandants", "add", "3").returncode == 0
    renamed = de(data, "mandants", "rename", "3", "3 Optik")
    assert renamed.stderr.strip() == "Der Mandant „3“ heißt jetzt „3 Optik“."
    deleted = de(data, "mandants", "delete", "3 Optik")
    assert deleted.stderr.strip() == "Der Mandant „3 Optik“ wurde gelöscht."


def test_mandants_set_help_is_german(data):
    result = de(data, "mandants", "set", "--help")
    assert result.returncode == 0
    assert "die DATEV-Beraternummer entfernen" in result.stdout
    assert "Optionen:" in result.stdout
    assert "remove" not in result.stdout and "adviser" not in result.stdout


# --- import-file ------------------------------------------------------------------------

INVOICES = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-2026-0001;1;01.02.2026;1234,50\n"


def import_file(data, path, *args):
    return de(data, "import-file", str(path), "--format", "closed-items", *args)


def test_import_file_output_is_german(data, tmp_path):
    invoices = tmp_path / "rechnungen.csv"
    invoices.write_text(INVOICES, encoding="utf-8")
    assert run_cli(data, "invoices", "import", str(invoices)).returncode == 0
    payments = tmp_path / "zahlungen.csv"
    payments.write_bytes(b"Rechnungsnummer;Betrag\nRE-2026-0001;1234,50\nRE-2099-0001;5,00\n")

    planned = import_file(data, payments, "--mandant", "1", "--dry-run")
    assert planned.returncode == 0, planned.stderr
    lines = planned.stdout.splitlines()
    assert lines[0] == "zahlungen.csv: 2 Zeilen, 1 zugeordnet, 1 würden gebucht (1.234,50 €)"
    assert lines[1].startswith("  Zeile 3: RE-2099-0001: [")
    assert "rows" not in planned.stdout and "Line" not in planned.stdout

    booked = import_file(data, payments, "--mandant", "1")
    assert booked.stdout.splitlines()[0] == (
        "zahlungen.csv: 2 Zeilen, 1 zugeordnet, 1 gebucht (1.234,50 €)"
    )
    again = import_file(data, payments, "--mandant", "1")
    assert "Nichts gebucht: Diese Datei (gleicher Inhalt) wurde bereits gebucht." in again.stdout


def test_import_file_refusals_are_german(data, tmp_path):
    missing = import_file(data, tmp_path / "fehlt.csv", "--mandant", "1")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "desktop-app: Die Datei „fehlt.csv“ gibt es nicht (mehr)."
    payments = tmp_path / "zahlungen.csv"
    payments.write_bytes(b"Rechnungsnummer;Betrag\nRE-2026-0001;10,00\n")
    unknown = import_file(data, payments, "--mandant", "9")
    assert (unknown.returncode, unknown.stderr.strip()) == (
        3,
        "desktop-app: Den Mandanten „9“ gibt es nicht.",
    )
    share = import_file(data, payments, "--mandant", "1", "--max-share", "0")
    assert share.returncode == 3
    assert "--max-share: Der Anteil muss zwischen 1 und 100 % liegen" in share.stderr
    assert "must" not in share.stderr


def test_import_file_help_is_german(data):
    result = de(data, "import-file", "--help")
    assert result.returncode == 0
    assert "Prüfungen für Offene Posten" in result.stdout
    assert "den Plan zeigen, nichts buchen" in result.stdout
    assert "show the plan" not in result.stdout


# --- run, test-ftp, history ---------------------------------------------------------------


# test-ftp and test-mail find the interface through common.stored_interface, German already.
@pytest.mark.parametrize("command", ["run", "history"])
def test_a_missing_interface_is_said_in_german(data, command):
    result = de(data, command, "Nirgendwo")
    assert result.returncode == 1
    assert result.stderr.strip() == "desktop-app: Die Schnittstelle „Nirgendwo“ gibt es nicht."


def test_a_run_before_the_start_date_is_refused_in_both_languages(data, tmp_path):
    start = date.today() + timedelta(days=30)  # whatever the day the suite runs on
    source = tmp_path / "spaeter.json"
    ftp = {**GOOD["ftp"], "protocol": "ftp", "host": "127.0.0.1", "port": free_port()}
    later = {**GOOD, "name": "Später", "start_date": start.isoformat(), "ftp": ftp}
    source.write_text(json.dumps({**later, "error_email": ""}), encoding="utf-8")
    assert de(data, "interfaces", "import", str(source)).returncode == 0

    german = de(data, "run", "Später", "--force")  # --force is for the hours, not for this
    assert german.returncode == 1
    assert german.stderr.strip() == (
        f"desktop-app: Die Schnittstelle „Später“ ist erst ab dem {start:%d.%m.%Y} "
        "freigegeben (Start). Vorher läuft nichts, auch nicht von Hand. Um sie früher "
        "auszuführen, ändern Sie das Startdatum der Schnittstelle."
    )
    english = en(data, "run", "Später")
    assert english.returncode == 1
    assert english.stderr.strip().startswith(
        f"desktop-app: The interface “Später” is released only from {start:%d/%m/%Y} (Start); "
        "nothing runs before then"
    )
    as_json = run_cli(data, "run", "Später", "--json", env_extra={"DESKTOP_APP_LANG": "en"})
    assert as_json.returncode == 1
    result = json.loads(as_json.stdout)
    assert (result["status"], result["files"]) == ("skipped", [])
    assert "released only from" in result["error"]
    assert de(data, "history", "Später").stdout == ""  # no run was even begun


def test_a_history_limit_out_of_range_is_said_in_german(data):
    result = de(data, "history", INTERFACE, "--limit", "0")
    assert result.returncode == 2
    assert "Argument --limit: muss zwischen 1 und 10000 liegen" in result.stderr
    nonsense = de(data, "history", INTERFACE, "--limit", "viele")
    assert "„viele“ ist keine ganze Zahl" in nonsense.stderr


def record_failed_run(data, *, trigger: str = "cli", dry_run: bool = False) -> None:
    db = Database(f"sqlite:///{data / 'desktop-app.sqlite3'}")
    try:
        interface_id = InterfaceRepository(db).get(INTERFACE).id
        recorder = RunRecorder(db)
        run_id, _ = recorder.start_run(interface_id, trigger, None, dry_run=dry_run)
        recorder.finish_run(
            run_id,
            status="failed",
            error_kind="LoginFailed",
            error="Anmeldung abgelehnt.",
            error_en="Login refused.",
            mailed=False,
        )
    finally:
        db.dispose()


UTC_PLUS_2 = {"TZ": "Etc/GMT-2"}  # all year: the start must show in this computer's time


def test_history_speaks_the_chosen_language(data):
    """The window's words for a run's status and trigger, and its time as the window and
    the row reasons write it in each language; --json keeps the codes."""
    record_failed_run(data)
    (stored,) = json.loads(de(data, "history", INTERFACE, "--json").stdout)
    assert (stored["trigger"], stored["status"]) == ("cli", "failed")
    started = datetime.fromisoformat(stored["started_at"]).astimezone(timezone(timedelta(hours=2)))
    german = run_cli(data, "history", INTERFACE, env_extra={**GERMAN, **UTC_PLUS_2})
    assert german.stdout.strip().split("\t") == [
        f"{started:%d.%m.%Y %H:%M}", "Kommandozeile", "Fehlgeschlagen", "0 Dateien",
        "0 Buchungen", "Anmeldung abgelehnt.", "0 Klärungsfälle",
    ]  # fmt: skip
    english = run_cli(
        data, "history", INTERFACE, env_extra={"DESKTOP_APP_LANG": "en", **UTC_PLUS_2}
    )
    assert english.stdout.strip().split("\t") == [
        f"{started:%d/%m/%Y %H:%M}", "Command line", "Failed", "0 files", "0 bookings",
        "Login refused.", "0 payments to clarify",
    ]  # fmt: skip


def test_a_dry_run_in_the_history_says_so(data):
    record_failed_run(data, trigger="schedule", dry_run=True)
    german = de(data, "history", INTERFACE).stdout.strip().split("\t")
    assert german[1:3] == ["Zeitplan (Probelauf)", "Fehlgeschlagen"]
    english = en(data, "history", INTERFACE).stdout.strip().split("\t")
    assert english[1:3] == ["Schedule (dry run)", "Failed"]


def test_a_server_test_is_told_in_german(data):
    result = de(data, "test-ftp", INTERFACE, "--timeout", "5")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[ok ] Server suchen (DNS): ")
    assert lines[1].startswith("[ERR] Verbinden: ")
    assert "[-- ] Anmelden: Nicht ausgeführt, weil ein vorheriger Schritt" in result.stdout
    assert "Connect" not in result.stdout and "Not run" not in result.stdout


def test_a_wrong_fingerprint_is_said_in_german(data):
    result = de(data, "test-ftp", INTERFACE, "--trust", "MD5:ab:cd")
    assert result.returncode == 3
    assert "--trust: „MD5:ab:cd“: Ein MD5-Fingerabdruck genügt nicht" in result.stderr
    assert "ssh-keygen -l -E sha256" in result.stderr and "not" not in result.stderr


def test_run_help_is_german(data):
    result = de(data, "run", "--help")
    assert result.returncode == 0
    assert "nur planen: nichts buchen und nichts löschen" in result.stdout
    assert "plan only" not in result.stdout


# --- test-mail, smtp ----------------------------------------------------------------------


def test_smtp_settings_are_told_in_german(data):
    result = de(data, "smtp", "set", "--host", "smtp.example.org", "--sender", "a@b.de")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "SMTP-Server eingerichtet: smtp.example.org:587"
    shown = de(data, "smtp", "show").stdout.splitlines()
    assert "Verschlüsselung: starttls" in shown and "Passwort gespeichert: nein" in shown
    assert "Eingerichtet: ja" in shown
    assert json.loads(de(data, "smtp", "show", "--json").stdout)["password_stored"] is False


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--host", ""), "--host muss allein der Hostname des SMTP-Servers sein"),
        (("--host", "smtp://mail.example.org"), "(keine Leerzeichen, kein „smtp://“)"),
        (("--host", "a..b"), "  host: „a..b“ ist kein gültiger Hostname"),
        (("--port", "0"), "--port muss zwischen 1 und 65535 liegen. Es wurde nichts gespeichert."),
        (("--sender", "niemand"), "--sender muss eine E-Mail-Adresse sein"),
        (
            ("--user", "x\ty"),
            "Die SMTP-Einstellungen sind ungültig; es wurde nichts gespeichert:\n  user: ",
        ),
    ],
)
def test_smtp_refusals_are_german(data, args, says):
    base = {"--host": "smtp.example.org", "--sender": "a@b.de"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    argv = [x for pair in {**base, **given}.items() for x in pair]
    result = de(data, "smtp", "set", *argv)
    assert result.returncode == 3
    assert says in result.stderr
    assert "invalid" not in result.stderr and "must" not in result.stderr


@pytest.mark.parametrize(
    ("talk", "example", "other"),
    [
        (de, "z. B. smtp.filialkette.de", "example.com"),
        (en, "e.g. smtp.example.com", "filialkette"),
    ],
)
def test_a_host_refusal_gives_an_example_of_its_language(data, talk, example, other):
    """As the window's placeholder: a German chain's server, an English example one."""
    result = talk(data, "smtp", "set", "--host", "smtp://mail.example.org", "--sender", "a@b.de")
    assert result.returncode == 3
    assert example in result.stderr and other not in result.stderr


def test_a_test_mail_without_address_is_refused_in_german(data):
    result = de(data, "test-mail", INTERFACE)
    assert result.returncode == 3
    assert f"Die Schnittstelle „{INTERFACE}“ hat keine E-Mail-Adresse für Fehlerberichte." in (
        result.stderr
    )
    assert "has no" not in result.stderr


def test_smtp_set_help_is_german(data):
    result = de(data, "smtp", "set", "--help")
    assert result.returncode == 0
    assert "das Passwort aus der ersten Zeile der Standardeingabe" in result.stdout
    assert "read the password" not in result.stdout
