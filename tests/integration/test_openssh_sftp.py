"""The Test button and a whole run over SFTP against OpenSSH's own ``sftp-server`` (see
openssh_sftp.py), the SFTP of almost every Linux server and NAS; the other SFTP tests use
paramiko's server interface, an imitation."""

from __future__ import annotations

import io

import paramiko
import pytest

from desktop_app.domain.interface import Protocol
from desktop_app.jobs.connection_test import StepId
from desktop_app.transfer.file_errors import DirectoryMissing
from tests.conftest import need

from .conftest import PASSWORD, USER
from .openssh_sftp import sftp_server_binary, start_openssh_sftp
from .payment_run import (
    NAME,
    assert_a_date_folder_books_once,
    assert_test_button_passes,
    run_the_test,
    save_interface_on,
    two_invoice_ledger,
)


@pytest.fixture
def openssh(ftp_root):
    binary = sftp_server_binary()
    need(
        binary is not None, "OpenSSH's sftp-server is missing (apt-get install openssh-sftp-server)"
    )
    server = start_openssh_sftp(binary, ftp_root, {USER: PASSWORD}, _ed25519_host_key())
    yield server
    server.stop()


def _ed25519_host_key() -> paramiko.PKey:
    """The host key type a current OpenSSH makes first (paramiko cannot generate one)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )
    return paramiko.Ed25519Key.from_private_key(io.StringIO(pem.decode()))


@pytest.fixture
def ledger(db, catalog):
    return two_invoice_ledger(db)


def _save(db, secret_store, server, **ftp_changes):
    return save_interface_on(db, secret_store, server, Protocol.SFTP, USER, PASSWORD, **ftp_changes)


def test_the_sftp_server_is_openssh(openssh):
    """OpenSSH answers "." with the real start directory; an imitation would say "/"."""
    transport = paramiko.Transport((openssh.host, openssh.port))
    try:
        transport.connect(username=USER, password=PASSWORD)
        client = paramiko.SFTPClient.from_transport(transport)
        assert client is not None
        assert client.normalize(".") == str(openssh.root)
    finally:
        transport.close()


def test_the_test_button_passes_every_step_after_the_host_key_is_trusted(
    db, catalog, secret_store, openssh
):
    (openssh.root / "IMPORT").mkdir()
    editor = _save(db, secret_store, openssh)
    assert_test_button_passes(
        db, secret_store, editor, Protocol.SFTP, openssh.fingerprint, openssh.root / "IMPORT"
    )


def test_a_missing_directory_is_said_as_such(db, catalog, secret_store, openssh):
    editor = _save(db, secret_store, openssh, directory="FEHLT/")
    editor.trust(NAME, openssh.fingerprint)
    result = run_the_test(db, secret_store)
    assert result.failed_step.step is StepId.OPEN_DIRECTORY
    assert isinstance(result.failed_step.error, DirectoryMissing)
    assert result.failed_step.message.startswith("Das Verzeichnis „FEHLT/“ gibt es auf dem Server")


def test_a_run_books_the_files_of_the_date_folders_and_deletes_them(
    db, ledger, secret_store, openssh
):
    day = openssh.root / "IMPORT" / "20260313"
    day.mkdir(parents=True)
    editor = _save(db, secret_store, openssh, date_subdirectories=True)
    assert_a_date_folder_books_once(db, secret_store, ledger, editor, openssh.fingerprint, day)
