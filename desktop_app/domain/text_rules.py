"""What every name and text field accepts: visible characters and spaces, up to a limit.

Control characters (NUL, TAB, CR, LF, ESC …), invisible formatting characters (the bidi
overrides such as U+202E, zero-width characters), lone surrogates and the Unicode line and
paragraph separators are refused everywhere: they split log lines, turn a name around on
screen, make a name impossible to type on the command line, or smuggle a second command
into an FTP or SMTP session. Each limit is the length its database column holds (or less,
where a standard says so).
"""

from __future__ import annotations

import unicodedata

# The limits, in characters.
NAME_MAX = 100  # interface, branch and Mandant names
USER_NAME_MAX = 64
WORKSTATION_MAX = 253  # a computer's full DNS name
FILENAME_FILTER_MAX = 255  # a file name
HOST_MAX = 253  # a DNS name (RFC 1035)
DIRECTORY_MAX = 1024
LOGIN_MAX = 255  # an FTP or SMTP user
EMAIL_MAX = 254  # an address in an SMTP path (RFC 5321)
INVOICE_NUMBER_MAX = 64
CUSTOMER_NAME_MAX = 200  # the invoice list's Kunde (customers.name)
REASON_MAX = 500  # why a case was closed or a booking reversed
SERVER_PASSWORD_MAX = 1024  # an FTP or SMTP password (kept in the keyring)

_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_KNOWN = {
    "\0": ("Nullzeichen", "NUL"),
    "\t": ("Tabulator", "tab"),
    "\n": ("Zeilenumbruch", "line feed"),
    "\r": ("Wagenrücklauf", "carriage return"),
    "\x1b": ("Escape", "escape"),
    "\u202e": ("Schreibrichtungsumkehr", "right-to-left override"),
}


def refused_character(value: str) -> str | None:
    """The first character ``value`` may not hold, or None."""
    if value.isprintable():  # the usual case, in C: only spaces and visible characters
        return None
    for ch in value:
        if unicodedata.category(ch) in _REFUSED_CATEGORIES:
            return ch
    return None  # no-break and other spaces, private-use characters: allowed


def character_de(ch: str) -> str:
    return _describe(ch, 0)


def character_en(ch: str) -> str:
    return _describe(ch, 1)


def _describe(ch: str, language: int) -> str:
    code = f"U+{ord(ch):04X}"
    known = _KNOWN.get(ch)
    if known:
        return f"{code}, {known[language]}"
    name = unicodedata.name(ch, "")
    return f"{code}, {name.lower()}" if name else code


def text_problem(value: str, limit: int) -> tuple[str, str] | None:
    """(German, English) message when ``value`` is too long or holds a refused character;
    None when it is fine. The caller names the field."""
    if len(value) > limit:
        return (
            f"Höchstens {limit} Zeichen erlaubt (eingegeben: {len(value):,}).".replace(",", "."),
            f"At most {limit} characters are allowed (got {len(value):,}).",
        )
    ch = refused_character(value)
    if ch is not None:
        return (
            f"Enthält ein unsichtbares Steuerzeichen ({character_de(ch)}); erlaubt sind nur "
            "sichtbare Zeichen und Leerzeichen.",
            f"Contains an invisible control character ({character_en(ch)}); only visible "
            "characters and spaces are allowed.",
        )
    return None


def server_password_problem(password: str) -> tuple[str, str] | None:
    """A password sent to an FTP or SMTP server: no line break or NUL (they would end the
    login command and start another), and not absurdly long. Any other character is the
    server's business."""
    if len(password) > SERVER_PASSWORD_MAX:
        return (
            f"Das Passwort darf höchstens {SERVER_PASSWORD_MAX} Zeichen lang sein.",
            f"The password may be at most {SERVER_PASSWORD_MAX} characters long.",
        )
    for ch in ("\r", "\n", "\0"):
        if ch in password:
            return (
                f"Das Passwort enthält ein Steuerzeichen ({character_de(ch)}), das der "
                "Server nicht annehmen kann.",
                f"The password contains a control character ({character_en(ch)}) that the "
                "server cannot take.",
            )
    return None


def shown(value: object, limit: int = 60) -> str:
    """A value for an error message: control characters escaped, long ones cut."""
    text = value if isinstance(value, str) else type(value).__name__
    if len(text) > limit:
        text = text[:limit] + "…"
    return "".join(
        ch if unicodedata.category(ch) not in _REFUSED_CATEGORIES else f"\\u{ord(ch):04x}"
        for ch in text
    )
