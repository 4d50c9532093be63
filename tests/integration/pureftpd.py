"""A real Pure-FTPd on a free loopback port: the server of cPanel hosting, where many
tax advisors' files lie. It has MLSD, and with FTPS (``-Y 3``) it refuses a login or a
transfer without TLS.

Its user is a virtual one (PureDB, made with pure-pw from a SHA-512 crypt line), so the
password is really checked. Run as root, the server changes to that user's uid (nobody);
its home is a temporary folder everyone may write to.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .server_process import FtpServerProcess, wait_until_listening
from .servers import HOST, Certificate, free_port
from .unpacked_servers import server_file

USER = "kanzlei"
PASSWORD = "Steuer-Berater 2026"
NOBODY = 65534


def pureftpd_files() -> tuple[Path, Path] | None:
    """The server and its pure-pw, if both are there."""
    server, tool = server_file("usr/sbin/pure-ftpd"), server_file("usr/bin/pure-pw")
    return (server, tool) if server and tool else None


class PureFtpdHandle(FtpServerProcess):
    """Its root is the user's home."""

    def folder(self, name: str) -> Path:
        path = self.root
        for part in Path(name).parts:
            path /= part
            path.mkdir(exist_ok=True)
            path.chmod(0o777)  # the server writes as nobody
        return path


def _crypt_sha512(password: str) -> str:
    return subprocess.run(
        ["openssl", "passwd", "-6", "-stdin"],
        input=password, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


def _user_database(tool: Path, directory: Path, home: Path) -> Path:
    uid = NOBODY if os.geteuid() == 0 else os.geteuid()
    gid = NOBODY if os.geteuid() == 0 else os.getegid()
    passwd, database = directory / "pureftpd.passwd", directory / "pureftpd.pdb"
    fields = [USER, _crypt_sha512(PASSWORD), str(uid), str(gid), "", f"{home}/./"]
    passwd.write_text(":".join(fields) + ":" * 12 + "\n")
    subprocess.run([str(tool), "mkdb", str(database), "-f", str(passwd)], check=True)
    return database


def start_pureftpd(
    files: tuple[Path, Path], directory: Path, tls: Certificate | None
) -> PureFtpdHandle:
    server, tool = files
    home = directory / "home"
    home.mkdir()
    home.chmod(0o777)
    port = free_port()
    command = [
        str(server),
        "--bind", f"{HOST},{port}",
        "--login", f"puredb:{_user_database(tool, directory, home)}",
        "--noanonymous",
        "--chrooteveryone",
        "--dontresolve",
        "--passiveportrange", "40000:49999",
        "--syslogfacility", "none",
        "--altlog", f"clf:{directory / 'transfer.log'}",
    ]  # fmt: skip
    if tls is not None:
        command += ["--tls", "3", "--certfile", f"{tls.cert_path},{tls.key_path}"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    handle = PureFtpdHandle(HOST, port, home, process, tls.fingerprint if tls else None)
    wait_until_listening(process, HOST, port, "pure-ftpd")
    return handle
