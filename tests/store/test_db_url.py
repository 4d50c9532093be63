"""No password of a database URL reaches a message or the log, wherever the URL puts it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop_app.store.db_url import shown_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql://u:SECRET1@db:5432/x?password=SECRET2",
            "postgresql://u:***@db:5432/x?password=***",
        ),
        (
            "postgresql://u@db/x?sslmode=require&sslpassword=SECRET1&passfile=/p",
            "postgresql://u@db/x?sslmode=require&sslpassword=***&passfile=***",
        ),
        (
            "mysql+pymysql://u@db/x?passwd=SECRET1&charset=utf8mb4",
            "mysql+pymysql://u@db/x?passwd=***&charset=utf8mb4",
        ),
        (
            "mssql+pyodbc://db/x?PWD=SECRET1&driver=ODBC+Driver+18",
            "mssql+pyodbc://db/x?PWD=***&driver=ODBC+Driver+18",
        ),
        (
            "postgresql://db/x?password=SECRET1&password=SECRET2",
            "postgresql://db/x?password=***&password=***",
        ),
        ("sqlite:////daten/buchhaltung.sqlite3", "sqlite:////daten/buchhaltung.sqlite3"),
    ],
)
def test_every_password_is_masked_and_nothing_else(url, shown):
    assert shown_url(url) == shown


def test_an_unreachable_server_names_its_url_without_the_passwords(tmp_path):
    url = "postgresql://u:SECRETPW@127.0.0.1:1/x?password=OTHERPW&connect_timeout=2"
    env = {**os.environ, "DESKTOP_APP_DATA_DIR": str(tmp_path), "DESKTOP_APP_LANG": "en"}
    env.pop("DESKTOP_APP_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", url, "history", "x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode != 0
    assert "postgresql://u:***@127.0.0.1:1/x?password=***" in result.stderr, result.stderr
    assert "SECRETPW" not in result.stdout + result.stderr
    assert "OTHERPW" not in result.stdout + result.stderr
