"""The form with every field of one interface (PRODUCT.md §2–4), grouped as in the manual.

The fields come from the tables of ``interface_form_fields``, the groups, buttons and tab
order around them from ``interface_form_groups``; ``interface_form_values``
moves values between them and ``InterfaceSettings``; ``interface_form_columns`` stands the
groups side by side or one below the other. ``interface_form_loading`` shows one interface,
``interface_form_state`` follows whether the user changed it, ``interface_form_messages``
says what is wrong beside each field. The form only shows and collects values:
whether they may be saved the domain's rules decide, and the form puts each problem's
message next to its field. Saving itself is the main window's (in the background).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSysInfo, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..domain.interface import (
    FtpSettings,
    InterfaceSettings,
    IntervalKind,
    OpenItemGuards,
    Weekday,
)
from ..domain.password_holders import PasswordCoverage
from . import interface_form_groups as groups
from . import interface_form_loading as loading
from . import interface_form_messages as messages
from . import interface_form_rules as rules
from .email_test import EmailTestControl
from .ftp_test_panel import DEFAULT_TEST_TIMEOUT, FtpFormValues, FtpTestPanel
from .interface_form_choices import CatalogueChoices
from .interface_form_columns import FormColumns
from .interface_form_state import FormState
from .interface_form_values import read_settings
from .widgets.field_box import FRAME_MARGIN, FieldBox
from .widgets.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QFormLayout,
        QPushButton,
        QSpinBox,
        QToolButton,
    )

    from ..domain.validation import Problem
    from ..jobs.interface_edit import InterfaceEditor, PasswordChange
    from ..store.interfaces import StoredInterface
    from .widgets.checkable_list import CheckableList
    from .widgets.guard_controls import GuardControls
    from .widgets.optional_date_edit import OptionalDateEdit
    from .widgets.password_field import PasswordField
    from .widgets.setup_hint import SetupHint
    from .widgets.time_field import TimeField

log = logging.getLogger(__name__)

_STYLE = """
QLabel#formStatus[error="true"] { color: #b3261e; }
QLabel#formTitle { font-weight: bold; }
QLabel#requiredLegend { color: palette(placeholder-text); }
"""


class InterfaceForm(QWidget):
    """Shows one interface (or a new one) and reports what the user changed."""

    dirtyChanged = Signal(bool)
    saveRequested = Signal()
    discardRequested = Signal()
    # A first start lacks them: the form offers to set them up where they are missing.
    addMandantRequested = Signal()
    addBranchRequested = Signal()
    smtpSetupRequested = Signal()

    # The fields, made by ``interface_form_fields`` from its tables (``build`` sets them).
    name_edit: QLineEdit
    enabled_check: QCheckBox
    branch_combo: QComboBox
    branch_setup: SetupHint
    workstation_check: QCheckBox
    workstation_edit: QLineEdit
    usage_label: QLabel
    start_edit: OptionalDateEdit
    format_combo: QComboBox
    mandant_list: CheckableList
    mandant_setup: SetupHint
    settle_combo: QComboBox
    filename_edit: QLineEdit
    interval_combo: QComboBox
    every_spin: QSpinBox
    run_time_edit: TimeField
    weekday_frame: QWidget
    weekday_checks: dict[Weekday, QCheckBox]
    day_spin: QSpinBox
    last_day_check: QCheckBox
    protocol_combo: QComboBox
    host_edit: QLineEdit
    port_edit: QLineEdit
    directory_edit: QLineEdit
    append_slash_button: QToolButton
    date_subdirectories_check: QCheckBox
    passive_check: QCheckBox
    user_edit: QLineEdit
    password_field: PasswordField
    password_holders_label: QLabel
    email_edit: QLineEdit
    pattern_edit: QLineEdit
    own_guards_check: QCheckBox
    guards: GuardControls
    # Around the fields, made by ``interface_form_groups``.
    required_legend: QLabel
    details_layout: QFormLayout
    matching_layout: QFormLayout
    matching_group: QGroupBox
    status_label: QLabel
    discard_button: QPushButton
    save_button: QPushButton

    def __init__(
        self,
        lang: str = "de",
        host_name: str | None = None,
        parent: QWidget | None = None,
        *,
        editor: InterfaceEditor | None = None,
        test_timeout: float = DEFAULT_TEST_TIMEOUT,
    ):
        """``editor``: where the Test buttons read passwords and store trust (without it
        the form has no Test buttons); ``test_timeout``: seconds per network wait."""
        super().__init__(parent)
        self._lang = lang
        self._editor = editor
        self.test_timeout = test_timeout
        self.ftp_test: FtpTestPanel | None = None
        self.email_test: EmailTestControl | None = None
        self.host_name = host_name if host_name is not None else QSysInfo.machineHostName()
        self.state = FormState(self)  # loading until built: signals fire while filling
        self.field_boxes: dict[str, FieldBox] = {}  # in form order: the first bad one gets focus
        self.chain_guards = OpenItemGuards()  # shown while the interface has none of its own
        # The computers holding the stored password (Verwendung and "Gespeichert auf").
        self.password_coverage = PasswordCoverage()
        # The server the stored password was saved for (None: none stored, or new).
        self.stored_ftp: FtpSettings | None = None
        self.choices = CatalogueChoices(self)
        # The stored interfaces as the window's list read them: the Verzeichnis warning.
        self._stored_interfaces: tuple[InterfaceSettings, ...] = ()
        self.setStyleSheet(_STYLE)
        # The height of one editor row in its field box: labels centre on it.
        self.line_height = QLineEdit().sizeHint().height() + 2 * FRAME_MARGIN
        self._columns = FormColumns(
            groups.configuration_group(self),
            groups.details_group(self, editor),
            groups.email_group(self, editor),
            groups.matching_group(self),
        )
        self.scroll_area = self._columns.scroll  # only the groups scroll
        layout = QVBoxLayout(self)
        title_row, self.title_label = groups.title_row(self)
        layout.addLayout(title_row)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(groups.button_row(self))
        groups.set_tab_order(self)
        guard_wheel(self)
        if self.ftp_test is not None:
            panel = self.ftp_test
            panel.results_grew.connect(lambda: self._columns.keep_in_view(panel))
        if editor is not None:
            groups.ask_storage(self, editor)
        self.state.loading = False
        self.load(None)

    # --- building and the keyboard ---------------------------------------------------------

    def ftp_test_values(self) -> FtpFormValues:
        """What the FTP Test tries: the form's values as they are now."""
        return FtpFormValues(self.settings().ftp, self.password_field.password_change())

    def set_tab_order_after(self, previous: QWidget) -> None:
        """Tab goes from ``previous`` (outside the form) to Name, through the form to
        Speichern; called once the form is in its window, whose chain it joins."""
        QWidget.setTabOrder(previous, self.name_edit)
        groups.set_tab_order(self)

    # --- loading and reading ----------------------------------------------------------------

    @property
    def original_name(self) -> str | None:
        """The stored name of the interface shown; None for a new one."""
        return self.state.original_name

    @property
    def lang(self) -> str:
        return self._lang

    def width_without_scrolling(self) -> int:
        """The width at which the fields show in two columns without a horizontal scroll bar
        (narrower, they go one below the other)."""
        return self._columns.two_column_width() + self._extra_width()

    def width_in_one_column(self) -> int:
        """The width the fields need one below the other, comfortably (not squeezed)."""
        return self._columns.one_column_width() + self._extra_width()

    def is_one_column(self) -> bool:
        """True while the groups stand one below the other (a narrow form)."""
        return self._columns.one_column

    def _extra_width(self) -> int:
        layout = self.layout()
        assert layout is not None  # made in __init__
        margins = layout.contentsMargins()
        return margins.left() + margins.right() + self._columns.scroll_extra()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """One column or two, for the room there is now."""
        self._columns.fit()

    def set_choices(
        self,
        branches: list[str],
        mandants: list[str],
        chain_guards: OpenItemGuards | None = None,
    ) -> None:
        """The branches and Mandanten to offer (from the catalogue), and the chain's
        Offene-Posten checks, shown for an interface without its own."""
        if chain_guards is not None:
            self.chain_guards = chain_guards
        self.choices.arrive(branches, mandants)

    def set_setup_allowed(self, allowed: bool) -> None:
        """Whether the user may add Mandanten, branches and the SMTP server in place."""
        self.choices.may_set_up = allowed
        self.choices.update_hints()
        if self.email_test is not None:
            self.email_test.set_setup_allowed(allowed)

    def check_mandant(self, name: str) -> None:
        """Tick ``name`` (just added in place) as if the user had, now or as soon as the
        catalogue's new list offers it."""
        self.choices.check_mandant(name)
        self.state.update_dirty()

    def choose_branch(self, name: str) -> None:
        """Choose ``name`` (just added in place) as if the user had, now or as soon as the
        catalogue's new list offers it."""
        self.choices.choose_branch(name)

    def set_stored_interfaces(self, interfaces: Iterable[InterfaceSettings]) -> None:
        """Every stored interface (read in the background): the form warns when this one
        would fetch the same files as another."""
        self._stored_interfaces = tuple(interfaces)
        rules.check_shared_folder(self)

    def other_interfaces(self) -> list[InterfaceSettings]:
        """The stored interfaces but the one shown."""
        return [s for s in self._stored_interfaces if s.name != self.state.original_name]

    def is_loading(self) -> bool:
        """True while the form fills its fields (their change signals mean nothing)."""
        return self.state.loading

    def load(self, stored: StoredInterface | None) -> None:
        """Show ``stored``, or an empty new interface for None. Clears every message."""
        loading.load(self, stored)

    def refresh_smtp_state(self) -> None:
        """Find out again whether an SMTP server is set up (the E-Mail field's hint)."""
        if self.email_test is not None:
            self.email_test.refresh_smtp_state()

    def pending_trusted_fingerprint(self) -> str | None:
        """A certificate trusted in the Test of this new interface; stored on its save."""
        return self.ftp_test.pending_trusted_fingerprint() if self.ftp_test else None

    def interval_kind(self) -> IntervalKind:
        return IntervalKind(self.interval_combo.currentData())

    def settings(self) -> InterfaceSettings:
        """The values in the form, as they would be saved (not validated)."""
        return read_settings(self)

    def password_change(self) -> PasswordChange:
        return self.password_field.password_change()

    def is_dirty(self) -> bool:
        return self.state.dirty

    # --- messages ------------------------------------------------------------------------

    def field_box(self, key: str) -> FieldBox:
        return self.field_boxes[key]

    def message_for(self, key: str) -> str:
        """The message shown next to the field ``key`` ("" when none)."""
        return self.field_boxes[key].message_text()

    def show_problems(self, problems: list[Problem]) -> None:
        """Put each problem next to its field, summarise, and focus the first bad field."""
        messages.show_problems(self, problems)

    def show_password_problem(self, message: str, *, without_keyring: bool = False) -> None:
        """The keyring refused the password (``interface_form_messages``)."""
        messages.show_password_problem(self, message, without_keyring=without_keyring)

    def clear_problems(self) -> None:
        messages.clear_problems(self)

    def pattern_not_kept_note(self) -> str:
        """Said after "Saved." when saving drops the hidden pattern ("" otherwise)."""
        return messages.pattern_not_kept_note(self)

    def set_status(self, text: str, *, error: bool = False) -> None:
        messages.set_status(self, text, error=error)

    def set_busy(self, busy: bool) -> None:
        """While a save runs nothing may change under it; the typed values stay."""
        self.state.set_busy(busy)

    # --- reacting to edits -----------------------------------------------------------------

    def _on_changed(self, *_args: object) -> None:
        if self.state.loading:
            return
        messages.retire_message_of(self, self.sender())
        # "Gespeichert." or "3 Eingaben müssen korrigiert werden" no longer describe the form.
        self.set_status("")
        self.state.update_dirty()

    def can_save(self) -> bool:
        """Speichern is offered for changes, and always for a new interface."""
        return self.state.can_save()

    def _on_workstation_toggled(self, bound: bool) -> None:
        if self.state.loading:
            return
        # Bound to a workstation means this one unless the user says otherwise.
        self.workstation_edit.setText(self.host_name if bound else "")
        rules.update_dependent_fields(self)

    def _on_dependency_changed(self, *_args: object) -> None:
        if self.state.loading:
            return  # load() updates the dependent fields once, at its end
        if self.sender() is self.own_guards_check and not self.own_guards_check.isChecked():
            self.guards.set_value(self.chain_guards)  # what applies again
        rules.update_dependent_fields(self)
        self._on_changed()

    def _append_slash(self) -> None:
        self.directory_edit.setText(self.directory_edit.text().rstrip() + "/")
        self.directory_edit.setFocus()
