"""A run's status and trigger as people read them, in the window's history and in
``desktop-app history`` alike: the English source texts, marked for the catalogue's
"RunTexts" context. Each face translates them with its own translator (the window with
Qt's, the command line with its own), so a run is called the same in both."""

from __future__ import annotations

from collections.abc import Callable

from ..tr_noop import QT_TRANSLATE_NOOP

RUN_TEXTS_CONTEXT = "RunTexts"

STATUS_TEXTS = {
    "ok": QT_TRANSLATE_NOOP("RunTexts", "OK"),
    "failed": QT_TRANSLATE_NOOP("RunTexts", "Failed"),
    "skipped": QT_TRANSLATE_NOOP("RunTexts", "Skipped"),
    "cancelled": QT_TRANSLATE_NOOP("RunTexts", "Cancelled"),
    "running": QT_TRANSLATE_NOOP("RunTexts", "Running"),
}

TRIGGER_TEXTS = {
    "schedule": QT_TRANSLATE_NOOP("RunTexts", "Schedule"),
    "catchup": QT_TRANSLATE_NOOP("RunTexts", "Caught up"),
    "retry": QT_TRANSLATE_NOOP("RunTexts", "Retry"),
    "manual": QT_TRANSLATE_NOOP("RunTexts", "Run now"),
    "cli": QT_TRANSLATE_NOOP("RunTexts", "Command line"),
}

# "{trigger} (dry run)": a run that booked and deleted nothing.
DRY_RUN_TEXT = QT_TRANSLATE_NOOP("RunTexts", "{trigger} (dry run)")

# (context, source text) -> the text in the face's language
Translate = Callable[[str, str], str]


def status_words(status: str, translate: Translate) -> str:
    """A run's status ("failed" …) for a person; an unknown one as it is stored."""
    source = STATUS_TEXTS.get(status)
    return translate(RUN_TEXTS_CONTEXT, source) if source else status


def trigger_words(trigger: str, dry_run: bool, translate: Translate) -> str:
    """Why a run started ("cli" …), marked when it was a dry run."""
    source = TRIGGER_TEXTS.get(trigger)
    text = translate(RUN_TEXTS_CONTEXT, source) if source else trigger
    return translate(RUN_TEXTS_CONTEXT, DRY_RUN_TEXT).format(trigger=text) if dry_run else text
