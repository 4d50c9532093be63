"""``users add|list|unlock`` in German (the default): messages, the list and errors."""

from __future__ import annotations

import unicodedata

import pytest

from .test_interfaces_cli import run_cli

GERMAN = {"DESKTOP_APP_LANG": "de"}
PASSWORD = "Skript-Passwort-77"


@pytest.fixture
def data(tmp_path):
    return tmp_path / "cli-data"


def test_users_add_list_and_unlock_speak_german(data):
    added = run_cli(
        data,
        "users",
        "add",
        "chefin",
        "--admin",
        "--password-stdin",
        stdin=PASSWORD,
        env_extra=GERMAN,
    )
    assert added.returncode == 0, added.stderr
    assert "Der Benutzer „chefin“ wurde angelegt (Administratoren)." in added.stderr
    assert "created user" not in added.stderr

    listed = run_cli(data, "users", "list", env_extra=GERMAN)
    assert listed.stdout.splitlines() == ["chefin\tAdministratoren"]

    unlocked = run_cli(data, "users", "unlock", "chefin", env_extra=GERMAN)
    assert unlocked.returncode == 0
    assert "Der Benutzer „chefin“ war nicht gesperrt." in unlocked.stderr


def test_users_errors_are_german_sentences(data):
    weak = run_cli(data, "users", "add", "anna", "--password-stdin", stdin="kurz", env_extra=GERMAN)
    assert weak.returncode == 3
    assert "Der Benutzer wurde nicht angelegt: Das Passwort muss mindestens 8 Zeichen" in (
        weak.stderr
    )
    assert "user not created" not in weak.stderr

    no_stdin = run_cli(data, "users", "add", "anna", env_extra=GERMAN)
    assert no_stdin.returncode == 2
    assert "--password-stdin ist erforderlich" in no_stdin.stderr
    assert "is required" not in no_stdin.stderr

    unknown = run_cli(data, "users", "unlock", "niemand", env_extra=GERMAN)
    assert unknown.returncode == 1
    assert "Es gibt keinen Benutzer „niemand“." in unknown.stderr


def test_users_add_reads_english_in_english(data):
    """English users read English, not the German rule inside an English sentence."""
    weak = run_cli(data, "users", "add", "anna", "--password-stdin", stdin="kurz")
    assert weak.returncode == 3
    assert "The user was not created: The password must be at least 8 characters" in weak.stderr
    assert "mindestens" not in weak.stderr


def test_users_add_help_is_german(data):
    result = run_cli(data, "users", "add", "--help", env_extra=GERMAN)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "den Benutzer in die Gruppe Administratoren aufnehmen" in text
    assert "in the group" not in text


def test_users_names_alike_in_unicode_are_one_user(data):
    """ "Jürgen" with one "ü" and with "u" plus a combining diaeresis look the same."""
    composed, decomposed = (unicodedata.normalize(form, "Jürgen") for form in ("NFC", "NFD"))
    added = run_cli(
        data, "users", "add", decomposed, "--password-stdin", stdin=PASSWORD, env_extra=GERMAN
    )
    assert added.returncode == 0, added.stderr
    again = run_cli(
        data, "users", "add", composed, "--password-stdin", stdin=PASSWORD, env_extra=GERMAN
    )
    assert again.returncode == 3
    assert "gibt es bereits" in again.stderr
    listed = run_cli(data, "users", "list", env_extra=GERMAN)
    assert listed.stdout.splitlines() == [f"{composed}\tMitarbeiter"]
    unlocked = run_cli(data, "users", "unlock", decomposed, env_extra=GERMAN)
    assert unlocked.returncode == 0, unlocked.stderr


def test_users_add_refuses_a_password_nobody_can_type(data):
    nul = run_cli(
        data,
        "users",
        "add",
        "anna",
        "--password-stdin",
        stdin="Gutes-Pass\0wort-1",
        env_extra=GERMAN,
    )
    assert nul.returncode == 3
    assert "Das Passwort darf keine unsichtbaren Steuerzeichen" in nul.stderr
    listed = run_cli(data, "users", "list", env_extra=GERMAN)
    assert listed.stdout.strip() == ""
