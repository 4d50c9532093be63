"""How runs read in the views: status, trigger, file outcome, amounts and durations.

Shared by the progress dialog, the history view and the tray, so a run is called the
same everywhere. Translated in the "RunTexts" context.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..jobs.run_results import RunProgress
from ..jobs.run_words import status_words, trigger_words
from .money_text import timestamp_text
from .translations import ui_language

if TYPE_CHECKING:  # the store's types only; its module would load SQLAlchemy
    from ..jobs.scheduler_errors import SchedulerError
    from ..store.history import FileHistory


def status_text(status: str) -> str:
    """A run's status, as a column value: "OK", "Fehlgeschlagen" …"""
    return status_words(status, QCoreApplication.translate)


def trigger_text(trigger: str, dry_run: bool = False) -> str:
    """Why a run started."""
    return trigger_words(trigger, dry_run, QCoreApplication.translate)


def outcome_text(outcome: str) -> str:
    """What became of one file in a run."""
    texts = {
        "booked": QCoreApplication.translate("RunTexts", "Booked"),
        "duplicate": QCoreApplication.translate("RunTexts", "Booked before"),
        "nothing": QCoreApplication.translate("RunTexts", "Nothing to book"),
        "failed": QCoreApplication.translate("RunTexts", "Failed"),
        "refused": QCoreApplication.translate("RunTexts", "Refused"),
        "skipped": QCoreApplication.translate("RunTexts", "Skipped"),
        "": QCoreApplication.translate(
            "RunTexts", "Not finished"
        ),  # the run ended (or crashed) before this file was done
    }
    return texts.get(outcome, outcome)


def progress_text(step: RunProgress) -> str:
    """A run's step as the run dialog lists it, in the program's language."""
    subject = step.subject
    if step.step == "connect" and subject:
        return QCoreApplication.translate("RunTexts", "Connecting to {host}").format(host=subject)
    if step.step == "list":
        return QCoreApplication.translate("RunTexts", "Reading the directory …")
    if step.step == "download" and subject:
        return QCoreApplication.translate("RunTexts", "File {index} of {count}: {name}").format(
            index=step.file_index, count=step.file_count, name=subject
        )
    if step.step == "settle" and subject:
        return QCoreApplication.translate("RunTexts", "Booking {name} …").format(name=subject)
    if step.step == "delete" and subject:
        return QCoreApplication.translate("RunTexts", "Deleting {name} on the server").format(
            name=subject
        )
    return step.message_de


def error_with_line(error: str, line: int | None) -> str:
    """A file's error with the line it is in, unless the message names the line itself."""
    text = QCoreApplication.translate("RunTexts", "Line {line}: {error}")
    if not error or line is None or text.split(":")[0].format(line=line).lower() in error.lower():
        return error
    return text.format(line=line, error=error)


def file_error(file: FileHistory) -> str:
    """A file's error in the program's language (a record from before English texts: in
    German), with its line."""
    return error_with_line(file.error_text(ui_language()), file.error_line)


def scheduler_error_text(error: SchedulerError, lang: str | None = None) -> str:
    """What the scheduler could not do, for the status bar, in the program's language."""
    detail = error.detail.text(lang or ui_language())
    if error.fault == "run_crashed":
        return QCoreApplication.translate(
            "RunTexts", "The run of “{name}” was aborted: {detail}"
        ).format(name=error.name, detail=detail)
    if error.fault == "stopped":
        return QCoreApplication.translate("RunTexts", "The scheduler has stopped: {detail}").format(
            detail=detail
        )
    return QCoreApplication.translate(
        "RunTexts", "The schedule could not be checked: {detail}"
    ).format(detail=detail)


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return QCoreApplication.translate("RunTexts", "running")
    if seconds < 60:
        whole = f"{seconds:.1f}"
        if (ui_language()) == "de":
            whole = whole.replace(".", ",")
        return QCoreApplication.translate("RunTexts", "{seconds} s").format(seconds=whole)
    minutes, rest = divmod(round(seconds), 60)
    return QCoreApplication.translate("RunTexts", "{minutes} min {seconds} s").format(
        minutes=minutes, seconds=rest
    )


def local_time(instant: datetime) -> str:
    """A stored instant in this computer's time: ``14.03.2026 07:30:05``."""
    return timestamp_text(instant, seconds=True)
