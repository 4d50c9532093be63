"""The failures of logging in and of encryption: the password, TLS and the server's
identity (certificates, SSH host keys). Like every ``TransferError`` (see ``errors``): a
message in German and in English that says what to do, and never a secret.
"""

from __future__ import annotations

import ssl

from .errors import TransferError


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


class EncryptionRequired(TransferError):
    """Plain FTP was chosen, and the server refuses to log in without TLS."""

    def __init__(self, host: str, reply: str) -> None:
        self.host, self.reply = host, reply
        super().__init__(
            f"{host} requires TLS: {reply}",
            f"Der Server „{host}“ verlangt eine verschlüsselte Verbindung. Wählen Sie als "
            "Protokoll FTPS (Port meist 21).",
            f"The server “{host}” requires an encrypted connection. Choose FTPS as the "
            "protocol (port usually 21).",
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


class TlsOutdated(TransferError):
    """The server offers only TLS versions or key sizes that the program refuses (TLS 1.1
    and older, Diffie-Hellman keys under 2048 bits): only its operator can change that."""

    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(
            f"TLS with {host} refused as outdated: {detail}",
            f"Der Server „{host}“ bietet nur eine veraltete Verschlüsselung an (TLS 1.1 oder "
            "älter, oder zu kurze Schlüssel), die als unsicher gilt. Das Programm verbindet "
            "sich so nicht, damit Passwort und Daten geschützt bleiben. Bitten Sie den "
            "Betreiber, TLS 1.2 oder neuer einzuschalten.",
            f"The server “{host}” offers only outdated encryption (TLS 1.1 or older, or too "
            "short keys), which is considered unsafe. The program does not connect that way, "
            "so that the password and the data stay protected. Ask the operator to switch on "
            "TLS 1.2 or newer.",
        )


# OpenSSL's reasons for a handshake that failed on the TLS version or a too weak key; a
# bare "handshake failure" alert has many causes and stays TlsFailed.
_OUTDATED_TLS_REASONS = frozenset(
    {
        "UNSUPPORTED_PROTOCOL",  # the server chose a version below our minimum
        "TLSV1_ALERT_PROTOCOL_VERSION",  # the server knows none of the versions we offer
        "WRONG_SSL_VERSION",
        "NO_PROTOCOLS_AVAILABLE",
        "VERSION_TOO_LOW",
        "DH_KEY_TOO_SMALL",
        "EE_KEY_TOO_SMALL",
    }
)


def tls_error(host: str, exc: ssl.SSLError, context: str = "") -> TransferError:
    """The error for a failed TLS handshake or session with ``host`` (``context``: where,
    e.g. "data connection"); certificate errors are the caller's."""
    reason = str(exc.reason or exc)
    if exc.reason in _OUTDATED_TLS_REASONS:
        return TlsOutdated(host, reason)
    return TlsFailed(host, f"{context}: {reason}" if context else reason)


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


# What paramiko's IncompatiblePeer names, in the user's words: (German, English).
_SSH_PARTS = {
    "kex algorithm": ("Schlüsselaustausch", "key exchange"),
    "host key": ("Host-Schlüssel", "host key"),
    "ciphers": ("Verschlüsselung", "cipher"),
    "macs": ("Prüfsumme (MAC)", "message authentication (MAC)"),
    "compression": ("Komprimierung", "compression"),
    "version": ("SSH-Version", "SSH version"),
}


class SshOutdated(TransferError):
    """The SFTP server offers only algorithms the program refuses (ssh-rsa with SHA-1,
    diffie-hellman-group1, SSH 1, ...): only its operator can change that."""

    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        de, en = next(
            (words for key, words in _SSH_PARTS.items() if key in detail.lower()),
            (detail, detail),
        )
        super().__init__(
            f"SSH with {host} refused as outdated: {detail}",
            f"Der SFTP-Server „{host}“ bietet nur veraltete Verfahren an ({de}), die als "
            "unsicher gelten. Das Programm verbindet sich so nicht, damit Passwort und Daten "
            "geschützt bleiben. Bitten Sie den Betreiber, aktuelle Verfahren einzuschalten "
            "oder die Server-Software zu aktualisieren.",
            f"The SFTP server “{host}” offers only outdated methods ({en}), which are "
            "considered unsafe. The program does not connect that way, so that the password "
            "and the data stay protected. Ask the operator to switch on current methods or "
            "to update the server software.",
        )
