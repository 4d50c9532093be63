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
import socket
import subprocess
import threading
from pathlib import Path
from typing import Any

import paramiko

from desktop_app.transfer.trust import sha256_fingerprint

from .servers import HOST, SftpServerHandle

CANDIDATES = ("/usr/lib/openssh/sftp-server", "/usr/libexec/openssh/sftp-server")


def sftp_server_binary() -> str | None:
    found = shutil.which("sftp-server")
    return found or next((path for path in CANDIDATES if Path(path).exists()), None)


class _PasswordServer(paramiko.ServerInterface):
    def __init__(self, users: dict[str, str], binary: str, root: Path):
        self.users, self.binary, self.root = users, binary, root

    def check_auth_password(self, username: str, password: str) -> int:
        ok = self.users.get(username) == password
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def get_allowed_auths(self, username: str) -> str:
        return "password"

    def check_channel_request(self, kind: str, chanid: int) -> int:
        if kind == "session":
            return paramiko.OPEN_SUCCEEDED
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED_OPEN


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
    listener = socket.create_server((HOST, 0))
    listener.settimeout(0.05)
    port = listener.getsockname()[1]
    stopped = threading.Event()
    transports: list[paramiko.Transport] = []

    def serve() -> None:
        while not stopped.is_set():
            try:
                conn, _address = listener.accept()
            except TimeoutError:
                continue
            transport = paramiko.Transport(conn)
            transport.add_server_key(host_key)
            transport.set_subsystem_handler("sftp", _OpenSshSubsystem)
            transports.append(transport)
            try:
                transport.start_server(server=_PasswordServer(users, binary, root))
            except (paramiko.SSHException, EOFError, OSError):
                transport.close()  # a client that gave up during the handshake

    thread = threading.Thread(target=serve, name=f"openssh-sftp-{port}", daemon=True)
    thread.start()

    def stop() -> None:
        stopped.set()
        thread.join(5)
        for transport in transports:
            transport.close()
        listener.close()

    fingerprint = sha256_fingerprint(host_key.asbytes())
    return SftpServerHandle(HOST, port, root, fingerprint, stop)
