"""Failures with the server's directories and files, and with the download: one type
per failure a user can act on (see ``errors`` for what ``str()`` and the messages are)."""

from __future__ import annotations

from .errors import TransferError, bytes_de, seconds_de, seconds_en

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
        # The skip reason's words; nothing about bookings, as a delete after the booking
        # raises it too.
        super().__init__(
            f"remote file {path!r} is gone",
            f"Die Datei „{path}“ ist nicht mehr auf dem Server (wohl von einem anderen Lauf "
            "geholt); nichts zu tun.",
            f"The file “{path}” is no longer on the server (probably fetched by another run); "
            "nothing to do.",
        )


class ListedButNotFound(TransferError):
    """Download and SIZE said the file is not there, but the directory still lists it (a
    name the session cannot send back as the listing gave it, say)."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"remote file {path!r} is still listed but the server did not find it",
            f"Die Datei „{path}“ steht noch im Verzeichnis des Servers, doch beim "
            "Herunterladen meldet der Server, es gebe sie nicht. Sie wurde nicht importiert "
            "und bleibt dort; der nächste Lauf versucht es erneut. Bleibt der Fehler, bitten "
            "Sie den Betreiber, den Dateinamen zu prüfen.",
            f"The file “{path}” is still listed in the server's directory, but when it was "
            "to be downloaded the server said there was no such file. It was not imported "
            "and stays there; the next run tries again. If the error persists, ask the "
            "server's operator to check the file's name.",
        )


class RetrieveFailed(TransferError):
    """RETR refused for another reason than a word for rights, and the file is still there
    (vsftpd answers "550 Failed to open file." for any error opening it)."""

    def __init__(self, path: str, reply: str) -> None:
        self.path, self.reply = path, reply
        super().__init__(
            f"could not download remote file {path!r}, which is still there: {reply}",
            f"Die Datei „{path}“ liegt noch auf dem Server, konnte aber nicht geladen werden "
            f"({reply}). Sie wurde nicht importiert und bleibt dort; der nächste Lauf versucht "
            "es erneut. Bleibt der Fehler, bitten Sie den Betreiber, die Leserechte der Datei "
            "zu prüfen.",
            f"The file “{path}” is still on the server but could not be downloaded ({reply}). "
            "It was not imported and stays there; the next run tries again. If the error "
            "persists, ask the server's operator to check the file's read rights.",
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
            f"{bytes_de(expected)} Bytes, der Server schickte mehr. Der Download wurde "
            "sofort abgebrochen; die Datei wurde nicht importiert und bleibt auf dem Server, "
            "der nächste Lauf versucht es erneut.",
            f"The file “{path}” changed on the server: it was listed with {expected:,} "
            "bytes, the server sent more. The download was stopped at once; the file was not "
            "imported and stays on the server, the next run tries again.",
        )


class ReplacedWhileBooking(TransferError):
    """The file on the server is no longer the content that was booked: it was written
    again while its first version was booked. Deleting it would lose the new version."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"{path!r} was replaced on the server while it was booked; not deleted",
            f"Die Datei „{path}“ wurde auf dem Server neu geschrieben, während ihre erste "
            "Fassung gebucht wurde. Sie bleibt auf dem Server; der nächste Lauf importiert "
            "die neue Fassung.",
            f"The file “{path}” was written again on the server while its first version was "
            "booked. It stays on the server; the next run imports the new version.",
        )


class DownloadTooLarge(TransferError):
    """A file whose size was not listed turned out larger than the file size limit."""

    def __init__(self, path: str, limit: int) -> None:
        self.path, self.limit = path, limit
        super().__init__(
            f"{path!r} is larger than the limit of {limit} bytes",
            f"Die Datei „{path}“ ist größer als erlaubt ({bytes_de(limit)} Bytes, "
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
        of = f" von {bytes_de(expected)}" if expected is not None else ""
        of_en = f" of {expected:,}" if expected is not None else ""
        super().__init__(
            f"download of {path!r} not finished within {seconds:g} s "
            f"({received} of {expected if expected is not None else '?'} bytes)",
            f"Die Datei „{path}“ kam zu langsam an: nach {seconds_de(seconds)} Sekunden "
            f"waren erst {bytes_de(received)}{of} Bytes da. Der Download wurde abgebrochen; "
            "die Datei wurde nicht importiert und bleibt auf dem Server, der nächste Lauf "
            "versucht es erneut. Bleibt es so, prüfen Sie die Internetverbindung oder wenden "
            "Sie sich an den Betreiber des Servers.",
            f"The file “{path}” arrived too slowly: after {seconds_en(seconds)} seconds only "
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


class ProbeVanished(TransferError):
    """The Test's probe file was gone when the Test went to read it back or delete it:
    something else on the server removed it (some servers move every upload away at
    once), so the Test could not see whether the user may read or delete files."""

    def __init__(self, path: str, *, reading: bool = False) -> None:
        self.path = path
        self.reading = reading
        when_de, when_en, did = (
            ("lesen", "read", "read") if reading else ("löschen", "delete", "deleted")
        )
        unchecked_de = (
            "Lese- und Löschberechtigung sind" if reading else "Die Löschberechtigung ist"
        )
        unchecked_en = (
            "permissions to read and delete are" if reading else "permission to delete is"
        )
        super().__init__(
            f"probe file {path!r} was gone before the Test {did} it",
            f"Die Testdatei „{path}“ war schon nicht mehr auf dem Server, als der Test sie "
            f"{when_de} wollte: ein anderes Programm oder der Server selbst hat sie entfernt. "
            f"{unchecked_de} damit nicht geprüft. Versuchen Sie den Test noch "
            "einmal; kommt die Meldung wieder, fragen Sie den Betreiber des Servers, was "
            "Dateien aus diesem Verzeichnis entfernt.",
            f"The probe file “{path}” was already gone from the server when the Test went to "
            f"{when_en} it: another program or the server itself removed it. So the "
            f"{unchecked_en} not checked. Try the Test again; if this message comes back, ask "
            "the server's operator what removes files from this directory.",
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
