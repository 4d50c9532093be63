"""The command line speaks German by default and English when told: its own words,
argparse's, and our errors' advice. Each check is a new process, because Qt reads the
system's locale once per process."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop_app.cli import EXIT_USAGE
from desktop_app.cli.texts import ENV_LANG


def run_cli(*args: str, lang_env: str | None = None) -> subprocess.CompletedProcess:
    """The command line on a German system, ``DESKTOP_APP_LANG`` as given."""
    env = {k: v for k, v in os.environ.items() if k not in (ENV_LANG, "LANGUAGE")}
    env.update(LC_ALL="de_DE.UTF-8", LANG="de_DE.UTF-8")
    if lang_env is not None:
        env[ENV_LANG] = lang_env
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def test_argparse_speaks_german_by_default(tmp_path):
    result = run_cli("--data-dir", str(tmp_path), "--bogus")
    assert result.returncode == EXIT_USAGE
    assert "Aufruf: desktop-app" in result.stderr
    assert "desktop-app: Fehler: unbekannte Argumente: --bogus" in result.stderr
    assert "usage" not in result.stderr and "error" not in result.stderr


def test_lang_en_speaks_english(tmp_path):
    result = run_cli("--lang", "en", "--data-dir", str(tmp_path), "--bogus")
    assert "desktop-app: error: unrecognized arguments: --bogus" in result.stderr
    assert "Fehler" not in result.stderr


def test_a_commands_wrong_argument_shows_that_commands_usage(tmp_path):
    """Not the program's usage (``desktop-app [-h] … COMMAND``): the command's own, and
    where its help is."""
    german = run_cli("--data-dir", str(tmp_path), "config", "export", "aus.json")
    assert german.returncode == EXIT_USAGE
    usage, message = german.stderr.strip().split("\n")[0], german.stderr.strip().split("\n")[-1]
    assert usage.startswith("Aufruf: desktop-app config export [-h]")
    assert message == (
        "desktop-app config export: Fehler: unbekannte Argumente: aus.json "
        "(siehe desktop-app config export --help)"
    )
    english = run_cli("--lang", "en", "bookings", "list", "--bogus", "--data-dir", str(tmp_path))
    assert english.returncode == EXIT_USAGE
    assert english.stderr.startswith("usage: desktop-app bookings list [-h]")
    assert english.stderr.strip().endswith(
        "desktop-app bookings list: error: unrecognized arguments: --bogus "
        "(see desktop-app bookings list --help)"
    )
    group = run_cli("--data-dir", str(tmp_path), "bookings", "--bogus", "list")
    assert group.stderr.startswith("Aufruf: desktop-app bookings [-h] ACTION")


def test_the_environment_chooses_for_scripts(tmp_path):
    result = run_cli("interfaces", "lst", "--data-dir", str(tmp_path), lang_env="en")
    assert "invalid choice: 'lst'" in result.stderr
    german = run_cli("interfaces", "lst", "--data-dir", str(tmp_path), lang_env="de")
    assert "ungültige Auswahl: 'lst' (möglich: 'list'," in german.stderr


def test_the_language_chosen_in_the_program_is_the_command_lines_too(tmp_path):
    from PySide6.QtCore import QSettings

    from desktop_app.config import resolve_paths
    from desktop_app.language import LANGUAGE_KEY

    paths = resolve_paths(str(tmp_path))
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    settings.setValue(LANGUAGE_KEY, "en")
    settings.sync()
    english = run_cli("--data-dir", str(tmp_path), "--bogus")
    assert "error: unrecognized arguments" in english.stderr
    german = run_cli("--lang", "de", "--data-dir", str(tmp_path), "--bogus")
    assert "Fehler: unbekannte Argumente" in german.stderr


def test_help_is_german(tmp_path):
    result = run_cli("--data-dir", str(tmp_path), "--help")
    assert result.returncode == 0
    assert "Buchhaltungsimport per FTP. Ohne Befehl: das Programm starten." in result.stdout
    assert "Optionen:" in result.stdout
    assert "diese Hilfe zeigen und beenden" in result.stdout


def test_a_commands_own_help_says_what_it_does(tmp_path):
    result = run_cli("--data-dir", str(tmp_path), "cases", "assign", "--help")
    assert result.returncode == 0
    assert "\nDie Zahlung eines Klärungsfalls auf Rechnungen buchen.\n" in result.stdout
    english = run_cli("--lang", "en", "cases", "assign", "--help")
    assert "\nBook a case's payment on invoices.\n" in english.stdout


def test_every_command_has_a_description():
    import argparse

    from desktop_app.cli.parser import build_parser

    def commands(parser, path=()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, command in action.choices.items():
                    yield (*path, name), command
                    yield from commands(command, (*path, name))

    found = dict(commands(build_parser()))
    assert len(found) > 40  # every group and every command of each group
    undescribed = [" ".join(path) for path, command in found.items() if not command.description]
    assert undescribed == []


def test_a_data_directory_that_is_a_file_is_said_in_german(tmp_path):
    a_file = tmp_path / "data"
    a_file.write_text("not a directory")
    result = run_cli("interfaces", "list", "--data-dir", str(a_file))
    assert result.returncode == EXIT_USAGE
    assert "ist eine Datei, kein Verzeichnis" in result.stderr


def test_every_file_outcome_of_a_run_has_its_words():
    from desktop_app.cli import run_output
    from desktop_app.cli.texts import language, use_language
    from desktop_app.jobs.settle_file import ImportOutcome

    before = language()
    use_language("de")
    try:
        # What the import says of a file, and what a run says of one it did not import.
        codes = [o.value for o in ImportOutcome] + ["skipped", ""]
        words = {code: run_output._outcome(code) for code in codes}
    finally:
        use_language(before)
    assert words["skipped"] == "übersprungen" and words[""] == "nicht fertig"
    assert all(text and text != code for code, text in words.items()), words
