"""One exception type per failure a user can act on.

``str(error)`` is English and meant for logs; ``error.message_de`` and ``error.message_en``
are what the form, the CLI, the history and the error report show in the user's
language: what happened and what to do about it. No message ever contains a password or
other secret: constructors take only host names, ports, paths, user names, fingerprints
and server replies, never credentials. Names and replies come from the server, so all
messages are made printable (control characters escaped).
"""

from __future__ import annotations

from .printable import printable


def _bytes_de(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _seconds_de(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.1f}".replace(".", ",")


def _seconds_en(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.1f}"


class TransferError(Exception):
    """Base of every failure talking to an FTP, SFTP or SMTP server."""

    def __init__(self, log_en: str, message_de: str, message_en: str) -> None:
        super().__init__(printable(log_en))
        self.message_de = printable(message_de)
        self.message_en = printable(message_en)


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
            "und Protokoll (FTP/FTPS: meist 21, SFTP: meist 22).",
            f"The server “{host}” refuses connections on port {port}. Check port and "
            "protocol (FTP/FTPS: usually 21, SFTP: usually 22).",
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
            f"{_seconds_de(seconds)} Sekunden nicht fertig und wurde abgebrochen. Versuchen "
            "Sie es später noch einmal; bleibt es so, wenden Sie sich an den Betreiber.",
            f"The server “{host}” sends too slowly: the transfer was not finished after "
            f"{_seconds_en(seconds)} seconds and was stopped. Try again later; if it stays like "
            "this, contact the server's operator.",
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
            f"The run took longer than its limit of {_seconds_en(seconds)} seconds (worked out "
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
        super().__init__(
            f"login as {user!r} on {host} failed", de, _login_en(host, user, no_password)
        )


def _login_en(host: str, user: str, no_password: bool) -> str:
    if no_password:
        return f"Login as “{user}” failed: no password is stored. Enter the password and save."
    return (
        f"Login as “{user}” on “{host}” failed. Check user name and password (they are "
        "case-sensitive)."
    )


class TlsNotSupported(TransferError):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"{host} does not offer TLS (AUTH TLS refused)",
            f"Der Server „{host}“ bietet keine verschlüsselte Verbindung (FTPS) an. Fragen "
            "Sie den Betreiber nach FTPS oder SFTP; unverschlüsseltes FTP nur, wenn Sie das "
            "Risiko bewusst tragen.",
            f"The server “{host}” does not offer an encrypted connection (FTPS). Ask the "
            "operator for FTPS or SFTP; use unencrypted FTP only if you knowingly accept the risk.",
        )


class TlsFailed(TransferError):
    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"TLS with {host} failed: {detail}",
            f"Die verschlüsselte Verbindung zu „{host}“ ist fehlgeschlagen ({detail}). "
            "Prüfen Sie Protokoll und Port; bleibt der Fehler, wenden Sie sich an den "
            "Betreiber des Servers.",
            f"The encrypted connection to “{host}” failed ({detail}). Check protocol and port; "
            "if the error persists, contact the server's operator.",
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
            f"The certificate of the server “{host}” is not confirmed by a known authority. "
            f"Fingerprint (SHA-256): {fingerprint}. Compare it with the fingerprint the operator "
            "gives you, and trust the certificate only if both match.",
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
            f"WARNING: The certificate of the server “{host}” has changed. Trusted was "
            f"{trusted_fingerprint}, now shown is {fingerprint}. This may be an attack. Ask the "
            "operator whether the certificate was renewed, and trust the new one only after they "
            "confirm it.",
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
            f"The certificate of the server “{host}” could not be verified ({detail}). Check "
            "the host name; the server needs a certificate from a recognised authority, issued "
            "for this name.",
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
            f"The SSH key of the server “{host}” is not known yet ({key_type}, fingerprint "
            f"SHA-256: {fingerprint}). Compare it with the fingerprint the operator gives you, and "
            "trust it only if both match.",
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
            f"WARNING: The SSH key of the server “{host}” has changed. Trusted was "
            f"{trusted_fingerprint}, now shown is {fingerprint}. This may be an attack. Ask the "
            "operator whether the key was renewed, and trust the new one only after they "
            "confirm it.",
        )


