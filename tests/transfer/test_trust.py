from __future__ import annotations

import hashlib

import pytest

from desktop_app.transfer.trust import is_trusted, normalise_fingerprint, sha256_fingerprint

HEX = hashlib.sha256(b"cert").hexdigest()


def test_fingerprint_is_upper_hex_pairs_with_colons() -> None:
    fp = sha256_fingerprint(b"cert")
    assert fp.replace(":", "") == HEX.upper()
    assert len(fp.split(":")) == 32


@pytest.mark.parametrize(
    "spelling",
    [
        HEX,
        HEX.upper(),
        sha256_fingerprint(b"cert").lower(),
        "SHA256:" + HEX,
        " ".join(HEX[i : i + 2] for i in range(0, 64, 2)),
    ],
)
def test_common_spellings_are_normalised(spelling: str) -> None:
    assert normalise_fingerprint(spelling) == sha256_fingerprint(b"cert")
    assert is_trusted(sha256_fingerprint(b"cert"), spelling)


@pytest.mark.parametrize("bad", ["", "abc", HEX[:-2], HEX + "00", "zz" * 32])
def test_garbage_is_no_fingerprint(bad: str) -> None:
    with pytest.raises(ValueError):
        normalise_fingerprint(bad)
    assert not is_trusted(sha256_fingerprint(b"cert"), bad)


def test_nothing_trusted_trusts_nothing() -> None:
    assert not is_trusted(sha256_fingerprint(b"cert"), None)
    assert not is_trusted(sha256_fingerprint(b"cert"), sha256_fingerprint(b"other"))
