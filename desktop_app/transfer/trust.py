"""Fingerprints and the trust-on-first-use rule shared by FTPS certificates and SSH host keys.

A fingerprint is the SHA-256 of the certificate (DER) or public key blob, written as
upper-case hex pairs joined by colons, e.g. ``AB:01:…``. Users paste fingerprints from
e-mails and other tools, so :func:`normalise_fingerprint` accepts the common spellings:
hex in any grouping (``openssl x509 -fingerprint -sha256``, browsers) and OpenSSH's
``SHA256:`` followed by unpadded base64 (what ``ssh-keygen -l`` prints, whole line or not).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from ..domain.said_error import SaidError

_HEX = re.compile(r"^[0-9A-F]{64}$")
# 32 bytes in base64 are 43 characters and one "=", which OpenSSH leaves out.
_OPENSSH = re.compile(r"(?<![A-Za-z0-9])SHA256:(?P<b64>[A-Za-z0-9+/]{43})=?(?![A-Za-z0-9+/=])")
_OPENSSL_LABEL = re.compile(r"^sha-?256 fingerprint\s*=\s*", re.IGNORECASE)  # openssl x509
_OTHER_HASH = re.compile(r"^\s*(?:\d+\s+)?(?P<name>MD5|SHA1|SHA-1):", re.IGNORECASE)


_HOW_DE = (
    "Erwartet werden 64 Hex-Ziffern (AB:01:…) oder „SHA256:“ mit 43 Base64-Zeichen, wie "
    "„ssh-keygen -l -E sha256“ oder „openssl x509 -fingerprint -sha256“ sie ausgeben."
)
_HOW_EN = (
    "Expected are 64 hex digits (AB:01:…) or “SHA256:” and 43 base64 characters, as "
    "“ssh-keygen -l -E sha256” or “openssl x509 -fingerprint -sha256” prints them."
)


class NotAFingerprint(SaidError, ValueError):
    """A pasted text that is no SHA-256 fingerprint in a spelling we read; ``message_de``
    and ``message_en`` say why and what to paste instead."""

    @classmethod
    def other_hash(cls, name: str) -> NotAFingerprint:
        return cls(
            f"Ein {name}-Fingerabdruck genügt nicht: {name} gilt nicht mehr als sicher, "
            f"bitte den SHA-256-Fingerabdruck vergleichen. {_HOW_DE}",
            f"An {name} fingerprint is not enough: {name} is no longer considered safe, "
            f"please compare the SHA-256 fingerprint. {_HOW_EN}",
            f"a {name} fingerprint is not accepted: use SHA-256 "
            "(ssh-keygen -l -E sha256, openssl x509 -fingerprint -sha256)",
        )

    @classmethod
    def malformed(cls) -> NotAFingerprint:
        return cls(
            f"Das ist kein SHA-256-Fingerabdruck. {_HOW_DE}",
            f"This is not a SHA-256 fingerprint. {_HOW_EN}",
            "not a SHA-256 fingerprint: expected 64 hex digits (AB:01:…) or "
            "SHA256: and 43 base64 characters, as ssh-keygen -l prints it",
        )


def sha256_fingerprint(blob: bytes) -> str:
    digest = hashlib.sha256(blob).hexdigest().upper()
    return _pairs(digest)


def openssh_fingerprint(fingerprint: str) -> str:
    """``AB:01:…`` as OpenSSH writes it: ``SHA256:`` and unpadded base64."""
    digest = bytes.fromhex(normalise_fingerprint(fingerprint).replace(":", ""))
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def normalise_fingerprint(text: str) -> str:
    """``ab01…``, ``AB:01:…``, ``SHA256:AB 01 …``, ``SHA256:q83v…`` (OpenSSH base64, also
    inside a whole ``ssh-keygen -l`` line) all become ``AB:01:…``.

    Raises NotAFingerprint (a ValueError) when the text is no SHA-256 fingerprint in one of
    these forms.
    """
    found = _OPENSSH.search(text)
    if found is not None:
        return _from_base64(found["b64"])
    other = _OTHER_HASH.match(text)
    if other is not None:
        name = other["name"].upper()
        raise NotAFingerprint.other_hash("SHA-1" if name == "SHA1" else name)
    cleaned = _OPENSSL_LABEL.sub("", text.strip())
    if cleaned.upper().startswith(("SHA256:", "SHA-256:")):
        cleaned = cleaned.split(":", 1)[1]
    digits = re.sub(r"[\s:\-]", "", cleaned).upper()
    if not _HEX.match(digits):
        raise NotAFingerprint.malformed()
    return _pairs(digits)


def _from_base64(text: str) -> str:
    try:
        digest = base64.b64decode(text + "=", validate=True)
    except binascii.Error as exc:  # unreachable after the pattern; kept for a clear error
        raise NotAFingerprint.malformed() from exc
    if len(digest) != 32:
        raise NotAFingerprint.malformed()
    return _pairs(digest.hex().upper())


def _pairs(digits: str) -> str:
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def is_trusted(fingerprint: str, trusted: str | None) -> bool:
    if not trusted:
        return False
    try:
        return normalise_fingerprint(trusted) == normalise_fingerprint(fingerprint)
    except ValueError:
        return False
