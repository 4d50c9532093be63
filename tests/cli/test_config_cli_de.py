"""``config export|import`` in German (the default): the import's report and its errors."""

from __future__ import annotations

import json

from .test_interfaces_cli import GOOD, cli_dir, run_cli  # noqa: F401 (cli_dir: a fixture)

GERMAN = {"DESKTOP_APP_LANG": "de"}


def test_export_and_import_report_in_german(cli_dir, tmp_path):  # noqa: F811
    source = tmp_path / "if.json"
    source.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run_cli(cli_dir, "interfaces", "import", str(source)).returncode == 0
    exported = tmp_path / "kette.json"
    written = run_cli(cli_dir, "config", "export", "-o", str(exported), env_extra=GERMAN)
    assert written.returncode == 0, written.stderr
    assert f"Die Konfiguration wurde in {exported} geschrieben." in written.stderr

    empty = tmp_path / "neu"
    dry = run_cli(empty, "config", "import", str(exported), "--dry-run", env_extra=GERMAN)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert "Mandanten: 2 neu, 0 geändert, 0 unverändert" in lines
    assert "  neu      Schnittstelle „Zahlungen Steuerberater“" in lines
    assert "Probelauf: Es wurde nichts geändert." in lines
    assert "Passwörter, die an diesem Rechner noch gesetzt werden müssen:" in lines
    for english in ("added", "dry run", "interface '", "passwords still"):
        assert english not in dry.stdout

    done = run_cli(empty, "config", "import", str(exported), env_extra=GERMAN)
    assert "Die Konfiguration wurde importiert (alles in einem Schritt)." in done.stdout
    again = run_cli(empty, "config", "import", str(exported), env_extra=GERMAN)
    assert "Nichts zu ändern: Diese Datenbank hat diese Konfiguration bereits." in again.stdout


def test_config_errors_are_german(cli_dir, tmp_path):  # noqa: F811
    unknown = run_cli(cli_dir, "config", "export", "--interfaces", "C", env_extra=GERMAN)
    assert unknown.returncode == 1
    assert "Die Schnittstelle „C“ gibt es nicht." in unknown.stderr

    path = tmp_path / "bad.json"
    bad = {"schema": 1, "kind": "desktop-app-config", "interfaces": [{**GOOD, "mandants": ["x"]}]}
    path.write_text(json.dumps(bad), encoding="utf-8")
    invalid = run_cli(cli_dir, "config", "import", str(path), env_extra=GERMAN)
    assert invalid.returncode == 3
    assert "Die Konfiguration ist ungültig; es wurde nichts importiert:" in invalid.stderr
    assert "Unbekannte Mandanten: x" in invalid.stderr
    assert "invalid configuration" not in invalid.stderr

    missing = run_cli(cli_dir, "config", "import", str(tmp_path / "fehlt.json"), env_extra=GERMAN)
    assert missing.returncode == 1 and "„fehlt.json“ gibt es nicht (mehr)." in missing.stderr

    path.write_bytes(b"{kein json")
    broken = run_cli(cli_dir, "config", "import", str(path), env_extra=GERMAN)
    assert broken.returncode == 3 and "Die Datei ist kein gültiges JSON" in broken.stderr
    assert "not valid JSON" not in broken.stderr


def test_config_import_help_is_german(tmp_path):
    result = run_cli(tmp_path, "config", "import", "--help", env_extra=GERMAN)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "zeigen, was sich ändern würde, ohne etwas zu ändern" in text
    assert "die Konfigurationsdatei" in text
    assert "change nothing" not in text
