"""The FTP Test button's job: every step, every failure with its German message."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

import pytest

from desktop_app.domain.interface import FtpSettings, Protocol
from desktop_app.jobs.connection_test import (
    NOT_RUN_DE,
    FtpTestResult,
    StepId,
    TestStep,
    planned_steps,
    run_ftp_test,
)
from desktop_app.jobs.run_connection import TRANSIENT
from desktop_app.transfer.errors import ImplicitTls, WrongProtocol
from desktop_app.transfer.login_errors import EncryptionRequired
from tests.faults.fault_server import FaultPlan, FaultServer

from .conftest import (
    PASSWORD,
    READER,
    READER_PASSWORD,
    TIMEOUT,
    USER,
    cancelled_soon,
    settings_for,
)
from .servers import FULL_RIGHTS, HOST, ImplicitTlsServer, StallingAuthServer

FTP_STEPS = [
    "resolve", "connect", "login", "open_directory", "list", "write_probe", "read_probe",
    "delete_probe",
]  # fmt: skip


def run(settings: FtpSettings, password: str | None = PASSWORD, trusted: str | None = None,
        **options) -> FtpTestResult:  # fmt: skip
    result = run_ftp_test(settings, password, trusted, timeout=TIMEOUT, **options)
    assert PASSWORD not in json.dumps(result.to_json())
    assert all(PASSWORD not in step.message for step in result.steps)
    return result


def failed_at(result: FtpTestResult, step: StepId) -> TestStep:
    """The failing step, after checking that all before it passed and all after did not run."""
    assert not result.ok
    ids = [s.step for s in result.steps]
    assert ids == list(planned_steps(Protocol(_protocol(result))))
    index = ids.index(step)
    assert all(s.ok for s in result.steps[:index]), result.steps
    failed = result.steps[index]
    assert failed.ran and not failed.ok
    assert all(
        not s.ran and not s.ok and s.message == NOT_RUN_DE for s in result.steps[index + 1 :]
    )
    return failed


def _protocol(result: FtpTestResult) -> str:
    ids = {s.step for s in result.steps}
    return "ftps" if StepId.TLS in ids else "sftp" if StepId.HOST_KEY in ids else "ftp"


def test_everything_passes_on_plain_ftp_and_leaves_nothing_behind(serve_ftp, ftp_root) -> None:
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / "IMPORT" / "Zahlungen.csv").write_bytes(b"x")
    heard: list[TestStep] = []
    result = run(settings_for(serve_ftp(), Protocol.FTP, directory="IMPORT/"), on_step=heard.append)
    assert result.ok, result.steps
    assert [s.step.value for s in result.steps] == FTP_STEPS
    assert heard == list(result.steps)
    assert "1 Datei, 0 Ordner" in result.steps[4].message
    assert [p.name for p in (ftp_root / "IMPORT").iterdir()] == ["Zahlungen.csv"]
    data = result.to_json()
    assert data["ok"] is True
    assert data["steps"][0].keys() == {"step", "ok", "message"}


def test_json_shape_of_a_failure() -> None:
    result = run(FtpSettings(host="does-not-exist.invalid", user=USER))
    data = json.loads(json.dumps(result.to_json()))
    assert data["ok"] is False
    assert [s["step"] for s in data["steps"]] == FTP_STEPS
    assert data["steps"][0]["ok"] is False and data["steps"][1]["message"] == NOT_RUN_DE


def test_unknown_host() -> None:
    step = failed_at(run(FtpSettings(host="does-not-exist.invalid", user=USER)), StepId.RESOLVE)
    assert "„does-not-exist.invalid“ wurde nicht gefunden" in step.message


def test_refused_port(closed_port: int) -> None:
    result = run(FtpSettings(host=HOST, port=closed_port, user=USER))
    step = failed_at(result, StepId.CONNECT)
    assert f"lehnt Verbindungen auf Port {closed_port} ab" in step.message


@pytest.mark.parametrize("protocol", [Protocol.FTP, Protocol.SFTP])
def test_a_host_that_accepts_and_never_answers_times_out(silent_server, protocol) -> None:
    started = time.monotonic()
    result = run(FtpSettings(protocol=protocol, host=HOST, port=silent_server.port, user=USER))
    # The wait for the greeting, then as long again for the TLS hello (unanswered here).
    assert time.monotonic() - started < 2 * TIMEOUT + 2
    step = failed_at(result, StepId.CONNECT)
    assert "antwortet aber nicht (Zeitüberschreitung" in step.message


@pytest.mark.parametrize("protocol", [Protocol.FTPS, Protocol.FTP, Protocol.SFTP])
def test_a_port_with_implicit_tls_says_so_and_what_to_choose(certificate, protocol) -> None:
    """Implicit FTPS (port 990) waits in silence for the client's handshake: not only
    "antwortet nicht", and not retried as if the server were busy."""
    server = ImplicitTlsServer(certificate("implicit"))
    try:
        result = run(FtpSettings(protocol=protocol, host=HOST, port=server.port, user=USER))
    finally:
        server.stop()
    step = failed_at(result, StepId.CONNECT)
    assert isinstance(step.error, ImplicitTls)
    assert step.message.startswith(f"Am Port {server.port} von „{HOST}“ erwartet")
    assert "(implizites FTPS)" in step.message
    assert "Wählen Sie als Protokoll „FTPS (implizit, Port 990)“" in step.message
    assert "Choose “FTPS (implicit, port 990)” as the protocol" in step.message_en
    assert not isinstance(step.error, TRANSIENT)


def test_wrong_password(serve_ftp) -> None:
    step = failed_at(run(settings_for(serve_ftp(), Protocol.FTP), "falsch"), StepId.LOGIN)
    assert f"Anmeldung als „{USER}“" in step.message and "Passwort" in step.message


def test_no_stored_password(serve_ftp) -> None:
    step = failed_at(run(settings_for(serve_ftp(), Protocol.FTP), None), StepId.LOGIN)
    assert "kein Passwort hinterlegt" in step.message


def test_missing_directory(serve_ftp) -> None:
    result = run(settings_for(serve_ftp(), Protocol.FTP, directory="BUCHHALTUNG/IMPORTE/"))
    step = failed_at(result, StepId.OPEN_DIRECTORY)
    assert "„BUCHHALTUNG/IMPORTE/“ gibt es auf dem Server nicht" in step.message


def test_no_right_to_list(serve_ftp) -> None:
    server = serve_ftp(users={USER: (PASSWORD, "e")})  # may enter, may not list
    step = failed_at(run(settings_for(server, Protocol.FTP)), StepId.LIST)
    assert "Keine Leseberechtigung" in step.message


def test_no_write_right(serve_ftp) -> None:
    server = serve_ftp()
    result = run(settings_for(server, Protocol.FTP, user=READER), READER_PASSWORD)
    step = failed_at(result, StepId.WRITE_PROBE)
    assert "Keine Schreib- oder Löschberechtigung" in step.message


def test_no_read_right_fails_the_test_and_the_probe_is_removed(serve_ftp, ftp_root: Path) -> None:
    # May list, write and delete, but not download: every run would fail on its files.
    server = serve_ftp(users={USER: (PASSWORD, "elwd")})
    result = run(settings_for(server, Protocol.FTP))
    step = failed_at(result, StepId.READ_PROBE)
    assert step.message.startswith("Keine Leseberechtigung für „/“ auf dem Server.")
    assert "Leserechte" in step.message
    assert "Alles bereit" not in json.dumps(result.to_json(), ensure_ascii=False)
    assert list(ftp_root.iterdir()) == []  # the probe written before is gone again


def test_no_read_right_on_sftp(serve_sftp, ftp_root: Path) -> None:
    server = serve_sftp(write_only=True)
    result = run(settings_for(server, Protocol.SFTP), trusted=server.fingerprint)
    assert "Keine Leseberechtigung" in failed_at(result, StepId.READ_PROBE).message
    assert list(ftp_root.iterdir()) == []


def test_a_probe_that_comes_back_changed_fails_the_test(ftp_root: Path) -> None:
    with FaultServer(ftp_root, {USER: (PASSWORD, FULL_RIGHTS)}) as server:
        server.apply(FaultPlan(truncate_download_to=10))  # RETR sends 10 bytes, then "226"
        result = run(settings_for(server, Protocol.FTP))
    step = failed_at(result, StepId.READ_PROBE)
    assert "kam mit 10 statt 72 Bytes zurück" in step.message
    assert list(ftp_root.iterdir()) == []


def test_the_probe_is_read_back_before_it_is_deleted(ftp_root: Path) -> None:
    with FaultServer(ftp_root, {USER: (PASSWORD, FULL_RIGHTS)}) as server:
        assert run(settings_for(server, Protocol.FTP)).ok
        commands = [c for c in server.commands() if c in ("STOR", "RETR", "DELE")]
        (stored,), (read,) = server.arguments("STOR"), server.arguments("RETR")
    assert commands == ["STOR", "RETR", "DELE"] and stored == read


def test_no_delete_right(serve_ftp, ftp_root: Path) -> None:
    server = serve_ftp(users={USER: (PASSWORD, "elrw")})  # write, but no "d"
    step = failed_at(run(settings_for(server, Protocol.FTP)), StepId.DELETE_PROBE)
    assert "Löschberechtigung" in step.message and ".ftpimport-probe-" in step.message


def test_a_probe_gone_before_its_delete_is_told_as_the_probe_not_an_import_file(
    serve_ftp, ftp_root: Path, caplog
) -> None:
    def remove_probe_after_reading(step: TestStep) -> None:
        if step.step is StepId.READ_PROBE:
            (probe,) = ftp_root.iterdir()  # as another program on the server would
            probe.unlink()

    caplog.set_level(logging.WARNING, logger="desktop_app.jobs.connection_test")
    result = run(settings_for(serve_ftp(), Protocol.FTP), on_step=remove_probe_after_reading)
    step = failed_at(result, StepId.DELETE_PROBE)
    assert step.message.startswith("Die Testdatei „.ftpimport-probe-")
    assert "war schon nicht mehr auf dem Server, als der Test sie löschen wollte" in step.message
    assert "Löschberechtigung ist damit nicht geprüft" in step.message
    assert "anderen Lauf" not in step.message
    assert step.text("en").startswith("The probe file “.ftpimport-probe-")
    assert "was already gone from the server when the Test went to delete it" in step.text("en")
    assert "left on the server" not in caplog.text  # it is not: nothing to clean up


@pytest.mark.parametrize("protocol", [Protocol.FTP, Protocol.SFTP])
def test_a_probe_gone_before_its_read_is_told_as_the_probe_not_an_import_file(
    protocol, serve_ftp, serve_sftp, ftp_root: Path, caplog
) -> None:
    # Some servers move every upload away at once: the read-back finds nothing.
    def remove_probe_after_writing(step: TestStep) -> None:
        if step.step is StepId.WRITE_PROBE:
            (probe,) = ftp_root.iterdir()
            probe.unlink()

    caplog.set_level(logging.WARNING, logger="desktop_app.jobs.connection_test")
    server = serve_ftp() if protocol is Protocol.FTP else serve_sftp()
    trusted = getattr(server, "fingerprint", None)
    result = run(
        settings_for(server, protocol), trusted=trusted, on_step=remove_probe_after_writing
    )
    step = failed_at(result, StepId.READ_PROBE)
    assert step.message.startswith("Die Testdatei „.ftpimport-probe-")
    assert "war schon nicht mehr auf dem Server, als der Test sie lesen wollte" in step.message
    assert "Lese- und Löschberechtigung sind damit nicht geprüft" in step.message
    assert "anderen Lauf" not in step.message
    assert "was already gone from the server when the Test went to read it" in step.text("en")
    assert "left on the server" not in caplog.text  # it is not: nothing to clean up


def test_ftps_certificate_unknown_then_trusted_then_changed(serve_ftp, certificate) -> None:
    first, second = certificate("first"), certificate("second")
    server = serve_ftp(tls=first)
    settings = settings_for(server, Protocol.FTPS)

    refused = run(settings)
    step = failed_at(refused, StepId.TLS)
    assert step.fingerprint == first.fingerprint == refused.refused_fingerprint
    assert step.needs_trust and "nicht von einer bekannten Stelle" in step.message
    assert refused.to_json()["steps"][2]["fingerprint"] == first.fingerprint

    trusted = run(settings, trusted=refused.refused_fingerprint)
    assert trusted.ok, trusted.steps
    assert "als vertrauenswürdig bestätigte" in trusted.steps[2].message

    server.stop()
    changed = run(settings_for(serve_ftp(tls=second), Protocol.FTPS), trusted=first.fingerprint)
    step = failed_at(changed, StepId.TLS)
    assert step.fingerprint == second.fingerprint and step.needs_trust
    assert "WARNUNG" in step.message and first.fingerprint in step.message


def test_ftps_against_a_server_without_tls(serve_ftp) -> None:
    step = failed_at(run(settings_for(serve_ftp(), Protocol.FTPS)), StepId.TLS)
    assert "keine verschlüsselte Verbindung (FTPS)" in step.message
    assert not step.needs_trust


def test_plain_ftp_against_a_server_that_requires_tls(serve_ftp, certificate) -> None:
    """The server refuses the user name in clear text: the form says to choose FTPS,
    not that the password is wrong."""
    server = serve_ftp(tls=certificate("server"))
    step = failed_at(run(settings_for(server, Protocol.FTP)), StepId.LOGIN)
    assert isinstance(step.error, EncryptionRequired)
    assert "verlangt eine verschlüsselte Verbindung. Wählen Sie als Protokoll FTPS" in (
        step.message
    )


@pytest.mark.parametrize("protocol", [Protocol.FTP, Protocol.FTPS])
def test_ftp_on_an_ssh_port_is_told_to_choose_sftp(serve_sftp, protocol) -> None:
    """Not a timeout: ftplib took "SSH-2.0-…" for the start of a reply that never ended."""
    step = failed_at(run(settings_for(serve_sftp(), protocol)), StepId.CONNECT)
    assert isinstance(step.error, WrongProtocol) and step.error.found_ssh
    assert "antwortet ein SSH-Server. Wählen Sie als Protokoll SFTP" in step.message


def test_sftp_on_an_ftp_port_is_told_to_choose_ftp(serve_ftp) -> None:
    """Not a timeout: paramiko waited for an SSH banner after the FTP server's "220 …"."""
    step = failed_at(run(settings_for(serve_ftp(), Protocol.SFTP)), StepId.CONNECT)
    assert isinstance(step.error, WrongProtocol) and not step.error.found_ssh
    assert "antwortet ein FTP-Server. Wählen Sie als Protokoll FTPS oder FTP" in step.message


