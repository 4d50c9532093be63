"""Whether a server's address can be one: a host name of RFC 1123 labels, an IPv4 address,
or an IPv6 address (bare or in brackets). The FTP form, the SMTP settings and every other
path that saves them use this one rule; whether the server answers is the Test's job."""

from __future__ import annotations

import ipaddress
import re

from .text_rules import HOST_MAX

# A label: letters, digits and hyphens, 1 to 63 characters, no hyphen at either end.
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def is_host(text: str) -> bool:
    """True for "ftp.example.com", "localhost", "192.0.2.7", "::1" and "[::1]"."""
    if _is_ip(text):
        return True
    if not text or len(text) > HOST_MAX:
        return False
    labels = text.split(".")
    if not all(_LABEL.fullmatch(label) for label in labels):
        return False
    # Digits and dots only are meant as an IPv4 address, and "1.2.3.999" is none; a
    # top-level domain is never all digits.
    return not labels[-1].isdigit()


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
        f"„{host}“ ist kein gültiger Hostname (erlaubt: Buchstaben, Ziffern und Bindestriche, "
        "durch Punkte getrennt, oder eine IP-Adresse).",
        f"“{host}” is not a valid host name (letters, digits and hyphens, separated by "
        "dots, or an IP address).",
    )
