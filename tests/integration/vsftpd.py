"""A real vsftpd on a free loopback port, as many tax advisors' servers are: no MLSD, and
with FTPS it insists on TLS session reuse for the data connection (require_ssl_reuse).

It runs as whoever starts it (``run_as_launching_user``), so its users are anonymous
ones: any password logs in. Its root must not be writable (vsftpd refuses to serve a
writable anonymous root); the folders below it are.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .server_process import FtpServerProcess, wait_until_listening
from .servers import HOST, Certificate, free_port

USER = "anonymous"


def vsftpd_binary() -> str | None:
    return shutil.which("vsftpd") or next(
        (str(p) for p in (Path("/usr/sbin/vsftpd"),) if p.exists()), None
    )


class VsftpdHandle(FtpServerProcess):
    """Its root is read-only; make folders below it with ``folder``."""

    def folder(self, name: str) -> Path:
        path = self.root / name
        self.root.chmod(0o755)
        try:
            path.mkdir(parents=True)
            path.chmod(0o777)
        finally:
            self.root.chmod(0o555)
        return path


def start_vsftpd(
    binary: str, directory: Path, tls: Certificate | None, *, implicit: bool = False
) -> VsftpdHandle:
    """``implicit``: TLS from the first byte (implicit FTPS, as on port 990)."""
    root, empty = directory / "root", directory / "empty"
    root.mkdir()
    empty.mkdir()
    root.chmod(0o555)
    port = free_port()
    lines = [
        "listen=YES",
        f"listen_address={HOST}",
        f"listen_port={port}",
        "background=NO",
        "run_as_launching_user=YES",
        "anonymous_enable=YES",
        "local_enable=NO",
        f"anon_root={root}",
        "no_anon_password=YES",
        "write_enable=YES",
        "anon_upload_enable=YES",
        "anon_other_write_enable=YES",
        "anon_mkdir_write_enable=YES",
        "anon_world_readable_only=NO",
        f"secure_chroot_dir={empty}",
        "seccomp_sandbox=NO",
        "xferlog_enable=YES",
        f"vsftpd_log_file={directory / 'vsftpd.log'}",
    ]
    if tls is not None:
        lines += [
            "ssl_enable=YES",
            "allow_anon_ssl=YES",
            "force_anon_logins_ssl=YES",
            "force_anon_data_ssl=YES",
            "require_ssl_reuse=YES",
            f"rsa_cert_file={tls.cert_path}",
            f"rsa_private_key_file={tls.key_path}",
        ]
        if implicit:
            lines.append("implicit_ssl=YES")
    config = directory / "vsftpd.conf"
    config.write_text("\n".join(lines) + "\n")
    process = subprocess.Popen(
        [binary, str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    handle = VsftpdHandle(HOST, port, root, process, tls.fingerprint if tls else None)
    wait_until_listening(process, HOST, port, "vsftpd")
    return handle
