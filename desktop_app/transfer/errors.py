"""One exception type per failure a user can act on: reaching the server here; logging
in, TLS and SSH in ``login_errors``; the directories, files and download in
``file_errors``; e-mail in ``smtp_errors``.

``str(error)`` is English and meant for logs; ``error.message_de`` and ``error.message_en``
are what the form, the CLI, the history and the error report show in the user's
language: what happened and what to do about it. No message ever contains a password or
other secret: constructors take only host names, ports, paths, user names, fingerprints
and server replies, never credentials. Names and replies come from the server, so all
messages are made printable (control characters escaped).
"""

from __future__ import annotations

from ..domain.money_text import format_count
from ..domain.said_error import SaidError
from .printable import printable


def bytes_de(count: int) -> str:
    return format_count(count, "de")


def seconds_de(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.1f}".replace(".", ",")


def seconds_en(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.1f}"


class TransferError(SaidError):
    """Base of every failure talking to an FTP, SFTP or SMTP server; the log text first,
    as its subclasses read best."""

    def __init__(self, log_en: str, message_de: str, message_en: str) -> None:
        super().__init__(printable(message_de), printable(message_en), printable(log_en))


# --- reaching the server -------------------------------------------------------------


class HostNotFound(TransferError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"host {host!r} not found",
            f"Der Server „{host}“ wurde nicht gefunden. Prüfen Sie den Hostnamen auf "
            "Tippfehler und ob dieser Rechner Zugang zum Netzwerk bzw. Internet hat.",
            f"The server “{host}” was not found. Check the host name for typos and whether "
            "this computer has access to the network or the internet.",
        )


class HostUnreachable(TransferError):
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        super().__init__(
            f"host {host}:{port} unreachable",
            f"Der Server „{host}“ ist über das Netzwerk nicht erreichbar. Prüfen Sie die "
            "Netzwerkverbindung dieses Rechners und ob eine Firewall die Verbindung sperrt.",
            f"The server “{host}” cannot be reached over the network. Check this computer's "
            "network connection and whether a firewall blocks the connection.",
        )


class ConnectionRefused(TransferError):
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        super().__init__(
            f"connection to {host}:{port} refused",
            f"Der Server „{host}“ lehnt Verbindungen auf Port {port} ab. Prüfen Sie Port "
            "und Protokoll (FTP und FTPS explizit: meist 21, FTPS implizit: meist 990, "
            "SFTP: meist 22).",
            f"The server “{host}” refuses connections on port {port}. Check port and "
            "protocol (FTP and explicit FTPS: usually 21, implicit FTPS: usually 990, "
            "SFTP: usually 22).",
        )


class ConnectTimeout(TransferError):
    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        super().__init__(
            f"connecting to {host}:{port} timed out after {timeout:g} s",
            f"Keine Verbindung zu „{host}“ (Port {port}) innerhalb von {timeout:g} Sekunden. "
            "Prüfen Sie Hostname und Port; eventuell blockiert eine Firewall die Verbindung.",
            f"No connection to “{host}” (port {port}) within {timeout:g} seconds. Check "
            "host name and port; a firewall may be blocking the connection.",
        )


class ReadTimeout(TransferError):
    def __init__(self, host: str, timeout: float) -> None:
        self.host, self.timeout = host, timeout
        super().__init__(
            f"{host} did not answer within {timeout:g} s",
            f"Der Server „{host}“ hat die Verbindung angenommen, antwortet aber nicht "
            f"(Zeitüberschreitung nach {timeout:g} Sekunden). Prüfen Sie Port und Protokoll "
            "oder versuchen Sie es später noch einmal.",
            f"The server “{host}” accepted the connection but does not answer (timed out "
            f"after {timeout:g} seconds). Check port and protocol or try again later.",
        )


class WrongProtocol(TransferError):
    """The server on the port speaks another protocol than the one chosen: an SSH server
    where FTP was chosen, or an FTP server where SFTP was."""

    def __init__(self, host: str, port: int, *, found_ssh: bool) -> None:
        self.host, self.port, self.found_ssh = host, port, found_ssh
        if found_ssh:
            texts = (
                f"Am Port {port} von „{host}“ antwortet ein SSH-Server. Wählen Sie als "
                "Protokoll SFTP (Port meist 22).",
                f"An SSH server answers on port {port} of “{host}”. Choose SFTP as the "
                "protocol (port usually 22).",
            )
        else:
            texts = (
                f"Am Port {port} von „{host}“ antwortet ein FTP-Server. Wählen Sie als "
                "Protokoll FTPS oder FTP (Port meist 21).",
                f"An FTP server answers on port {port} of “{host}”. Choose FTPS or FTP as the "
                "protocol (port usually 21).",
            )
        kind = "SSH" if found_ssh else "FTP"
        super().__init__(f"{host}:{port} speaks {kind}", *texts)


class ImplicitTls(TransferError):
    """The server on the port says nothing until the client starts TLS: implicit FTPS
    (mostly port 990), found where FTP, explicit FTPS or SFTP was chosen."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        super().__init__(
            f"{host}:{port} expects TLS from the start (implicit FTPS)",
            f"Am Port {port} von „{host}“ erwartet der Server eine verschlüsselte Verbindung "
            "von Anfang an (implizites FTPS). Wählen Sie als Protokoll „FTPS (implizit, "
            "Port 990)“.",
            f"Port {port} of “{host}” expects an encrypted connection from the start "
            "(implicit FTPS). Choose “FTPS (implicit, port 990)” as the protocol.",
        )


class GreetsWithoutTls(TransferError):
    """Implicit FTPS chosen, but the server greets in plain text: plain FTP or explicit
    FTPS (AUTH TLS), mostly on port 21."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        super().__init__(
            f"{host}:{port} greets without TLS (no implicit FTPS)",
            f"Am Port {port} von „{host}“ meldet sich der Server unverschlüsselt, implizites "
            "FTPS passt hier nicht. Wählen Sie als Protokoll „FTPS (explizit, TLS)“ oder "
            "FTP (Port meist 21).",
            f"The server “{host}” greets without encryption on port {port}, so implicit "
            "FTPS does not fit there. Choose “FTPS (explicit TLS)” or FTP as the protocol "
            "(port usually 21).",
        )


