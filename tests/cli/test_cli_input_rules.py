"""Bad input on the command line ends in exit 3 (2 for a wrong option) and a message that
names the field, never in "internal error"; nothing is saved."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .test_interfaces_cli import GOOD, cli_dir, run_cli  # noqa: F401 - cli_dir is a fixture

# The fixture imported above is the tests' parameter by design.
# ruff: noqa: F811


def _no_internal_error(result) -> None:
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("ch", ["\n", "\t", "\u202e"])  # a NUL cannot be in an argument
def test_names_with_control_characters_are_refused(cli_dir, ch):
    name = f"Nord{ch}Ost"
    for args in (["branches", "add", name], ["mandants", "add", name]):
        result = run_cli(cli_dir, *args)
        assert result.returncode == 3, result.stderr
        assert f"U+{ord(ch):04X}" in result.stderr and "control character" in result.stderr
    user = run_cli(cli_dir, "users", "add", name, "--password-stdin", stdin="Passwort-123")
    assert user.returncode == 3 and f"U+{ord(ch):04X}" in user.stderr
    assert run_cli(cli_dir, "branches", "list").stdout.splitlines() == ["Optik Nord"]
    assert run_cli(cli_dir, "users", "list").stdout == ""


BAD_TEXT = [
    (("ftp", "user"), "filiale7\r\nDELE x", "ftp.user"),
    (("ftp", "directory"), "A/\r\nB/", "ftp.directory"),
    (("ftp", "host"), "ftp.example.org\n", "ftp.host"),
    (("name",), "Zahl\0ungen", "name"),
    (("branch",), "Optik\tNord", "branch"),
    (("workstation",), "KASSE\u202e01", "workstation"),
    (("mandants",), ["1", "2\u202e"], "mandants"),
    (("filename_filter",), "x" * 10_000_000, "filename_filter"),
    (("error_email",), "a@b.example\r\nBcc: c@d.example", "error_email"),
    (("run_time",), "07:30+02:00", "run_time"),
]


def test_interface_files_with_bad_text_name_the_field(cli_dir, tmp_path):
    for path, value, field in BAD_TEXT:
        document = json.loads(json.dumps(GOOD))
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        source = tmp_path / "in.json"
        source.write_text(json.dumps(document), encoding="utf-8")
        result = run_cli(cli_dir, "interfaces", "import", str(source))
        assert result.returncode == 3, (field, result.stderr)
        assert f"\n  {field}: " in result.stderr
        assert len(result.stderr) < 2000  # the 10 MB value is not echoed
        _no_internal_error(result)
    assert json.loads(run_cli(cli_dir, "interfaces", "list", "--json").stdout) == []


def test_weekly_interval_with_null_day_of_month_is_imported(cli_dir, tmp_path):
    document = json.loads(json.dumps(GOOD))
    document["interval"]["day_of_month"] = None
    document["interval"]["every_minutes"] = None
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli(cli_dir, "interfaces", "import", str(source))
    assert result.returncode == 0, result.stderr


def test_json_nested_200000_deep_is_invalid_input(cli_dir, tmp_path):
    source = tmp_path / "tief.json"
    source.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    result = run_cli(cli_dir, "interfaces", "import", str(source))
    assert result.returncode == 3, result.stderr
    assert "nested too deeply" in result.stderr
    _no_internal_error(result)


def _run_bytes(data_dir, *args, stdin: bytes):
    import os

    env = {**os.environ, "DESKTOP_APP_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
    )


def test_a_password_that_is_not_utf8_says_so(cli_dir, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(GOOD), encoding="utf-8")
    for args in (
        ["interfaces", "import", str(source), "--password-stdin"],
        ["users", "add", "anna", "--password-stdin"],
        ["smtp", "set", "--host", "smtp.example.org", "--sender", "a@b.de", "--password-stdin"],
    ):
        result = _run_bytes(cli_dir, *args, stdin=b"Passw\xf6rt-in-Latin-1\n")
        stderr = result.stderr.decode()
        assert result.returncode == 3, stderr
        assert "the password is not UTF-8 text (byte 6" in stderr
        assert "keyring" not in stderr


def test_smtp_settings_with_line_breaks_are_refused(cli_dir):
    result = run_cli(
        cli_dir, "smtp", "set", "--host", "smtp.example.org\r\nRCPT TO:x", "--sender", "a@b.de"
    )
    assert result.returncode == 3, result.stderr
    assert "\n  host: Contains an invisible control character (U+000D" in result.stderr
    result = run_cli(cli_dir, "smtp", "set", "--host", "smtp.example.org", "--sender", "a@b.de")
    assert result.returncode == 0, result.stderr
    user = run_cli(
        cli_dir, "smtp", "set", "--host", "h.example", "--user", "x\ty", "--sender", "a@b.de"
    )
    assert user.returncode == 3 and "\n  user: " in user.stderr
    assert json.loads(run_cli(cli_dir, "smtp", "show", "--json").stdout)["host"] == (
        "smtp.example.org"
    )


def test_db_that_is_no_url_is_a_usage_error(tmp_path):
    result = run_cli(tmp_path / "d", "--db", "notaurl", "mandants", "list")
    assert result.returncode == 2, result.stderr
    assert "The database address is not valid. Examples: sqlite:///" in result.stderr
    _no_internal_error(result)
    secret = run_cli(
        tmp_path / "d", "--db", "postgresql+psycopg://u:Geheim-42@", "branches", "list"
    )
    assert "Geheim-42" not in secret.stderr
    _no_internal_error(secret)


def test_a_database_in_a_missing_folder_is_refused_not_created(tmp_path):
    """A mistyped --db path must not become a new, empty ledger somewhere: the folder it
    names is not made (the data directory of a first start still is)."""
    missing = tmp_path / "Buchhaltung" / "2026"
    url = f"sqlite:///{missing / 'ledger.sqlite3'}"
    german = run_cli(
        tmp_path / "d", "--db", url, "mandants", "list", env_extra={"DESKTOP_APP_LANG": "de"}
    )
    assert german.returncode == 2, german.stderr
    assert german.stderr == (
        f"desktop-app: Den Ordner {missing} für die Datenbank (--db oder DESKTOP_APP_DB) gibt "
        "es nicht. Bitte den Pfad prüfen; eine neue Datenbank wird nur in einem vorhandenen "
        "Ordner angelegt.\n"
    )
    english = run_cli(
        tmp_path / "d",
        "mandants",
        "list",
        env_extra={"DESKTOP_APP_DB": url, "DESKTOP_APP_LANG": "en"},
    )
    assert english.returncode == 2, english.stderr
    assert f"The folder {missing} for the database (--db or DESKTOP_APP_DB) does not exist." in (
        english.stderr
    )
    assert not (tmp_path / "Buchhaltung").exists()
    (tmp_path / "Buchhaltung" / "2026").mkdir(parents=True)
    assert run_cli(tmp_path / "d", "--db", url, "mandants", "list").returncode == 0
    assert (missing / "ledger.sqlite3").exists()


def test_a_database_url_with_escapes_names_the_folder_sqlalchemy_opens(tmp_path):
    (tmp_path / "Buchhaltung Nord").mkdir()
    url = f"sqlite:///{tmp_path}/Buchhaltung%20Nord/ledger.sqlite3"
    opened = run_cli(tmp_path / "d", "--db", url, "mandants", "list")
    assert opened.returncode == 0, opened.stderr
    assert (tmp_path / "Buchhaltung Nord" / "ledger.sqlite3").exists()


def test_invoice_files_with_control_characters_are_refused(cli_dir, tmp_path):
    source = tmp_path / "rechnungen.csv"
    source.write_text(
        'Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag\nRE-1;1;"Optik\u202eNord";'
        "01.02.2026;1,00\n",
        encoding="utf-8",
    )
    result = run_cli(cli_dir, "invoices", "import", str(source))
    assert result.returncode == 3, result.stderr
    assert "line 2" in result.stderr and "Filiale" in result.stderr and "U+202E" in result.stderr
    assert run_cli(cli_dir, "branches", "list").stdout.splitlines() == ["Optik Nord"]


def test_a_closed_pipe_ends_a_command_quietly(cli_dir, tmp_path):
    import os

    source = tmp_path / "rechnungen.csv"
    source.write_text(
        "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n"
        + "".join(f"RE-{n};1;01.02.2026;{n},00\n" for n in range(1, 5000)),
        encoding="utf-8",
    )
    assert run_cli(cli_dir, "invoices", "import", str(source)).returncode == 0
    env = {**os.environ, "DESKTOP_APP_DATA_DIR": str(cli_dir)}
    # As `desktop-app invoices list --json | head -1`: the reader leaves after one line.
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "invoices", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout.readline() == b"[\n"
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert stderr == ""
    assert process.returncode == 1


def test_a_history_limit_out_of_range_is_a_usage_error(cli_dir):
    for limit in ("99999999999999999999999", "-5", "0", "zehn"):
        result = run_cli(cli_dir, "history", "x", "--limit", limit)
        assert result.returncode == 2, result.stderr
        assert "argument --limit" in result.stderr
        _no_internal_error(result)
