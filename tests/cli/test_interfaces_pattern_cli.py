"""An invoice number pattern in an interface file, or a configuration file, for an
Importart that never reads one: imported without it, with a warning naming the
interface, as the form saves it; and never exported, whatever an older ledger holds."""

from __future__ import annotations

import json
import sqlite3

from .test_interfaces_cli import GOOD, cli_dir, run_cli  # noqa: F401 (cli_dir: a fixture)

ENGLISH = {"DESKTOP_APP_LANG": "en"}
GERMAN = {"DESKTOP_APP_LANG": "de"}
# Invalid as well: a pattern that is not kept must not refuse the file either.
UNUSED = {**GOOD, "invoice_pattern": "AR-(\\d+"}
NAME = GOOD["name"]


def _exported_pattern(data_dir, name: str = NAME) -> str:
    result = run_cli(data_dir, "interfaces", "export", name)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["invoice_pattern"]


def _stored_pattern(data_dir, name: str = NAME) -> str:
    with sqlite3.connect(data_dir / "desktop-app.sqlite3") as db:
        (pattern,) = db.execute(
            "SELECT invoice_pattern FROM interfaces WHERE name = ?", (name,)
        ).fetchone()
    return pattern


def test_interfaces_import_drops_an_unused_pattern_with_a_warning(cli_dir, tmp_path):  # noqa: F811
    path = tmp_path / "in.json"
    path.write_text(json.dumps(UNUSED), encoding="utf-8")
    english = run_cli(cli_dir, "interfaces", "import", str(path), env_extra=ENGLISH)
    assert english.returncode == 0, english.stderr
    assert f"Created interface '{NAME}'." in english.stderr
    assert (
        f"Warning: Interface “{NAME}”: the invoice number pattern is not used for "
        "“Closed items” and is not stored."
    ) in english.stderr
    assert _stored_pattern(cli_dir) == ""
    assert _exported_pattern(cli_dir) == ""

    german = run_cli(cli_dir, "interfaces", "import", str(path), env_extra=GERMAN)
    assert german.returncode == 0, german.stderr
    assert (
        f"Achtung: Schnittstelle „{NAME}“: Das Muster der Rechnungsnummer wird für "
        "„Geschlossene Posten“ nicht verwendet und nicht gespeichert."
    ) in german.stderr

    # Where the Importart reads it, the pattern is kept, and nothing is said.
    used = {**GOOD, "import_format": "mt940", "invoice_pattern": "AR-\\d{6}"}
    path.write_text(json.dumps(used), encoding="utf-8")
    kept = run_cli(cli_dir, "interfaces", "import", str(path), env_extra=ENGLISH)
    assert kept.returncode == 0, kept.stderr
    assert "Warning" not in kept.stderr
    assert _exported_pattern(cli_dir) == "AR-\\d{6}"


def test_an_older_ledgers_unused_pattern_is_not_exported(cli_dir, tmp_path):  # noqa: F811
    path = tmp_path / "in.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run_cli(cli_dir, "interfaces", "import", str(path)).returncode == 0
    with sqlite3.connect(cli_dir / "desktop-app.sqlite3") as db:
        db.execute("UPDATE interfaces SET invoice_pattern = 'AR-\\d{6}' WHERE name = ?", (NAME,))
    assert _exported_pattern(cli_dir) == ""
    config = run_cli(cli_dir, "config", "export")
    assert config.returncode == 0, config.stderr
    assert json.loads(config.stdout)["interfaces"][0]["invoice_pattern"] == ""


def _config_file(tmp_path, *interfaces) -> str:
    path = tmp_path / "kette.json"
    data = {
        "schema": 1,
        "kind": "desktop-app-config",
        "branches": ["Optik Nord"],
        "interfaces": list(interfaces),
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_config_import_drops_an_unused_pattern_with_a_warning(cli_dir, tmp_path):  # noqa: F811
    camt = {**GOOD, "name": "Bank", "import_format": "camt053", "invoice_pattern": "AR-\\d{6}"}
    source = _config_file(tmp_path, UNUSED, camt)

    dry = run_cli(cli_dir, "config", "import", source, "--dry-run", "--json", env_extra=ENGLISH)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["warnings"] == [
        f"Interface “{NAME}”: the invoice number pattern is not used for “Closed items” "
        "and is not stored."
    ]

    done = run_cli(cli_dir, "config", "import", source, env_extra=GERMAN)
    assert done.returncode == 0, done.stderr
    assert (
        f"Achtung: Schnittstelle „{NAME}“: Das Muster der Rechnungsnummer wird für "
        "„Geschlossene Posten“ nicht verwendet und nicht gespeichert."
    ) in done.stderr.splitlines()
    assert "Achtung" not in done.stdout
    assert "Bank" not in "".join(line for line in done.stderr.splitlines() if "Achtung" in line)
    assert (_stored_pattern(cli_dir), _stored_pattern(cli_dir, "Bank")) == ("", "AR-\\d{6}")

    # The same file again changes nothing: the dropped pattern is no difference.
    again = run_cli(cli_dir, "config", "import", source, "--json", env_extra=ENGLISH)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["counts"]["interfaces"]["unchanged"] == 2
