"""Why a file cannot be imported, in words a user can act on.

Every failure a parser reports is a ``FormatError``: callers catch exactly one type, show
``message_de`` (or ``message_en``) to the user and log ``str(error)`` (English, terse where
a raise site gives ``log_en``). ``detail_de`` and ``detail_en`` are the same sentence in
each language, with the same facts; each is written whole, never made from a log text.
The subclasses say what went wrong, so a job can react (keep the file on the server, mail
the report) without parsing text. Each message names the file, and where known the line
and the field.
"""

from __future__ import annotations


class FormatError(Exception):
    """Base of every error a parser raises for bad input. Never raised for a bug."""

    #: What the user can do about it; subclasses override.
    hint_de = "Bitte die Datei prüfen und beim Absender neu anfordern."
    hint_en = "Please check the file and ask the sender for it again."

    def __init__(
        self,
        detail_de: str,
        detail_en: str,
        *,
        log_en: str | None = None,
        file_name: str,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file_name = file_name
        self.line = line
        self.field = field
        self.detail_de = detail_de
        self.detail_en = detail_en
        self._log_detail = detail_en if log_en is None else log_en
        super().__init__(self.log_en)

    @property
    def where_de(self) -> str:
        return self._where("Datei „{}“", "Zeile {}", "Feld „{}“")

    @property
    def where_en(self) -> str:
        return self._where("file '{}'", "line {}", "field '{}'")

    def _where(self, file: str, line: str, field: str) -> str:
        """The file, and where known the line and the field, in the given wording."""
        parts = [file.format(self.file_name)]
        if self.line is not None:
            parts.append(line.format(self.line))
        if self.field:
            parts.append(field.format(self.field))
        return ", ".join(parts)

    @property
    def _where_people_en(self) -> str:
        parts = [f"File “{self.file_name}”"]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f"field “{self.field}”")
        return ", ".join(parts)

    @property
    def message_de(self) -> str:
        return f"{self.where_de}: {self.detail_de} {self.hint_de}"

    @property
    def message_en(self) -> str:
        return f"{self._where_people_en}: {self.detail_en} {self.hint_en}"

    @property
    def log_en(self) -> str:
        return f"{self.where_en}: {self._log_detail}"

    def __str__(self) -> str:
        return self.log_en


class UnreadableFileError(FormatError):
    """The bytes cannot be read as text or XML at all (or are empty)."""

    hint_de = "Die Datei ist beschädigt oder unvollständig; bitte neu anfordern."
    hint_en = "The file is damaged or incomplete; please ask for it again."


class FileTooLargeError(UnreadableFileError):
    """The file or one of its lines is above the configured limit (bounded memory)."""

    hint_de = "Bitte die Datei in kleinere Dateien aufteilen lassen oder das Limit erhöhen."
    hint_en = "Please have the file split into smaller files or raise the limit."


class WrongFormatError(FormatError):
    """The file is readable but is not the Importart chosen for it (the interface's, or
    the one chosen in Datei importieren)."""

    # Both for an interface's run and for a file chosen by hand, where no interface is.
    hint_de = "Bitte die gewählte Importart oder die gelieferte Datei prüfen."
    hint_en = "Please check the chosen import type or the file delivered."


class BadRowError(FormatError):
    """One row or field holds a value that cannot be read; the whole file is not booked."""

    hint_de = "Die Datei wird nicht gebucht; bitte die Zeile korrigieren lassen."
    hint_en = "The file is not booked; please have the row corrected."


class BalanceMismatchError(BadRowError):
    """A statement (MT940, camt.053) whose entries do not add up from its opening to its
    closing balance, or that lacks one of them."""

    hint_de = "Der Kontoauszug ist unvollständig; bitte bei der Bank neu abrufen."
    hint_en = "The bank statement is incomplete; please fetch it from the bank again."


class ClientMismatchError(FormatError):
    """A DATEV file for another Berater/Mandant than the interface's Mandanten."""

    hint_de = "Bitte die DATEV-Nummern des Mandanten oder die Datei prüfen."
    hint_en = "Please check the client's DATEV numbers or the file."


class NoStatementError(FormatError):
    """A bank statement file that holds no statement at all (camt.053 without ``Stmt``)."""

    hint_de = "Bitte den Kontoauszug bei der Bank neu abrufen."
    hint_en = "Please fetch the bank statement from the bank again."