class SshFailed(TransferError):
    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"SSH with {host} failed: {detail}",
            f"Die SFTP-Verbindung zu „{host}“ ist fehlgeschlagen ({detail}). Prüfen Sie, ob "
            "der Server SFTP anbietet und der Port stimmt (meist 22).",
            f"The SFTP connection to “{host}” failed ({detail}). Check whether the server "
            "offers SFTP and the port is right (usually 22).",
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
            f"The directory “{shown}” does not exist on the server. Check its spelling "
            "(upper and lower case) in the field Directory.",
        )


class PermissionDenied(TransferError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"permission denied: {path!r}",
            f"Keine Leseberechtigung für „{path}“ auf dem Server. Bitten Sie den Betreiber, "
            "dem Benutzer Leserechte zu geben.",
            f"No read permission for “{path}” on the server. Ask the operator to give the "
            "user read rights.",
        )


class NoWriteRight(TransferError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"no write permission in {path!r}",
            f"Keine Schreib- oder Löschberechtigung für „{path}“. Das Programm muss "
            "importierte Dateien löschen; bitten Sie den Betreiber, dem Benutzer Schreib- "
            "und Löschrechte zu geben.",
            f"No permission to write or delete in “{path}”. The program must delete imported "
            "files; ask the operator to give the user rights to write and delete.",
        )


class RemoteFileVanished(TransferError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"remote file {path!r} is gone",
            f"Die Datei „{path}“ ist nicht mehr auf dem Server (inzwischen gelöscht oder "
            "umbenannt). Sie wird beim nächsten Lauf nicht mehr gesucht; nichts zu tun, "
            "außer sie fehlt dauerhaft.",
            f"The file “{path}” is no longer on the server (deleted or renamed in the "
            "meantime). The next run does not look for it again; nothing to do unless it stays "
            "missing.",
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
            f"The file “{path}” could not be deleted on the server ({reply}). It stays there; "
            "the next run recognises its content as booked already and does not book it again. "
            "If the error persists, contact the server's operator.",
        )


class DownloadIncomplete(TransferError):
    def __init__(self, path: str, expected: int, received: int) -> None:
        self.path, self.expected, self.received = path, expected, received
        super().__init__(
            f"download of {path!r} incomplete: {received} of {expected} bytes",
            f"Die Datei „{path}“ kam unvollständig an ({received} von {expected} Bytes). "
            "Sie wurde nicht importiert und bleibt auf dem Server; der nächste Lauf "
            "versucht es erneut.",
            f"The file “{path}” arrived incomplete ({received} of {expected} bytes). It was "
            "not imported and stays on the server; the next run tries again.",
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
            f"The file “{path}” changed on the server: it was listed with {expected:,} "
            "bytes, the server sent more. The download was stopped at once; the file was not "
            "imported and stays on the server, the next run tries again.",
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
            f"The file “{path}” is larger than allowed ({limit:,} bytes, "
            f"{limit / 1_048_576:g} MB); the download was stopped at this limit. It was not "
            "imported and stays on the server. Please have the file split into smaller files.",
        )


class DownloadTimedOut(TransferError):
    """A file did not arrive within its deadline (from its size and the minimum rate)."""

    def __init__(self, path: str, seconds: float, received: int, expected: int | None) -> None:
        self.path, self.seconds, self.received, self.expected = path, seconds, received, expected
        of = f" von {_bytes_de(expected)}" if expected is not None else ""
        of_en = f" of {expected:,}" if expected is not None else ""
        super().__init__(
            f"download of {path!r} not finished within {seconds:g} s "
            f"({received} of {expected if expected is not None else '?'} bytes)",
            f"Die Datei „{path}“ kam zu langsam an: nach {_seconds_de(seconds)} Sekunden "
            f"waren erst {_bytes_de(received)}{of} Bytes da. Der Download wurde abgebrochen; "
            "die Datei wurde nicht importiert und bleibt auf dem Server, der nächste Lauf "
            "versucht es erneut. Bleibt es so, prüfen Sie die Internetverbindung oder wenden "
            "Sie sich an den Betreiber des Servers.",
            f"The file “{path}” arrived too slowly: after {_seconds_en(seconds)} seconds only "
            f"{received:,}{of_en} bytes had arrived. The download was stopped; the file was not "
            "imported and stays on the server, the next run tries again. If it stays like this, "
            "check the internet connection or contact the server's operator.",
        )


