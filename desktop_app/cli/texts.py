"""The command line's words: German by default, English when chosen.

They come from the program's one translation catalogue (resources/translations, the
window's too), under contexts named ``Cli…``: write ``translate("CliRuns", "…")`` with a
literal text, so that ``tools/update_translations.py`` finds it; plurals as Qt's
``translate("CliRuns", "%n file(s)", None, count)``. No QCoreApplication is needed: the
command line reads its translator itself.

The language: ``--lang``, else the environment's ``DESKTOP_APP_LANG`` (for scripts),
else the one chosen in the program (Datei → Einstellungen, in the data directory's
settings), else the system's. argparse's own words ("usage:", "error:") go through the
same catalogue (``argparse_texts``). Logs and ``--json`` keys stay English.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QTranslator

from ..config import AppPaths, chosen_language
from ..domain.date_text import format_day, format_time
from ..domain.money_text import format_count, format_money
from ..language import SUPPORTED_LANGUAGES, choose_language, error_message
from ..resources import translation_file

ENV_LANG = "DESKTOP_APP_LANG"
ARGPARSE_CONTEXT = "argparse"


@dataclass
class _Language:
    code: str = "de"
    translator: QTranslator | None = None


_current = _Language()


def language() -> str:
    """ "de" or "en": the language the command line speaks now."""
    return _current.code


def choose_cli_language(requested: str | None, paths: AppPaths | None) -> str:
    """``--lang``, the environment, the program's setting, the system's language."""
    if requested in SUPPORTED_LANGUAGES:
        return requested
    from_env = os.environ.get(ENV_LANG, "").strip().lower()
    if from_env in SUPPORTED_LANGUAGES:
        return from_env
    stored = chosen_language(paths) if paths is not None else None
    return stored or choose_language(None)


def use_language(code: str) -> None:
    """Speak ``code`` from now on (argparse's own words too)."""
    translator = QTranslator()
    _current.code = code
    # Without its catalogue the command line speaks the source texts, English.
    _current.translator = translator if translator.load(str(translation_file(code))) else None
    # argparse reads its words through gettext, which has no German for it; they are in
    # our catalogue instead (argparse_texts lists them for the translation tools).
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_plural  # type: ignore[attr-defined]


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language; ``%n`` replaced by ``n`` when one is given."""
    translator = _current.translator
    result = (translator.translate(context, text, disambiguation, n) if translator else "") or text
    return result.replace("%n", str(n)) if n >= 0 else result


def money_text(amount: Decimal) -> str:
    """An amount for a person: ``1.234,50 €`` in German, ``€1,234.50`` in English."""
    return format_money(amount, _current.code)


def count_text(n: int) -> str:
    """A count with its thousands marked: ``10.000`` in German, ``10,000`` in English."""
    return format_count(n, _current.code)


def timestamp_text(instant: datetime) -> str:
    """A stored instant in this computer's time, to the minute, as the window and the
    row reasons write it: ``14.03.2026 07:30`` in German, ``14/03/2026 07:30`` in English."""
    return format_time(instant.astimezone(), _current.code)


def day_text(day: date) -> str:
    """``14.03.2026`` in German, ``14/03/2026`` in English, as the row reasons beside it."""
    return format_day(day, _current.code)


def said(exc: BaseException) -> str:
    """What the person is told about one of our errors: its German ``message_de`` or, in
    English, its ``message_en`` where the type has one, else its text (English)."""
    return error_message(exc, _current.code) or str(exc)


def _argparse_text(message: str) -> str:
    return translate(ARGPARSE_CONTEXT, message)


def _argparse_plural(singular: str, plural: str, n: int) -> str:
    # Qt's plural forms live on the singular source; argparse puts the count in itself.
    translator = _current.translator
    translated = translator.translate(ARGPARSE_CONTEXT, singular, None, n) if translator else ""
    return translated or (singular if n == 1 else plural)
