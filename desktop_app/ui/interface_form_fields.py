"""The interface form's fields as tables, group by group, in the manual's order (ReText's
way: one declarative table, one builder). A row names the field (its label, tooltip and
messages come from ``interface_form_texts``), the form attribute that holds its editor,
and what kind of editor it is; editors that are more than a standard widget are made by
the ``make_<attribute>`` functions of ``interface_form_editors``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..domain import validation as v
from ..domain.interface import (
    MAX_EVERY_MINUTES,
    MIN_EVERY_MINUTES,
    ImportFormat,
    IntervalKind,
    Protocol,
    SettleUntil,
)
from ..tr_noop import QT_TRANSLATE_NOOP
from . import interface_form_editors as editors
from .interface_form_texts import (
    DATE_SUBDIRECTORIES,
    ENABLED,
    FIELD_TEXTS,
    PASSIVE,
    PASSWORD_HOLDERS,
    PROTOCOL,
    USAGE,
    WORKSTATION_BOUND,
)
from .interface_form_texts import tr_form as _tr
from .widgets.field_box import FieldBox

if TYPE_CHECKING:
    from .interface_form import InterfaceForm

LABEL_WIDTH_CHARS = 20
REQUIRED_MARK = " *"  # after the label of a field that must be filled in
# What must be filled in for a save (the domain's rules); "Rechner" only when bound.
REQUIRED = frozenset(
    {
        v.NAME,
        v.WORKSTATION,
        v.IMPORT_FORMAT,
        v.MANDANTS,
        v.SETTLE_UNTIL,
        v.RUN_TIME,
        v.WEEKDAYS,
        v.FTP_HOST,
        v.FTP_USER,
    }
)

Items = Callable[[str], list[tuple[str, str]]]  # the language -> (value, text) pairs


# --- the kinds of editor ---------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    # Translated: an example value too, so English shows an English example.
    placeholder: str = ""
    digits: int = 0  # >0: digits only, at most this many (the range gets a message)
    width_chars: int = 0  # >0: no wider than this many digits

    def make(self, form: InterfaceForm) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(_tr(self.placeholder) if self.placeholder else "")
        if self.digits:
            pattern = QRegularExpression(rf"\d{{0,{self.digits}}}")
            edit.setValidator(QRegularExpressionValidator(pattern, edit))
        if self.width_chars:
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * self.width_chars)
        edit.textChanged.connect(form._on_changed)
        return edit


@dataclass(frozen=True)
class Combo:
    items: Items
    placeholder: str = ""
    # A choice other fields depend on: they are shown, hidden or enabled anew.
    dependency: bool = False

    def make(self, form: InterfaceForm) -> QComboBox:
        combo = QComboBox()
        for value, text in self.items(form.lang):
            combo.addItem(text, value)
        if self.placeholder:
            combo.setPlaceholderText(_tr(self.placeholder))
        slot = form._on_dependency_changed if self.dependency else form._on_changed
        combo.currentIndexChanged.connect(slot)
        return combo


@dataclass(frozen=True)
class Spin:
    minimum: int
    maximum: int
    step: int = 1
    suffix: str = ""

    def make(self, form: InterfaceForm) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(self.minimum, self.maximum)
        spin.setSingleStep(self.step)
        spin.setSuffix(_tr(self.suffix))
        spin.valueChanged.connect(form._on_changed)
        return spin


@dataclass(frozen=True)
class Custom:
    """Made by ``interface_form_editors.make_<attribute>(form)``, which connects its own
    signals."""

    def make(self, form: InterfaceForm, attribute: str) -> QWidget:
        return getattr(editors, f"make_{attribute}")(form)


@dataclass(frozen=True)
class Row:
    """A labelled field: ``key``'s label left, the editor (and ``beside``) right, ``hint``
    (a muted line) below it. ``beside`` and ``setup`` name widgets made by
    ``interface_form_editors.make_<name>(form)`` (a button beside the field; an offer to
    set something up)."""

    key: str
    attribute: str
    editor: Line | Combo | Spin | Custom
    beside: tuple[str, ...] = ()
    hint: str = ""
    setup: str = ""


@dataclass(frozen=True)
class Check:
    """A checkbox whose own text is the label (no separate label on the left)."""

    key: str
    attribute: str
    dependency: bool = False


# --- the items of the choices --------------------------------------------------------------


def _formats(lang: str) -> list[tuple[str, str]]:
    return [(f.value, f.label_en if lang == "en" else f.label_de) for f in ImportFormat]


def _fixed(*items: tuple[str, str]) -> Items:
    return lambda _lang: [(value, _tr(text)) for value, text in items]


_SETTLE = _fixed(
    (SettleUntil.YESTERDAY.value, QT_TRANSLATE_NOOP("InterfaceForm", "yesterday")),
    (SettleUntil.TODAY.value, QT_TRANSLATE_NOOP("InterfaceForm", "today")),
    (SettleUntil.TOMORROW.value, QT_TRANSLATE_NOOP("InterfaceForm", "tomorrow")),
)
_INTERVALS = _fixed(
    (IntervalKind.HOURLY.value, QT_TRANSLATE_NOOP("InterfaceForm", "Hourly")),
    (IntervalKind.DAILY.value, QT_TRANSLATE_NOOP("InterfaceForm", "Daily")),
    (IntervalKind.WEEKLY.value, QT_TRANSLATE_NOOP("InterfaceForm", "Weekly on the following days")),
    (IntervalKind.MONTHLY.value, QT_TRANSLATE_NOOP("InterfaceForm", "Day of the month")),
)


def _protocols(_lang: str) -> list[tuple[str, str]]:
    return [
        (Protocol.FTP.value, "FTP"),
        (Protocol.FTPS.value, _tr(QT_TRANSLATE_NOOP("InterfaceForm", "FTPS (explicit TLS)"))),
        (
            Protocol.FTPS_IMPLICIT.value,
            _tr(QT_TRANSLATE_NOOP("InterfaceForm", "FTPS (implicit, port 990)")),
        ),
        (Protocol.SFTP.value, "SFTP"),
    ]


# --- the tables ------------------------------------------------------------------------------

CONFIGURATION = (
    Row(v.NAME, "name_edit", Line()),
    Check(ENABLED, "enabled_check"),
    Row(v.BRANCH, "branch_combo", Combo(lambda _lang: []), setup="branch_setup"),
    Check(WORKSTATION_BOUND, "workstation_check"),
    Row(v.WORKSTATION, "workstation_edit", Line()),
    Row(USAGE, "usage_label", Custom()),
    Row(v.START_DATE, "start_edit", Custom()),
)

DETAILS = (
    Row(
        v.IMPORT_FORMAT,
        "format_combo",
        Combo(
            _formats,
            placeholder=QT_TRANSLATE_NOOP("InterfaceForm", "Please choose"),
            dependency=True,
        ),
    ),
    Row(v.MANDANTS, "mandant_list", Custom(), setup="mandant_setup"),
    Row(v.SETTLE_UNTIL, "settle_combo", Combo(_SETTLE)),
    Row(
        v.FILENAME_FILTER,
        "filename_edit",
        Line(QT_TRANSLATE_NOOP("InterfaceForm", "e.g. payments")),
    ),
    Row(v.INTERVAL_KIND, "interval_combo", Combo(_INTERVALS, dependency=True)),
    Row(
        v.EVERY_MINUTES,
        "every_spin",
        Spin(
            MIN_EVERY_MINUTES,
            MAX_EVERY_MINUTES,
            step=5,
            suffix=QT_TRANSLATE_NOOP("InterfaceForm", " minutes"),
        ),
    ),
    Row(
        v.RUN_TIME,
        "run_time_edit",
        Custom(),
        hint=QT_TRANSLATE_NOOP("InterfaceForm", "Between 06:00 and 22:00."),
    ),
    Row(v.WEEKDAYS, "weekday_frame", Custom()),
    Row(v.DAY_OF_MONTH, "day_spin", Spin(1, 28), beside=("last_day_check",)),
    Row(PROTOCOL, "protocol_combo", Combo(_protocols, dependency=True)),
    Row(
        v.FTP_HOST, "host_edit", Line(QT_TRANSLATE_NOOP("InterfaceForm", "ftp.tax-adviser.example"))
    ),
    Row(v.FTP_PORT, "port_edit", Line(digits=6, width_chars=10)),
    Row(
        v.FTP_DIRECTORY,
        "directory_edit",
        Line(QT_TRANSLATE_NOOP("InterfaceForm", "ACCOUNTING/IMPORTS/")),
        # Beside the field, not below it: appearing, it moves nothing under the pointer.
        beside=("append_slash_button",),
        hint=QT_TRANSLATE_NOOP(
            "InterfaceForm", "Ends with “/”, e.g. ACCOUNTING/IMPORTS/; empty: the root."
        ),
    ),
    Check(DATE_SUBDIRECTORIES, "date_subdirectories_check"),
    Check(PASSIVE, "passive_check"),
    Row(v.FTP_USER, "user_edit", Line()),
    Row(v.FTP_PASSWORD, "password_field", Custom()),
    Row(PASSWORD_HOLDERS, "password_holders_label", Custom()),
)


# --- the builder -------------------------------------------------------------------------------


def new_form_layout(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setVerticalSpacing(2)  # the field boxes bring their own margin
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


def build(form: InterfaceForm, layout: QFormLayout, rows: tuple[Row | Check, ...]) -> None:
    """Make every field of ``rows`` in ``layout``, each as ``form``'s attribute."""
    for row in rows:
        if isinstance(row, Check):
            check = check_row(form, layout, row.key)
            slot = form._on_dependency_changed if row.dependency else form._on_changed
            check.toggled.connect(slot)
            setattr(form, row.attribute, check)
            continue
        editor = (
            row.editor.make(form, row.attribute)
            if isinstance(row.editor, Custom)
            else row.editor.make(form)
        )
        setattr(form, row.attribute, editor)
        beside = [_made(form, name) for name in row.beside]
        setup = _made(form, row.setup) if row.setup else None
        box = labelled_row(form, layout, row.key, editor, *beside, hint=setup)
        if row.hint:
            box.set_hint(_tr(row.hint))


