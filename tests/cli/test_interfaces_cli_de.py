"""``interfaces`` in German (the default): its output, its errors and its help."""

from __future__ import annotations

import json

from .test_interfaces_cli import GOOD, cli_dir, run_cli  # noqa: F401 (cli_dir: a fixture)

GERMAN = {"DESKTOP_APP_LANG": "de"}


def _import(data_dir, path, data) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli(data_dir, "interfaces", "import", str(path), env_extra=GERMAN)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_import_list_and_delete_speak_german(cli_dir, tmp_path):  # noqa: F811
    path = tmp_path / "in.json"
    assert "Die Schnittstelle „Zahlungen Steuerberater“ wurde angelegt." in _import(
        cli_dir, path, GOOD
    )
    updated = _import(cli_dir, path, {**GOOD, "enabled": False})
    assert "Die Schnittstelle „Zahlungen Steuerberater“ wurde aktualisiert." in updated

    listed = run_cli(cli_dir, "interfaces", "list", env_extra=GERMAN)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "Zahlungen Steuerberater\tOptik Nord\tKASSE-01\tclosed-items\t"
        "Wöchentlich: Mo, Do, um 07:30 Uhr\t(deaktiviert)"
    ]
    # The JSON for scripts stays as it was, in any language.
    as_json = json.loads(run_cli(cli_dir, "interfaces", "list", "--json", env_extra=GERMAN).stdout)
    assert as_json[0]["interval_text"] == "Weekly: Mon, Thu"

    deleted = run_cli(cli_dir, "interfaces", "delete", GOOD["name"], env_extra=GERMAN)
    assert deleted.returncode == 0, deleted.stderr
    assert "Die Schnittstelle „Zahlungen Steuerberater“ wurde gelöscht." in deleted.stderr
    assert "deleted" not in deleted.stderr


def test_the_shared_folder_warning_is_german(cli_dir, tmp_path):  # noqa: F811
    _import(cli_dir, tmp_path / "in.json", GOOD)
    said = _import(cli_dir, tmp_path / "kopie.json", {**GOOD, "name": "Kopie"})
    assert "Die Schnittstelle „Kopie“ wurde angelegt." in said
    assert (
        "Achtung: Die Schnittstelle „Zahlungen Steuerberater“ holt schon Dateien dieses "
        "Namens aus diesem Ordner; beide Läufe würden dieselben Dateien holen."
    ) in said
    assert "Warning" not in said and "already fetches" not in said


def test_an_unknown_interface_is_said_in_german(cli_dir):  # noqa: F811
    for action in ("export", "delete"):
        result = run_cli(cli_dir, "interfaces", action, "Gibt es nicht", env_extra=GERMAN)
        assert result.returncode == 1
        assert "Die Schnittstelle „Gibt es nicht“ gibt es nicht." in result.stderr
        assert "no interface named" not in result.stderr
    unknown = run_cli(
        cli_dir,
        "interfaces",
        "set-password",
        "Gibt es nicht",
        "--password-stdin",
        stdin="x\n",
        env_extra=GERMAN,
    )
    assert unknown.returncode == 1 and "gibt es nicht." in unknown.stderr


def test_every_mistake_of_a_file_is_listed_in_german(cli_dir, tmp_path):  # noqa: F811
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**GOOD, "run_time": "25:00", "mandants": ["9"]}), "utf-8")
    result = run_cli(cli_dir, "interfaces", "import", str(path), env_extra=GERMAN)
    assert result.returncode == 3
    assert "Die Schnittstelle ist ungültig; es wurde nichts gespeichert:" in result.stderr
    assert "  run_time: " in result.stderr and "  mandants: " in result.stderr
    assert "invalid interface" not in result.stderr and "nothing saved" not in result.stderr


def test_a_missing_or_broken_file_is_said_in_german(cli_dir, tmp_path):  # noqa: F811
    missing = tmp_path / "fehlt.json"
    result = run_cli(cli_dir, "interfaces", "import", str(missing), env_extra=GERMAN)
    assert result.returncode == 1
    assert "Die Datei „fehlt.json“ gibt es nicht (mehr)." in result.stderr
    assert "No such file" not in result.stderr and "does not exist" not in result.stderr

    broken = tmp_path / "kaputt.json"
    broken.write_bytes(b'{"name": "\xff"}')
    result = run_cli(cli_dir, "interfaces", "import", str(broken), env_extra=GERMAN)
    assert result.returncode == 3
    assert "ist kein UTF-8-Text (Byte 11 ist nicht lesbar)" in result.stderr
    assert "Bitte als UTF-8 speichern und erneut versuchen." in result.stderr

    broken.write_text("{kein json", encoding="utf-8")
    result = run_cli(cli_dir, "interfaces", "import", str(broken), env_extra=GERMAN)
    assert result.returncode == 3
    assert "ist kein gültiges JSON: Fehler in Zeile 1, Spalte 2." in result.stderr
    assert "is not valid JSON" not in result.stderr and "Expecting" not in result.stderr


def test_broken_json_is_said_in_english_by_line_and_column(cli_dir, tmp_path):  # noqa: F811
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x",\n  oops}', encoding="utf-8")
    result = run_cli(
        cli_dir, "interfaces", "import", str(broken), env_extra={"DESKTOP_APP_LANG": "en"}
    )
    assert result.returncode == 3
    assert "is not valid JSON: error at line 2, column 3." in result.stderr
    assert "Expecting" not in result.stderr and "char " not in result.stderr


def test_set_password_help_is_german(tmp_path):
    result = run_cli(tmp_path, "interfaces", "set-password", "--help", env_extra=GERMAN)
    assert result.returncode == 0
    assert "Aufruf: desktop-app interfaces set-password" in result.stdout
    text = " ".join(result.stdout.split())  # argparse wraps the description
    assert "Das FTP-Passwort der Schnittstelle im Schlüsselbund dieses Rechners" in text
    assert "das Passwort von der Standardeingabe lesen (erforderlich)" in text
    assert "keyring" not in text and "read it from stdin" not in text
