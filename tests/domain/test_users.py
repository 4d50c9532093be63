"""The rules for a new user password: what nobody could type at the login is refused,
in German and English, without repeating the password."""

from __future__ import annotations

import pytest

from desktop_app.domain.users import MAX_PASSWORD_LENGTH, password_problems

# NUL, tab, line feed, carriage return, escape, DEL, right-to-left override, zero-width
# space, line separator, a lone surrogate (not even UTF-8).
INVISIBLE = ["\0", "\t", "\n", "\r", "\x1b", "\x7f", "\u202e", "\u200b", "\u2028", "\ud800"]


@pytest.mark.parametrize("ch", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_are_refused(ch):
    password = f"Geheim-{ch}-Xq7z"
    (german,) = password_problems(password)
    (english,) = password_problems(password, lang="en")
    assert "Steuerzeichen" in german and "control characters" in english
    assert "Xq7z" not in german + english  # nothing of the password is repeated


@pytest.mark.parametrize("password", ["Grüße aus Köln 1", "Pass\u00a0wort 😀 1", "€uro-Zeichen"])
def test_visible_characters_and_spaces_pass(password):
    assert password_problems(password) == []


def test_a_password_may_be_long_but_not_endless():
    assert password_problems("x" * MAX_PASSWORD_LENGTH) == []
    assert password_problems("x" * (MAX_PASSWORD_LENGTH + 1)) == [
        f"Das Passwort darf höchstens {MAX_PASSWORD_LENGTH} Zeichen lang sein."
    ]
    assert password_problems("x" * (MAX_PASSWORD_LENGTH + 1), lang="en") == [
        f"The password must be at most {MAX_PASSWORD_LENGTH} characters long."
    ]
