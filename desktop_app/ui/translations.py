"""Installing the Qt translators for the window's language (chosen in ``language``)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources import translation_file

log = logging.getLogger(__name__)


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
