"""The interface form's frame around its fields: the title row, the four groups, the
buttons, the keyboard's way through all of them, and the keyring's answer whether a
password can be stored; and the two groups with more than the tables' fields (E-Mail
with its Test, the Offene-Posten checks). The fields themselves come from
``interface_form_fields``. The texts keep their context "InterfaceForm"."""

from __future__ import annotations

import logging
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain import validation as v
from ..domain.interface import Weekday
from ..tr_noop import QT_TRANSLATE_NOOP
from . import interface_form_fields as fields
from . import interface_form_rules as rules
from .email_test import EmailTestControl
from .ftp_test_panel import FtpTestPanel
from .interface_form_texts import FIELD_TEXTS, GUARD_REFUSE_EMPTY, GUARD_REFUSE_OLDER, OWN_GUARDS
from .interface_form_texts import tr_form as _tr
from .ops import Op
from .widgets.field_box import FRAME_MARGIN, FieldBox
from .widgets.guard_controls import GuardControls

if TYPE_CHECKING:
    from ..jobs.interface_edit import InterfaceEditor
    from .interface_form import InterfaceForm

log = logging.getLogger(__name__)


def title_row(form: InterfaceForm) -> tuple[QHBoxLayout, QLabel]:
    """The interface's name, and the legend of the required mark; returns the title."""
    title = QLabel(form)
    title.setObjectName("formTitle")
    form.required_legend = QLabel(QCoreApplication.translate("InterfaceForm", "* required"), form)
    form.required_legend.setObjectName("requiredLegend")
    row = QHBoxLayout()
    row.addWidget(title, 1)
    row.addWidget(form.required_legend)
    return row, title


def button_row(form: InterfaceForm) -> QHBoxLayout:
    """What the last save said, Verwerfen and Speichern."""
    form.status_label = QLabel(form)
    form.status_label.setObjectName("formStatus")
    form.status_label.setWordWrap(True)
    form.discard_button = QPushButton(QCoreApplication.translate("InterfaceForm", "Discard"), form)
    form.discard_button.setToolTip(
        QCoreApplication.translate("InterfaceForm", "Undo all changes since the last save.")
    )
    form.save_button = QPushButton(QCoreApplication.translate("InterfaceForm", "Save"), form)
    form.save_button.setToolTip(
        QCoreApplication.translate("InterfaceForm", "Check the values and save them (Ctrl+S).")
    )
    form.save_button.setDefault(True)
    form.discard_button.clicked.connect(form.discardRequested)
    form.save_button.clicked.connect(form.saveRequested)
    row = QHBoxLayout()
    row.addWidget(form.status_label, 1)
    row.addWidget(form.discard_button)
    row.addWidget(form.save_button)
    return row


def ask_storage(form: InterfaceForm, editor: InterfaceEditor) -> None:
    """Whether there is a keyring at all is said before anyone types a password."""
    field = form.password_field

    def known(storage: str) -> None:
        if isValid(field):
            field.set_storage(storage)

    def failed(exc: Exception) -> None:
        log.warning("keyring not asked: %s", type(exc).__name__)

    def ask() -> None:
        Op(editor.secrets.storage, parent=form).success(known).failure(failed).run_in_background(
            secondary=True
        )

    # From the event loop, not while the window is still being built: loading the
    # keyring's backends takes the interpreter for a while.
    QTimer.singleShot(0, form, ask)


def configuration_group(form: InterfaceForm) -> QGroupBox:
    group = QGroupBox(QCoreApplication.translate("InterfaceForm", "Configuration"), form)
    fields.build(form, fields.new_form_layout(group), fields.CONFIGURATION)
    form.workstation_check.toggled.connect(form._on_workstation_toggled)
    form.workstation_edit.textChanged.connect(lambda _text: rules.update_usage(form))
    return group


def details_group(form: InterfaceForm, editor: InterfaceEditor | None) -> QGroupBox:
    """Ausführungsdetails; with ``editor`` also the FTP Test (``form.ftp_test``)."""
    group = QGroupBox(QCoreApplication.translate("InterfaceForm", "Execution details"), form)
    layout = fields.new_form_layout(group)
    form.details_layout = layout
    fields.build(form, layout, fields.DETAILS)
    form.run_time_edit.editingFinished.connect(lambda: rules.check_run_time_now(form))
    form.directory_edit.textChanged.connect(lambda _text: rules.check_directory_now(form))
    # The Benutzer too: another account's folder of the same name is said more softly.
    sources = (form.filename_edit, form.host_edit, form.port_edit, form.directory_edit)
    for edit in (*sources, form.user_edit):
        edit.textChanged.connect(lambda _text: rules.check_shared_folder(form))
    form.date_subdirectories_check.toggled.connect(lambda _on: rules.check_shared_folder(form))
    form.protocol_combo.currentIndexChanged.connect(lambda _i: rules.check_shared_folder(form))
    # What the stored password is bound to: the server, port, user and protocol.
    for edit in (form.host_edit, form.port_edit, form.user_edit):
        edit.textChanged.connect(lambda _text: rules.check_password_server(form))
    form.protocol_combo.currentIndexChanged.connect(lambda _i: rules.check_password_server(form))
    # The frame takes no focus: its mnemonic goes to the first day.
    label = layout.labelForField(form.field_boxes[v.WEEKDAYS])
    assert isinstance(label, QLabel)  # fields.labelled_row made it
    label.setBuddy(form.weekday_checks[Weekday.MON])
    for check in form.weekday_checks.values():
        check.setToolTip(label.toolTip())
    if editor is not None:
        form.ftp_test = FtpTestPanel(editor, form.ftp_test_values, form.lang, form.test_timeout)
        form.ftp_test.setContentsMargins(FRAME_MARGIN, FRAME_MARGIN, FRAME_MARGIN, 0)
        layout.addRow(form.ftp_test)  # the whole width: the step messages are long
    return group


