"""The program's entry points as a user or an installer calls them."""

from __future__ import annotations

import os
import subprocess
import sys


def run(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **env},
    )


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("interfaces", "import-file", "run", "serve", "history", "test-ftp"):
        assert command in result.stdout


def test_smoke_opens_the_main_window_and_exits_0(tmp_path):
    result = run("--smoke", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "desktop-app.sqlite3").exists()


def test_demo_prints_its_admin_password_once_and_cleans_up(tmp_path):
    result = run("--demo", "--smoke", TMPDIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    logins = [line for line in result.stdout.splitlines() if "Anmeldung:" in line]
    assert len(logins) == 1 and "Benutzer admin, Passwort " in logins[0]
    password = logins[0].rsplit("Passwort ", 1)[1].strip()
    assert len(password) >= 12 and result.stdout.count(password) == 1
    assert "127.0.0.1:" in result.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("desktop-app-demo-")]


def test_wrong_usage_exits_2():
    assert run("interfaces", "frobnicate").returncode == 2


def test_a_wrong_start_option_gets_the_full_usage(tmp_path):
    """The program start parses its few options without the command parsers (start-up
    time); anything wrong still gets the whole program's usage and exit code 2."""
    for args in (("--lang", "xx"), ("--data-dir",), ("--bogus",)):
        result = run(*args)
        assert result.returncode == 2, args
        assert "COMMAND" in result.stderr and "error:" in result.stderr, args


def test_the_demo_console_speaks_english_with_lang_en(tmp_path):
    result = run("--demo", "--smoke", "--lang", "en", TMPDIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    banner = result.stdout.splitlines()
    assert banner[0] == "Demo of the accounting import"
    assert any(line.startswith("  Login:      user admin, password ") for line in banner)
    assert not any("Anmeldung" in line or "Passwort" in line for line in banner)
