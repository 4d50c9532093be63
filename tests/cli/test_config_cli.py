"""``config export`` and ``config import`` as a rollout script calls them."""

from __future__ import annotations

import json

from .test_interfaces_cli import (  # noqa: F401 (cli_dir: a fixture)
    GOOD,
    IMPLICIT_FTPS,
    cli_dir,
    run_cli,
)


def _strip_time(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported_at")
    return data


def test_export_to_a_file_and_import_into_an_empty_ledger(cli_dir, tmp_path):  # noqa: F811
    source = tmp_path / "if.json"
    source.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run_cli(cli_dir, "interfaces", "import", str(source)).returncode == 0
    exported = tmp_path / "kette.json"
    result = run_cli(cli_dir, "config", "export", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("*.partial"))

    empty = tmp_path / "neu"
    dry = run_cli(empty, "config", "import", str(exported), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["counts"]["mandants"] == {"added": 2, "changed": 0, "unchanged": 0}
    assert report["applied"] is False
    assert json.loads(run_cli(empty, "interfaces", "list", "--json").stdout) == []

    done = run_cli(empty, "config", "import", str(exported))
    assert done.returncode == 0, done.stderr
    assert "added    interface 'Zahlungen Steuerberater'" in done.stdout
    assert "Passwords still to be set on this computer:" in done.stdout
    assert 'interfaces set-password "Zahlungen Steuerberater" --password-stdin' in done.stdout

    again = run_cli(empty, "config", "export")
    assert _strip_time(again.stdout) == _strip_time(exported.read_text(encoding="utf-8"))
    mandants = json.loads(run_cli(empty, "mandants", "list", "--json").stdout)
    assert {"name": "1", "datev_berater": 4711, "datev_mandant": 2}.items() <= mandants[0].items()


def test_implicit_ftps_survives_export_and_import(cli_dir, tmp_path):  # noqa: F811
    source = tmp_path / "if.json"
    source.write_text(json.dumps(IMPLICIT_FTPS), encoding="utf-8")
    assert run_cli(cli_dir, "interfaces", "import", str(source)).returncode == 0
    exported = tmp_path / "kette.json"
    assert run_cli(cli_dir, "config", "export", "-o", str(exported)).returncode == 0
    [interface] = json.loads(exported.read_text(encoding="utf-8"))["interfaces"]
    assert interface["ftp"]["protocol"] == "ftps-implicit"

    empty = tmp_path / "neu"
    done = run_cli(empty, "config", "import", str(exported))
    assert done.returncode == 0, done.stderr
    again = run_cli(empty, "interfaces", "export", "Zahlungen Steuerberater")
    assert json.loads(again.stdout) == IMPLICIT_FTPS


def test_only_the_named_interfaces(cli_dir, tmp_path):  # noqa: F811
    for name in ("A", "B"):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({**GOOD, "name": name}), encoding="utf-8")
        assert run_cli(cli_dir, "interfaces", "import", str(path)).returncode == 0
    only = run_cli(cli_dir, "config", "export", "--interfaces", "B")
    assert [i["name"] for i in json.loads(only.stdout)["interfaces"]] == ["B"]
    unknown = run_cli(cli_dir, "config", "export", "--interfaces", "C")
    assert unknown.returncode == 1 and "no interface named 'C'" in unknown.stderr


def test_invalid_input_exits_3_and_imports_nothing(cli_dir, tmp_path):  # noqa: F811
    bad = {
        "schema": 1,
        "kind": "desktop-app-config",
        "branches": ["Optik Süd"],
        "interfaces": [{**GOOD, "mandants": ["fehlt"]}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = run_cli(cli_dir, "config", "import", str(path))
    assert result.returncode == 3
    assert "the configuration is invalid; nothing was imported" in result.stderr
    assert "Unknown clients: fehlt" in result.stderr
    branches = json.loads(run_cli(cli_dir, "branches", "list", "--json").stdout)
    assert "Optik Süd" not in json.dumps(branches)

    path.write_text(json.dumps({**bad, "schema": 7}), encoding="utf-8")
    newer = run_cli(cli_dir, "config", "import", str(path))
    assert newer.returncode == 3 and "schema 7" in newer.stderr

    path.write_bytes(b"{kein json")
    assert run_cli(cli_dir, "config", "import", str(path)).returncode == 3
    path.write_text(json.dumps(GOOD), encoding="utf-8")  # one interface, not a configuration
    single = run_cli(cli_dir, "config", "import", str(path))
    assert single.returncode == 3 and "interfaces import" in single.stderr
