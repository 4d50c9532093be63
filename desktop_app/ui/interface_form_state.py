"""Which interface the form shows and whether the user changed it: the dirty flag, the
save that may be running, and the Speichern and Verwerfen buttons that follow from both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGroupBox

from ..domain.interface import InterfaceSettings

if TYPE_CHECKING:
    from .interface_form import InterfaceForm


class FormState:
    """The state of ``form`` its buttons follow; the form owns one."""

    def __init__(self, form: InterfaceForm):
        self._form = form
        self.original_name: str | None = None  # the stored name of the shown interface
        self.baseline = InterfaceSettings()  # its values as shown: what "changed" compares to
        self.loading = True  # until built: the widgets' signals fire while being filled
        self.dirty = False
        self.busy = False

    def update_dirty(self) -> None:
        dirty = self._form.password_field.is_changed() or self._form.settings() != self.baseline
        changed = dirty != self.dirty
        self.dirty = dirty
        self.update_buttons()
        if changed:
            self._form.dirtyChanged.emit(dirty)

    def can_save(self) -> bool:
        """Speichern is offered for changes, and always for a new interface: pressed on
        an empty form it says what is missing."""
        return (self.dirty or self.original_name is None) and not self.busy

    def update_buttons(self) -> None:
        self._form.save_button.setEnabled(self.can_save())
        self._form.discard_button.setEnabled(self.dirty and not self.busy)

    def set_busy(self, busy: bool) -> None:
        """While a save runs nothing may change under it; the typed values stay."""
        self.busy = busy
        for widget in self._form.findChildren(QGroupBox):
            widget.setEnabled(not busy)
        self.update_buttons()
