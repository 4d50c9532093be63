"""Why a database cannot be used: one error type per cause, each saying what to do.

``str(error)`` is English for the log and the command line; ``message_de`` and
``message_en`` are what a window or a run shows people, with the same advice.
"""

from __future__ import annotations


class Where:
    """How messages name a database: "the file …" or "the database …"."""

    def __init__(self, en: str, de: str):
        self.en, self.de = en, de

    @property
    def en_start(self) -> str:
        """``en`` at the start of a sentence: "The file …"."""
        return self.en[:1].upper() + self.en[1:]

    @classmethod
    def file(cls, path: object) -> Where:
        return cls(f"the file {path}", f"Die Datei {path}")

    @classmethod
    def database(cls, url: str) -> Where:
        return cls(f"the database {url}", f"Die Datenbank {url}")


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says what to do."""

    def __init__(self, log_en: str, message_de: str, message_en: str | None = None):
        super().__init__(log_en)
        self.message_de = message_de
        self.message_en = message_en or log_en


class InvalidDatabaseUrl(DatabaseError):
    def __init__(self) -> None:
        # The text is not repeated: it may hold a password.
        super().__init__(
            "--db/DESKTOP_APP_DB is not a database URL; examples: "
            "sqlite:///C:/Daten/buchhaltung.sqlite3, postgresql+psycopg://user@host/database",
            "Die Datenbank-Adresse ist ungültig. Beispiele: "
            "sqlite:///C:/Daten/buchhaltung.sqlite3 oder postgresql+psycopg://benutzer@server/db",
            "The database address is not valid. Examples: "
            "sqlite:///C:/Data/accounting.sqlite3 or postgresql+psycopg://user@server/db",
        )


class ForeignDatabase(DatabaseError):
    """Another application's database, or no database at all: left exactly as it is."""

    def __init__(self, where: Where, what_en: str, what_de: str):
        super().__init__(
            f"{where.en} {what_en}; it was not changed. Give this program's own database "
            "(or a new file) with --db or DESKTOP_APP_DB.",
            f"{where.de} {what_de}. Sie wurde nicht verändert. Bitte die eigene Datenbank "
            "dieses Programms (oder eine neue Datei) angeben.",
            f"{where.en_start} {what_en}. It was not changed. Please give this program's own "
            "database (or a new file).",
        )


class NewerDatabase(DatabaseError):
    def __init__(self, where: Where, revision: str):
        super().__init__(
            f"{where.en} was set up by a newer version of this program (schema {revision}); "
            "it was not changed. Please install the newer version.",
            f"{where.de} wurde von einer neueren Version dieses Programms eingerichtet "
            f"(Schema {revision}). Sie wurde nicht verändert. Bitte die neuere Version "
            "installieren.",
            f"{where.en_start} was set up by a newer version of this program (schema "
            f"{revision}). It was not changed. Please install the newer version.",
        )


class DamagedDatabase(DatabaseError):
    def __init__(self, where: Where, detail: str):
        super().__init__(
            f"{where.en} is damaged ({detail}); nothing was written to it. Restore the latest "
            "backup, or give the file to the support.",
            f"{where.de} ist beschädigt ({detail}). Es wurde nichts hineingeschrieben. Bitte "
            "die letzte Sicherung zurückspielen oder die Datei an den Support geben.",
            f"{where.en_start} is damaged ({detail}). Nothing was written to it. Please "
            "restore the latest backup or give the file to the support.",
        )


class DatabaseUnavailable(DatabaseError):
    def __init__(self, where: str, detail: str):
        super().__init__(
            f"cannot reach {where} ({detail})",
            f"Die Datenbank {where} ist nicht erreichbar ({detail}). Bitte Netzwerk, "
            "Server und Zugangsdaten prüfen.",
            f"The database {where} cannot be reached ({detail}). Please check the network, "
            "the server and the login details.",
        )


class ReadOnlyDatabase(DatabaseError):
    def __init__(self, where: Where):
        super().__init__(
            f"{where.en} is read-only here, and this needs to write to it; check the rights "
            "on the file and its directory",
            f"{where.de} ist hier schreibgeschützt, dafür muss aber in sie geschrieben werden. "
            "Bitte die Schreibrechte der Datei und ihres Verzeichnisses prüfen.",
            f"{where.en_start} is read-only here, but this needs to write to it. Please "
            "check the write permissions of the file and its directory.",
        )


class DatabaseBusy(DatabaseError):
    """A lock held elsewhere did not end within the lock timeout."""

    def __init__(self) -> None:
        super().__init__(
            "the database is in use by another computer (a lock did not end in time); "
            "try again in a moment",
            "Datenbank ist von einem anderen Rechner belegt: Eine Sperre wurde nicht "
            "rechtzeitig freigegeben. Bitte in einem Moment erneut versuchen.",
            "The database is in use by another computer: a lock was not released in time. "
            "Please try again in a moment.",
        )
