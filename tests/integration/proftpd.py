"""A real ProFTPD on a free loopback port, the server of Plesk-hosted machines (where many
tax advisors keep their files): MLSD with all its facts, and with FTPS (mod_tls) it
requires the control connection's TLS session on every data connection, as mod_tls does
unless told ``NoSessionReuseRequired``. With mod_sftp it speaks SFTP instead.

Debian lets only one FTP server package be installed, and CI installs vsftpd, so
ProFTPD comes unpacked from its .deb files by tools/fetch_ftp_servers.sh into
``.test-servers/`` (or wherever ``TEST_FTP_SERVERS`` points); a system-wide ProFTPD
serves as well.

The user is a virtual one (mod_auth_file) with a real crypt(3) hash of its password, so
ProFTPD checks the password. It runs as whoever starts the server: as root the session
is chrooted to its home (``DefaultRoot``) as on Plesk; anybody else cannot chroot, and
the session then sees its home by its full path.
"""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import bcrypt
import psutil
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.domain.interface import Protocol
from desktop_app.transfer.trust import sha256_fingerprint

from .servers import HOST, Certificate, free_port
from .unpacked_servers import unpacked_root


@dataclass(frozen=True)
class ProftpdInstall:
    binary: Path
    modules: Path  # the directory of mod_tls.so and mod_sftp.so


def find_proftpd() -> ProftpdInstall | None:
    """The unpacked ProFTPD (``TEST_FTP_SERVERS``, else .test-servers), else the system's."""
    for root in (unpacked_root(), Path("/")):
        install = ProftpdInstall(root / "usr/sbin/proftpd", root / "usr/lib/proftpd")
        if install.binary.is_file() and (install.modules / "mod_tls.so").is_file():
            return install
    return None


