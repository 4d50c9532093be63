"""Fingerprints and the trust-on-first-use rule shared by FTPS certificates and SSH host keys.

A fingerprint is the SHA-256 of the certificate (DER) or public key blob, written as
upper-case hex pairs joined by colons, e.g. ``AB:01:…``. Users paste fingerprints from
e-mails and other tools, so :func:`normalise_fingerprint` accepts the common spellings.
"""

from __future__ import annotations

import hashlib
import re

_HEX = re.compile(r"^[0-9A-F]{64}$")


def sha256_fingerprint(blob: bytes) -> str:
    digest = hashlib.sha256(blob).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def normalise_fingerprint(text: str) -> str:
    """``ab01…``, ``AB:01:…``, ``SHA256:AB 01 …`` all become ``AB:01:…``.

    Raises ValueError when the text is not a SHA-256 fingerprint in hex.
    """
    cleaned = text.strip()
    if cleaned.upper().startswith(("SHA256:", "SHA-256:")):
        cleaned = cleaned.split(":", 1)[1]
    digits = re.sub(r"[\s:\-]", "", cleaned).upper()
    if not _HEX.match(digits):
        raise ValueError("not a SHA-256 fingerprint in hex")
    return ":".join(digits[i : i + 2] for i in range(0, 64, 2))


def is_trusted(fingerprint: str, trusted: str | None) -> bool:
    if not trusted:
        return False
    try:
        return normalise_fingerprint(trusted) == normalise_fingerprint(fingerprint)
    except ValueError:
        return False
