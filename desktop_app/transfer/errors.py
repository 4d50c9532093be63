"""One exception type per failure a user can act on.

``str(error)`` is English and meant for logs; ``error.message_de`` is what the form, the
CLI and the error report show: what happened and what to do about it. No message ever
contains a password or other secret: constructors take only host names, ports, paths,
user names, fingerprints and server replies, never credentials. Names and replies come
from the server, so both messages are made printable (control characters escaped).
"""

from __future__ import annotations

from .printable import printable


def _bytes_de(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _seconds_de(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.1f}".replace(".", ",")


class TransferError(Exception):
    """Base of every failure talking to an FTP, SFTP or SMTP server."""

    def __init__(self, message_en: str, message_de: str) -> None:
        super().__init__(printable(message_en))
        self.message_de = printable(message_de)

    @property
    def message_en(self) -> str:
        """The English text, as a sentence (the log's wording)."""
        text = str(self)
        text = text[:1].upper() + text[1:]
        return text if text.endswith((".", "!", "?")) else text + "."


# --- reaching the server -------------------------------------------------------------


class HostNotFound(TransferError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"host {host!r} not found",
            f"Der Server „{host}“ wurde nicht gefunden. Prüfen Sie den Hostnamen auf "
            "Tippfehler und ob dieser Rechner Zugang zum Netzwerk bzw. Internet hat.",
        )


class HostUnreachable(TransferError):
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        super().__init__(
            f"host {host}:{port} unreachable",
            f"Der Server „{host}“ ist über das Netzwerk nicht erreichbar. Prüfen Sie die "
            "Netzwerkverbindung dieses Rechners und ob eine Firewall die Verbindung sperrt.",
        )


class ConnectionRefused(TransferError):
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        super().__init__(
            f"connection to {host}:{port} refused",
            f"Der Server „{host}“ lehnt Verbindungen auf Port {port} ab. Prüfen Sie Port "
            "und Protokoll (FTP/FTPS: meist 21, SFTP: meist 22).",
        )


class ConnectTimeout(TransferError):
    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        super().__init__(
            f"connecting to {host}:{port} timed out after {timeout:g} s",
            f"Keine Verbindung zu „{host}“ (Port {port}) innerhalb von {timeout:g} Sekunden. "
            "Prüfen Sie Hostname und Port; eventuell blockiert eine Firewall die Verbindung.",
        )


class ReadTimeout(TransferError):
    def __init__(self, host: str, timeout: float) -> None:
        self.host, self.timeout = host, timeout
        super().__init__(
            f"{host} did not answer within {timeout:g} s",
            f"Der Server „{host}“ hat die Verbindung angenommen, antwortet aber nicht "
            f"(Zeitüberschreitung nach {timeout:g} Sekunden). Prüfen Sie Port und Protokoll "
            "oder versuchen Sie es später noch einmal.",
        )


class ConnectionLost(TransferError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"connection to {host} lost",
            f"Die Verbindung zu „{host}“ wurde unerwartet getrennt. Versuchen Sie es später "
            "noch einmal; bleibt der Fehler, prüfen Sie Protokoll und Port.",
        )


class ServerUnavailable(TransferError):
    def __init__(self, host: str, reply: str) -> None:
        self.host, self.reply = host, reply
        super().__init__(
            f"{host} is not available: {reply}",
            f"Der Server „{host}“ nimmt derzeit keine Verbindungen an (z. B. zu viele "
            "Verbindungen oder Wartung). Versuchen Sie es später noch einmal.",
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
        )


class TransferTimedOut(TransferError):
    """Data kept coming, but too slowly: the transfer did not end within its deadline."""

    def __init__(self, host: str, seconds: float) -> None:
        self.host, self.seconds = host, seconds
        super().__init__(
            f"transfer from {host} not finished within {seconds:g} s",
            f"Der Server „{host}“ sendet zu langsam: die Übertragung war nach "
            f"{_seconds_de(seconds)} Sekunden nicht fertig und wurde abgebrochen. Versuchen "
            "Sie es später noch einmal; bleibt es so, wenden Sie sich an den Betreiber.",
        )


class RunTimedOut(TransferError):
    """The whole run took longer than its deadline (from the sizes of its files)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"the run took longer than its {seconds:g} s",
            f"Der Lauf hat seine Höchstdauer von {_seconds_de(seconds)} Sekunden (berechnet "
            "aus der Größe der Dateien) überschritten und wurde abgebrochen. Gebuchtes "
            "bleibt gebucht; die übrigen Dateien bleiben auf dem Server und folgen im "
            "nächsten Lauf. Bleibt es so, prüfen Sie die Verbindung zum Server oder die "
            "Mindestgeschwindigkeit in den Filialkettenoptionen.",
        )


class DataConnectionFailed(TransferError):
    """Logged in, but the separate FTP data connection cannot be opened."""

    def __init__(self, host: str, passive: bool) -> None:
        self.host, self.passive = host, passive
        mode, other = ("passiven", "aktiven") if passive else ("aktiven", "passiven")
        super().__init__(
            f"data connection to {host} failed ({'passive' if passive else 'active'} mode)",
            f"Die Verbindung zu „{host}“ steht, aber die Datenverbindung im {mode} Modus "
            f"nicht. Versuchen Sie den {other} Modus oder bitten Sie die IT bzw. den "
            "Betreiber, die Firewall für FTP-Datenverbindungen zu öffnen.",
        )


class ProtocolError(TransferError):
    """The server answered something this program does not understand or expect."""

    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"unexpected answer from {host}: {detail}",
            f"Der Server „{host}“ hat unerwartet geantwortet ({detail}). Prüfen Sie das "
            "Protokoll (FTP, FTPS, SFTP) und wenden Sie sich sonst an den Betreiber des Servers.",
        )


class TransferCancelled(TransferError):
    def __init__(self) -> None:
        super().__init__("cancelled by the user", "Vom Benutzer abgebrochen.")


# --- login and encryption ------------------------------------------------------------


class LoginFailed(TransferError):
    def __init__(self, host: str, user: str, *, no_password: bool = False) -> None:
        self.host, self.user, self.no_password = host, user, no_password
        if no_password:
            de = (
                f"Anmeldung als „{user}“ fehlgeschlagen: Es ist kein Passwort hinterlegt. "
                "Geben Sie das Passwort ein und speichern Sie."
            )
        else:
            de = (
                f"Anmeldung als „{user}“ an „{host}“ fehlgeschlagen. Prüfen Sie Benutzer und "
                "Passwort (Groß-/Kleinschreibung beachten)."
            )
        super().__init__(f"login as {user!r} on {host} failed", de)


class TlsNotSupported(TransferError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"{host} does not offer TLS (AUTH TLS refused)",
            f"Der Server „{host}“ bietet keine verschlüsselte Verbindung (FTPS) an. Fragen "
            "Sie den Betreiber nach FTPS oder SFTP; unverschlüsseltes FTP nur, wenn Sie das "
            "Risiko bewusst tragen.",
        )


class TlsFailed(TransferError):
    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"TLS with {host} failed: {detail}",
            f"Die verschlüsselte Verbindung zu „{host}“ ist fehlgeschlagen ({detail}). "
            "Prüfen Sie Protokoll und Port; bleibt der Fehler, wenden Sie sich an den "
            "Betreiber des Servers.",
        )


class CertificateUnknown(TransferError):
    """The certificate is not signed by a known authority and not yet trusted here."""

    def __init__(self, host: str, fingerprint: str) -> None:
        self.host, self.fingerprint = host, fingerprint
        super().__init__(
            f"certificate of {host} is not trusted (SHA-256 {fingerprint})",
            f"Das Zertifikat des Servers „{host}“ ist nicht von einer bekannten Stelle "
            f"bestätigt. Fingerabdruck (SHA-256): {fingerprint}. Vergleichen Sie ihn mit "
            "dem Fingerabdruck, den Ihnen der Betreiber nennt, und vertrauen Sie dem "
            "Zertifikat nur, wenn beide übereinstimmen.",
        )


class CertificateChanged(TransferError):
    """The server now shows a different certificate than the one trusted before."""

    def __init__(self, host: str, trusted_fingerprint: str, fingerprint: str) -> None:
        self.host = host
        self.trusted_fingerprint, self.fingerprint = trusted_fingerprint, fingerprint
        super().__init__(
            f"certificate of {host} changed: trusted {trusted_fingerprint}, got {fingerprint}",
            f"WARNUNG: Das Zertifikat des Servers „{host}“ hat sich geändert. Vertraut war "
            f"{trusted_fingerprint}, jetzt gezeigt wird {fingerprint}. Das kann ein "
            "Angriff sein. Fragen Sie den Betreiber, ob das Zertifikat erneuert wurde, und "
            "vertrauen Sie dem neuen nur nach dessen Bestätigung.",
        )


class CertificateInvalid(TransferError):
    """TLS verification failed where no pinning is offered (the SMTP server)."""

    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"certificate of {host} could not be verified: {detail}",
            f"Das Zertifikat des Servers „{host}“ konnte nicht geprüft werden ({detail}). "
            "Prüfen Sie den Hostnamen; der Server braucht ein Zertifikat einer anerkannten "
            "Stelle, das auf diesen Namen ausgestellt ist.",
        )


class HostKeyUnknown(TransferError):
    def __init__(self, host: str, fingerprint: str, key_type: str) -> None:
        self.host, self.fingerprint, self.key_type = host, fingerprint, key_type
        super().__init__(
            f"host key of {host} is not trusted ({key_type} SHA-256 {fingerprint})",
            f"Der SSH-Schlüssel des Servers „{host}“ ist noch nicht bekannt ({key_type}, "
            f"Fingerabdruck SHA-256: {fingerprint}). Vergleichen Sie ihn mit dem "
            "Fingerabdruck, den Ihnen der Betreiber nennt, und vertrauen Sie ihm nur, wenn "
            "beide übereinstimmen.",
        )


class HostKeyChanged(TransferError):
    def __init__(self, host: str, trusted_fingerprint: str, fingerprint: str) -> None:
        self.host = host
        self.trusted_fingerprint, self.fingerprint = trusted_fingerprint, fingerprint
        super().__init__(
            f"host key of {host} changed: trusted {trusted_fingerprint}, got {fingerprint}",
            f"WARNUNG: Der SSH-Schlüssel des Servers „{host}“ hat sich geändert. Vertraut "
            f"war {trusted_fingerprint}, jetzt gezeigt wird {fingerprint}. Das kann ein "
            "Angriff sein. Fragen Sie den Betreiber, ob der Schlüssel erneuert wurde, und "
            "vertrauen Sie dem neuen nur nach dessen Bestätigung.",
        )


class SshFailed(TransferError):
    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"SSH with {host} failed: {detail}",
            f"Die SFTP-Verbindung zu „{host}“ ist fehlgeschlagen ({detail}). Prüfen Sie, ob "
            "der Server SFTP anbietet und der Port stimmt (meist 22).",
        )


# --- directories and files -----------------------------------------------------------


class DirectoryMissing(TransferError):
    def __init__(self, directory: str) -> None:
        self.directory = directory
        shown = directory or "/"
        super().__init__(
            f"directory {shown!r} does not exist",
            f"Das Verzeichnis „{shown}“ gibt es auf dem Server nicht. Prüfen Sie die "
            "Schreibweise (Groß-/Kleinschreibung) im Feld Verzeichnis.",
        )


class PermissionDenied(TransferError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"permission denied: {path!r}",
            f"Keine Leseberechtigung für „{path}“ auf dem Server. Bitten Sie den Betreiber, "
            "dem Benutzer Leserechte zu geben.",
        )


class NoWriteRight(TransferError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"no write permission in {path!r}",
            f"Keine Schreib- oder Löschberechtigung für „{path}“. Das Programm muss "
            "importierte Dateien löschen; bitten Sie den Betreiber, dem Benutzer Schreib- "
            "und Löschrechte zu geben.",
        )


class RemoteFileVanished(TransferError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"remote file {path!r} is gone",
            f"Die Datei „{path}“ ist nicht mehr auf dem Server (inzwischen gelöscht oder "
            "umbenannt). Sie wird beim nächsten Lauf nicht mehr gesucht; nichts zu tun, "
            "außer sie fehlt dauerhaft.",
        )


class DeleteFailed(TransferError):
    """DELE refused for another reason than rights, and the file is still there."""

    def __init__(self, path: str, reply: str) -> None:
        self.path, self.reply = path, reply
        super().__init__(
            f"could not delete remote file {path!r}: {reply}",
            f"Die Datei „{path}“ konnte auf dem Server nicht gelöscht werden ({reply}). Sie "
            "bleibt dort; ihr Inhalt wird beim nächsten Lauf als bereits gebucht erkannt und "
            "nicht noch einmal gebucht. Bleibt der Fehler, wenden Sie sich an den Betreiber.",
        )


class DownloadIncomplete(TransferError):
    def __init__(self, path: str, expected: int, received: int) -> None:
        self.path, self.expected, self.received = path, expected, received
        super().__init__(
            f"download of {path!r} incomplete: {received} of {expected} bytes",
            f"Die Datei „{path}“ kam unvollständig an ({received} von {expected} Bytes). "
            "Sie wurde nicht importiert und bleibt auf dem Server; der nächste Lauf "
            "versucht es erneut.",
        )


class RemoteFileChanged(TransferError):
    """The server sent more than the listing said: the download was cut off there."""

    def __init__(self, path: str, expected: int, received: int) -> None:
        self.path, self.expected, self.received = path, expected, received
        super().__init__(
            f"{path!r} changed on the server: listed with {expected} bytes, "
            f"sent at least {received}",
            f"Die Datei „{path}“ hat sich auf dem Server geändert: gelistet war sie mit "
            f"{_bytes_de(expected)} Bytes, der Server schickte mehr. Der Download wurde "
            "sofort abgebrochen; die Datei wurde nicht importiert und bleibt auf dem Server, "
            "der nächste Lauf versucht es erneut.",
        )


class DownloadTooLarge(TransferError):
    """A file whose size was not listed turned out larger than the file size limit."""

    def __init__(self, path: str, limit: int) -> None:
        self.path, self.limit = path, limit
        super().__init__(
            f"{path!r} is larger than the limit of {limit} bytes",
            f"Die Datei „{path}“ ist größer als erlaubt ({_bytes_de(limit)} Bytes, "
            f"{limit / 1_048_576:g} MB); der Download wurde an dieser Grenze abgebrochen. "
            "Sie wurde nicht importiert und bleibt auf dem Server. Bitte die Datei in "
            "kleinere Dateien aufteilen lassen.",
        )


class DownloadTimedOut(TransferError):
    """A file did not arrive within its deadline (from its size and the minimum rate)."""

    def __init__(self, path: str, seconds: float, received: int, expected: int | None) -> None:
        self.path, self.seconds, self.received, self.expected = path, seconds, received, expected
        of = f" von {_bytes_de(expected)}" if expected is not None else ""
        super().__init__(
            f"download of {path!r} not finished within {seconds:g} s "
            f"({received} of {expected if expected is not None else '?'} bytes)",
            f"Die Datei „{path}“ kam zu langsam an: nach {_seconds_de(seconds)} Sekunden "
            f"waren erst {_bytes_de(received)}{of} Bytes da. Der Download wurde abgebrochen; "
            "die Datei wurde nicht importiert und bleibt auf dem Server, der nächste Lauf "
            "versucht es erneut. Bleibt es so, prüfen Sie die Internetverbindung oder wenden "
            "Sie sich an den Betreiber des Servers.",
        )


class ProbeMismatch(TransferError):
    """The Test's probe file came back with other bytes than were written."""

    def __init__(self, path: str, written: int, read: int) -> None:
        self.path, self.written, self.read = path, written, read
        how = "mit anderem Inhalt" if read == written else f"mit {read} statt {written} Bytes"
        super().__init__(
            f"probe file {path!r} read back differs ({read} bytes read, {written} written)",
            f"Die Testdatei „{path}“ kam {how} zurück: Dateien würden beim Laden "
            "verfälscht. Bitten Sie den Betreiber des Servers, das zu prüfen "
            "(Übertragungsmodus, Virenscanner, Speicherplatz).",
        )


class UnsafeRemoteName(TransferError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"refusing unsafe remote file name {name!r}",
            f"Der Dateiname „{name}“ auf dem Server ist unzulässig und wurde nicht "
            "geladen. Bitten Sie den Absender, die Datei mit einem normalen Namen abzulegen.",
        )


class LocalWriteFailed(TransferError):
    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(
            f"cannot write local file {path!r}: {reason}",
            f"Die Datei „{path}“ konnte auf diesem Rechner nicht gespeichert werden "
            f"({reason}). Prüfen Sie freien Speicherplatz und Rechte im Temp-Verzeichnis.",
        )


# --- e-mail --------------------------------------------------------------------------


class SmtpNotConfigured(TransferError):
    def __init__(self) -> None:
        super().__init__(
            "no SMTP server configured",
            "Es ist kein SMTP-Postausgangsserver eingerichtet. Ein Administrator muss ihn "
            "zuerst einrichten (Server, Port, Absenderadresse).",
        )


class SmtpLoginFailed(TransferError):
    def __init__(self, host: str, user: str) -> None:
        self.host, self.user = host, user
        super().__init__(
            f"SMTP login as {user!r} on {host} failed",
            f"Anmeldung am SMTP-Server „{host}“ als „{user}“ fehlgeschlagen. Prüfen Sie "
            "Benutzer und Passwort in den SMTP-Einstellungen.",
        )


class SmtpRefused(TransferError):
    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"SMTP server {host} refused the message: {detail}",
            f"Der SMTP-Server „{host}“ hat die Nachricht abgelehnt ({detail}). Prüfen Sie "
            "Empfänger- und Absenderadresse; manche Server verlangen eine Anmeldung oder "
            "eine Absenderadresse der eigenen Domain.",
        )


class SmtpTlsNotSupported(TlsNotSupported):
    def __init__(self, host: str) -> None:
        self.host = host
        TransferError.__init__(
            self,
            f"SMTP server {host} does not offer STARTTLS",
            f"Der SMTP-Server „{host}“ bietet kein STARTTLS an. Wählen Sie als Sicherheit "
            "„SSL/TLS“ (meist Port 465) oder fragen Sie den Betreiber.",
        )


class InvalidRecipient(TransferError):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__(
            f"invalid e-mail address {address!r}",
            f"„{address}“ ist keine gültige E-Mail-Adresse. Bitte korrigieren Sie die Adresse.",
        )