@dataclass
class ProftpdHandle:
    host: str
    port: int
    root: Path  # the user's home, the "/" the client sees when chrooted
    protocol: Protocol
    fingerprint: str | None  # of the certificate (FTPS) or host key (SFTP); None: plain FTP
    process: subprocess.Popen
    log: Path  # ProFTPD's SystemLog (with TLSLog and SFTPLog beside it)
    output: BinaryIO  # where its own stdout and stderr go, for a failed start

    def stop(self) -> None:
        """End the daemon and every session it forked (its own process group) at once.

        SIGKILL: ProFTPD sleeps 0.2 s per interrupted call before it acts on a signal
        (its PR_TUNABLE_EINTR_RETRY_INTERVAL), and all it leaves behind is in tmp_path."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(5)
        self.output.close()


def password_line(user: str, password: str, home: Path) -> str:
    """An AuthUserFile line: the running user's ids, a bcrypt hash (libxcrypt's "$2b$")."""
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    return f"{user}:{hashed}:{os.getuid()}:{os.getgid()}::{home}:/bin/false\n"


def _base_config(
    install: ProftpdInstall, directory: Path, port: int, users: Path, denied: tuple[str, ...]
) -> list[str]:
    import grp  # POSIX only, as ProFTPD: imported here so the module loads on Windows
    import pwd

    as_root = os.getuid() == 0
    limit = [f"  <Limit {' '.join(denied)}>", "    DenyAll", "  </Limit>"] if denied else []
    return [
        'ServerName "ProFTPD test"',
        "ServerType standalone",
        f"Port {port}",
        f"DefaultAddress {HOST}",
        "SocketBindTight on",
        "UseIPv6 off",
        f"ModulePath {install.modules}",
        f"AuthUserFile {users}",
        "AuthOrder mod_auth_file.c",
        "RequireValidShell off",
        # the daemon stays who started it (it would switch to root otherwise, and fail)
        f"User {pwd.getpwuid(os.getuid()).pw_name}",
        f"Group {grp.getgrgid(os.getgid()).gr_name}",
        # root logs in as itself (the running user); only root can chroot
        *(["RootLogin on", "DefaultRoot ~"] if as_root else []),
        f"PidFile {directory / 'proftpd.pid'}",
        f"ScoreboardFile {directory / 'proftpd.scoreboard'}",
        f"SystemLog {directory / 'proftpd.log'}",
        f"TransferLog {directory / 'xfer.log'}",
        "WtmpLog off",
        "UseReverseDNS off",
        "DelayEngine off",  # mod_delay would slow every login down to hide the password check
        "ControlsEngine off",
        "<Directory />",
        "  AllowOverwrite on",
        *limit,
        "</Directory>",
    ]


def _tls_config(directory: Path, tls: Certificate) -> list[str]:
    # TLSOptions stays at its default: no NoSessionReuseRequired, so data connections must
    # resume the control connection's TLS session.
    return [
        "LoadModule mod_tls.c",
        "TLSEngine on",
        "TLSRequired on",
        "TLSProtocol TLSv1.2 TLSv1.3",
        f"TLSECCertificateFile {tls.cert_path}",
        f"TLSECCertificateKeyFile {tls.key_path}",
        f"TLSLog {directory / 'tls.log'}",
    ]


def _sftp_config(directory: Path, host_key: Path) -> list[str]:
    return [
        "LoadModule mod_sftp.c",
        "SFTPEngine on",
        f"SFTPHostKey {host_key}",
        "SFTPAuthMethods password",
        f"SFTPLog {directory / 'sftp.log'}",
    ]


def _host_key(directory: Path) -> tuple[Path, str]:
    """A fresh Ed25519 host key (what ssh-keygen makes first) in OpenSSH's file format;
    its fingerprint as the client reports it (SHA-256 of the SSH public key blob)."""
    key = Ed25519PrivateKey.generate()
    path = directory / "ssh_host_ed25519_key"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)  # mod_sftp refuses a host key others can read
    line = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    return path, sha256_fingerprint(base64.b64decode(line.split()[1]))


def start_proftpd(
    install: ProftpdInstall,
    directory: Path,
    protocol: Protocol,
    users: dict[str, str],
    tls: Certificate | None = None,
    denied: tuple[str, ...] = (),
    hidden_stores: bool = False,
    sftp_key_exchanges: str = "",
) -> ProftpdHandle:
    """ProFTPD for ``protocol`` with ``users`` (name -> password), all files in ``directory``;
    the users' home is ``directory / "root"``. FTPS needs ``tls``. ``denied``: commands or
    command groups (READ, WRITE, DELE, ...) refused everywhere, as a hoster's <Limit> does.
    ``hidden_stores``: an upload goes to ``.in.NAME.`` and is renamed when complete.
    ``sftp_key_exchanges``: mod_sftp's SFTPKeyExchanges (default: its own list)."""
    root = directory / "root"
    root.mkdir()
    password_file = directory / "ftpd.passwd"
    password_file.write_text("".join(password_line(u, p, root) for u, p in users.items()))
    password_file.chmod(0o600)  # mod_auth_file refuses a world-readable AuthUserFile
    port = free_port()
    lines = _base_config(install, directory, port, password_file, denied)
    if hidden_stores:
        lines.append("HiddenStores on")
    fingerprint = None
    if protocol is Protocol.FTPS:
        assert tls is not None, "FTPS needs a certificate"
        lines += _tls_config(directory, tls)
        fingerprint = tls.fingerprint
    elif protocol is Protocol.SFTP:
        host_key, fingerprint = _host_key(directory)
        lines += _sftp_config(directory, host_key)
        if sftp_key_exchanges:
            lines.append(f"SFTPKeyExchanges {sftp_key_exchanges}")
    config = directory / "proftpd.conf"
    config.write_text("\n".join(lines) + "\n")
    output = (directory / "proftpd.out").open("w+b")
    process = subprocess.Popen(
        [str(install.binary), "--nodaemon", "--config", str(config)],
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stop() ends the sessions too
    )
    handle = ProftpdHandle(
        HOST, port, root, protocol, fingerprint, process, directory / "proftpd.log", output
    )
    try:
        _wait_listening(handle)
    except BaseException:
        handle.stop()
        raise
    return handle


def _wait_listening(handle: ProftpdHandle) -> None:
    """Until the daemon listens. Not by connecting: a session ending makes ProFTPD's
    daemon sleep 0.4 s before it accepts the next connection."""
    daemon = psutil.Process(handle.process.pid)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if handle.process.poll() is not None:
            handle.output.seek(0)
            said = handle.output.read().decode(errors="replace")
            log = handle.log.read_text(errors="replace") if handle.log.exists() else ""
            raise RuntimeError(f"ProFTPD ended at once ({handle.process.returncode}): {said}{log}")
        with contextlib.suppress(psutil.Error):
            if any(
                c.status == psutil.CONN_LISTEN and c.laddr.port == handle.port
                for c in daemon.net_connections(kind="tcp4")
            ):
                return
        time.sleep(0.01)
    raise RuntimeError("ProFTPD did not listen within 10 s")