def _made(form: InterfaceForm, name: str) -> QWidget:
    widget = getattr(editors, f"make_{name}")(form)
    setattr(form, name, widget)
    return widget


def labelled_row(
    form: InterfaceForm,
    layout: QFormLayout,
    key: str,
    editor: QWidget,
    *beside: QWidget,
    hint: QWidget | None = None,
) -> FieldBox:
    """A labelled row: the label is the editor's buddy, both carry the manual's text."""
    texts = FIELD_TEXTS[key]
    box = FieldBox(editor, *beside, hint=hint)
    # "Name: *": the manual's word, a colon as in every dialog, the required mark.
    required = REQUIRED_MARK if key in REQUIRED else ""
    label = QLabel(_tr(texts.label) + ":" + required)
    # "Rechnungen bezahlt setzen bis zum" would make the label column so wide that the
    # two columns no longer fit a 1280 pixel screen; such a long label wraps instead.
    metrics = form.fontMetrics()
    max_width = metrics.horizontalAdvance("x") * LABEL_WIDTH_CHARS
    text_height = metrics.height()
    if metrics.horizontalAdvance(label.text()) > max_width:
        label.setWordWrap(True)
        label.setFixedWidth(max_width)
        text_height = label.heightForWidth(max_width)
    # Level with the editor's first line, also when a message below makes the row tall.
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setContentsMargins(0, max(0, (form.line_height - text_height) // 2), 0, 0)
    label.setBuddy(editor)
    tooltip = _tr(texts.tooltip)
    label.setToolTip(tooltip)
    editor.setToolTip(tooltip)
    layout.addRow(label, box)
    form.field_boxes[key] = box
    return box


def check_row(form: InterfaceForm, layout: QFormLayout, key: str) -> QCheckBox:
    """A checkbox whose own text is the label; boxed like the other fields, so they align."""
    texts = FIELD_TEXTS[key]
    check = QCheckBox(_tr(texts.label))
    check.setToolTip(_tr(texts.tooltip))
    layout.addRow("", FieldBox(check))
    return check