class ProbeMismatch(TransferError):
    """The Test's probe file came back with other bytes than were written."""

    def __init__(self, path: str, written: int, read: int) -> None:
        self.path, self.written, self.read = path, written, read
        how = "mit anderem Inhalt" if read == written else f"mit {read} statt {written} Bytes"
        how_en = (
            "with other content" if read == written else f"with {read} instead of {written} bytes"
        )
        super().__init__(
            f"probe file {path!r} read back differs ({read} bytes read, {written} written)",
            f"Die Testdatei „{path}“ kam {how} zurück: Dateien würden beim Laden "
            "verfälscht. Bitten Sie den Betreiber des Servers, das zu prüfen "
            "(Übertragungsmodus, Virenscanner, Speicherplatz).",
            f"The test file “{path}” came back {how_en}: files would be corrupted on the way. "
            "Ask the server's operator to check this (transfer mode, virus scanner, disk space).",
        )


class UnsafeRemoteName(TransferError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"refusing unsafe remote file name {name!r}",
            f"Der Dateiname „{name}“ auf dem Server ist unzulässig und wurde nicht "
            "geladen. Bitten Sie den Absender, die Datei mit einem normalen Namen abzulegen.",
            f"The file name “{name}” on the server is not allowed; the file was not "
            "downloaded. Ask the sender to put the file there under a normal name.",
        )


class LocalWriteFailed(TransferError):
    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(
            f"cannot write local file {path!r}: {reason}",
            f"Die Datei „{path}“ konnte auf diesem Rechner nicht gespeichert werden "
            f"({reason}). Prüfen Sie freien Speicherplatz und Rechte im Temp-Verzeichnis.",
            f"The file “{path}” could not be saved on this computer ({reason}). Check the free "
            "disk space and the rights in the temporary folder.",
        )


# --- e-mail --------------------------------------------------------------------------


class SmtpNotConfigured(TransferError):
    def __init__(self) -> None:
        super().__init__(
            "no SMTP server configured",
            "Es ist kein SMTP-Postausgangsserver eingerichtet. Ein Administrator muss ihn "
            "zuerst einrichten (Server, Port, Absenderadresse).",
            "No SMTP server for outgoing mail is set up. An administrator must set it up "
            "first (server, port, sender address).",
        )


class SmtpLoginFailed(TransferError):
    def __init__(self, host: str, user: str) -> None:
        self.host, self.user = host, user
        super().__init__(
            f"SMTP login as {user!r} on {host} failed",
            f"Anmeldung am SMTP-Server „{host}“ als „{user}“ fehlgeschlagen. Prüfen Sie "
            "Benutzer und Passwort in den SMTP-Einstellungen.",
            f"Login to the SMTP server “{host}” as “{user}” failed. Check user name and "
            "password in the SMTP settings.",
        )


class SmtpRefused(TransferError):
    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"SMTP server {host} refused the message: {detail}",
            f"Der SMTP-Server „{host}“ hat die Nachricht abgelehnt ({detail}). Prüfen Sie "
            "Empfänger- und Absenderadresse; manche Server verlangen eine Anmeldung oder "
            "eine Absenderadresse der eigenen Domain.",
            f"The SMTP server “{host}” refused the message ({detail}). Check the recipient and "
            "sender addresses; some servers require a login or a sender address of their own "
            "domain.",
        )


class SmtpTlsNotSupported(TlsNotSupported):
    def __init__(self, host: str) -> None:
        self.host = host
        TransferError.__init__(
            self,
            f"SMTP server {host} does not offer STARTTLS",
            f"Der SMTP-Server „{host}“ bietet kein STARTTLS an. Wählen Sie als Sicherheit "
            "„SSL/TLS“ (meist Port 465) oder fragen Sie den Betreiber.",
            f"The SMTP server “{host}” does not offer STARTTLS. Choose “SSL/TLS” as "
            "security (usually port 465) or ask the operator.",
        )


class InvalidRecipient(TransferError):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__(
            f"invalid e-mail address {address!r}",
            f"„{address}“ ist keine gültige E-Mail-Adresse. Bitte korrigieren Sie die Adresse.",
            f"“{address}” is not a valid e-mail address. Please correct the address.",
        )
