"""The interface form's messages: each problem beside its field, the summary in the status
line under the fields, and the keyring's complaint beside the password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from ..domain import validation as v
from . import interface_form_rules as rules

if TYPE_CHECKING:
    from ..domain.validation import Problem
    from .interface_form import InterfaceForm


def show_problems(form: InterfaceForm, problems: list[Problem]) -> None:
    """Put each problem next to its field, summarise, and focus the first bad field."""
    form.clear_problems()
    by_field: dict[str, list[str]] = {}
    unplaced: list[str] = []
    for problem in problems:
        text = problem.text(form.lang)
        if problem.field in form.field_boxes:
            by_field.setdefault(problem.field, []).append(text)
        else:
            unplaced.append(text)
    if v.RUN_TIME in by_field and form.run_time_edit.has_unreadable_text():
        by_field[v.RUN_TIME] = [rules.unreadable_time_text(form)]  # not "missing": unreadable
    for key, messages in by_field.items():
        form.field_boxes[key].show_messages(messages)
    summary = QCoreApplication.translate(
        "InterfaceForm", "Not saved: %n entry needs to be corrected.", "", len(problems)
    )
    form.set_status(" ".join([summary, *unplaced]), error=True)
    first = next((box for key, box in form.field_boxes.items() if key in by_field), None)
    if first is not None:
        first.editor.setFocus()


def show_password_problem(
    form: InterfaceForm, message: str, *, without_keyring: bool = False
) -> None:
    """The keyring refused the password; ``without_keyring``: there is none at all,
    so saving works only with the field empty (said once, here)."""
    if without_keyring:
        message = " ".join(
            [
                message,
                QCoreApplication.translate(
                    "InterfaceForm", "To save without a password, empty the password field."
                ),
            ]
        )
    box = form.field_boxes[v.FTP_PASSWORD]
    box.show_messages([message])
    box.editor.setFocus()


def pattern_not_kept_note(form: InterfaceForm) -> str:
    """What a save says besides "Saved." when the hidden pattern field holds a pattern
    that saving drops for this Importart (``pattern_not_kept``); "" when nothing is lost."""
    typed = form.settings().with_changes(invoice_pattern=form.pattern_edit.text())
    if v.pattern_not_kept(typed) is None:
        return ""
    return QCoreApplication.translate(
        "InterfaceForm",
        "The invoice number pattern is not used for “{format}” and was not saved.",
    ).format(format=form.format_combo.currentText())


def clear_problems(form: InterfaceForm) -> None:
    for box in form.field_boxes.values():
        box.clear()


def set_status(form: InterfaceForm, text: str, *, error: bool = False) -> None:
    form.status_label.setText(text)
    form.status_label.setProperty("error", error)
    form.status_label.style().unpolish(form.status_label)
    form.status_label.style().polish(form.status_label)


def retire_message_of(form: InterfaceForm, sender: QObject | None) -> None:
    # An edited field's old message no longer describes it; the next save re-checks.
    for box in form.field_boxes.values():
        if isinstance(sender, QWidget) and box.isAncestorOf(sender):
            box.retire()
            return