def test_sftp_host_key_unknown_then_trusted_then_changed(serve_sftp) -> None:
    server = serve_sftp()
    refused = run(settings_for(server, Protocol.SFTP))
    step = failed_at(refused, StepId.HOST_KEY)
    assert step.fingerprint == server.fingerprint and step.needs_trust
    assert "SSH-Schlüssel" in step.message

    trusted = run(settings_for(server, Protocol.SFTP), trusted=server.fingerprint)
    assert trusted.ok, trusted.steps
    assert [s.step for s in trusted.steps] == list(planned_steps(Protocol.SFTP))

    other = serve_sftp()
    changed = run(settings_for(other, Protocol.SFTP), trusted=server.fingerprint)
    assert "WARNUNG" in failed_at(changed, StepId.HOST_KEY).message


def test_sftp_failures_use_the_same_messages(serve_sftp) -> None:
    server = serve_sftp(read_only=True)
    wrong = run(settings_for(server, Protocol.SFTP), "falsch", trusted=server.fingerprint)
    assert "Anmeldung als" in failed_at(wrong, StepId.LOGIN).message
    missing = run(settings_for(server, Protocol.SFTP, directory="X/"), trusted=server.fingerprint)
    assert "gibt es auf dem Server nicht" in failed_at(missing, StepId.OPEN_DIRECTORY).message
    read_only = run(settings_for(server, Protocol.SFTP), trusted=server.fingerprint)
    assert "Schreib" in failed_at(read_only, StepId.WRITE_PROBE).message


