from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess

import paramiko
import pytest

from desktop_app.transfer.trust import (
    NotAFingerprint,
    is_trusted,
    normalise_fingerprint,
    openssh_fingerprint,
    sha256_fingerprint,
)

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


def _openssh(blob: bytes) -> str:
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


@pytest.mark.parametrize(
    "spelling",
    [
        _openssh(b"cert"),
        _openssh(b"cert") + "=",
        f"256 {_openssh(b'cert')} root@server (ED25519)",  # a whole `ssh-keygen -l` line
        f"  {_openssh(b'cert')}\n",
        "sha256 Fingerprint=" + sha256_fingerprint(b"cert"),  # `openssl x509 -fingerprint`
    ],
)
def test_openssh_and_openssl_forms_are_normalised(spelling: str) -> None:
    assert normalise_fingerprint(spelling) == sha256_fingerprint(b"cert")
    assert is_trusted(sha256_fingerprint(b"cert"), spelling)


def test_openssh_form_of_a_fingerprint() -> None:
    assert openssh_fingerprint(sha256_fingerprint(b"cert")) == _openssh(b"cert")


@pytest.mark.parametrize(
    "bad",
    [
        "SHA256:" + "A" * 42,  # one character short
        "SHA256:" + "A" * 44,
        "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48",
        "256 MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48 root@server (ED25519)",
    ],
)
def test_other_hashes_and_broken_base64_are_refused(bad: str) -> None:
    with pytest.raises(NotAFingerprint) as refused:
        normalise_fingerprint(bad)
    german, english = refused.value.message_de, refused.value.message_en
    assert "ssh-keygen -l -E sha256" in german and "ssh-keygen -l -E sha256" in english
    if "MD5" in bad:  # the person learns why their MD5 line is refused, not only that it is
        assert german.startswith("Ein MD5-Fingerabdruck genügt nicht")
        assert english.startswith("An MD5 fingerprint is not enough")
    else:
        assert german.startswith("Das ist kein SHA-256-Fingerabdruck.")
        assert english.startswith("This is not a SHA-256 fingerprint.")


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs OpenSSH's ssh-keygen")
def test_what_ssh_keygen_prints_matches_the_host_key_fingerprint(tmp_path) -> None:
    key = paramiko.ECDSAKey.generate()
    public = tmp_path / "host.pub"
    public.write_text(f"{key.get_name()} {key.get_base64()} root@server\n")
    printed = subprocess.run(
        ["ssh-keygen", "-l", "-E", "sha256", "-f", str(public)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert normalise_fingerprint(printed) == sha256_fingerprint(key.asbytes())
