"""Real servers on free loopback ports for the transfer tests.

Each helper starts a server in a thread and returns a handle with ``stop()``; the
fixtures in conftest.py stop them after every test, so no state leaks between tests.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import posixpath
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import paramiko
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from OpenSSL import SSL
from OpenSSL.SSL import _lib as openssl_lib  # only for SSL_session_reused
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer

from desktop_app.transfer.trust import sha256_fingerprint

HOST = "127.0.0.1"
FULL_RIGHTS = "elradfmwMT"
READ_ONLY = "elr"

# A handler of its own stops pyftpdlib from configuring logging (and printing every command).
logging.getLogger("pyftpdlib").addHandler(logging.NullHandler())
logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
logging.getLogger("paramiko").setLevel(logging.WARNING)


def free_port() -> int:
    """A port nobody listens on right now (aiosmtpd cannot bind port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- certificates ----------------------------------------------------------------------


@dataclass(frozen=True)
class Certificate:
    cert_path: Path
    key_path: Path
    fingerprint: str  # SHA-256 of the DER certificate, as the client reports it
    certificate: x509.Certificate = field(repr=False)
    key: ec.EllipticCurvePrivateKey = field(repr=False)

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts exactly this certificate (as CA or self-signed)."""
        return ssl.create_default_context(cafile=str(self.cert_path))


def make_certificate(
    directory: Path, name: str, *, issuer: Certificate | None = None, is_ca: bool = False
) -> Certificate:
    """A certificate for localhost/127.0.0.1: self-signed, or signed by ``issuer``."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"test {name}")])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
    )
    if not is_ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
            ),
            critical=False,
        )
    if is_ca:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
    certificate = builder.sign(issuer.key if issuer else key, hashes.SHA256())
    cert_path, key_path = directory / f"{name}.crt", directory / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    return Certificate(cert_path, key_path, sha256_fingerprint(der), certificate, key)


def server_ssl_context(cert: Certificate, *, outdated: bool = False) -> ssl.SSLContext:
    """``outdated``: TLS 1.0 and 1.1 only, as old mail and FTP servers still are."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert.cert_path, cert.key_path)
    if outdated:
        context.set_ciphers("DEFAULT:@SECLEVEL=0")  # OpenSSL 3 refuses TLS < 1.2 above 0
        with warnings.catch_warnings():  # Python warns against these versions, rightly
            warnings.simplefilter("ignore", DeprecationWarning)
            context.minimum_version = ssl.TLSVersion.TLSv1
            context.maximum_version = ssl.TLSVersion.TLSv1_1
    return context


# --- FTP and FTPS (pyftpdlib) ------------------------------------------------------------


@dataclass
class FtpServerHandle:
    host: str
    port: int
    root: Path
    stop: Callable[[], None]
    authorizer: DummyAuthorizer | None = None  # its users, for a password changed mid-test


class _ReuseRequiringDtp(TLS_DTPHandler):
    """Like vsftpd's require_ssl_reuse: a data connection must resume the control session."""

    def handle_ssl_established(self) -> None:
        if not openssl_lib.SSL_session_reused(self.socket._ssl):
            self.cmd_channel.respond("522 SSL connection failed: session reuse required")
            self.close()


class _ImplicitTlsHandler(TLS_FTPHandler):
    """Implicit FTPS: the handshake at once, the greeting only inside TLS."""

    def handle(self) -> None:
        self.secure_connection(self.ssl_context)

    def handle_ssl_established(self) -> None:
        TLS_FTPHandler.handle(self)  # the "220" greeting


def _firewalled_pasv(handler: FTPHandler, line: str) -> None:
    """Announce a passive port nobody listens on, as behind a firewall that drops it."""
    port = free_port()
    handler.respond(f"227 Entering Passive Mode (127,0,0,1,{port >> 8},{port & 0xFF}).")