class ConnectionLost(TransferError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"connection to {host} lost",
            f"Die Verbindung zu „{host}“ wurde unerwartet getrennt. Versuchen Sie es später "
            "noch einmal; bleibt der Fehler, prüfen Sie Protokoll und Port.",
            f"The connection to “{host}” was closed unexpectedly. Try again later; if the "
            "error persists, check protocol and port.",
        )


class ServerUnavailable(TransferError):
    def __init__(self, host: str, reply: str) -> None:
        self.host, self.reply = host, reply
        super().__init__(
            f"{host} is not available: {reply}",
            f"Der Server „{host}“ nimmt derzeit keine Verbindungen an (z. B. zu viele "
            "Verbindungen oder Wartung). Versuchen Sie es später noch einmal.",
            f"The server “{host}” does not accept connections at the moment (e.g. too many "
            "connections or maintenance). Try again later.",
        )


class IdleDisconnect(TransferError):
    """The server closed a connection that had been idle (e.g. while the computer slept)."""

    def __init__(self, host: str, reply: str) -> None:
        self.host, self.reply = host, reply
        super().__init__(
            f"{host} closed the idle connection: {reply}",
            f"Der Server „{host}“ hat die Verbindung nach einer Pause ohne Aktivität "
            "getrennt (z. B. während dieser Rechner im Ruhezustand war). Das Programm "
            "verbindet sich neu; bleibt der Fehler, prüfen Sie die Netzwerkverbindung.",
            f"The server “{host}” closed the connection after a pause without activity (e.g. "
            "while this computer was asleep). The program connects again; if the error persists, "
            "check the network connection.",
        )


class TransferTimedOut(TransferError):
    """Data kept coming, but too slowly: the transfer did not end within its deadline."""

    def __init__(self, host: str, seconds: float) -> None:
        self.host, self.seconds = host, seconds
        super().__init__(
            f"transfer from {host} not finished within {seconds:g} s",
            f"Der Server „{host}“ sendet zu langsam: die Übertragung war nach "
            f"{seconds_de(seconds)} Sekunden nicht fertig und wurde abgebrochen. Versuchen "
            "Sie es später noch einmal; bleibt es so, wenden Sie sich an den Betreiber.",
            f"The server “{host}” sends too slowly: the transfer was not finished after "
            f"{seconds_en(seconds)} seconds and was stopped. Try again later; if it stays like "
            "this, contact the server's operator.",
        )


class RunTimedOut(TransferError):
    """The whole run took longer than its deadline (from the sizes of its files)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"the run took longer than its {seconds:g} s",
            f"Der Lauf hat seine Höchstdauer von {seconds_de(seconds)} Sekunden (berechnet "
            "aus der Größe der Dateien) überschritten und wurde abgebrochen. Gebuchtes "
            "bleibt gebucht; die übrigen Dateien bleiben auf dem Server und folgen im "
            "nächsten Lauf. Bleibt es so, prüfen Sie die Verbindung zum Server oder die "
            "Mindestgeschwindigkeit in den Filialkettenoptionen.",
            f"The run took longer than its limit of {seconds_en(seconds)} seconds (worked out "
            "from the files' sizes) and was stopped. What was booked stays booked; the other "
            "files stay on the server and follow in the next run. If it stays like this, check "
            "the connection to the server or the minimum download speed in the chain options.",
        )


class DataConnectionFailed(TransferError):
    """Logged in, but the separate FTP data connection cannot be opened."""

    def __init__(self, host: str, passive: bool) -> None:
        self.host, self.passive = host, passive
        mode, other = ("passiven", "aktiven") if passive else ("aktiven", "passiven")
        mode_en, other_en = ("passive", "active") if passive else ("active", "passive")
        super().__init__(
            f"data connection to {host} failed ({'passive' if passive else 'active'} mode)",
            f"Die Verbindung zu „{host}“ steht, aber die Datenverbindung im {mode} Modus "
            f"nicht. Versuchen Sie den {other} Modus oder bitten Sie die IT bzw. den "
            "Betreiber, die Firewall für FTP-Datenverbindungen zu öffnen.",
            f"The connection to “{host}” works, but the data connection in {mode_en} mode "
            f"does not. Try {other_en} mode or ask IT or the server's operator to open the "
            "firewall for FTP data connections.",
        )


class ProtocolError(TransferError):
    """The server answered something this program does not understand or expect."""

    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"unexpected answer from {host}: {detail}",
            f"Der Server „{host}“ hat unerwartet geantwortet ({detail}). Prüfen Sie das "
            "Protokoll (FTP, FTPS, SFTP) und wenden Sie sich sonst an den Betreiber des Servers.",
            f"The server “{host}” gave an unexpected answer ({detail}). Check the protocol "
            "(FTP, FTPS, SFTP); otherwise contact the server's operator.",
        )


class TransferCancelled(TransferError):
    def __init__(self) -> None:
        super().__init__(
            "cancelled by the user", "Vom Benutzer abgebrochen.", "Cancelled by the user."
        )
