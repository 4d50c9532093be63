"""Showing one stored interface, or a new empty one, in the interface form: its values,
its title and password holders, no old messages, and what "changed" is measured against."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..domain.interface import InterfaceSettings
from ..domain.password_holders import PasswordCoverage
from . import interface_form_rules as rules
from .interface_form_values import show_settings

if TYPE_CHECKING:
    from ..store.interfaces import StoredInterface
    from .interface_form import InterfaceForm


def load(form: InterfaceForm, stored: StoredInterface | None) -> None:
    """Show ``stored``, or an empty new interface for None. Clears every message."""
    settings = stored.settings if stored is not None else InterfaceSettings()
    typed_before = form.password_field.password_change()  # what a save just stored
    name = settings.name if stored is not None else None
    if name != form.state.original_name:
        form.choices.forget_pending()
    form.state.original_name = name
    form.password_coverage = stored.password_coverage if stored is not None else PasswordCoverage()
    form.stored_ftp = stored.settings.ftp if stored is not None and stored.password_stored else None
    rules.show_password_holders(form, form.host_name)
    form.state.loading = True
    try:
        show_settings(form, settings)
        form.password_field.set_stored(stored is not None and stored.password_stored)
    finally:
        form.state.loading = False
    form.title_label.setText(
        QCoreApplication.translate("InterfaceForm", "Interface “{name}”").format(name=settings.name)
        if stored is not None
        else QCoreApplication.translate("InterfaceForm", "New interface")
    )
    form.clear_problems()
    for box in form.field_boxes.values():
        box.forget_room()
    form.set_status("")
    rules.update_dependent_fields(form)
    rules.check_directory_now(form)
    rules.check_shared_folder(form)
    rules.check_password_server(form)
    form.state.baseline = form.settings()
    form.state.update_dirty()
    if form.ftp_test is not None:
        form.ftp_test.set_interface(stored, typed_before)
    form.refresh_smtp_state()  # an administrator may have set it up since
