"""OpenSSH's own SFTP server (``sftp-server``, the program behind every OpenSSH ``sshd``'s
SFTP) on a free loopback port.

sshd itself would need a system account with a password for each test user, so the SSH
layer (handshake, host key, password login) is paramiko's, as in servers.py; every SFTP
request is then answered by the real ``sftp-server``, started in ``root`` for the session:
its listings, attributes, error codes and file handling are OpenSSH's, not an imitation.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import paramiko

from .servers import PasswordLogin, SftpServerHandle, serve_ssh

CANDIDATES = ("/usr/lib/openssh/sftp-server", "/usr/libexec/openssh/sftp-server")


def sftp_server_binary() -> str | None:
    found = shutil.which("sftp-server")
    return found or next((path for path in CANDIDATES if Path(path).exists()), None)


class _PasswordServer(PasswordLogin):
    def __init__(self, users: dict[str, str], binary: str, root: Path):
        super().__init__(users)
        self.binary, self.root = binary, root


class _OpenSshSubsystem(paramiko.SubsystemHandler):
    """Pipes the SFTP channel through a ``sftp-server`` process, both ways."""

    def start_subsystem(self, name: str, transport: Any, channel: Any) -> None:
        server = self.get_server()
        process = subprocess.Popen(
            [server.binary, "-d", str(server.root), "-e", "-l", "ERROR"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdin is not None and process.stdout is not None

        def to_server() -> None:
            # OSError: sftp-server ended first; the other direction closes the channel.
            with contextlib.suppress(OSError), process.stdin:
                while data := channel.recv(65536):
                    process.stdin.write(data)
                    process.stdin.flush()

        feeder = threading.Thread(target=to_server, daemon=True)
        feeder.start()
        try:
            while data := os.read(process.stdout.fileno(), 65536):
                channel.sendall(data)
        finally:
            channel.close()
            process.wait(5)
            feeder.join(5)


def start_openssh_sftp(
    binary: str, root: Path, users: dict[str, str], host_key: paramiko.PKey
) -> SftpServerHandle:
    return serve_ssh(
        root, host_key, lambda: _PasswordServer(users, binary, root), (_OpenSshSubsystem,)
    )
