"""What the interface form shows while the user types: which fields apply (and which are
hidden), where the interface runs, and the rules a field can be told at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import validation as v
from ..domain.interface import (
    ChainOptions,
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    IntervalKind,
    Protocol,
)
from ..domain.password_holders import HolderState, PasswordCoverage, same_computer
from ..domain.shared_folders import shared_folder_warning
from ..tr_noop import QT_TRANSLATE_NOOP
from .interface_form_texts import GUARD_REFUSE_EMPTY, GUARD_REFUSE_OLDER, OWN_GUARDS, USAGE
from .interface_form_texts import tr_form as _tr
from .money_text import timestamp_text
from .translations import ui_language

if TYPE_CHECKING:
    from .interface_form import InterfaceForm


SERVER_SIDE = QT_TRANSLATE_NOOP("InterfaceForm", "Server-side")
ON_COMPUTER = QT_TRANSLATE_NOOP("InterfaceForm", "On the computer “{name}”")
ON_UNNAMED = QT_TRANSLATE_NOOP("InterfaceForm", "On one computer (name missing)")
# Verwendung's second line: which computers run it now, as the password records say.
RUNS_ANYWHERE = QT_TRANSLATE_NOOP(
    "InterfaceForm",
    "Runs on every computer whose scheduling runs (the service or an open program).",
)
RUNS_ON_HOLDERS = QT_TRANSLATE_NOOP(
    "InterfaceForm",
    "Runs on a computer whose scheduling runs (the service or an open program) and that "
    "holds the current password: {names}.",
)
RUNS_NOWHERE = QT_TRANSLATE_NOOP(
    "InterfaceForm",
    "Does not run: no computer holds the current password. Enter it on the computer "
    "that is to run the interface.",
)
RUNS_ON_FIRST_FINDER = QT_TRANSLATE_NOOP(
    "InterfaceForm",
    "Runs on the first computer that finds the password (saved before this version) in "
    "its keyring.",
)
RUNS_ONLY_THERE = QT_TRANSLATE_NOOP(
    "InterfaceForm", "Runs only on “{name}”, while its scheduling runs."
)
BOUND_OUTDATED = QT_TRANSLATE_NOOP(
    "InterfaceForm",
    "Does not run: the password on “{name}” is outdated. Enter the current one there.",
)
BOUND_MISSING = QT_TRANSLATE_NOOP(
    "InterfaceForm",
    "Does not run: the password is not stored on “{name}”. Enter it there.",
)
# The password's holders, one line per computer.
HOLDER_CURRENT = QT_TRANSLATE_NOOP("InterfaceForm", "{computer}: current (saved {time})")
HOLDER_OUTDATED = QT_TRANSLATE_NOOP("InterfaceForm", "{computer}: outdated (saved {time})")
THIS_COMPUTER = QT_TRANSLATE_NOOP("InterfaceForm", "{computer} (this computer)")
NO_PASSWORD = QT_TRANSLATE_NOOP("InterfaceForm", "No password saved.")
NO_HOLDER = QT_TRANSLATE_NOOP(
    "InterfaceForm", "Saved before computers were recorded; no computer has confirmed it yet."
)
UNREADABLE_TIME = QT_TRANSLATE_NOOP(
    "InterfaceForm", "“{text}” is not a time of day; enter one such as 07:30."
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
    # The pattern is searched only in payments' texts; saving drops it elsewhere.
    pattern = bool(fmt) and ImportFormat(fmt).uses_invoice_pattern
    pattern_box = form.field_boxes[v.INVOICE_PATTERN]
    form.matching_layout.setRowVisible(pattern_box, pattern)
    pattern_box.setEnabled(pattern)
    form.matching_group.setVisible(pattern or open_items)  # never an empty frame
    form.guards.set_enabled(form.own_guards_check.isChecked())


def update_usage(form: InterfaceForm) -> None:
    """Verwendung: where the interface runs, as the binding says now, and below it which
    computers run it as the password records say."""
    computer = form.workstation_edit.text().strip()
    coverage = form.password_coverage
    if not form.workstation_check.isChecked():
        form.usage_label.setText(_tr(SERVER_SIDE))
        detail = _server_side_detail(coverage)
    elif computer:
        form.usage_label.setText(_tr(ON_COMPUTER).format(name=computer))
        detail = _workstation_detail(coverage, computer)
    else:
        form.usage_label.setText(_tr(ON_UNNAMED))
        detail = ""
    form.field_boxes[USAGE].set_hint(detail)


def _server_side_detail(coverage: PasswordCoverage) -> str:
    if not coverage.stored:
        return _tr(RUNS_ANYWHERE)
    if coverage.version is None:
        return _tr(RUNS_ON_FIRST_FINDER)
    holders = coverage.current_holders()
    if not holders:
        return _tr(RUNS_NOWHERE)
    return _tr(RUNS_ON_HOLDERS).format(names=", ".join(holders))


def _workstation_detail(coverage: PasswordCoverage, computer: str) -> str:
    state = coverage.state_on(computer)
    if state is HolderState.OUTDATED:
        return _tr(BOUND_OUTDATED).format(name=computer)
    if state is HolderState.MISSING:
        return _tr(BOUND_MISSING).format(name=computer)
    return _tr(RUNS_ONLY_THERE).format(name=computer)


def show_password_holders(form: InterfaceForm, this_computer: str) -> None:
    """Which computers' keyrings hold the stored password, and whether it is current."""
    coverage = form.password_coverage
    if not coverage.stored:
        form.password_holders_label.setText(_tr(NO_PASSWORD))
        return
    if coverage.version is None:
        form.password_holders_label.setText(_tr(NO_HOLDER))
        return
    lines = []
    for holder in coverage.holders:
        computer = holder.computer
        if same_computer(computer, this_computer):
            computer = _tr(THIS_COMPUTER).format(computer=computer)
        text = HOLDER_CURRENT if coverage.is_current(holder) else HOLDER_OUTDATED
        when = timestamp_text(holder.stored_at, form.lang)
        lines.append(_tr(text).format(computer=computer, time=when))
    form.password_holders_label.setText("\n".join(lines) or _tr(RUNS_NOWHERE))


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


def check_shared_folder(form: InterfaceForm) -> None:
    """Another stored interface fetching the same files is said beside Verzeichnis while
    typing: from the list the window read in the background, never the database here."""
    if form.is_loading():
        return  # load() checks once, at its end
    warning = shared_folder_warning(form.settings(), form.other_interfaces())
    form.field_boxes[v.FTP_DIRECTORY].set_warning(warning.text(form.lang) if warning else "")


def check_password_server(form: InterfaceForm) -> None:
    """A stored password is only ever sent to the server it was stored for, and the save
    refuses to keep it for another: while the form names another server, port, user or
    protocol, the password field asks for the password instead of offering to keep it."""
    if form.is_loading():
        return  # load() checks once, at its end
    saved = form.stored_ftp
    where = ""
    if saved is not None and not form.settings().ftp.same_server(saved):
        where = v.stored_password_place(saved, ui_language())
    form.password_field.set_only_for(where)