def _echoing_pass(handler: FTPHandler, line: str) -> None:
    """Fail the login quoting the password, as some authentication back ends do."""
    handler.respond(f"451 Auth backend error for PASS {line}")


def _odd_list(handler: FTPHandler, path: str) -> str | None:
    """LIST in a format no client parses (as some odd servers send), so that a client
    falls back to NLST and SIZE."""
    names = sorted(handler.fs.listdir(path))
    data = "".join(f"?? {name} ??\r\n" for name in names)
    handler.push_dtp_data(data.encode(handler.encoding), cmd="LIST")
    return path


def _refusing_size(names: frozenset[str]) -> Callable[[FTPHandler, str], str | None]:
    """SIZE answered 550 for the files called ``names``, as a server does for a file it
    will not size (a special file, a name it cannot stat)."""

    def ftp_SIZE(handler: FTPHandler, path: str) -> str | None:
        if os.path.basename(path) in names:
            handler.respond("550 Could not get file size.")
            return None
        return FTPHandler.ftp_SIZE(handler, path)

    return ftp_SIZE


def _refusing_mdtm(handler: FTPHandler, path: str) -> str | None:
    """MDTM refused, as on a server without RFC 3659's commands."""
    handler.respond("502 Command not implemented.")
    return None


def _refusing_mdtm_of(names: frozenset[str]) -> Callable[[FTPHandler, str], str | None]:
    """MDTM answered 550 for the files called ``names``, as a server does for a name it
    cannot stat: its other files have time stamps, these have none."""

    def ftp_MDTM(handler: FTPHandler, path: str) -> str | None:
        if os.path.basename(path) in names:
            handler.respond("550 Could not get file modification time.")
            return None
        return FTPHandler.ftp_MDTM(handler, path)

    return ftp_MDTM


def _denying_cwd(names: frozenset[str]) -> Callable[[FTPHandler, str], str | None]:
    """CWD into ``names`` refused with a reply that repeats the name and says "denied", as
    some servers answer for a file (or a folder they will not open)."""

    def ftp_CWD(handler: FTPHandler, path: str) -> str | None:
        name = os.path.basename(path.rstrip("/"))
        if name in names:
            handler.respond(f"550 {name}: Permission denied.")
            return None
        return FTPHandler.ftp_CWD(handler, path)

    return ftp_CWD


def _unopenable(names: frozenset[str]) -> Callable[[FTPHandler, str], str | None]:
    """RETR of the files called ``names`` answered as vsftpd answers any error opening a
    file (rights, a lock): "550" without a word of why, the file left where it is."""

    def ftp_RETR(handler: FTPHandler, file: str) -> str | None:
        if os.path.basename(file) in names:
            handler.respond("550 Failed to open file.")
            return None
        return FTPHandler.ftp_RETR(handler, file)

    return ftp_RETR


