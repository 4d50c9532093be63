"""What the interface form shows while the user types: which fields apply (and which are
hidden), where the interface runs, and the rules a field can be told at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain import validation as v
from ..domain.interface import (
    ChainOptions,
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    IntervalKind,
    Protocol,
)
from .interface_form_texts import GUARD_REFUSE_EMPTY, GUARD_REFUSE_OLDER, OWN_GUARDS

if TYPE_CHECKING:
    from .interface_form import InterfaceForm


def _tr(text: str) -> str:
    return QCoreApplication.translate("InterfaceForm", text)


SERVER_SIDE = QT_TRANSLATE_NOOP("InterfaceForm", "Server-side")
ON_COMPUTER = QT_TRANSLATE_NOOP("InterfaceForm", "On the computer “{name}”")
ON_UNNAMED = QT_TRANSLATE_NOOP("InterfaceForm", "On one computer (name missing)")
UNREADABLE_TIME = QT_TRANSLATE_NOOP(
    "InterfaceForm", "“{text}” is no time of day; please enter one such as 07:30."
)


def update_dependent_fields(form: InterfaceForm) -> None:
    """Hide and disable what does not apply, so it cannot be edited by mistake."""
    form.workstation_edit.setEnabled(form.workstation_check.isChecked())
    update_usage(form)
    kind = form.interval_kind()
    for key, applies in (
        (v.EVERY_MINUTES, kind is IntervalKind.HOURLY),
        (v.RUN_TIME, kind is not IntervalKind.HOURLY),
        (v.WEEKDAYS, kind is IntervalKind.WEEKLY),
        (v.DAY_OF_MONTH, kind is IntervalKind.MONTHLY),
    ):
        box = form.field_boxes[key]
        form.details_layout.setRowVisible(box, applies)
        box.setEnabled(applies)
    form.day_spin.setEnabled(not form.last_day_check.isChecked())
    protocol = Protocol(form.protocol_combo.currentData())
    form.port_edit.setPlaceholderText(str(protocol.default_port))
    form.passive_check.setEnabled(protocol is not Protocol.SFTP)
    fmt = form.format_combo.currentData()
    # The checks matter only where a missing invoice counts as paid.
    open_items = bool(fmt) and ImportFormat(fmt).has_open_items_semantics
    for key in (OWN_GUARDS, GUARD_REFUSE_EMPTY, GUARD_REFUSE_OLDER, v.GUARD_MAX_SHARE):
        form.matching_layout.setRowVisible(form.field_boxes[key], open_items)
    form.guards.set_enabled(form.own_guards_check.isChecked())
    # The checks' long texts widen their group: two columns may no longer fit.
    form.fit_columns()


def update_usage(form: InterfaceForm) -> None:
    """Verwendung: where the interface runs, as the binding says now."""
    computer = form.workstation_edit.text().strip()
    if not form.workstation_check.isChecked():
        form.usage_label.setText(_tr(SERVER_SIDE))
    elif computer:
        form.usage_label.setText(_tr(ON_COMPUTER).format(name=computer))
    else:
        form.usage_label.setText(_tr(ON_UNNAMED))


def check_run_time_now(form: InterfaceForm) -> None:
    """Leaving the run time with text that is no time: say so at once."""
    if form.run_time_edit.has_unreadable_text():
        form.field_boxes[v.RUN_TIME].show_messages([unreadable_time_text(form)])


def unreadable_time_text(form: InterfaceForm) -> str:
    return _tr(UNREADABLE_TIME).format(text=form.run_time_edit.text().strip())


def check_directory_now(form: InterfaceForm) -> None:
    """The trailing "/" rule is checked while typing, with the domain's own message."""
    directory = form.directory_edit.text()
    probe = InterfaceSettings(ftp=FtpSettings(directory=directory))
    problems = [p for p in v.validate(probe, ChainOptions()) if p.field == v.FTP_DIRECTORY]
    form.field_boxes[v.FTP_DIRECTORY].show_messages([p.text(form.lang) for p in problems])
    form.append_slash_button.setVisible(bool(directory) and not directory.endswith("/"))
