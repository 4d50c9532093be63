"""What a run or one of its files says went wrong, in German and in English.

The history keeps both texts (``error`` and ``error_en`` of the run's and the file's
rows); a view or a mail shows the one of its language. A record written before there was
an English text keeps showing its German one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ErrorText:
    de: str
    en: str

    def text(self, lang: str = "de") -> str:
        return self.en if lang == "en" and self.en else self.de


def of_error(exc: BaseException) -> ErrorText:
    """A typed error's own texts: ``message_de``, and ``message_en`` where the type has
    one for people, else its English ``str`` as a sentence."""
    english = getattr(exc, "message_en", None)
    if not isinstance(english, str) or not english:
        english = _sentence(str(exc))
    return ErrorText(getattr(exc, "message_de", "") or english, english)


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if not text or text.endswith((".", "!", "?")) else text + "."


OUTSIDE_WINDOW = ErrorText(
    "Außerhalb der Zeit von 06:00 bis 22:00 Uhr läuft kein Import: Dann laufen "
    "Wartungsarbeiten. Ein manueller Lauf ist nach ausdrücklicher Bestätigung möglich.",
    "No import runs outside 06:00 to 22:00: that is the time for maintenance. A run by hand "
    "is possible after you confirm it explicitly.",
)
RUNNING_ELSEWHERE = ErrorText(
    "Die Schnittstelle läuft gerade auf einem anderen Rechner oder Prozess.",
    "The interface is running on another computer or in another process right now.",
)
CANCELLED = ErrorText("Der Lauf wurde abgebrochen.", "The run was cancelled.")
TAKEN_OVER = ErrorText(
    "Ein anderer Rechner oder Prozess hat den Lauf dieser Schnittstelle übernommen. Dieser "
    "Lauf hat deshalb vor seiner nächsten Datei aufgehört; die übrigen Dateien importiert "
    "der andere Lauf.",
    "Another computer or process took over this interface's run. This run therefore "
    "stopped before its next file; the other run imports the remaining files.",
)
BOOKED_BEFORE = ErrorText(
    "Diese Datei (gleicher Inhalt) wurde bereits gebucht.",
    "This file (the same content) was booked before.",
)
UNKNOWN = ErrorText("Unbekannter Fehler", "Unknown error")


def internal(kind: str) -> ErrorText:
    return ErrorText(
        f"Interner Fehler ({kind}); Details im Protokoll.",
        f"Internal error ({kind}); the details are in the log.",
    )


def _dealt_with(outcome: str) -> tuple[str, str]:
    return {
        "duplicate": ("Bereits früher gebucht", "Booked before"),
        "nothing": ("Nichts zu buchen", "Nothing to book"),
    }.get(outcome, ("Gebucht", "Booked"))


def not_deleted(reason: ErrorText, outcome: str = "booked") -> ErrorText:
    """A file dealt with (``outcome``: booked, duplicate or nothing to book) but still on
    the server, and why."""
    de, en = _dealt_with(outcome)
    return ErrorText(
        f"{de}, aber nicht vom Server gelöscht: {reason.de}",
        f"{en}, but not deleted on the server: {reason.en}",
    )


def gone_at_delete(outcome: str = "booked") -> ErrorText:
    """A file dealt with (``outcome`` as for ``not_deleted``) that someone else removed from
    the server before this run could delete it: no failure to delete, but worth a look, as
    another interface reading the same folder may have booked it as well."""
    de, en = _dealt_with(outcome)
    return ErrorText(
        f"{de}; beim Löschen war die Datei schon nicht mehr auf dem Server (von jemand "
        "anderem gelöscht oder geholt). Prüfen Sie, ob eine andere Schnittstelle sie "
        "ebenfalls gebucht hat.",
        f"{en}; when it was to be deleted, the file was no longer on the server (deleted or "
        "fetched by someone else). Check whether another interface booked it as well.",
    )
