"""The form with every field of one interface (PRODUCT.md §2–4), grouped as in the manual.

The form only shows and collects values. Whether they may be saved is decided by the
domain rules (``repository.problems``); the form puts each problem's message next to
its field. Saving itself is the main window's job (it runs in the background).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import time
from itertools import pairwise

from PySide6.QtCore import QPoint, QRegularExpression, QSysInfo, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain import validation as v
from ..domain.interface import (
    LAST_DAY,
    MAX_EVERY_MINUTES,
    MIN_EVERY_MINUTES,
    ChainOptions,
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    OpenItemGuards,
    Protocol,
    SettleUntil,
    Weekday,
)
from ..domain.validation import Problem
from ..jobs.interface_edit import InterfaceEditor, PasswordChange
from ..store.interfaces import StoredInterface
from .email_test import EmailTestControl
from .ftp_test_panel import DEFAULT_TEST_TIMEOUT, FtpFormValues, FtpTestPanel
from .interface_form_texts import (
    DATE_SUBDIRECTORIES,
    ENABLED,
    FIELD_TEXTS,
    FTP_PASSWORD_FIELD,
    GUARD_REFUSE_EMPTY,
    GUARD_REFUSE_OLDER,
    OWN_GUARDS,
    PASSIVE,
    PROTOCOL,
    USAGE,
    WORKSTATION_BOUND,
)
from .ops import Op
from .widgets.checkable_list import CheckableList
from .widgets.field_box import FRAME_MARGIN, FieldBox
from .widgets.guard_controls import GuardControls
from .widgets.optional_date_edit import OptionalDateEdit
from .widgets.password_field import PasswordField
from .widgets.setup_hint import SetupHint
from .widgets.time_field import TimeField
from .widgets.wheel_guard import guard_wheel

log = logging.getLogger(__name__)

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
ONE_COLUMN_ROOM = 1.25  # one column gets this much more than its minimum: fields to type in
DEFAULT_RUN_TIME = time(7, 0)  # a new interface starts inside the 06:00–22:00 window

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
        self._test_timeout = test_timeout
        self.ftp_test: FtpTestPanel | None = None
        self.email_test: EmailTestControl | None = None
        self._host_name = host_name if host_name is not None else QSysInfo.machineHostName()
        self._original_name: str | None = None
        self._baseline = InterfaceSettings()
        self._loading = True  # until built: the widgets' signals fire while being filled
        self._dirty = False
        self._busy = False
        self._boxes: dict[str, FieldBox] = {}  # in form order: the first bad one gets focus
        self._chain_guards = OpenItemGuards()  # shown while the interface has none of its own
        self._may_set_up = False  # administrators may add Mandanten, branches, SMTP in place
        self._has_branches = self._has_mandants = True  # until set_choices says otherwise
        self.setStyleSheet(_STYLE)
        # The height of one editor row in its field box: labels centre on it.
        self._line_height = QLineEdit().sizeHint().height() + 2 * FRAME_MARGIN

        self._title = QLabel(self)
        self._title.setObjectName("formTitle")
        configuration = self._build_configuration()
        details = self._build_details()
        email = self._build_email()
        matching = self._build_matching()

        left = QVBoxLayout()
        left.addWidget(configuration)
        left.addWidget(email)
        left.addWidget(matching)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(details)
        right.addStretch(1)
        self._fields = QWidget()
        columns = QHBoxLayout(self._fields)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        # Two columns where they fit; one below the other on a small screen (1024×768).
        self._columns, self._left, self._right = columns, left, right
        self._groups = (configuration, details, email, matching)
        self._one_column = False
        # Only the fields scroll (on small screens, or when many messages show); the title,
        # the status line and the buttons stay in view.
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no tab stop of its own
        self._scroll.setWidget(self._fields)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("formStatus")
        self.status_label.setWordWrap(True)
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setToolTip(self.tr("Undo all changes since the last save."))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Check the values and save them (Ctrl+S)."))
        self.save_button.setDefault(True)
        self.discard_button.clicked.connect(self.discardRequested)
        self.save_button.clicked.connect(self.saveRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)

        self.required_legend = QLabel(self.tr("* required"), self)
        self.required_legend.setObjectName("requiredLegend")
        title_row = QHBoxLayout()
        title_row.addWidget(self._title, 1)
        title_row.addWidget(self.required_legend)

        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self._scroll, 1)
        layout.addLayout(buttons)

        self._set_tab_order()
        guard_wheel(self)
        if self.ftp_test is not None:
            self.ftp_test.results_grew.connect(self._keep_test_results_in_view)
        if editor is not None:
            self._ask_storage(editor)
        self._loading = False
        self.load(None)

    # --- building -------------------------------------------------------------------------

    def _ask_storage(self, editor: InterfaceEditor) -> None:
        """Whether there is a keyring at all is said before anyone types a password."""
        field = self.password_field

        def known(storage: str) -> None:
            if isValid(field):
                field.set_storage(storage)

        def failed(exc: Exception) -> None:
            log.warning("keyring not asked: %s", type(exc).__name__)

        def ask() -> None:
            Op(editor.secrets.storage, parent=self).success(known).failure(
                failed
            ).run_in_background()

        # From the event loop, not while the window is still being built: loading the
        # keyring's backends takes the interpreter for a while.
        QTimer.singleShot(0, self, ask)

    def _row(
        self,
        form: QFormLayout,
        key: str,
        editor: QWidget,
        *beside: QWidget,
        message_action: QWidget | None = None,
        hint: QWidget | None = None,
    ) -> FieldBox:
        """A labelled row: the label is the editor's buddy, both carry the manual's text."""
        texts = FIELD_TEXTS[key]
        box = FieldBox(editor, *beside, message_action=message_action, hint=hint)
        # "Name: *": the manual's word, a colon as in every dialog, the required mark.
        required = REQUIRED_MARK if key in REQUIRED else ""
        label = QLabel(self.tr(texts.label) + ":" + required)
        # "Rechnungen bezahlt setzen bis zum" would make the label column so wide that the
        # two columns no longer fit a 1280 pixel screen; such a long label wraps instead.
        max_width = self.fontMetrics().horizontalAdvance("x") * LABEL_WIDTH_CHARS
        text_height = self.fontMetrics().height()
        if self.fontMetrics().horizontalAdvance(label.text()) > max_width:
            label.setWordWrap(True)
            label.setFixedWidth(max_width)
            text_height = label.heightForWidth(max_width)
        # Level with the editor's first line, also when a message below makes the row tall.
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, max(0, (self._line_height - text_height) // 2), 0, 0)
        label.setBuddy(editor)
        tooltip = self.tr(texts.tooltip)
        label.setToolTip(tooltip)
        editor.setToolTip(tooltip)
        form.addRow(label, box)
        self._boxes[key] = box
        return box

    def _check_row(self, form: QFormLayout, key: str) -> QCheckBox:
        """A checkbox whose own text is the label (no separate label on the left)."""
        texts = FIELD_TEXTS[key]
        check = QCheckBox(self.tr(texts.label))
        check.setToolTip(self.tr(texts.tooltip))
        form.addRow("", FieldBox(check))  # boxed like the other fields, so they align
        check.toggled.connect(self._on_changed)
        return check

    @staticmethod
    def _new_form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setVerticalSpacing(2)  # the field boxes bring their own margin
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

    def _line_edit(self, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._on_changed)
        return edit

    def _combo(
        self, items: list[tuple[str, str]], on_change: Callable[..., None] | None = None
    ) -> QComboBox:
        combo = QComboBox()
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(on_change or self._on_changed)
        return combo

    def _build_configuration(self) -> QGroupBox:
        group = QGroupBox(self.tr("Configuration"), self)
        form = self._new_form(group)
        self.name_edit = self._line_edit()
        self._row(form, v.NAME, self.name_edit)
        self.enabled_check = self._check_row(form, ENABLED)
        self.branch_combo = self._combo([])
        self.branch_setup = SetupHint(self.tr("Add branch …"))
        self.branch_setup.setObjectName("branchSetup")
        self.branch_setup.requested.connect(self.addBranchRequested)
        self._row(form, v.BRANCH, self.branch_combo, hint=self.branch_setup)
        self.workstation_check = self._check_row(form, WORKSTATION_BOUND)
        self.workstation_check.toggled.connect(self._on_workstation_toggled)
        self.workstation_edit = self._line_edit()
        self.workstation_edit.textChanged.connect(self._update_usage)
        self._row(form, v.WORKSTATION, self.workstation_edit)
        self.usage_label = QLabel(self.tr("Server-side"))
        self.usage_label.setObjectName("usageLabel")
        # As tall as an editor, so it sits level with its label like the other values.
        self.usage_label.setMinimumHeight(self._line_height - 2 * FRAME_MARGIN)
        self._row(form, USAGE, self.usage_label)
        self.start_edit = OptionalDateEdit(self.tr("from"))
        self.start_edit.changed.connect(self._on_changed)
        self._row(form, v.START_DATE, self.start_edit)
        return group

    def _build_details(self) -> QGroupBox:
        group = QGroupBox(self.tr("Execution details"), self)
        form = self._new_form(group)
        self._details_form = form

        label = (lambda f: f.label_en) if self._lang == "en" else (lambda f: f.label_de)
        self.format_combo = self._combo(
            [(f.value, label(f)) for f in ImportFormat], self._on_dependency_changed
        )
        self.format_combo.setPlaceholderText(self.tr("Please choose"))
        self._row(form, v.IMPORT_FORMAT, self.format_combo)

        self.mandant_list = CheckableList()
        self.mandant_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.mandant_list.changed.connect(self._on_changed)
        self.mandant_setup = SetupHint(self.tr("Add client …"))
        self.mandant_setup.setObjectName("mandantSetup")
        self.mandant_setup.requested.connect(self.addMandantRequested)
        self._row(form, v.MANDANTS, self.mandant_list, hint=self.mandant_setup)

        self.settle_combo = self._combo(
            [
                (SettleUntil.YESTERDAY.value, self.tr("yesterday")),
                (SettleUntil.TODAY.value, self.tr("today")),
                (SettleUntil.TOMORROW.value, self.tr("tomorrow")),
            ]
        )
        self._row(form, v.SETTLE_UNTIL, self.settle_combo)

        self.filename_edit = self._line_edit(self.tr("e.g. Zahlungen"))
        self._row(form, v.FILENAME_FILTER, self.filename_edit)

        self.interval_combo = self._combo(
            [
                (IntervalKind.HOURLY.value, self.tr("Hourly")),
                (IntervalKind.DAILY.value, self.tr("Daily")),
                (IntervalKind.WEEKLY.value, self.tr("Weekly on the following days")),
                (IntervalKind.MONTHLY.value, self.tr("Day of the month")),
            ],
            self._on_dependency_changed,
        )
        self._row(form, v.INTERVAL_KIND, self.interval_combo)

        self.every_spin = QSpinBox()
        self.every_spin.setRange(MIN_EVERY_MINUTES, MAX_EVERY_MINUTES)
        self.every_spin.setSingleStep(5)
        self.every_spin.setSuffix(self.tr(" minutes"))
        self.every_spin.valueChanged.connect(self._on_changed)
        self._row(form, v.EVERY_MINUTES, self.every_spin)

        self.run_time_edit = TimeField()
        self.run_time_edit.textChanged.connect(self._on_changed)
        self.run_time_edit.editingFinished.connect(self._check_run_time_now)
        self._row(form, v.RUN_TIME, self.run_time_edit).set_hint(
            self.tr("Between 06:00 and 22:00.")
        )

        self.weekday_frame = QWidget()
        # Working days on the first line, the weekend below: seven in a row would make
        # this the widest field of the form.
        weekday_grid = QGridLayout(self.weekday_frame)
        weekday_grid.setContentsMargins(0, 0, 0, 0)
        weekday_grid.setVerticalSpacing(2)
        self.weekday_checks: dict[Weekday, QCheckBox] = {}
        for index, (day, text) in enumerate(zip(Weekday, self._weekday_names(), strict=True)):
            check = QCheckBox(text)
            check.toggled.connect(self._on_changed)
            weekday_grid.addWidget(check, index // 5, index % 5)
            self.weekday_checks[day] = check
        weekday_grid.setColumnStretch(5, 1)
        box = self._row(form, v.WEEKDAYS, self.weekday_frame)
        # The frame takes no focus: its mnemonic goes to the first day.
        label = form.labelForField(box)
        label.setBuddy(self.weekday_checks[Weekday.MON])
        for check in self.weekday_checks.values():
            check.setToolTip(label.toolTip())

        self.day_spin = QSpinBox()
        self.day_spin.setRange(1, 28)
        self.day_spin.valueChanged.connect(self._on_changed)
        self.last_day_check = QCheckBox(self.tr("last"))
        self.last_day_check.setToolTip(self.tr("The last day of every month."))
        self.last_day_check.toggled.connect(self._on_dependency_changed)
        self._row(form, v.DAY_OF_MONTH, self.day_spin, self.last_day_check)

        self.protocol_combo = self._combo(
            [
                (Protocol.FTP.value, "FTP"),
                (Protocol.FTPS.value, self.tr("FTPS (explicit TLS)")),
                (Protocol.SFTP.value, "SFTP"),
            ],
            self._on_dependency_changed,
        )
        self._row(form, PROTOCOL, self.protocol_combo)

        self.host_edit = self._line_edit("ftp.steuerberater.de")
        self._row(form, v.FTP_HOST, self.host_edit)

        self.port_edit = self._line_edit()
        # Digits only, but no range: an out-of-range port gets the domain's message.
        self.port_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self.port_edit)
        )
        self.port_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 10)
        self._row(form, v.FTP_PORT, self.port_edit)

        self.directory_edit = self._line_edit("BUCHHALTUNG/IMPORTE/")
        self.directory_edit.textChanged.connect(self._check_directory_now)
        self.append_slash_button = QToolButton()
        self.append_slash_button.setText(self.tr("Append “/”"))
        self.append_slash_button.setToolTip(self.tr("Adds the missing “/” at the end."))
        self.append_slash_button.clicked.connect(self._append_slash)
        # Beside the field, not below it: appearing, it moves nothing under the pointer.
        directory = self._row(form, v.FTP_DIRECTORY, self.directory_edit, self.append_slash_button)
        directory.set_hint(self.tr("Ends with “/”, e.g. BUCHHALTUNG/IMPORTE/; empty: the root."))

        self.date_subdirectories_check = self._check_row(form, DATE_SUBDIRECTORIES)
        self.passive_check = self._check_row(form, PASSIVE)
        self.user_edit = self._line_edit()
        self._row(form, v.FTP_USER, self.user_edit)
        self.password_field = PasswordField()
        self.password_field.changed.connect(self._on_changed)
        self._row(form, FTP_PASSWORD_FIELD, self.password_field)
        if self._editor is not None:
            self.ftp_test = FtpTestPanel(
                self._editor, self._ftp_test_values, self._lang, self._test_timeout
            )
            self.ftp_test.setContentsMargins(FRAME_MARGIN, FRAME_MARGIN, FRAME_MARGIN, 0)
            form.addRow(self.ftp_test)  # the whole width: the step messages are long
        return group

    def _ftp_test_values(self) -> FtpFormValues:
        return FtpFormValues(self.settings().ftp, self.password_field.password_change())

    def _build_email(self) -> QGroupBox:
        group = QGroupBox(self.tr("E-mail address for error reports"), self)
        form = self._new_form(group)
        self.email_edit = self._line_edit("buchhaltung@filiale.de")
        if self._editor is None:
            self._row(form, v.ERROR_EMAIL, self.email_edit)
            return group
        self.email_test = EmailTestControl(
            self._editor, self.email_edit, self._lang, self._test_timeout, parent=self
        )
        self._row(form, v.ERROR_EMAIL, self.email_edit, self.email_test.button)
        below = QWidget()
        column = QVBoxLayout(below)
        column.setContentsMargins(FRAME_MARGIN, 0, FRAME_MARGIN, 0)
        column.setSpacing(2)
        column.addWidget(self.email_test.status_label)
        column.addWidget(self.email_test.setup_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.email_test.setup_button.clicked.connect(self.smtpSetupRequested)
        form.addRow("", below)
        return group

    def _build_matching(self) -> QGroupBox:
        group = QGroupBox(self.tr("Invoice numbers and checks"), self)
        form = self._new_form(group)
        self._matching_form = form
        self.pattern_edit = self._line_edit(self.tr("optional, e.g. RE-\\d{4}-\\d{4}"))
        self._row(form, v.INVOICE_PATTERN, self.pattern_edit)
        self.own_guards_check = QCheckBox(self.tr(FIELD_TEXTS[OWN_GUARDS].label))
        self.own_guards_check.toggled.connect(self._on_dependency_changed)
        self.guards = GuardControls(self)
        self.guards.changed.connect(self._on_changed)
        for key, check in (
            (OWN_GUARDS, self.own_guards_check),
            (GUARD_REFUSE_EMPTY, self.guards.refuse_empty),
            (GUARD_REFUSE_OLDER, self.guards.refuse_older),
        ):
            check.setToolTip(self.tr(FIELD_TEXTS[key].tooltip))
            self._boxes[key] = FieldBox(check)
            form.addRow("", self._boxes[key])
        self._row(form, v.GUARD_MAX_SHARE, self.guards.share_row)
        return group

    def _weekday_names(self) -> list[str]:
        return [
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        ]

    def set_tab_order_after(self, previous: QWidget) -> None:
        """Tab goes from ``previous`` (outside the form) to Name, through the form to
        Speichern; called once the form is in its window, whose chain it joins."""
        QWidget.setTabOrder(previous, self.name_edit)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.name_edit,
            self.enabled_check,
            self.branch_combo,
            self.workstation_check,
            self.workstation_edit,
            self.start_edit,
            self.start_edit.check,
            self.start_edit.edit,
            self.format_combo,
            self.mandant_list,
            self.settle_combo,
            self.filename_edit,
            self.interval_combo,
            self.every_spin,
            self.run_time_edit,
            *self.weekday_checks.values(),
            self.day_spin,
            self.last_day_check,
            self.protocol_combo,
            self.host_edit,
            self.port_edit,
            self.directory_edit,
            self.append_slash_button,
            self.date_subdirectories_check,
            self.passive_check,
            self.user_edit,
            self.password_field,
            self.password_field.line_edit(),
            self.password_field.reveal_button(),
            self.password_field.clear_button(),
            *([self.ftp_test.test_button] if self.ftp_test else []),
            self.email_edit,
            *([self.email_test.button] if self.email_test else []),
            self.pattern_edit,
            self.own_guards_check,
            *self.guards.widgets(),
            self.discard_button,
            self.save_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- loading and reading ----------------------------------------------------------------

    @property
    def original_name(self) -> str | None:
        """The stored name of the interface shown; None for a new one."""
        return self._original_name

    @property
    def lang(self) -> str:
        return self._lang

    def width_without_scrolling(self) -> int:
        """The width at which the fields show in two columns without a horizontal scroll bar
        (narrower, they go one below the other)."""
        margins = self.layout().contentsMargins()
        return self._two_column_width() + margins.left() + margins.right() + self._scroll_extra()

    def width_in_one_column(self) -> int:
        """The width the fields need one below the other, comfortably (not squeezed)."""
        margins = self.layout().contentsMargins()
        widest = max(group.minimumSizeHint().width() for group in self._groups)
        return (
            int(widest * ONE_COLUMN_ROOM) + margins.left() + margins.right() + self._scroll_extra()
        )

    def is_one_column(self) -> bool:
        """True while the groups stand one below the other (a narrow form)."""
        return self._one_column

    def _two_column_width(self) -> int:
        configuration, details, *below = self._groups
        left = max(group.minimumSizeHint().width() for group in (configuration, *below))
        return left + self._columns.spacing() + details.minimumSizeHint().width()

    def _scroll_extra(self) -> int:
        # A vertical scroll bar may appear when messages make the form long.
        scroll_bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        return scroll_bar + 2 * self._scroll.frameWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        # The scroll area's width less a scroll bar, whether one shows or not: so the
        # choice does not flip when showing one column brings the vertical bar.
        room = self._scroll.width() - self._scroll_extra()
        self._set_one_column(room < self._two_column_width())

    def _set_one_column(self, one: bool) -> None:
        if one == self._one_column:
            return
        self._one_column = one
        moved = self._groups[2:]  # E-Mail, then the invoice numbers and checks
        # Konfiguration, Ausführungsdetails, E-Mail, checks: the tab order's sequence
        for group in moved:
            (self._left if one else self._right).removeWidget(group)
            target = self._right if one else self._left
            target.insertWidget(target.count() - 1, group)
        self._columns.setDirection(
            QBoxLayout.Direction.TopToBottom if one else QBoxLayout.Direction.LeftToRight
        )
        # One below the other, spare height goes under the last group, not between two:
        # a message appearing below would otherwise move the groups above it.
        self._columns.setStretch(0, 0 if one else 1)
        self._columns.setStretch(1, 1)
        self._left.setStretch(self._left.count() - 1, 0 if one else 1)

    def _keep_test_results_in_view(self) -> None:
        # Later, once the new step has its height: then scroll to what the Test says.
        QTimer.singleShot(0, self._scroll_to_test_results)

    def _scroll_to_test_results(self) -> None:
        """Scroll down so the Test's results show: all of them if they fit, else from
        the Test button on."""
        panel = self.ftp_test
        if panel is None or not panel.isVisible():
            return
        top = panel.mapTo(self._fields, QPoint(0, 0)).y()
        bottom = top + panel.height()
        bar = self._scroll.verticalScrollBar()
        visible = self._scroll.viewport().height()
        if bottom > bar.value() + visible:
            bar.setValue(min(top, bottom - visible))

    def set_choices(
        self,
        branches: list[str],
        mandants: list[str],
        chain_guards: OpenItemGuards | None = None,
    ) -> None:
        """The branches and Mandanten to offer (from the catalogue), and the chain's
        Offene-Posten checks, shown for an interface without its own."""
        self._loading = True
        if chain_guards is not None:
            self._chain_guards = chain_guards
        try:
            current = self.branch_combo.currentData()
            self.branch_combo.clear()
            self.branch_combo.addItem(self.tr("(all branches)"), "")
            for name in branches:
                self.branch_combo.addItem(name, name)
            self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(current)))
            self.mandant_list.set_names(mandants)
        finally:
            self._loading = False
        self._has_branches, self._has_mandants = bool(branches), bool(mandants)
        self._update_setup_hints()

    def set_setup_allowed(self, allowed: bool) -> None:
        """Whether the user may add Mandanten, branches and the SMTP server in place."""
        self._may_set_up = allowed
        self._update_setup_hints()
        if self.email_test is not None:
            self.email_test.set_setup_allowed(allowed)

    def check_mandant(self, name: str) -> None:
        """Tick ``name`` (just added in place) as if the user had."""
        self.mandant_list.set_checked({*self.mandant_list.checked(), name})
        self._update_dirty()

    def choose_branch(self, name: str) -> None:
        """Choose ``name`` (just added in place) as if the user had."""
        index = self.branch_combo.findData(name)
        if index >= 0:
            self.branch_combo.setCurrentIndex(index)

    def _update_setup_hints(self) -> None:
        may = self._may_set_up
        if self._has_mandants:
            self.mandant_setup.show_hint("", with_button=False)
        else:
            self.mandant_setup.show_hint(
                self.tr("No client exists yet; an interface needs at least one.")
                if may
                else self.tr(
                    "No client exists yet; an interface needs at least one. An administrator "
                    "adds clients under “Administration → Branches and clients”."
                ),
                with_button=may,
            )
        if self._has_branches:
            self.branch_setup.show_hint("", with_button=False)
        else:
            self.branch_setup.show_hint(
                self.tr("No branch exists yet: the interface is for every branch."),
                with_button=may,
            )

    def load(self, stored: StoredInterface | None) -> None:
        """Show ``stored``, or an empty new interface for None. Clears every message."""
        settings = stored.settings if stored is not None else InterfaceSettings()
        self._original_name = settings.name if stored is not None else None
        self._loading = True
        try:
            self._show_settings(settings)
            self.password_field.set_stored(stored is not None and stored.password_stored)
        finally:
            self._loading = False
        self._title.setText(
            self.tr("Interface “{name}”").format(name=settings.name)
            if stored is not None
            else self.tr("New interface")
        )
        self.clear_problems()
        self.set_status("")
        self._update_dependent_fields()
        self._check_directory_now()
        self._baseline = self.settings()
        self._update_dirty()
        if self.ftp_test is not None:
            self.ftp_test.set_interface(stored)
        self.refresh_smtp_state()  # an administrator may have set it up since

    def refresh_smtp_state(self) -> None:
        """Find out again whether an SMTP server is set up (the E-Mail field's hint)."""
        if self.email_test is not None:
            self.email_test.refresh_smtp_state()

    def pending_trusted_fingerprint(self) -> str | None:
        """A certificate trusted in the Test of this new interface; stored on its save."""
        return self.ftp_test.pending_trusted_fingerprint() if self.ftp_test else None

    def _show_settings(self, s: InterfaceSettings) -> None:
        self.name_edit.setText(s.name)
        self.enabled_check.setChecked(s.enabled)
        branch_index = self.branch_combo.findData(s.branch or "")
        if branch_index < 0 and s.branch:
            # A branch the catalogue no longer offers: show it rather than lose it silently.
            self.branch_combo.addItem(s.branch, s.branch)
            branch_index = self.branch_combo.count() - 1
        self.branch_combo.setCurrentIndex(max(0, branch_index))
        self.workstation_check.setChecked(s.workstation_bound)
        self.workstation_edit.setText(s.workstation or "")
        self.start_edit.set_value(s.start_date)
        self.format_combo.setCurrentIndex(
            self.format_combo.findData(s.import_format.value) if s.import_format else -1
        )
        self.mandant_list.set_checked(s.mandants)
        self.settle_combo.setCurrentIndex(
            self.settle_combo.findData(s.settle_until.value) if s.settle_until else -1
        )
        self.filename_edit.setText(s.filename_filter)
        interval = s.interval
        self.interval_combo.setCurrentIndex(self.interval_combo.findData(interval.kind.value))
        self.every_spin.setValue(interval.every_minutes)
        run_time = s.run_time or DEFAULT_RUN_TIME
        self.run_time_edit.setTime(QTime(run_time.hour, run_time.minute))
        for day, check in self.weekday_checks.items():
            check.setChecked(day in interval.weekdays)
        self.last_day_check.setChecked(interval.day_of_month == LAST_DAY)
        if isinstance(interval.day_of_month, int):
            self.day_spin.setValue(interval.day_of_month)
        ftp = s.ftp
        self.protocol_combo.setCurrentIndex(self.protocol_combo.findData(ftp.protocol.value))
        self.host_edit.setText(ftp.host)
        self.port_edit.setText("" if ftp.port is None else str(ftp.port))
        self.directory_edit.setText(ftp.directory)
        self.date_subdirectories_check.setChecked(ftp.date_subdirectories)
        self.passive_check.setChecked(ftp.passive)
        self.user_edit.setText(ftp.user)
        self.email_edit.setText(s.error_email)
        self.pattern_edit.setText(s.invoice_pattern)
        self.own_guards_check.setChecked(s.open_item_guards is not None)
        self.guards.set_value(s.open_item_guards or self._chain_guards)

    def interval_kind(self) -> IntervalKind:
        return IntervalKind(self.interval_combo.currentData())

    def settings(self) -> InterfaceSettings:
        """The values in the form, as they would be saved (not validated)."""
        kind = self.interval_kind()
        fmt = self.format_combo.currentData()
        settle = self.settle_combo.currentData()
        port_text = self.port_edit.text().strip()
        protocol = Protocol(self.protocol_combo.currentData())
        day_of_month: int | str = (
            LAST_DAY if self.last_day_check.isChecked() else self.day_spin.value()
        )
        # Values of fields that do not apply to the interval kind are dropped, exactly as
        # the store does, so an untouched form compares equal to what was loaded.
        interval = Interval(
            kind=kind,
            every_minutes=self.every_spin.value() if kind is IntervalKind.HOURLY else 60,
            weekdays=frozenset(d for d, c in self.weekday_checks.items() if c.isChecked())
            if kind is IntervalKind.WEEKLY
            else frozenset(),
            day_of_month=day_of_month if kind is IntervalKind.MONTHLY else 1,
        )
        return InterfaceSettings(
            name=self.name_edit.text(),
            enabled=self.enabled_check.isChecked(),
            branch=self.branch_combo.currentData() or None,
            # "" when bound but unnamed: validation says the name is missing.
            workstation=self.workstation_edit.text()
            if self.workstation_check.isChecked()
            else None,
            start_date=self.start_edit.value(),
            import_format=ImportFormat(fmt) if fmt else None,
            mandants=self.mandant_list.checked(),
            settle_until=SettleUntil(settle) if settle else None,
            filename_filter=self.filename_edit.text(),
            run_time=None if kind is IntervalKind.HOURLY else self.run_time_edit.value(),
            interval=interval,
            ftp=FtpSettings(
                protocol=protocol,
                host=self.host_edit.text(),
                port=int(port_text) if port_text else None,
                directory=self.directory_edit.text(),
                date_subdirectories=self.date_subdirectories_check.isChecked(),
                user=self.user_edit.text(),
                passive=self.passive_check.isChecked(),
            ),
            error_email=self.email_edit.text(),
            invoice_pattern=self.pattern_edit.text().strip(),
            open_item_guards=self.guards.value() if self.own_guards_check.isChecked() else None,
        )

    def password_change(self) -> PasswordChange:
        return self.password_field.password_change()

    def is_dirty(self) -> bool:
        return self._dirty

    # --- messages ------------------------------------------------------------------------

    def field_box(self, key: str) -> FieldBox:
        return self._boxes[key]

    def message_for(self, key: str) -> str:
        """The message shown next to the field ``key`` ("" when none)."""
        return self._boxes[key].message_text()

    def show_problems(self, problems: list[Problem]) -> None:
        """Put each problem next to its field, summarise, and focus the first bad field."""
        self.clear_problems()
        by_field: dict[str, list[str]] = {}
        unplaced: list[str] = []
        for problem in problems:
            text = problem.text(self._lang)
            if problem.field in self._boxes:
                by_field.setdefault(problem.field, []).append(text)
            else:
                unplaced.append(text)
        if v.RUN_TIME in by_field and self.run_time_edit.has_unreadable_text():
            by_field[v.RUN_TIME] = [self._unreadable_time_text()]  # not "missing": unreadable
        for key, messages in by_field.items():
            self._boxes[key].show_messages(messages)
        summary = self.tr("Not saved: %n entry needs to be corrected.", "", len(problems))
        self.set_status(" ".join([summary, *unplaced]), error=True)
        first = next((box for key, box in self._boxes.items() if key in by_field), None)
        if first is not None:
            first.editor.setFocus()

    def show_password_problem(self, message: str, *, without_keyring: bool = False) -> None:
        """The keyring refused the password; ``without_keyring``: there is none at all,
        so saving works only with the field empty (said once, here)."""
        if without_keyring:
            message = " ".join(
                [message, self.tr("To save without a password, empty the password field.")]
            )
        box = self._boxes[FTP_PASSWORD_FIELD]
        box.show_messages([message])
        box.editor.setFocus()

    def clear_problems(self) -> None:
        for box in self._boxes.values():
            box.clear()

    def set_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("error", error)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)

    def set_busy(self, busy: bool) -> None:
        """While a save runs nothing may change under it; the typed values stay."""
        self._busy = busy
        for widget in self.findChildren(QGroupBox):
            widget.setEnabled(not busy)
        self._update_buttons()

    # --- reacting to edits -----------------------------------------------------------------

    def _on_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._clear_message_of_sender()
        # "Gespeichert." or "3 Eingaben müssen korrigiert werden" no longer describe the form.
        self.set_status("")
        self._update_dirty()

    def _clear_message_of_sender(self) -> None:
        # An edited field's old message no longer describes it; the next save re-checks.
        sender = self.sender()
        for box in self._boxes.values():
            if isinstance(sender, QWidget) and box.isAncestorOf(sender):
                box.retire()
                return

    def _update_dirty(self) -> None:
        dirty = self.password_field.is_changed() or self.settings() != self._baseline
        changed = dirty != self._dirty
        self._dirty = dirty
        self._update_buttons()
        if changed:
            self.dirtyChanged.emit(dirty)

    def can_save(self) -> bool:
        """Speichern is offered for changes, and always for a new interface: pressed on
        an empty form it says what is missing."""
        return (self._dirty or self._original_name is None) and not self._busy

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.can_save())
        self.discard_button.setEnabled(self._dirty and not self._busy)

    def _on_workstation_toggled(self, bound: bool) -> None:
        if self._loading:
            return
        # Bound to a workstation means this one unless the user says otherwise.
        self.workstation_edit.setText(self._host_name if bound else "")
        self._update_dependent_fields()

    def _on_dependency_changed(self, *_args: object) -> None:
        if self._loading:
            return  # load() updates the dependent fields once, at its end
        if self.sender() is self.own_guards_check and not self.own_guards_check.isChecked():
            self.guards.set_value(self._chain_guards)  # what applies again
        self._update_dependent_fields()
        self._on_changed()

    def _update_usage(self, *_args: object) -> None:
        """Verwendung: where the interface runs, as the binding says now."""
        computer = self.workstation_edit.text().strip()
        if not self.workstation_check.isChecked():
            self.usage_label.setText(self.tr("Server-side"))
        elif computer:
            self.usage_label.setText(self.tr("On the computer “{name}”").format(name=computer))
        else:
            self.usage_label.setText(self.tr("On one computer (name missing)"))

    def _check_run_time_now(self) -> None:
        """Leaving the run time with text that is no time: say so at once."""
        box = self._boxes[v.RUN_TIME]
        if self.run_time_edit.has_unreadable_text():
            box.show_messages([self._unreadable_time_text()])

    def _unreadable_time_text(self) -> str:
        return self.tr("“{text}” is no time of day; please enter one such as 07:30.").format(
            text=self.run_time_edit.text().strip()
        )

    def _update_dependent_fields(self) -> None:
        """Hide and disable what does not apply, so it cannot be edited by mistake."""
        self.workstation_edit.setEnabled(self.workstation_check.isChecked())
        self._update_usage()
        kind = self.interval_kind()
        for key, applies in (
            (v.EVERY_MINUTES, kind is IntervalKind.HOURLY),
            (v.RUN_TIME, kind is not IntervalKind.HOURLY),
            (v.WEEKDAYS, kind is IntervalKind.WEEKLY),
            (v.DAY_OF_MONTH, kind is IntervalKind.MONTHLY),
        ):
            box = self._boxes[key]
            self._details_form.setRowVisible(box, applies)
            box.setEnabled(applies)
        self.day_spin.setEnabled(not self.last_day_check.isChecked())
        protocol = Protocol(self.protocol_combo.currentData())
        self.port_edit.setPlaceholderText(str(protocol.default_port))
        self.passive_check.setEnabled(protocol is not Protocol.SFTP)
        fmt = self.format_combo.currentData()
        # The checks matter only where a missing invoice counts as paid.
        open_items = bool(fmt) and ImportFormat(fmt).has_open_items_semantics
        for key in (OWN_GUARDS, GUARD_REFUSE_EMPTY, GUARD_REFUSE_OLDER, v.GUARD_MAX_SHARE):
            self._matching_form.setRowVisible(self._boxes[key], open_items)
        self.guards.set_enabled(self.own_guards_check.isChecked())
        # The checks' long texts widen their group: two columns may no longer fit.
        self._fit_columns()

    def _check_directory_now(self, *_args: object) -> None:
        """The trailing "/" rule is checked while typing, with the domain's own message."""
        directory = self.directory_edit.text()
        probe = InterfaceSettings(ftp=FtpSettings(directory=directory))
        problems = [p for p in v.validate(probe, ChainOptions()) if p.field == v.FTP_DIRECTORY]
        self._boxes[v.FTP_DIRECTORY].show_messages([p.text(self._lang) for p in problems])
        self.append_slash_button.setVisible(bool(directory) and not directory.endswith("/"))

    def _append_slash(self) -> None:
        self.directory_edit.setText(self.directory_edit.text().rstrip() + "/")
        self.directory_edit.setFocus()
