"""The program only ever changes a database that is its own: a new path or an empty file
becomes one; another application's database, a file that is no database, one from a newer
version and a damaged one are refused untouched (compared by SHA-256), each with its own
error type and a German message."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
import sqlalchemy as sa

from desktop_app.store.db import SCHEMA_HEAD, Database, sqlite_url
from desktop_app.store.db_errors import (
    DamagedDatabase,
    ForeignDatabase,
    InvalidDatabaseUrl,
    NewerDatabase,
)
from tests.cli.test_interfaces_cli import run_cli


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def foreign_sqlite(path):
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO kunden VALUES (1, 'Müller')")
    connection.close()
    return path


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path):
    path = foreign_sqlite(tmp_path / "fremd.db")
    before, files = sha256(path), sorted(os.listdir(tmp_path))
    with pytest.raises(ForeignDatabase) as err:
        Database(sqlite_url(path))
    assert "kunden" in str(err.value)
    assert err.value.message_de.startswith(f"Die Datei {path} gehört zu einem anderen Programm")
    assert "nicht verändert" in err.value.message_de
    assert sha256(path) == before and sorted(os.listdir(tmp_path)) == files


def test_the_cli_on_a_foreign_file_changes_no_byte_and_prints_no_sql(tmp_path):
    path = foreign_sqlite(tmp_path / "fremd.db")
    before = sha256(path)
    for args in (["mandants", "list"], ["mandants", "add", "1"], ["history", "x"]):
        result = run_cli(tmp_path / "data", "--db", sqlite_url(path), *args)
        assert result.returncode == 1, result.stderr
        assert "belongs to another application (tables: kunden). It was not changed." in (
            result.stderr
        )
        assert "CREATE TABLE" not in result.stdout + result.stderr
        assert sha256(path) == before
    with sqlite3.connect(path) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master")]
    connection.close()
    assert tables == ["kunden"]


def test_a_new_path_and_an_empty_file_become_ours(tmp_path):
    empty = tmp_path / "leer.sqlite3"
    empty.touch()
    for path in (empty, tmp_path / "neu" / "unter" / "db.sqlite3"):
        db = Database(sqlite_url(path))
        assert "interfaces" in db.table_names() and db.current_revision() == SCHEMA_HEAD
        db.dispose()
        Database(sqlite_url(path)).dispose()  # and it opens again as ours


def test_a_file_that_is_no_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notizen.txt"
    path.write_text("Einkaufsliste: Brot, Milch\n" * 100, encoding="utf-8")
    before = sha256(path)
    with pytest.raises(ForeignDatabase) as err:
        Database(sqlite_url(path))
    assert "ist keine SQLite-Datenbank" in err.value.message_de
    assert sha256(path) == before
    with pytest.raises(ForeignDatabase):
        Database(sqlite_url(tmp_path))  # a directory


def test_a_database_of_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "db.sqlite3"
    Database(sqlite_url(path)).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = sha256(path)
    with pytest.raises(NewerDatabase) as err:
        Database(sqlite_url(path))
    assert "neueren Version" in err.value.message_de and sha256(path) == before


def damage(path) -> None:
    """Overwrite three pages in the middle, as a failing disk would."""
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    for page in range(pages // 3, pages // 3 + 3):
        data[page * 4096 : (page + 1) * 4096] = b"\xab" * 4096
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_refused_and_nothing_is_written(tmp_path):
    data = tmp_path / "data"
    assert run_cli(data, "mandants", "add", "1").returncode == 0
    invoices = tmp_path / "rechnungen.csv"
    invoices.write_text(
        "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag\n"
        + "".join(f"RE-{n};1;Nord;01.02.2026;{n},00\n" for n in range(1, 3000)),
        encoding="utf-8",
    )
    assert run_cli(data, "invoices", "import", str(invoices)).returncode == 0
    path = data / "desktop-app.sqlite3"
    damage(path)
    before = sha256(path)
    with pytest.raises(DamagedDatabase) as err:
        Database(sqlite_url(path))
    assert "ist beschädigt" in err.value.message_de
    for args in (
        ["invoices", "list"],
        ["invoices", "import", str(invoices)],
        ["history", "x"],
        ["mandants", "add", "2"],
    ):
        result = run_cli(data, *args)
        assert result.returncode == 1, (args, result.stderr)
        assert "is damaged" in result.stderr and "internal error" not in result.stderr
        assert sha256(path) == before, args


def test_another_applications_postgresql_database_is_refused_untouched(pg_url):
    engine = sa.create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE kunden (id serial PRIMARY KEY, name text)"))
        connection.execute(sa.text("INSERT INTO kunden (name) VALUES ('Müller')"))
    with pytest.raises(ForeignDatabase) as err:
        Database(pg_url)
    assert "kunden" in str(err.value) and "Geheim" not in str(err.value)
    assert sa.inspect(engine).get_table_names() == ["kunden"]
    engine.dispose()


def test_an_empty_postgresql_database_becomes_ours(pg_url):
    db = Database(pg_url)
    assert db.current_revision() == SCHEMA_HEAD
    db.dispose()
    Database(pg_url).dispose()


def test_no_url_is_its_own_error():
    with pytest.raises(InvalidDatabaseUrl):
        Database("notaurl")


def test_data_dir_naming_a_file_is_a_clear_error(tmp_path):
    file = tmp_path / "datei"
    file.write_text("x")
    result = run_cli(file, "mandants", "list")
    assert result.returncode == 2
    assert result.stderr == (
        f"desktop-app: The data directory {file} is a file, not a folder. Please name a folder.\n"
    )


def _read_only(data_dir, *args):
    """``desktop-app ARGS`` with ``data_dir`` read-only: a read-only bind mount in a user
    namespace (root ignores file modes), else the directory's mode."""
    command = [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args]
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        data_dir.chmod(0o555)
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=60)
        finally:
            data_dir.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to make a read-only directory as root")
    mount = f"mount --bind {data_dir} {data_dir} && mount -o remount,ro,bind {data_dir}"
    script = f'{mount} && exec "$@"'
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if "Operation not permitted" in done.stderr and "mount" in done.stderr:
        pytest.skip("user namespaces are not allowed here")
    return done


@pytest.mark.skipif(sys.platform == "win32", reason="read-only mounts are a POSIX matter")
def test_a_read_only_data_directory_still_reads(tmp_path):
    data = tmp_path / "data"
    assert run_cli(data, "mandants", "add", "1").returncode == 0
    assert run_cli(data, "branches", "add", "Nord").returncode == 0
    shutil.rmtree(data / "logs")
    before = sha256(data / "desktop-app.sqlite3")

    listed = _read_only(data, "mandants", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == "1\n"
    assert "note: cannot write the log file" in listed.stderr
    assert "Traceback" not in listed.stderr
    branches = _read_only(data, "branches", "list", "--json")
    assert branches.returncode == 0 and branches.stdout.strip() == '[\n  "Nord"\n]'

    written = _read_only(data, "mandants", "add", "2")
    assert written.returncode == 1
    assert "is read-only here, but this needs to write to it" in written.stderr
    assert "Traceback" not in written.stderr
    assert sha256(data / "desktop-app.sqlite3") == before