def start_ftp_server(
    root: Path,
    users: dict[str, tuple[str, str]],
    *,
    tls: Certificate | None = None,
    mlsd: bool = True,
    require_session_reuse: bool = False,
    encoding: str = "utf8",
    passive_blocked: bool = False,
    outdated_tls: bool = False,
    echo_password: bool = False,
    odd_list: bool = False,
    size_refused: frozenset[str] = frozenset(),
    cwd_denied: frozenset[str] = frozenset(),
    mdtm_refused: bool = False,
    mdtm_refused_for: frozenset[str] = frozenset(),
    retr_failing: frozenset[str] = frozenset(),
    implicit_tls: bool = False,
) -> FtpServerHandle:
    """``users``: name -> (password, pyftpdlib permissions). TLS is required when given;
    ``outdated_tls``: only TLS 1.0 and 1.1; ``echo_password``: every login fails with a
    4xx reply that repeats the password; ``odd_list``: LIST in no format a client
    parses; ``size_refused``: names of files whose SIZE is refused; ``cwd_denied``: names
    CWD is refused for with "Permission denied"; ``mdtm_refused``: no MDTM;
    ``mdtm_refused_for``: names of files whose MDTM is refused; ``retr_failing``: names of
    files RETR cannot open; ``implicit_tls``: TLS from the first byte (with ``tls``)."""
    authorizer = DummyAuthorizer()
    for user, (password, perm) in users.items():
        authorizer.add_user(user, password, str(root), perm=perm)
    base = (_ImplicitTlsHandler if implicit_tls else TLS_FTPHandler) if tls else FTPHandler
    # auth_failed_timeout: pyftpdlib waits 3 s before "530", longer than the tests' timeouts
    attributes: dict[str, Any] = {
        "authorizer": authorizer,
        "encoding": encoding,
        "auth_failed_timeout": 0.05,
    }
    if not mlsd:  # pyftpdlib also stops announcing MLST in FEAT then
        commands = dict(base.proto_cmds)
        commands.pop("MLSD"), commands.pop("MLST")
        attributes["proto_cmds"] = commands
    if tls:
        context = SSL.Context(SSL.TLS_SERVER_METHOD)
        context.use_certificate_chain_file(str(tls.cert_path))
        context.use_privatekey_file(str(tls.key_path))
        context.set_session_id(b"ftpimport-tests")  # lets clients resume the session
        if outdated_tls:
            context.set_cipher_list(b"DEFAULT:@SECLEVEL=0")  # else OpenSSL 3 has no TLS 1.1
            context.set_min_proto_version(SSL.TLS1_VERSION)
            context.set_max_proto_version(SSL.TLS1_1_VERSION)
        attributes.update(ssl_context=context, tls_control_required=True, tls_data_required=True)
        if require_session_reuse:
            attributes["dtp_handler"] = _ReuseRequiringDtp
    if passive_blocked:
        attributes["ftp_PASV"] = _firewalled_pasv
    if echo_password:
        attributes["ftp_PASS"] = _echoing_pass
    if odd_list:
        attributes["ftp_LIST"] = _odd_list
    if size_refused:
        attributes["ftp_SIZE"] = _refusing_size(size_refused)
    if cwd_denied:
        attributes["ftp_CWD"] = _denying_cwd(cwd_denied)
    if mdtm_refused:
        attributes["ftp_MDTM"] = _refusing_mdtm
    elif mdtm_refused_for:
        attributes["ftp_MDTM"] = _refusing_mdtm_of(mdtm_refused_for)
    if retr_failing:
        attributes["ftp_RETR"] = _unopenable(retr_failing)
    handler = type("TestFtpHandler", (base,), attributes)  # a class per server: no leaks
    server = FTPServer((HOST, 0), handler)
    port = server.socket.getsockname()[1]
    stopped = threading.Event()

    def serve() -> None:
        while not stopped.is_set():
            server.ioloop.loop(0.02, blocking=False)  # serve_forever would log every turn
        server.close_all()

    thread = threading.Thread(target=serve, name=f"ftp-server-{port}", daemon=True)
    thread.start()

    def stop() -> None:
        stopped.set()
        thread.join(5)

    return FtpServerHandle(HOST, port, root, stop, authorizer)


# --- SFTP (paramiko server classes) ------------------------------------------------------


class PasswordLogin(paramiko.ServerInterface):
    """An SSH server's login: ``users`` maps names to passwords; sessions only."""

    def __init__(self, users: dict[str, str]):
        self.users = users

    def check_auth_password(self, username: str, password: str) -> int:
        if self.users.get(username) == password:
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED

    def get_allowed_auths(self, username: str) -> str:
        return "password"

    def check_channel_request(self, kind: str, chanid: int) -> int:
        if kind == "session":
            return paramiko.OPEN_SUCCEEDED
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED_OPEN


class _SshServer(PasswordLogin):
    def __init__(
        self, users: dict[str, str], root: Path, read_only: bool, write_only: bool, delay: float
    ):
        super().__init__(users)
        self.root = root
        self.read_only, self.write_only, self.read_delay = read_only, write_only, delay


