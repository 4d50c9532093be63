"""The prepare steps of the Tests: they check the values, then read the one password."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.domain.validation import FTP_HOST, ValidationError
from desktop_app.jobs.connection_test import prepare_ftp_test
from desktop_app.jobs.credentials import SecretRef, read_secret
from desktop_app.jobs.interface_edit import CLEAR_PASSWORD, KEEP_PASSWORD
from desktop_app.jobs.mail_test import prepare_test_mail
from desktop_app.store.secrets import SMTP_KEY
from desktop_app.store.smtp_store import StoredSmtp

SMTP = SmtpSettings("mail.example", None, SmtpSecurity.STARTTLS, "filiale", "import@filiale.de")


def test_the_ftp_test_uses_the_typed_password_else_the_stored_one(editor, sample_settings):
    stored = editor.save(sample_settings, password="Gespeichert-1")
    ftp = stored.settings.ftp
    secrets = editor.secrets
    assert prepare_ftp_test(secrets, ftp, stored=stored).password == "Gespeichert-1"
    typed = prepare_ftp_test(secrets, ftp, stored=stored, password="Getippt-2")
    assert typed.password == "Getippt-2"
    # "Passwort löschen" in the form: tested as if none were stored.
    assert prepare_ftp_test(secrets, ftp, stored=stored, password=CLEAR_PASSWORD).password is None
    assert prepare_ftp_test(secrets, ftp).password is None  # a new interface
    assert "Gespeichert-1" not in repr(prepare_ftp_test(secrets, ftp, stored=stored))


def test_the_ftp_test_refuses_values_it_cannot_use_without_reading_the_keyring(
    editor, sample_settings
):
    stored = editor.save(sample_settings, password="Gespeichert-1")
    unusable = replace(stored.settings.ftp, host="")
    with pytest.raises(ValidationError) as refused:
        prepare_ftp_test(editor.secrets, unusable, stored=stored)
    assert [p.field for p in refused.value.problems] == [FTP_HOST]


def test_the_test_mail_uses_the_stored_smtp_password_only_when_one_is_stored(secret_store):
    secret_store.set(SMTP_KEY, "Smtp-Geheim-3")
    stored = StoredSmtp(SMTP, password_stored=True)
    assert prepare_test_mail(secret_store, stored, "a@b.de").password == "Smtp-Geheim-3"
    unstored = StoredSmtp(SMTP, password_stored=False)
    assert prepare_test_mail(secret_store, unstored, "a@b.de").password is None
    typed = prepare_test_mail(secret_store, stored, "a@b.de", password="Neu-4")
    assert typed.password == "Neu-4"
    changed = replace(SMTP, port=70000)
    with pytest.raises(ValidationError):
        prepare_test_mail(secret_store, stored, "a@b.de", settings=changed)
    assert prepare_test_mail(secret_store, stored, "a@b.de", password=KEEP_PASSWORD).recipient


def test_the_reveal_reads_each_kind_by_its_reference(secret_store):
    secret_store.set(SecretRef.ftp("uid-7").key, "Ftp-5")
    secret_store.set(SMTP_KEY, "Smtp-6")
    assert read_secret(secret_store, SecretRef.ftp("uid-7")) == "Ftp-5"
    assert read_secret(secret_store, SecretRef.smtp()) == "Smtp-6"
    assert read_secret(secret_store, SecretRef.ftp("other")) is None
