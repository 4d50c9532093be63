"""Users, their groups and the rules for passwords and the password reveal."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from .text_rules import USER_NAME_MAX, refused_character, text_problem

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024  # far beyond any typed one; argon2 hashes any length
# Five wrong passwords in a row on one computer (at the login, the eye button or the own
# password change alike) lock all three there for five minutes; a reveal shows the
# password for 30 s.
MAX_PASSWORD_FAILURES = 5
PASSWORD_LOCK_DURATION = timedelta(minutes=5)
REVEAL_SHOW_DURATION = timedelta(seconds=30)


class Group(enum.StrEnum):
    ADMINISTRATORS = "admin"  # Administratoren
    STAFF = "staff"  # Mitarbeiter

    @property
    def label_de(self) -> str:
        return "Administratoren" if self is Group.ADMINISTRATORS else "Mitarbeiter"


@dataclass(frozen=True)
class User:
    id: int
    name: str
    group: Group
    enabled: bool

    @property
    def is_admin(self) -> bool:
        return self.group is Group.ADMINISTRATORS


def normal_form(text: str) -> str:
    """A user name or password as it is stored and compared: Unicode NFC. An "ü" can be
    one character or a "u" with a combining diaeresis (macOS keyboards, pasted text); both
    look the same, so they must be the same name and the same password."""
    return unicodedata.normalize("NFC", text)


def password_problems(password: str, *, user_name: str = "", lang: str = "de") -> list[str]:
    """Messages (German, or English for ``lang`` "en") for a new user password; empty
    when it is acceptable."""
    english = lang == "en"
    password, user_name = normal_form(password), normal_form(user_name)
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long."
            if english
            else f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(
            f"The password must be at most {MAX_PASSWORD_LENGTH} characters long."
            if english
            else f"Das Passwort darf höchstens {MAX_PASSWORD_LENGTH} Zeichen lang sein."
        )
    # Nobody can type a NUL, a line break or a zero-width character at the login, and a
    # pasted one cannot be seen. The message does not say which: it is part of a secret.
    if refused_character(password) is not None:
        problems.append(
            "The password must not contain invisible control characters (such as NUL, tab "
            "or line break); only visible characters and spaces are allowed."
            if english
            else "Das Passwort darf keine unsichtbaren Steuerzeichen (etwa Nullzeichen, "
            "Tabulator oder Zeilenumbruch) enthalten; erlaubt sind nur sichtbare Zeichen und "
            "Leerzeichen."
        )
    if password != password.strip():
        problems.append(
            "The password must not begin or end with a space."
            if english
            else "Das Passwort darf nicht mit Leerzeichen beginnen oder enden."
        )
    if user_name and password.casefold() == user_name.casefold():
        problems.append(
            "The password must not be the user name."
            if english
            else "Das Passwort darf nicht dem Benutzernamen entsprechen."
        )
    return problems


def same_password_problem(current: str, new: str, lang: str = "de") -> str | None:
    """The message (German, or English for ``lang`` "en") when one's new password is the
    current one: a change that changes nothing would still pass for one."""
    if normal_form(current) != normal_form(new):
        return None
    if lang == "en":
        return "The new password must differ from the current one."
    return "Das neue Passwort muss sich vom bisherigen unterscheiden."


def user_name_problems(name: str, lang: str = "de") -> list[str]:
    """Messages (German, or English for ``lang`` "en") for a new user name."""
    english = lang == "en"
    name = normal_form(name)  # the form that is stored
    if not name.strip():
        return ["Please enter a user name." if english else "Bitte einen Benutzernamen eingeben."]
    if len(name) > USER_NAME_MAX:
        return [
            f"The user name must be at most {USER_NAME_MAX} characters long."
            if english
            else f"Der Benutzername darf höchstens {USER_NAME_MAX} Zeichen lang sein."
        ]
    problem = text_problem(name, USER_NAME_MAX)
    if problem is not None:
        return [f"The user name: {problem[1]}" if english else f"Der Benutzername: {problem[0]}"]
    if name != name.strip():
        return [
            "The user name must not begin or end with a space."
            if english
            else "Der Benutzername darf nicht mit Leerzeichen beginnen oder enden."
        ]
    return []
