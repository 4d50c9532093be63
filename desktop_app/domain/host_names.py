"""Whether a server's address can be one: a host name of DNS labels, an IPv4 address, or an
IPv6 address (bare or in brackets). The FTP form, the SMTP settings and every other path
that saves them use this one rule; whether the server answers is the Test's job."""

from __future__ import annotations

import ipaddress
import re

from .text_rules import HOST_MAX

# A label: letters, digits, hyphens and underscores, 1 to 63 characters, no hyphen at
# either end. RFC 1123 has no underscore, but the resolver takes one and company networks
# name servers so ("mail_relay"); refusing it would refuse settings that work.
_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")


def is_host(text: str) -> bool:
    """True for "ftp.example.com", "localhost", "192.0.2.7", "::1" and "[::1]"; also for
    a fully qualified "mail.example.com." and an umlaut domain as "mail.müller.de" (the
    connection sends it as its ASCII form, as a browser does)."""
    if _is_ip(text):
        return True
    name = text[:-1] if text.endswith(".") else text
    ascii_name = _ascii_form(name)
    if not ascii_name or len(ascii_name) > HOST_MAX:
        return False
    labels = ascii_name.split(".")
    if not all(_LABEL.fullmatch(label) for label in labels):
        return False
    # Digits and dots only are meant as an IPv4 address, and "1.2.3.999" is none; a
    # top-level domain is never all digits.
    return not labels[-1].isdigit()


def _ascii_form(name: str) -> str | None:
    """``name`` as DNS carries it: an internationalised label in its "xn--" form; None
    when it has none (an empty label, a character no domain may hold) or when the
    conversion would change more than the letters' case ("ﬁ" becomes "fi", an invisible
    space vanishes): the server connected to would not be the one the person reads."""
    if name.isascii():
        return name
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    back = ascii_name.encode("ascii").decode("idna")
    return ascii_name if back.lower() == name.lower() else None


def _is_ip(text: str) -> bool:
    inner = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    try:
        address = ipaddress.ip_address(inner)
    except ValueError:
        return False
    # Brackets only around an IPv6 address (as in a URL); "[192.0.2.7]" is neither.
    return inner == text or address.version == 6


def host_problem(host: str) -> tuple[str, str] | None:
    """German and English message when ``host`` (stripped, not empty) is no host name."""
    if is_host(host):
        return None
    return (
        f"„{host}“ ist kein gültiger Hostname (erlaubt: Buchstaben, Ziffern, Binde- und "
        "Unterstriche, durch Punkte getrennt, oder eine IP-Adresse).",
        f"“{host}” is not a valid host name (letters, digits, hyphens and underscores, "
        "separated by dots, or an IP address).",
    )
