"""The interface form's editors that are more than a standard widget: each made by its
``make_<attribute>(form)`` for the tables of ``interface_form_fields``, which call it by
that name; each connects its own signals to the form. Their texts keep the context
"InterfaceForm"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QToolButton, QWidget

from ..domain.interface import Weekday
from ..tr_noop import QT_TRANSLATE_NOOP
from .interface_form_texts import tr_form as _tr
from .reveal_dialog import offer_reveal
from .widgets.checkable_list import CheckableList
from .widgets.field_box import FRAME_MARGIN
from .widgets.optional_date_edit import OptionalDateEdit
from .widgets.password_field import PasswordField
from .widgets.setup_hint import SetupHint
from .widgets.time_field import TimeField

if TYPE_CHECKING:
    from .interface_form import InterfaceForm


def make_branch_setup(form: InterfaceForm) -> SetupHint:
    hint = SetupHint(_tr(QT_TRANSLATE_NOOP("InterfaceForm", "Add branch …")))
    hint.setObjectName("branchSetup")
    hint.requested.connect(form.addBranchRequested)
    return hint


def make_usage_label(form: InterfaceForm) -> QLabel:
    label = QLabel(_tr(QT_TRANSLATE_NOOP("InterfaceForm", "Server-side")))
    label.setObjectName("usageLabel")
    # As tall as an editor, so it sits level with its label like the other values.
    label.setMinimumHeight(form.line_height - 2 * FRAME_MARGIN)
    return label


def make_password_holders_label(form: InterfaceForm) -> QLabel:
    label = QLabel()
    label.setObjectName("passwordHolders")
    label.setWordWrap(True)
    label.setMinimumHeight(form.line_height - 2 * FRAME_MARGIN)
    return label


def make_start_edit(form: InterfaceForm) -> OptionalDateEdit:
    edit = OptionalDateEdit(_tr(QT_TRANSLATE_NOOP("InterfaceForm", "from")))
    edit.changed.connect(form._on_changed)
    return edit


def make_mandant_list(form: InterfaceForm) -> CheckableList:
    mandants = CheckableList()
    mandants.setMaximumHeight(form.fontMetrics().height() * 5)
    mandants.changed.connect(form._on_changed)
    return mandants


def make_mandant_setup(form: InterfaceForm) -> SetupHint:
    hint = SetupHint(_tr(QT_TRANSLATE_NOOP("InterfaceForm", "Add client …")))
    hint.setObjectName("mandantSetup")
    hint.requested.connect(form.addMandantRequested)
    return hint


def make_run_time_edit(form: InterfaceForm) -> TimeField:
    edit = TimeField()
    edit.textChanged.connect(form._on_changed)
    return edit


WEEKDAY_NAMES = (
    QT_TRANSLATE_NOOP("InterfaceForm", "Mon"),
    QT_TRANSLATE_NOOP("InterfaceForm", "Tue"),
    QT_TRANSLATE_NOOP("InterfaceForm", "Wed"),
    QT_TRANSLATE_NOOP("InterfaceForm", "Thu"),
    QT_TRANSLATE_NOOP("InterfaceForm", "Fri"),
    QT_TRANSLATE_NOOP("InterfaceForm", "Sat"),
    QT_TRANSLATE_NOOP("InterfaceForm", "Sun"),
)


def make_weekday_frame(form: InterfaceForm) -> QWidget:
    """The days as ``form.weekday_checks``: working days on the first line, the weekend
    below (seven in a row would make this the widest field of the form)."""
    frame = QWidget()
    grid = QGridLayout(frame)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setVerticalSpacing(2)
    form.weekday_checks = {}
    for index, (day, text) in enumerate(zip(Weekday, WEEKDAY_NAMES, strict=True)):
        check = QCheckBox(_tr(text))
        check.toggled.connect(form._on_changed)
        grid.addWidget(check, index // 5, index % 5)
        form.weekday_checks[day] = check
    grid.setColumnStretch(5, 1)
    return frame


def make_last_day_check(form: InterfaceForm) -> QCheckBox:
    check = QCheckBox(_tr(QT_TRANSLATE_NOOP("InterfaceForm", "last")))
    check.setToolTip(_tr(QT_TRANSLATE_NOOP("InterfaceForm", "The last day of every month.")))
    check.toggled.connect(form._on_dependency_changed)
    return check


def make_append_slash_button(form: InterfaceForm) -> QToolButton:
    button = QToolButton()
    button.setText(_tr(QT_TRANSLATE_NOOP("InterfaceForm", "Append “/”")))
    button.setToolTip(_tr(QT_TRANSLATE_NOOP("InterfaceForm", "Adds the missing “/” at the end.")))
    button.clicked.connect(form._append_slash)
    return button


def make_password_field(form: InterfaceForm) -> PasswordField:
    field = PasswordField()
    field.changed.connect(form._on_changed)
    offer_reveal(field)
    return field
