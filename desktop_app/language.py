"""The program's two languages, and how one is chosen: for the window and the command
line alike.

Source strings are English; German is the product's language, so it is the default for
every locale that is not English.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QSettings

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("de", "en")
LANGUAGE_KEY = "ui/language"  # in settings.ini: "de", "en", or "" for the system's


def stored_language(settings: QSettings) -> str | None:
    """The language chosen under Datei → Einstellungen, None for the system's."""
    value = settings.value(LANGUAGE_KEY, "")
    return value if value in SUPPORTED_LANGUAGES else None


def choose_language(requested: str | None, system_locale: QLocale | None = None) -> str:
    """``requested`` ("de"/"en") wins; otherwise English only on an English locale."""
    if requested:
        if requested in SUPPORTED_LANGUAGES:
            return requested
        log.warning("unsupported language %r requested, using German", requested)
        return "de"
    locale = system_locale if system_locale is not None else QLocale.system()
    return "en" if locale.language() == QLocale.Language.English else "de"


def error_message(exc: BaseException, lang: str) -> str | None:
    """What a person is told about one of our errors in ``lang``: ``message_de``, or in
    English ``message_en`` where the type has one, else its text; None for an error that
    is not ours (it has no ``message_de``)."""
    german = getattr(exc, "message_de", None)
    if not isinstance(german, str) or not german:
        return None
    if lang == "de":
        return german
    english = getattr(exc, "message_en", None)
    return english if isinstance(english, str) and english else str(exc)


def start_language(requested: str | None, settings: QSettings) -> str:
    """--lang wins, then Datei → Einstellungen, then the system's language."""
    return choose_language(requested or stored_language(settings))
