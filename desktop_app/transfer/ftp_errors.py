"""What an FTP server's replies and a broken session mean: the TransferError a user can
act on, told from the words real servers use for a refused right, a demand for TLS and an
idle timeout."""

from __future__ import annotations

import ftplib
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .errors import (
    ConnectionLost,
    DataConnectionFailed,
    IdleDisconnect,
    ProtocolError,
    ReadTimeout,
    ServerUnavailable,
    TransferError,
)
from .login_errors import tls_error

# Server replies for a refused right; "550" alone also means "no such file". ProFTPD
# refuses what its <Limit> sections deny with EPERM's text, "Operation not permitted".
_DENIED_WORDS = (
    "denied", "permission", "privilege", "not allowed", "not permitted", "access", "verweigert",
)  # fmt: skip
# A refusal of plain FTP: "534 Policy requires SSL." (IIS), "530 Non-anonymous sessions
# must use encryption." (vsftpd), "550 SSL/TLS required on the control channel" (ProFTPD),
# "421 Sorry, cleartext sessions … are not accepted" (Pure-FTPd), "530 This server does not
# allow plain FTP" (FileZilla Server).
_TLS_WORDS = (
    "tls", "ssl", "encrypt", "cleartext", "clear text", "plaintext", "plain text", "plain ftp",
    "verschlüssel",
)  # fmt: skip
# A 421 for an idle session (vsftpd, ProFTPD, Pure-FTPd, FileZilla, IIS, pyftpdlib say so).
_IDLE_WORDS = ("timeout", "timed out", "idle", "inactiv")


def reply_code(exc: BaseException) -> str:
    return str(exc)[:3]


def asks_for_tls(exc: BaseException) -> bool:
    text = str(exc).lower()
    return reply_code(exc) == "534" or any(word in text for word in _TLS_WORDS)


def looks_denied(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(word in text for word in _DENIED_WORDS)


def empty_listing(exc: BaseException) -> bool:
    # Some servers (IIS, old wu-ftpd) answer an empty directory with 450/550 "No files found"
    return "no files" in str(exc).lower() or "not found" in str(exc).lower()


@contextmanager
def transfer_errors(
    host: str,
    timeout: float,
    passive: bool,
    reply: Callable[[BaseException], str],
    drop: Callable[[], None],
) -> Iterator[None]:
    """ftplib's and the socket's errors as TransferErrors; ``reply`` words a server's
    reply (without the password), ``drop`` releases a session the server has ended."""
    try:
        yield
    except TransferError:
        raise
    except ftplib.error_temp as exc:
        said = reply(exc)
        code = reply_code(exc)
        if code == "421":
            drop()  # the server closes the connection after a 421
            if any(word in said.lower() for word in _IDLE_WORDS):
                raise IdleDisconnect(host, said) from exc
            raise ServerUnavailable(host, said) from exc
        if code in ("425", "426"):
            raise DataConnectionFailed(host, passive) from exc
        raise ProtocolError(host, said) from exc
    except ftplib.Error as exc:
        raise ProtocolError(host, reply(exc)) from exc
    except TimeoutError as exc:
        raise ReadTimeout(host, timeout) from exc
    except ssl.SSLCertVerificationError:
        raise
    except ssl.SSLError as exc:
        raise tls_error(host, exc) from exc
    except (OSError, EOFError) as exc:
        raise ConnectionLost(host) from exc
