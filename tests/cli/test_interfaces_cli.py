"""The command line as a script would use it: a real process, a real data directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import need


def run_cli(data_dir, *args, stdin: str | None = None, env_extra=None):
    env = {**os.environ, "DESKTOP_APP_DATA_DIR": str(data_dir)}
    env.pop("DESKTOP_APP_DB", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def cli_dir(tmp_path):
    path = tmp_path / "cli-data"
    for args in (
        ["mandants", "add", "1", "--datev-berater", "4711", "--datev-mandant", "2"],
        ["mandants", "add", "2"],
        ["branches", "add", "Optik Nord"],
    ):
        result = run_cli(path, *args)
        assert result.returncode == 0, result.stderr
    return path


GOOD = {
    "name": "Zahlungen Steuerberater",
    "enabled": True,
    "branch": "Optik Nord",
    "workstation": "KASSE-01",
    "start_date": "2026-12-01",
    "import_format": "closed-items",
    "mandants": ["1", "2"],
    "settle_until": "yesterday",
    "filename_filter": "Zahlungen",
    "run_time": "07:30",
    "interval": {
        "kind": "weekly",
        "every_minutes": 60,
        "weekdays": ["mon", "thu"],
        "day_of_month": 1,
    },
    "ftp": {
        "protocol": "ftps",
        "host": "ftp.steuerberater.example",
        "port": 2121,
        "directory": "BUCHHALTUNG/IMPORTE/",
        "date_subdirectories": True,
        "user": "filiale7",
        "passive": True,
    },
    "error_email": "buchhaltung@filiale.example",
    "invoice_pattern": "",
    "open_item_guards": None,
}


def test_import_list_export_round_trip(cli_dir, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(GOOD), encoding="utf-8")
    result = run_cli(cli_dir, "interfaces", "import", str(source))
    assert result.returncode == 0, result.stderr

    listed = run_cli(cli_dir, "interfaces", "list", "--json")
    assert listed.returncode == 0
    rows = json.loads(listed.stdout)
    assert [(r["name"], r["workstation"], r["import_format"]) for r in rows] == [
        ("Zahlungen Steuerberater", "KASSE-01", "closed-items")
    ]
    assert rows[0]["interval"]["kind"] == "weekly"

    exported = run_cli(cli_dir, "interfaces", "export", "Zahlungen Steuerberater")
    assert exported.returncode == 0
    assert json.loads(exported.stdout) == GOOD

    # Importing the export again updates in place: still one interface, same content.
    source.write_text(exported.stdout, encoding="utf-8")
    assert run_cli(cli_dir, "interfaces", "import", str(source)).returncode == 0
    assert len(json.loads(run_cli(cli_dir, "interfaces", "list", "--json").stdout)) == 1


IMPLICIT_FTPS = {**GOOD, "ftp": {**GOOD["ftp"], "protocol": "ftps-implicit", "port": None}}


def test_implicit_ftps_round_trip(cli_dir, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(IMPLICIT_FTPS), encoding="utf-8")
    result = run_cli(cli_dir, "interfaces", "import", str(source))
    assert result.returncode == 0, result.stderr
    exported = run_cli(cli_dir, "interfaces", "export", "Zahlungen Steuerberater")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == IMPLICIT_FTPS


def test_workstation_filter(cli_dir, tmp_path):
    chain = {**GOOD, "name": "Kette", "workstation": None}
    for data in (GOOD, chain):
        path = tmp_path / f"{data['name']}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        assert run_cli(cli_dir, "interfaces", "import", str(path)).returncode == 0
    every = json.loads(run_cli(cli_dir, "interfaces", "list", "--json").stdout)
    bound = json.loads(
        run_cli(cli_dir, "interfaces", "list", "--workstation-only", "--json").stdout
    )
    assert sorted(r["name"] for r in every) == ["Kette", "Zahlungen Steuerberater"]
    assert [r["name"] for r in bound] == ["Zahlungen Steuerberater"]


def test_an_interface_fetching_anothers_files_is_saved_with_a_warning(cli_dir, tmp_path):
    """The form's warning beside Verzeichnis, on stderr: saved all the same (exit 0),
    since two Mandanten may read one folder with other Dateinamen."""
    english = {"DESKTOP_APP_LANG": "en"}

    def imported(data) -> str:
        path = tmp_path / "in.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = run_cli(cli_dir, "interfaces", "import", str(path), env_extra=english)
        assert result.returncode == 0, result.stderr
        return result.stderr

    assert "Warning" not in imported(GOOD)
    assert "Warning" not in imported({**GOOD, "enabled": False})  # itself is no other
    copy = {**GOOD, "name": "Kopie", "filename_filter": "Zahlungen_Nord"}
    said = imported(copy)
    assert "Created interface 'Kopie'." in said
    assert (
        "Warning: The interface “Zahlungen Steuerberater” already fetches files of this "
        "name from this folder; both runs would fetch the same files."
    ) in said
    # Another FTP user may be locked into another home folder: said, but as a maybe.
    other_user = imported({**copy, "ftp": {**GOOD["ftp"], "user": "filiale8"}})
    assert "Updated interface 'Kopie'." in other_user
    assert (
        "Warning: The interface “Zahlungen Steuerberater” fetches files of this name from "
        "a folder of this name on this server with another user; if both accounts see the "
        "same folder, both runs would fetch the same files."
    ) in other_user
    assert "Warning" not in imported({**copy, "filename_filter": "Bank"})
    listed = json.loads(run_cli(cli_dir, "interfaces", "list", "--json").stdout)
    assert sorted(row["name"] for row in listed) == ["Kopie", "Zahlungen Steuerberater"]


def test_several_mistakes_refused_and_nothing_saved(cli_dir, tmp_path):
    bad = {
        **GOOD,
        "run_time": "05:00",
        "interval": {"kind": "weekly", "weekdays": []},
        "ftp": {**GOOD["ftp"], "directory": "BUCHHALTUNG/IMPORTE"},
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = run_cli(cli_dir, "interfaces", "import", str(path))
    assert result.returncode != 0
    for field in ("run_time", "interval.weekdays", "ftp.directory"):
        assert f"{field}:" in result.stderr
    assert json.loads(run_cli(cli_dir, "interfaces", "list", "--json").stdout) == []


def test_unknown_mandant_or_branch_is_an_error(cli_dir, tmp_path):
    path = tmp_path / "unknown.json"
    path.write_text(json.dumps({**GOOD, "mandants": ["9"], "branch": "Nirgendwo"}), "utf-8")
    result = run_cli(cli_dir, "interfaces", "import", str(path))
    assert result.returncode != 0
    assert "mandants:" in result.stderr and "branch:" in result.stderr


def test_export_and_delete_of_unknown_name_fail(cli_dir):
    for args in (("export", "Nope"), ("delete", "Nope")):
        result = run_cli(cli_dir, "interfaces", *args)
        assert result.returncode == 1 and "Nope" in result.stderr


def test_db_option_and_environment(tmp_path):
    db_file = tmp_path / "elsewhere.sqlite3"
    result = run_cli(tmp_path / "d", "--db", f"sqlite:///{db_file}", "branches", "add", "X")
    assert result.returncode == 0, result.stderr
    assert db_file.exists()
    listed = run_cli(
        tmp_path / "other",
        "branches",
        "list",
        "--json",
        env_extra={"DESKTOP_APP_DB": f"sqlite:///{db_file}"},
    )
    assert json.loads(listed.stdout) == ["X"]


def test_password_never_reaches_disk(cli_dir, tmp_path, secret_service_backend):
    """The password goes to the keyring; no file of the data directory holds it."""
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    secret = "Pw-Nur-Im-Schluesselbund-7f3a"
    path = tmp_path / "in.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    result = run_cli(
        cli_dir, "interfaces", "import", str(path), "--password-stdin", stdin=secret + "\n"
    )
    assert result.returncode == 0, result.stderr
    try:
        exported = run_cli(cli_dir, "interfaces", "export", GOOD["name"])
        assert secret not in exported.stdout + exported.stderr + result.stderr
        files = [p for p in cli_dir.rglob("*") if p.is_file()]
        assert any(p.suffix == ".sqlite3" for p in files)
        assert any(p.suffix == ".log" for p in files)
        for file in files:
            data = file.read_bytes()
            assert secret.encode() not in data, file
            assert secret.encode("utf-16-le") not in data, file
    finally:
        assert run_cli(cli_dir, "interfaces", "delete", GOOD["name"]).returncode == 0


def _stored(data_dir, name):
    from desktop_app.store.db import Database, sqlite_url
    from desktop_app.store.interfaces import InterfaceRepository

    db = Database(sqlite_url(data_dir / "desktop-app.sqlite3"))
    try:
        return InterfaceRepository(db).get(name)
    finally:
        db.dispose()


def test_set_password_stores_it_here_as_a_new_version(cli_dir, tmp_path, secret_service_backend):
    """`interfaces set-password` puts the password in this computer's keyring and makes
    this computer the holder of a new version; the secret reaches no file."""
    import socket

    from desktop_app.domain.password_holders import HolderState

    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    secret = "Pw-Set-Password-9c1e"
    path = tmp_path / "in.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run_cli(cli_dir, "interfaces", "import", str(path)).returncode == 0
    assert not _stored(cli_dir, GOOD["name"]).password_stored
    set_password = ("interfaces", "set-password", GOOD["name"], "--password-stdin")
    try:
        result = run_cli(cli_dir, *set_password, stdin=secret + "\n")
        assert result.returncode == 0, result.stderr
        first = _stored(cli_dir, GOOD["name"])
        here = socket.gethostname()
        assert first.password_coverage.state_on(here) is HolderState.CURRENT
        again = run_cli(cli_dir, *set_password, stdin=secret + "\n")
        assert again.returncode == 0, again.stderr
        second = _stored(cli_dir, GOOD["name"])
        assert second.password_version != first.password_version  # new at every set
        assert second.password_coverage.current_holders() == [here]
        for file in (p for p in cli_dir.rglob("*") if p.is_file()):
            assert secret.encode() not in file.read_bytes(), file
    finally:
        assert run_cli(cli_dir, "interfaces", "delete", GOOD["name"]).returncode == 0


def test_set_password_refuses_bad_input(cli_dir, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run_cli(cli_dir, "interfaces", "import", str(path)).returncode == 0
    unknown = run_cli(
        cli_dir, "interfaces", "set-password", "Gibt es nicht", "--password-stdin", stdin="x\n"
    )
    assert unknown.returncode == 1 and "no interface named" in unknown.stderr
    empty = run_cli(cli_dir, "interfaces", "set-password", GOOD["name"], "--password-stdin")
    assert empty.returncode == 3, empty.stderr
    without = run_cli(cli_dir, "interfaces", "set-password", GOOD["name"], stdin="x\n")
    assert without.returncode == 2 and "--password-stdin" in without.stderr
    assert not _stored(cli_dir, GOOD["name"]).password_stored


def test_set_password_without_a_keyring_says_once_that_it_was_not_stored(cli_dir, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run_cli(cli_dir, "interfaces", "import", str(path)).returncode == 0
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = run_cli(
        cli_dir,
        "interfaces",
        "set-password",
        GOOD["name"],
        "--password-stdin",
        stdin="x\n",
        env_extra={**no_keyring, "DESKTOP_APP_LANG": "en"},
    )
    assert result.returncode != 0
    said = result.stderr
    assert "No keyring" in said and "set up a keyring" in said
    assert said.count("not stored") + said.count("not saved") == 1, said
