"""Against the real Secret Service (gnome-keyring on a private D-Bus in CI)."""

import keyring.backend
import pytest
from keyring.backends import fail

from desktop_app.jobs.credentials import stored_ftp_password
from desktop_app.store.secrets import KeyringUnavailable, SecretStore, ftp_key


def test_store_read_replace_delete(secret_store):
    key = ftp_key("abc")
    assert secret_store.get(key) is None
    secret_store.set(key, "erstes-Geheimnis")
    assert secret_store.get(key) == "erstes-Geheimnis"
    secret_store.set(key, "zweites-Geheimnis")
    assert secret_store.get(key) == "zweites-Geheimnis"
    secret_store.delete(key)
    assert secret_store.get(key) is None
    secret_store.delete(key)  # deleting twice is fine


def test_reports_its_backend(secret_store):
    ok, name = secret_store.usable()
    assert ok
    assert "SecretService" in name


def test_no_backend_is_a_clear_error():
    store = SecretStore(fail.Keyring())
    ok, message = store.usable()
    assert not ok and "Schlüsselbund" in message
    with pytest.raises(KeyringUnavailable) as err:
        store.set(ftp_key("x"), "geheim")
    assert "nicht gespeichert" in err.value.message_de
    assert "geheim" not in str(err.value)


class PlaintextKeyring(keyring.backend.KeyringBackend):
    """Stands in for keyrings.alt's plaintext file (not installed here)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.items = {}

    def set_password(self, service, username, password):
        self.items[service, username] = password

    def get_password(self, service, username):
        return self.items.get((service, username))

    def delete_password(self, service, username):
        self.items.pop((service, username))


def test_never_falls_back_to_plaintext_implicitly(monkeypatch):
    import keyring

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    plaintext = PlaintextKeyring()
    # What keyring would choose by itself on a machine with only a plaintext backend.
    monkeypatch.setattr(keyring, "get_keyring", lambda: plaintext)
    with pytest.raises(KeyringUnavailable):
        SecretStore().set(ftp_key("x"), "geheim")
    assert plaintext.items == {}
    # An administrator's explicit choice through keyring's own variable is respected.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.PlaintextKeyring")
    SecretStore().set(ftp_key("x"), "geheim")
    assert list(plaintext.items.values()) == ["geheim"]


def test_locked_keyring_is_reported():
    class Locked(keyring.backend.KeyringBackend):
        priority = 1

        def set_password(self, service, username, password):
            from keyring.errors import KeyringLocked

            raise KeyringLocked("Failed to unlock the keyring!")

        get_password = delete_password = set_password

    from desktop_app.store.secrets import KeyringLocked

    with pytest.raises(KeyringLocked) as err:
        SecretStore(Locked()).set(ftp_key("x"), "geheim")
    assert "gesperrt" in err.value.message_de


def test_editor_stores_keeps_and_clears_password(editor, sample_settings, secret_store):
    from desktop_app.jobs.interface_edit import CLEAR_PASSWORD

    stored = editor.save(sample_settings, password="ftp-Passwort-1")
    assert stored.password_stored
    assert secret_store.get(ftp_key(stored.uid)) == "ftp-Passwort-1"
    renamed = editor.save(
        sample_settings.with_changes(name="B"), original_name=stored.settings.name
    )
    assert (
        renamed.password_stored and stored_ftp_password(editor.secrets, renamed) == "ftp-Passwort-1"
    )
    cleared = editor.save(renamed.settings, original_name="B", password=CLEAR_PASSWORD)
    assert not cleared.password_stored
    assert secret_store.get(ftp_key(stored.uid)) is None


def test_keyring_failure_saves_nothing(repository, sample_settings):
    from desktop_app.jobs.interface_edit import InterfaceEditor

    editor = InterfaceEditor(repository, SecretStore(fail.Keyring()))
    with pytest.raises(KeyringUnavailable):
        editor.save(sample_settings, password="geheim")
    assert repository.names() == []


def test_delete_removes_the_keyring_entry(editor, sample_settings, secret_store):
    stored = editor.save(sample_settings, password="pw-zum-loeschen")
    editor.delete(sample_settings.name)
    assert secret_store.get(ftp_key(stored.uid)) is None


def test_duplicate_copies_no_password(editor, sample_settings):
    editor.save(sample_settings, password="pw-original")
    copy = editor.duplicate(sample_settings.name)
    assert copy.settings.name == f"{sample_settings.name} (Kopie)"
    assert not copy.password_stored and not copy.settings.enabled


@pytest.mark.parametrize(
    ("action", "german", "english"),
    [
        ("set", "Das Passwort wurde nicht gespeichert.", "The password was not saved."),
        ("get", "Das Passwort konnte nicht gelesen werden.", "The password could not be read."),
    ],
)
def test_without_a_keyring_the_message_says_what_did_not_happen(action, german, english):
    store = SecretStore(fail.Keyring())
    with pytest.raises(KeyringUnavailable) as err:
        store.set(ftp_key("x"), "geheim") if action == "set" else store.get(ftp_key("x"))
    assert german in err.value.message_de and english in err.value.message_en
    other = {"set": "gelesen", "get": "gespeichert"}[action]
    assert other not in err.value.message_de
    assert ("saved" if action == "get" else "read") not in err.value.message_en
    # A caller that says itself what did not happen gets the failure alone.
    bare = err.value.without_action()
    assert type(bare) is KeyringUnavailable and str(bare) == str(err.value)
    assert german not in bare.message_de and english not in bare.message_en
    assert bare.message_en.startswith("No keyring") and "set up a keyring" in bare.message_en
