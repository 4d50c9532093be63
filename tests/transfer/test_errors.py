"""Every user-actionable failure has its own type and a German message that says what to do."""

from __future__ import annotations

import inspect

import pytest

from desktop_app.transfer import errors, file_errors, login_errors, smtp_errors
from desktop_app.transfer.errors import TransferError
from desktop_app.transfer.listing import SkipReason

SAMPLES = {
    "host": "ftp.steuerberater.example",
    "port": 21,
    "timeout": 1.5,
    "reply": "421 Too many connections",
    "detail": "handshake failure",
    "user": "filiale7",
    "fingerprint": "AA:" * 31 + "AA",
    "trusted_fingerprint": "BB:" * 31 + "BB",
    "key_type": "ssh-ed25519",
    "directory": "BUCHHALTUNG/IMPORTE/",
    "path": "BUCHHALTUNG/IMPORTE/Zahlungen.csv",
    "name": "../evil.csv",
    "expected": 100,
    "received": 42,
    "reason": "No space left on device",
    "address": "kein-at-zeichen",
    "passive": True,
    "seconds": 61.25,
    "limit": 52_428_800,
    "written": 74,
    "read": 12,
    "found_ssh": True,
}
ERROR_TYPES = sorted(
    {
        cls
        for module in (errors, login_errors, file_errors, smtp_errors)
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, TransferError) and cls is not TransferError
    },
    key=lambda cls: cls.__name__,
)
ACTION_WORDS = (
    "Prüfen", "prüfen", "Bitte", "bitten", "Fragen", "Versuchen", "Wählen", "muss",
    "vertrauen", "Geben", "nichts zu tun", "bleibt", "korrigieren", "abgebrochen",
)  # fmt: skip


def build(cls: type[TransferError]) -> TransferError:
    parameters = inspect.signature(cls.__init__).parameters
    args = {
        name: SAMPLES[name]
        for name, p in parameters.items()
        if name != "self" and p.default is inspect.Parameter.empty
    }
    return cls(**args)


def test_the_catalogue_is_complete() -> None:
    names = {cls.__name__ for cls in ERROR_TYPES}
    assert {
        "HostNotFound", "HostUnreachable", "ConnectionRefused", "ConnectTimeout", "ReadTimeout",
        "LoginFailed", "TlsNotSupported", "CertificateUnknown", "CertificateChanged",
        "HostKeyUnknown", "HostKeyChanged", "DirectoryMissing", "PermissionDenied",
        "NoWriteRight", "DownloadIncomplete", "RemoteFileVanished", "SmtpNotConfigured",
        "SmtpLoginFailed", "SmtpRefused", "DataConnectionFailed", "UnsafeRemoteName",
        "IdleDisconnect", "TransferTimedOut", "DownloadTimedOut", "RunTimedOut",
        "RemoteFileChanged", "DownloadTooLarge", "ProbeMismatch", "ProbeVanished",
        "EncryptionRequired", "WrongProtocol", "ImplicitTls", "TlsOutdated", "SshOutdated",
        "SmtpImplicitTls", "SmtpExpectsStartTls",
    } <= names  # fmt: skip


@pytest.mark.parametrize("cls", ERROR_TYPES, ids=lambda c: c.__name__)
def test_german_message_says_what_to_do_and_english_str_differs(cls: type) -> None:
    error = build(cls)
    assert error.message_de.strip()
    assert any(word in error.message_de for word in ACTION_WORDS), error.message_de
    assert str(error) and str(error) != error.message_de


def test_messages_are_distinct() -> None:
    messages = [build(cls).message_de for cls in ERROR_TYPES]
    assert len(set(messages)) == len(messages)


def test_fingerprints_are_carried_and_shown() -> None:
    unknown = login_errors.CertificateUnknown("h", SAMPLES["fingerprint"])
    changed = login_errors.CertificateChanged(
        "h", SAMPLES["trusted_fingerprint"], SAMPLES["fingerprint"]
    )
    assert unknown.fingerprint in unknown.message_de
    assert changed.trusted_fingerprint in changed.message_de
    assert changed.fingerprint in changed.message_de
    assert "WARNUNG" in changed.message_de


def test_login_failed_without_a_stored_password_says_so() -> None:
    error = login_errors.LoginFailed("h", "filiale7", no_password=True)
    assert "kein Passwort" in error.message_de


def test_no_constructor_accepts_a_password() -> None:
    for cls in ERROR_TYPES:
        parameters = inspect.signature(cls.__init__).parameters
        assert not any(n.startswith(("passw", "secret")) for n in parameters), cls


@pytest.mark.parametrize("cls", ERROR_TYPES, ids=lambda c: c.__name__)
def test_control_characters_from_the_server_are_shown_escaped(cls: type) -> None:
    hostile = {"path": "IMPORT/a\x1b[2J\x07\nb\u202e.csv", "name": "a\x1b]0;x\x07.csv",
               "reply": "421 bye\r\nFAKE LOG LINE", "detail": "x\x00y"}  # fmt: skip
    parameters = inspect.signature(cls.__init__).parameters
    args = {
        name: hostile.get(name, SAMPLES[name])
        for name, p in parameters.items()
        if name != "self" and p.default is inspect.Parameter.empty
    }
    error = cls(**args)
    for text in (error.message_de, str(error)):
        assert text.isprintable(), text


def test_a_vanished_file_is_told_in_the_skip_reasons_words() -> None:
    # Shown where a file gone before its download is also listed as skipped: one short line.
    gone = file_errors.RemoteFileVanished("IMPORT/zahlungen.csv")
    assert gone.message_de == (
        "Die Datei „IMPORT/zahlungen.csv“ ist nicht mehr auf dem Server (wohl von einem "
        "anderen Lauf geholt); nichts zu tun."
    )
    assert gone.message_en == (
        "The file “IMPORT/zahlungen.csv” is no longer on the server (probably fetched by "
        "another run); nothing to do."
    )
    skipped = SkipReason.GONE_BEFORE_DOWNLOAD
    assert "(wohl von einem anderen Lauf geholt)" in skipped.label_de
    assert "(probably fetched by another run)" in skipped.label_en