class _SlowHandle(paramiko.SFTPHandle):
    """Answers every read request after ``delay`` seconds: a server that trickles."""

    def __init__(self, flags: int, delay: float) -> None:
        super().__init__(flags)
        self.delay = delay

    def read(self, offset: int, length: int) -> Any:
        time.sleep(self.delay)
        return super().read(offset, length)


class _RootedSftp(paramiko.SFTPServerInterface):
    """An SFTP file system confined to one directory, optionally read- or write-only."""

    def __init__(self, server: _SshServer, *args: Any, **kwargs: Any) -> None:
        super().__init__(server, *args, **kwargs)
        self.root, self.read_only = server.root, server.read_only
        self.write_only, self.read_delay = server.write_only, server.read_delay

    def _real(self, path: str) -> str:
        return str(self.root / self.canonicalize(path).lstrip("/"))

    def canonicalize(self, path: str) -> str:
        return posixpath.normpath("/" + path)

    def list_folder(self, path: str) -> Any:
        try:
            real = self._real(path)
            result = []
            for name in os.listdir(real):
                attributes = paramiko.SFTPAttributes.from_stat(os.lstat(os.path.join(real, name)))
                attributes.filename = name
                result.append(attributes)
            return result
        except OSError as exc:
            return paramiko.SFTPServer.convert_errno(exc.errno)

    def stat(self, path: str) -> Any:
        try:
            return paramiko.SFTPAttributes.from_stat(os.stat(self._real(path)))
        except OSError as exc:
            return paramiko.SFTPServer.convert_errno(exc.errno)

    lstat = stat

    def open(self, path: str, flags: int, attr: Any) -> Any:
        writing = flags & (os.O_WRONLY | os.O_RDWR)
        if (self.read_only and writing) or (self.write_only and not writing):
            return paramiko.sftp.SFTP_PERMISSION_DENIED
        try:
            fd = os.open(self._real(path), flags | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            return paramiko.SFTPServer.convert_errno(exc.errno)
        handle = (
            _SlowHandle(flags, self.read_delay) if self.read_delay else paramiko.SFTPHandle(flags)
        )
        stream = os.fdopen(fd, "wb" if flags & os.O_WRONLY else ("r+b" if writing else "rb"))
        handle.readfile = handle.writefile = stream
        return handle

    def remove(self, path: str) -> int:
        if self.read_only:
            return paramiko.sftp.SFTP_PERMISSION_DENIED
        try:
            os.remove(self._real(path))
        except OSError as exc:
            return paramiko.SFTPServer.convert_errno(exc.errno)
        return paramiko.sftp.SFTP_OK


@dataclass
class SftpServerHandle:
    host: str
    port: int
    root: Path
    fingerprint: str
    stop: Callable[[], None]


def serve_ssh(
    root: Path,
    host_key: paramiko.PKey,
    server: Callable[[], paramiko.ServerInterface],
    subsystem: tuple[Any, ...],
) -> SftpServerHandle:
    """An SSH server on a free loopback port: each connection gets ``server()`` for its
    login and ``subsystem`` (handler class and arguments) for its "sftp" requests."""
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
            transport.set_subsystem_handler("sftp", *subsystem)
            transports.append(transport)
            try:
                transport.start_server(server=server())
            except (paramiko.SSHException, EOFError, OSError):
                transport.close()  # a client that gave up during the handshake

    thread = threading.Thread(target=serve, name=f"sftp-server-{port}", daemon=True)
    thread.start()

    def stop() -> None:
        stopped.set()
        thread.join(5)
        for transport in transports:
            transport.close()
        listener.close()

    fingerprint = sha256_fingerprint(host_key.asbytes())
    return SftpServerHandle(HOST, port, root, fingerprint, stop)


def start_sftp_server(
    root: Path,
    users: dict[str, str],
    host_key: paramiko.PKey,
    *,
    read_only: bool = False,
    write_only: bool = False,
    read_delay: float = 0.0,
) -> SftpServerHandle:
    return serve_ssh(
        root,
        host_key,
        lambda: _SshServer(users, root, read_only, write_only, read_delay),
        (paramiko.SFTPServer, _RootedSftp),
    )


# --- SMTP (aiosmtpd) -------------------------------------------------------------------


class Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@dataclass
class SmtpServerHandle:
    host: str
    port: int
    inbox: Inbox
    stop: Callable[[], None]


def start_smtp_server(
    *,
    starttls: Certificate | None = None,
    implicit_tls: Certificate | None = None,
    login: tuple[str, str] | None = None,
) -> SmtpServerHandle:
    """Plain, STARTTLS (required) or implicit TLS; with ``login`` (user, password) AUTH."""
    inbox = Inbox()
    options: dict[str, Any] = {}
    if starttls:
        options.update(tls_context=server_ssl_context(starttls), require_starttls=True)
    if implicit_tls:
        options["ssl_context"] = server_ssl_context(implicit_tls)
    if login:
        options.update(
            authenticator=_authenticator(*login),
            auth_required=True,
            auth_require_tls=starttls is not None,
        )
    controller = Controller(inbox, hostname=HOST, port=free_port(), **options)
    controller.start()
    return SmtpServerHandle(HOST, controller.port, inbox, controller.stop)


def _authenticator(user: str, password: str) -> Callable[..., AuthResult]:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == user
            and data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False)

    return check