def email_group(form: InterfaceForm, editor: InterfaceEditor | None) -> QGroupBox:
    title = QCoreApplication.translate("InterfaceForm", "E-mail address for error reports")
    group = QGroupBox(title, form)
    form.email_test = build_email(form, fields.new_form_layout(group), editor)
    return group


def matching_group(form: InterfaceForm) -> QGroupBox:
    title = QCoreApplication.translate("InterfaceForm", "Invoice numbers and checks")
    group = form.matching_group = QGroupBox(title, form)
    form.matching_layout = fields.new_form_layout(group)
    build_matching(form, form.matching_layout)
    return group


def set_tab_order(form: InterfaceForm) -> None:
    """Tab goes through the fields in the manual's order, then Verwerfen and Speichern."""
    password = form.password_field
    chain: list[QWidget] = [
        *(form.name_edit, form.enabled_check, form.branch_combo, form.workstation_check),
        *(form.workstation_edit, form.start_edit, form.start_edit.check, form.start_edit.edit),
        *(form.format_combo, form.mandant_list, form.settle_combo, form.filename_edit),
        *(form.interval_combo, form.every_spin, form.run_time_edit),
        *form.weekday_checks.values(),
        *(form.day_spin, form.last_day_check, form.protocol_combo, form.host_edit),
        *(form.port_edit, form.directory_edit, form.append_slash_button),
        *(form.date_subdirectories_check, form.passive_check, form.user_edit),
        *(password, password.line_edit(), password.reveal_button(), password.clear_button()),
        *([form.ftp_test.test_button] if form.ftp_test else []),
        form.email_edit,
        *([form.email_test.button] if form.email_test else []),
        *(form.pattern_edit, form.own_guards_check, *form.guards.widgets()),
        *(form.discard_button, form.save_button),
    ]
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)


def build_email(
    form: InterfaceForm, layout: QFormLayout, editor: InterfaceEditor | None
) -> EmailTestControl | None:
    """The E-Mail field; with ``editor`` its Test button beside it and, below, how the
    last test went or that the SMTP server is missing (then the offer to set it up)."""
    form.email_edit = fields.Line(
        QT_TRANSLATE_NOOP("InterfaceForm", "accounts@branch.example")
    ).make(form)
    if editor is None:
        fields.labelled_row(form, layout, v.ERROR_EMAIL, form.email_edit)
        return None
    test = EmailTestControl(editor, form.email_edit, form.lang, form.test_timeout, parent=form)
    fields.labelled_row(form, layout, v.ERROR_EMAIL, form.email_edit, test.button)
    below = QWidget()
    column = QVBoxLayout(below)
    column.setContentsMargins(FRAME_MARGIN, 0, FRAME_MARGIN, 0)
    column.setSpacing(2)
    column.addWidget(test.status_label)
    column.addWidget(test.setup_button, 0, Qt.AlignmentFlag.AlignLeft)
    test.setup_button.clicked.connect(form.smtpSetupRequested)
    layout.addRow("", below)
    return test


# Numbers like RE-2025-0042 need no pattern: the example is one that does.
PATTERN_PLACEHOLDER = QT_TRANSLATE_NOOP("InterfaceForm", "optional, e.g. \\d{6}")


def build_matching(form: InterfaceForm, layout: QFormLayout) -> None:
    """The invoice number pattern and the interface's own Offene-Posten checks."""
    form.pattern_edit = fields.Line(PATTERN_PLACEHOLDER).make(form)
    fields.labelled_row(form, layout, v.INVOICE_PATTERN, form.pattern_edit)
    form.own_guards_check = QCheckBox(_tr(FIELD_TEXTS[OWN_GUARDS].label))
    form.own_guards_check.setToolTip(_tr(FIELD_TEXTS[OWN_GUARDS].tooltip))
    form.own_guards_check.toggled.connect(form._on_dependency_changed)
    form.guards = GuardControls(form)  # its checks bring their own tooltips
    form.guards.changed.connect(form._on_changed)
    for key, check in (
        (OWN_GUARDS, form.own_guards_check),
        (GUARD_REFUSE_EMPTY, form.guards.refuse_empty),
        (GUARD_REFUSE_OLDER, form.guards.refuse_older),
    ):
        form.field_boxes[key] = FieldBox(check)
        layout.addRow("", form.field_boxes[key])
    fields.labelled_row(form, layout, v.GUARD_MAX_SHARE, form.guards.share_row)
