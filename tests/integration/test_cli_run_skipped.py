"""`desktop-app run` names the files it left on the server unread, with why, in its text
and its JSON, in the chosen language: a real process, FTP server and keyring."""

from __future__ import annotations

import json

import pytest

from desktop_app.transfer.listing import SkipReason
from tests.cli.test_interfaces_cli import run_cli
from tests.conftest import need

from .cli_interface import import_cli_interface

UPLOADING = "IMPORT/Zahlungen_0314.csv.part"  # a name an uploader writes under
REASON = SkipReason.TEMPORARY_NAME


@pytest.fixture
def data(tmp_path, serve_ftp, ftp_root, secret_service_backend):
    """A data directory with the interface "CLI-Lauf" on a real FTP server whose folder
    holds only a file still being uploaded."""
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    server = serve_ftp()
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / UPLOADING).write_bytes(b"Rechnungsnummer;Betrag\r\n")
    path = tmp_path / "cli"
    assert run_cli(path, "mandants", "add", "1").returncode == 0
    import_cli_interface(path, tmp_path, server)
    yield path
    run_cli(path, "interfaces", "delete", "CLI-Lauf")


@pytest.mark.parametrize(
    ("lang", "line", "reason"),
    [
        ("de", "übersprungen, bleibt auf dem Server", REASON.label_de),
        ("en", "skipped, kept on the server", REASON.label_en),
    ],
)
def test_run_names_the_skipped_files_in_its_text_and_json(data, ftp_root, lang, line, reason):
    # --force: at any hour (outside 06:00-22:00 a run needs it).
    text = run_cli(data, "--lang", lang, "run", "CLI-Lauf", "--force")

    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines() == [f"{UPLOADING}: {line} – {reason}", "CLI-Lauf: OK"]
    assert (ftp_root / UPLOADING).exists()

    as_json = run_cli(data, "--lang", lang, "run", "CLI-Lauf", "--json", "--force")

    assert as_json.returncode == 0, as_json.stderr
    summary = json.loads(as_json.stdout)
    assert (summary["status"], summary["files"]) == ("ok", [])
    assert summary["skipped_files"] == [
        {"name": UPLOADING, "reason": reason, "code": "temporary-name"}
    ]
