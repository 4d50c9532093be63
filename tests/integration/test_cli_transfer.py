"""`test-ftp`, `test-mail` and `smtp set` as a script calls them, against real servers."""

from __future__ import annotations

import base64
import hashlib
import json

import paramiko
import pytest

from tests.cli.test_interfaces_cli import run_cli
from tests.conftest import need

from .cli_interface import import_interface_json
from .conftest import PASSWORD, USER


@pytest.fixture
def cli_data(tmp_path, secret_service_backend):
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    data = tmp_path / "cli"
    assert run_cli(data, "mandants", "add", "1").returncode == 0
    return data


def add_interface(data, tmp_path, ftp: dict, email: str = "") -> None:
    interface = {
        "name": "Test",
        "import_format": "closed-items",
        "mandants": ["1"],
        "settle_until": "today",
        "run_time": "07:00",
        "interval": {"kind": "daily"},
        "ftp": ftp,
        "error_email": email,
    }
    import_interface_json(data, tmp_path, interface)


def test_ftps_certificate_refused_then_trusted_then_changed(
    cli_data, tmp_path, serve_ftp, certificate
):
    first = serve_ftp(tls=certificate("erstes"))
    add_interface(
        cli_data,
        tmp_path,
        {"protocol": "ftps", "host": first.host, "port": first.port, "user": USER},
    )
    try:
        refused = run_cli(cli_data, "--lang", "de", "test-ftp", "Test", "--json", "--timeout", "5")
        report = json.loads(refused.stdout)
        assert refused.returncode != 0 and report["ok"] is False
        tls = next(s for s in report["steps"] if s["step"] == "tls")
        assert not tls["ok"] and len(tls["fingerprint"]) == 95
        assert "Fingerabdruck" in tls["message"] or "Zertifikat" in tls["message"]

        trusted = run_cli(
            cli_data,
            "--lang",
            "de",
            "test-ftp",
            "Test",
            "--trust",
            tls["fingerprint"],
            "--json",
            "--timeout",
            "5",
        )
        report = json.loads(trusted.stdout)
        assert trusted.returncode == 0, report
        assert [s["step"] for s in report["steps"]] == [
            "resolve",
            "connect",
            "tls",
            "login",
            "open_directory",
            "list",
            "write_probe",
            "read_probe",
            "delete_probe",
        ]
        assert all(s["ok"] for s in report["steps"])

        first.stop()
        second = serve_ftp(tls=certificate("zweites"))
        path = tmp_path / "port.json"
        exported = json.loads(run_cli(cli_data, "interfaces", "export", "Test").stdout)
        exported["ftp"]["port"] = second.port
        path.write_text(json.dumps(exported), encoding="utf-8")
        assert run_cli(cli_data, "interfaces", "import", str(path)).returncode == 0
        changed = json.loads(
            run_cli(cli_data, "--lang", "de", "test-ftp", "Test", "--json", "--timeout", "5").stdout
        )
        tls = next(s for s in changed["steps"] if s["step"] == "tls")
        assert not changed["ok"] and not tls["ok"]
        assert "geändert" in tls["message"].lower()
        assert PASSWORD not in json.dumps(changed)
    finally:
        run_cli(cli_data, "interfaces", "delete", "Test")


def test_wrong_password_step_fails_with_exit_code(cli_data, tmp_path, serve_ftp):
    server = serve_ftp()
    add_interface(
        cli_data,
        tmp_path,
        {"protocol": "ftp", "host": server.host, "port": server.port, "user": "niemand"},
    )
    try:
        result = run_cli(cli_data, "--lang", "de", "test-ftp", "Test", "--json", "--timeout", "5")
        report = json.loads(result.stdout)
        assert result.returncode == 1
        login = next(s for s in report["steps"] if s["step"] == "login")
        assert not login["ok"] and "Passwort" in login["message"]
    finally:
        run_cli(cli_data, "interfaces", "delete", "Test")


def test_smtp_set_and_test_mail(cli_data, tmp_path, serve_smtp, serve_ftp):
    smtp = serve_smtp()
    server = serve_ftp()
    add_interface(
        cli_data,
        tmp_path,
        {"protocol": "ftp", "host": server.host, "port": server.port, "user": USER},
        email="filiale@example.org",
    )
    try:
        missing = run_cli(cli_data, "test-mail", "Test", "--json")
        assert missing.returncode == 1 and json.loads(missing.stdout)["ok"] is False
        assert "SMTP" in json.loads(missing.stdout)["message"]
        result = run_cli(
            cli_data,
            "smtp",
            "set",
            "--host",
            smtp.host,
            "--port",
            str(smtp.port),
            "--security",
            "none",
            "--sender",
            "import@example.org",
            "--user",
            "",
        )
        assert result.returncode == 0, result.stderr
        shown = json.loads(run_cli(cli_data, "smtp", "show", "--json").stdout)
        assert shown["configured"] and shown["port"] == smtp.port
        sent = run_cli(cli_data, "test-mail", "Test", "--json")
        assert sent.returncode == 0, sent.stdout + sent.stderr
        assert json.loads(sent.stdout)["ok"] is True
        assert len(smtp.inbox.envelopes) == 1
        assert smtp.inbox.envelopes[0].rcpt_tos == ["filiale@example.org"]
    finally:
        run_cli(cli_data, "interfaces", "delete", "Test")


def test_trust_takes_the_openssh_fingerprint_as_ssh_keygen_prints_it(
    cli_data, tmp_path, serve_sftp
):
    key = paramiko.ECDSAKey.generate()
    server = serve_sftp(host_key=key)
    add_interface(
        cli_data,
        tmp_path,
        {"protocol": "sftp", "host": server.host, "port": server.port, "user": USER},
    )
    try:
        refused = json.loads(run_cli(cli_data, "--lang", "de", "test-ftp", "Test", "--json").stdout)
        assert not refused["ok"]
        # What the operator sends: the line `ssh-keygen -l -f host.pub` prints.
        digest = hashlib.sha256(key.asbytes()).digest()
        line = f"256 SHA256:{base64.b64encode(digest).decode().rstrip('=')} root@sftp (ECDSA)"
        trusted = run_cli(cli_data, "--lang", "de", "test-ftp", "Test", "--trust", line, "--json")
        report = json.loads(trusted.stdout)
        assert trusted.returncode == 0, report
        assert all(s["ok"] for s in report["steps"])
        again = run_cli(
            cli_data, "--lang", "de", "test-ftp", "Test", "--json"
        )  # stored: trusted from now on
        assert again.returncode == 0, again.stdout
    finally:
        run_cli(cli_data, "interfaces", "delete", "Test")


def test_trust_refuses_an_md5_fingerprint_with_a_hint(cli_data, tmp_path, serve_sftp):
    server = serve_sftp()
    add_interface(
        cli_data,
        tmp_path,
        {"protocol": "sftp", "host": server.host, "port": server.port, "user": USER},
    )
    try:
        md5 = "MD5:" + ":".join(["ab"] * 16)
        result = run_cli(cli_data, "--lang", "de", "test-ftp", "Test", "--trust", md5)
        assert result.returncode == 3
        assert "SHA-256" in result.stderr and "ssh-keygen -l -E sha256" in result.stderr
    finally:
        run_cli(cli_data, "interfaces", "delete", "Test")