# --- misbehaving peers -----------------------------------------------------------------


class SilentServer:
    """Accepts TCP connections (the kernel does, via the backlog) and never says a word."""

    def __init__(self) -> None:
        self.socket = socket.create_server((HOST, 0), backlog=8)
        self.port = self.socket.getsockname()[1]

    def stop(self) -> None:
        self.socket.close()


class _ThreadPerConnection:
    """A loopback listener that serves each connection on a thread of its own."""

    name = "test peer"

    def __init__(self) -> None:
        self.socket = socket.create_server((HOST, 0), backlog=8)
        self.port = self.socket.getsockname()[1]
        self._held: list[socket.socket] = []
        threading.Thread(target=self._accept, name=self.name, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return  # stopped
            self._held.append(connection)
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        self.socket.close()
        for connection in self._held:
            connection.close()


class StallingAuthServer(_ThreadPerConnection):
    """Greets as FTP, agrees to AUTH TLS ("234") and then never answers the handshake."""

    name = "stalling AUTH"

    def _serve(self, connection: socket.socket) -> None:
        try:
            connection.sendall(b"220 ready\r\n")
            with connection.makefile("rb") as lines:
                for line in lines:
                    if line.upper().startswith(b"AUTH"):
                        connection.sendall(b"234 go ahead\r\n")
                        return  # and say nothing more: the handshake waits
                    connection.sendall(b"502 not here\r\n")
        except OSError:
            return  # the client went


class ImplicitTlsServer(_ThreadPerConnection):
    """Implicit TLS as FTPS on port 990 and SMTP on port 465 are: silent until the client's
    TLS handshake, then "220" inside TLS (``outdated``: TLS 1.0 and 1.1 only). Each
    connection is served on a thread of its own; the blocking ``ssl`` module, unlike
    asyncio's (aiosmtpd), sends the alert that tells the client why a handshake failed."""

    name = "implicit TLS"

    def __init__(self, certificate: Certificate, *, outdated: bool = False) -> None:
        self._context = server_ssl_context(certificate, outdated=outdated)
        super().__init__()

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(10)
        try:
            with self._context.wrap_socket(connection, server_side=True) as tls:
                tls.sendall(b"220 ready (implicit TLS)\r\n")
                tls.recv(1)  # until the client goes
        except OSError:
            connection.close()  # a client that only looked at our first bytes
