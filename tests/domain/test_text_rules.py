"""Control characters and over-long values are refused in every name and text field,
each problem tied to its field; visible characters (umlauts, emoji, no-break spaces) pass."""

from __future__ import annotations

import pytest

from desktop_app.domain import text_rules
from desktop_app.domain import validation as v
from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.smtp_settings import SmtpSettings, smtp_problems
from desktop_app.domain.users import user_name_problems

REFUSED = ["\0", "\t", "\n", "\r", "\x1b", "\x7f", "\u202e", "\u2066", "\u200b", "\u2028", "\ud800"]

# field key -> how to put a value there, and that field's limit
FIELDS = {
    v.NAME: (lambda s, x: s.with_changes(name=x), text_rules.NAME_MAX),
    v.BRANCH: (lambda s, x: s.with_changes(branch=x), text_rules.NAME_MAX),
    v.WORKSTATION: (lambda s, x: s.with_changes(workstation=x), text_rules.WORKSTATION_MAX),
    v.MANDANTS: (lambda s, x: s.with_changes(mandants=("1", x)), text_rules.NAME_MAX),
    v.FILENAME_FILTER: (
        lambda s, x: s.with_changes(filename_filter=x),
        text_rules.FILENAME_FILTER_MAX,
    ),
    v.FTP_HOST: (lambda s, x: _ftp(s, host=x), text_rules.HOST_MAX),
    v.FTP_DIRECTORY: (lambda s, x: _ftp(s, directory=x), text_rules.DIRECTORY_MAX),
    v.FTP_USER: (lambda s, x: _ftp(s, user=x), text_rules.LOGIN_MAX),
    v.ERROR_EMAIL: (lambda s, x: s.with_changes(error_email=x), text_rules.EMAIL_MAX),
}


def _ftp(settings, **changes):
    from dataclasses import replace

    return settings.with_changes(ftp=replace(settings.ftp, **changes))


def _inside(field: str, ch: str) -> str:
    """A value that is valid for ``field`` but for ``ch`` in its middle."""
    return {
        v.FTP_HOST: f"ftp.{ch}example.org",
        v.FTP_DIRECTORY: f"A{ch}B/",
        v.ERROR_EMAIL: f"buch{ch}haltung@filiale.example",
    }.get(field, f"Nord{ch}Ost")


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize("ch", REFUSED)
def test_a_control_character_is_refused_in_every_field(sample_settings, field, ch):
    put, _ = FIELDS[field]
    settings = put(sample_settings, _inside(field, ch))
    problems = [p for p in v.validate(settings, ChainOptions()) if p.field == field]
    assert len(problems) == 1, problems
    assert f"U+{ord(ch):04X}" in problems[0].message_de
    assert "Steuerzeichen" in problems[0].message_de and "control" in problems[0].message_en


@pytest.mark.parametrize("field", list(FIELDS))
def test_every_field_has_its_limit(sample_settings, field):
    put, limit = FIELDS[field]
    at_limit = put(sample_settings, "x" * limit)
    assert not [
        p for p in v.validate(at_limit, ChainOptions()) if "Zeichen erlaubt" in p.message_de
    ]
    over = put(sample_settings, "x" * (limit + 1))
    problems = [p for p in v.validate(over, ChainOptions()) if p.field == field]
    typed = f"{limit + 1:,}".replace(",", ".")  # German digit grouping
    assert [p.message_de for p in problems] in (
        [f"Höchstens {limit} Zeichen erlaubt (eingegeben: {typed})."],
        [f"Der Name darf höchstens {limit} Zeichen lang sein."],
    )


def test_a_ten_megabyte_filter_is_refused_quickly(sample_settings):
    settings = sample_settings.with_changes(filename_filter="Zahlungen" * 1_200_000)
    problems = [p for p in v.validate(settings, ChainOptions()) if p.field == v.FILENAME_FILTER]
    assert problems[0].message_en == "At most 255 characters are allowed (got 10,800,000)."


@pytest.mark.parametrize("value", ["Hörakustik Süd", "Optik\u00a0Nord", "Filiale 😀", "Ærø"])
def test_visible_characters_pass(sample_settings, value):
    settings = sample_settings.with_changes(name=value, filename_filter=value)
    assert v.validate(settings, ChainOptions()) == []


def test_a_trailing_line_break_is_refused_too(sample_settings):
    settings = _ftp(sample_settings, user="filiale7\r\n")
    assert [p.field for p in v.validate(settings, ChainOptions())] == [v.FTP_USER]


@pytest.mark.parametrize("ch", ["\r", "\n", "\0"])
def test_ftp_and_smtp_passwords_refuse_line_breaks_and_nul(ch):
    assert [p.field for p in v.ftp_password_problems(f"geheim{ch}DELE x")] == [v.FTP_PASSWORD]
    assert [p.field for p in smtp_problems(SmtpSettings(), f"geheim{ch}")] == ["password"]
    assert v.ftp_password_problems("geheim mit\tTab und Ümlaut") == []
    too_long = "x" * (text_rules.SERVER_PASSWORD_MAX + 1)
    assert [p.field for p in v.ftp_password_problems(too_long)] == [v.FTP_PASSWORD]


def test_smtp_settings_refuse_control_characters_and_lengths():
    settings = SmtpSettings(
        host="smtp.example.org\r\nRCPT", user="u\0", sender="a@b.example\n", port=70000
    )
    assert sorted(p.field for p in smtp_problems(settings)) == ["host", "port", "sender", "user"]
    assert smtp_problems(SmtpSettings("smtp.example.org", 587, user="ü", sender="a@b.de")) == []
    long_host = SmtpSettings(host="h" * (text_rules.HOST_MAX + 1), sender="a@b.de")
    assert [p.field for p in smtp_problems(long_host)] == ["host"]


@pytest.mark.parametrize("ch", REFUSED)
def test_user_names_refuse_control_characters(ch):
    problems = user_name_problems(f"an{ch}na")
    assert len(problems) == 1 and f"U+{ord(ch):04X}" in problems[0]
    assert user_name_problems("anna") == []
    assert user_name_problems("a" * 65) == ["Der Benutzername darf höchstens 64 Zeichen lang sein."]


def test_shown_escapes_and_cuts():
    assert text_rules.shown("a\nb\u202e") == "a\\u000ab\\u202e"
    assert text_rules.shown("x" * 100, 10) == "x" * 10 + "…"
    assert text_rules.shown([1, 2]) == "list"
