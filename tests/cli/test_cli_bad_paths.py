"""Paths and numbers a person may mistype on the command line: each ends in a message of
the chosen language and its exit code, never in "failed unexpectedly", and leaves nothing
behind."""

from __future__ import annotations

import os
import subprocess
import sys

from .test_interfaces_cli import cli_dir, run_cli  # noqa: F401 - cli_dir is a fixture

# The fixture imported above is the tests' parameter by design.
# ruff: noqa: F811


def _no_internal_error(result) -> None:
    for word in ("Traceback", "unerwartet", "unexpectedly", "Error"):
        assert word not in result.stderr, result.stderr


UNWRITABLE = [
    ("missing/x.json", "den Ordner gibt es nicht", "the folder does not exist"),
    ("a-file/x.json", "ein Teil des Pfads ist eine Datei", "a part of the path is a file"),
    ("a-folder", "das ist ein Ordner, keine Datei", "that is a folder, not a file"),
]


def test_config_export_to_an_unwritable_path_is_said(cli_dir, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    before = sorted(tmp_path.iterdir())
    for target, reason_de, reason_en in UNWRITABLE:
        output = str(tmp_path / target) if target else ""
        for lang, reason, nothing in (
            ("de", reason_de, "Es wurde nichts geschrieben."),
            ("en", reason_en, "Nothing was written."),
        ):
            result = run_cli(cli_dir, "--lang", lang, "config", "export", "-o", output)
            assert result.returncode == 1, (target, result.stderr)
            assert reason in result.stderr and nothing in result.stderr
            _no_internal_error(result)
    assert sorted(tmp_path.iterdir()) == before  # no half-written ".partial" left
    assert list((tmp_path / "a-folder").iterdir()) == []


def test_test_ftp_refuses_a_timeout_that_is_no_time(tmp_path):
    # Refused while the arguments are read: no interface and no database are needed.
    for value in ("nan", "0", "-1", "inf", "abc"):
        result = run_cli(tmp_path, "--lang", "de", "test-ftp", "Nope", "--timeout", value)
        assert result.returncode == 2, (value, result.stderr)
        assert "Argument --timeout: " in result.stderr
        assert "Sekunden" in result.stderr and "seconds" not in result.stderr
        _no_internal_error(result)
        english = run_cli(tmp_path, "--lang", "en", "test-ftp", "Nope", "--timeout", value)
        assert english.returncode == 2 and "seconds" in english.stderr


def test_an_empty_data_dir_is_refused_not_made_in_the_current_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESKTOP_APP_")}
    for lang, text in (("de", "Datenverzeichnis (--data-dir)"), ("en", "(--data-dir) was given")):
        result = subprocess.run(
            [sys.executable, "-m", "desktop_app", "--lang", lang, "--data-dir", "", "mandants",
             "add", "X"],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
        )  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert text in result.stderr
    assert list(tmp_path.iterdir()) == []  # no ledger started where the command ran


def test_a_list_filtered_by_an_unknown_mandant_says_so(cli_dir):
    for args in (["invoices", "list", "--mandant", "1", "--mandant", "Nope"],
                 ["cases", "list", "--mandant", "Nope"]):  # fmt: skip
        result = run_cli(cli_dir, "--lang", "de", *args)
        assert (result.returncode, result.stdout) == (1, ""), result.stderr
        assert "Den Mandanten „Nope“ gibt es nicht." in result.stderr
        english = run_cli(cli_dir, "--lang", "en", *args)
        assert english.returncode == 1 and "There is no client named “Nope”" in english.stderr
    assert run_cli(cli_dir, "invoices", "list", "--mandant", "1").returncode == 0
