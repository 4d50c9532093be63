"""Choosing the user interface language and installing Qt translators for it.

Source strings are English; German is the product's language, so it is the default for
every locale that is not English.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from .resources import translation_file

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


def start_language(requested: str | None, settings: QSettings) -> str:
    """--lang wins, then Datei → Einstellungen, then the system's language."""
    return choose_language(requested or stored_language(settings))


def ui_language() -> str:
    """The language run_gui chose (it sets the default locale to it)."""
    return "en" if QLocale().language() == QLocale.Language.English else "de"


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install the program's and Qt's own translations for ``lang``; returns them so the
    caller can remove them again (tests do, so no state leaks between them)."""
    installed: list[QTranslator] = []
    own = QTranslator(app)
    path = translation_file(lang)
    if own.load(str(path)):
        # English: only the plural forms ("%n entries"); the rest is the source text.
        app.installTranslator(own)
        installed.append(own)
    else:
        # Not fatal: the program still works, in English; the log says why.
        log.warning("translation %s not found or unreadable; showing English", path)
    if lang == "en":
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed


def translator_for(lang: str) -> Callable[[str], str]:
    """Translate a "Demo" text without an application (the console before the window)."""
    translator = QTranslator()
    loaded = translator.load(str(translation_file(lang)))

    def tr(text: str) -> str:
        return (translator.translate("Demo", text) if loaded else "") or text

    return tr


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