def test_cancel_breaks_off_a_hanging_step_at_once(silent_server) -> None:
    result = cancelled_soon(FtpSettings(host=HOST, port=silent_server.port, user=USER))
    assert failed_at(result, StepId.CONNECT).message == "Vom Benutzer abgebrochen."


def test_cancel_breaks_off_an_explicit_tls_handshake_the_server_never_answers() -> None:
    """After "234" to AUTH TLS the handshake waits on the server: a cancel ends it at once,
    not at the timeout."""
    server = StallingAuthServer()
    try:
        settings = FtpSettings(protocol=Protocol.FTPS, host=HOST, port=server.port, user=USER)
        result = cancelled_soon(settings)
        assert failed_at(result, StepId.TLS).message == "Vom Benutzer abgebrochen."
    finally:
        server.stop()


def test_cancel_before_start_runs_nothing_on_the_network(serve_ftp) -> None:
    cancel = threading.Event()
    cancel.set()
    result = run(settings_for(serve_ftp(), Protocol.FTP), cancel=cancel)
    assert result.cancelled
    failed_at(result, StepId.RESOLVE)


def test_probe_is_removed_even_when_a_later_step_is_cancelled(serve_ftp, ftp_root: Path) -> None:
    cancel = threading.Event()

    def cancel_after_write(step: TestStep) -> None:
        if step.step is StepId.WRITE_PROBE:
            cancel.set()

    server = serve_ftp(users={USER: (PASSWORD, FULL_RIGHTS)})
    result = run(settings_for(server, Protocol.FTP), cancel=cancel, on_step=cancel_after_write)
    assert result.cancelled
    assert list(ftp_root.iterdir()) == []


@pytest.mark.parametrize("protocol", [Protocol.FTP, Protocol.FTPS, Protocol.SFTP])
def test_the_password_never_reaches_a_log_line(
    serve_ftp, serve_sftp, certificate, caplog, protocol
) -> None:
    caplog.set_level(logging.DEBUG)
    # Explicitly: another module may have quietened paramiko's logger for its servers.
    caplog.set_level(logging.DEBUG, logger="paramiko")
    if protocol is Protocol.SFTP:
        server = serve_sftp()
        trusted = server.fingerprint
    else:
        cert = certificate("log") if protocol is Protocol.FTPS else None
        server, trusted = serve_ftp(tls=cert), cert.fingerprint if cert else None
    for password in (PASSWORD, PASSWORD[::-1]):  # the right one and a wrong one
        run_ftp_test(settings_for(server, protocol), password, trusted, timeout=TIMEOUT)
    if protocol is Protocol.SFTP:
        assert caplog.records  # paramiko does log at DEBUG, so the check means something
    assert PASSWORD not in caplog.text and PASSWORD[::-1] not in caplog.text
