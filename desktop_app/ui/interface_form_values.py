"""Between ``InterfaceSettings`` and the interface form's widgets, both ways."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime

from ..domain.interface import (
    LAST_DAY,
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
)

if TYPE_CHECKING:
    from .interface_form import InterfaceForm

DEFAULT_RUN_TIME = time(7, 0)  # a new interface starts inside the 06:00–22:00 window


def show_settings(form: InterfaceForm, s: InterfaceSettings) -> None:
    """Put ``s`` into ``form``'s widgets."""
    form.name_edit.setText(s.name)
    form.enabled_check.setChecked(s.enabled)
    branch_index = form.branch_combo.findData(s.branch or "")
    if branch_index < 0 and s.branch:
        # A branch the catalogue no longer offers: show it rather than lose it silently.
        form.branch_combo.addItem(s.branch, s.branch)
        branch_index = form.branch_combo.count() - 1
    form.branch_combo.setCurrentIndex(max(0, branch_index))
    form.workstation_check.setChecked(s.workstation_bound)
    form.workstation_edit.setText(s.workstation or "")
    form.start_edit.set_value(s.start_date)
    form.format_combo.setCurrentIndex(
        form.format_combo.findData(s.import_format.value) if s.import_format else -1
    )
    form.mandant_list.set_checked(s.mandants)
    form.settle_combo.setCurrentIndex(
        form.settle_combo.findData(s.settle_until.value) if s.settle_until else -1
    )
    form.filename_edit.setText(s.filename_filter)
    interval = s.interval
    form.interval_combo.setCurrentIndex(form.interval_combo.findData(interval.kind.value))
    form.every_spin.setValue(interval.every_minutes)
    run_time = s.run_time or DEFAULT_RUN_TIME
    form.run_time_edit.setTime(QTime(run_time.hour, run_time.minute))
    for day, check in form.weekday_checks.items():
        check.setChecked(day in interval.weekdays)
    form.last_day_check.setChecked(interval.day_of_month == LAST_DAY)
    if isinstance(interval.day_of_month, int):
        form.day_spin.setValue(interval.day_of_month)
    ftp = s.ftp
    form.protocol_combo.setCurrentIndex(form.protocol_combo.findData(ftp.protocol.value))
    form.host_edit.setText(ftp.host)
    form.port_edit.setText("" if ftp.port is None else str(ftp.port))
    form.directory_edit.setText(ftp.directory)
    form.date_subdirectories_check.setChecked(ftp.date_subdirectories)
    form.passive_check.setChecked(ftp.passive)
    form.user_edit.setText(ftp.user)
    form.email_edit.setText(s.error_email)
    form.pattern_edit.setText(s.invoice_pattern)
    form.own_guards_check.setChecked(s.open_item_guards is not None)
    form.guards.set_value(s.open_item_guards or form.chain_guards)


def read_settings(form: InterfaceForm) -> InterfaceSettings:
    """The values in ``form``, as they would be saved (not validated)."""
    kind = IntervalKind(form.interval_combo.currentData())
    fmt = form.format_combo.currentData()
    settle = form.settle_combo.currentData()
    port_text = form.port_edit.text().strip()
    protocol = Protocol(form.protocol_combo.currentData())
    day_of_month: int | str = LAST_DAY if form.last_day_check.isChecked() else form.day_spin.value()
    # Values of fields that do not apply to the interval kind are dropped, exactly as
    # the store does, so an untouched form compares equal to what was loaded.
    interval = Interval(
        kind=kind,
        every_minutes=form.every_spin.value() if kind is IntervalKind.HOURLY else 60,
        weekdays=frozenset(d for d, c in form.weekday_checks.items() if c.isChecked())
        if kind is IntervalKind.WEEKLY
        else frozenset(),
        day_of_month=day_of_month if kind is IntervalKind.MONTHLY else 1,
    )
    typed = InterfaceSettings(
        name=form.name_edit.text(),
        enabled=form.enabled_check.isChecked(),
        branch=form.branch_combo.currentData() or None,
        # "" when bound but unnamed: validation says the name is missing.
        workstation=form.workstation_edit.text() if form.workstation_check.isChecked() else None,
        start_date=form.start_edit.value(),
        import_format=ImportFormat(fmt) if fmt else None,
        mandants=form.mandant_list.checked(),
        settle_until=SettleUntil(settle) if settle else None,
        filename_filter=form.filename_edit.text(),
        run_time=None if kind is IntervalKind.HOURLY else form.run_time_edit.value(),
        interval=interval,
        ftp=FtpSettings(
            protocol=protocol,
            host=form.host_edit.text(),
            port=int(port_text) if port_text else None,
            directory=form.directory_edit.text(),
            date_subdirectories=form.date_subdirectories_check.isChecked(),
            user=form.user_edit.text(),
            passive=form.passive_check.isChecked(),
        ),
        error_email=form.email_edit.text(),
        invoice_pattern=form.pattern_edit.text().strip(),
        open_item_guards=form.guards.value() if form.own_guards_check.isChecked() else None,
    )
    # The hidden pattern of an Importart without payment texts goes, as the store drops
    # it: kept, a bad one would stop the save with a message beside a hidden field, and
    # the form would count a pattern that is never saved as a change.
    return typed.with_changes(invoice_pattern=typed.pattern_in_use)
