"""Reading a JSON file a person gave us: what is wrong with it, in both languages and by
line and column, never in the parser's own English ("Expecting property name …")."""

from __future__ import annotations

import json
from typing import Any

from .said_error import SaidError


class JsonUnreadable(SaidError):
    """Not UTF-8 text or not JSON; ``syntax`` says the JSON itself is broken, where a caller
    may add how a correct file is made."""

    def __init__(self, message_de: str, message_en: str, log_en: str, *, syntax: bool = False):
        super().__init__(message_de, message_en, log_en)
        self.syntax = syntax


def parse_json(raw: bytes, kind_de: str, kind_en: str) -> Any:
    """The document in ``raw``; ``kind_de``/``kind_en`` name the file for the nesting limit
    ("eine Konfigurationsdatei", "a configuration file")."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = exc.start + 1
        raise JsonUnreadable(
            f"Die Datei ist kein UTF-8-Text (Byte {byte} ist nicht lesbar). Bitte als UTF-8 "
            "speichern und erneut versuchen.",
            f"The file is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8 and "
            "try again.",
            f"the file is not UTF-8 text (byte {byte} cannot be read)",
        ) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise JsonUnreadable(
            f"Das JSON ist zu tief verschachtelt für {kind_de}.",
            f"The JSON is nested too deeply for {kind_en}.",
            f"the JSON is nested too deeply for {kind_en}",
        ) from None
    except json.JSONDecodeError as exc:
        raise JsonUnreadable(
            f"Die Datei ist kein gültiges JSON: Fehler in Zeile {exc.lineno}, Spalte {exc.colno}.",
            f"The file is not valid JSON: error at line {exc.lineno}, column {exc.colno}.",
            f"the file is not valid JSON: {exc}",
            syntax=True,
        ) from None
    except ValueError as exc:  # a number of more than 4300 digits
        raise JsonUnreadable(
            "Die Datei enthält eine Zahl mit zu vielen Ziffern.",
            "The file holds a number with too many digits.",
            f"the file is not valid JSON: {exc}",
        ) from None
