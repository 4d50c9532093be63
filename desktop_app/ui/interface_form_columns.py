"""How the interface form's four groups stand: in two columns where they fit, one below
the other on a small screen (1024×768); only the groups scroll, so the title, the status
line and the buttons stay in view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .widgets.field_box import FieldBox

ONE_COLUMN_ROOM = 1.25  # one column gets this much more than its minimum: fields to type in
LINE_EDIT_CHARS = 17  # the "x"s Qt sizes a line edit's hint for


def _minimum(widget: QWidget) -> int:
    if isinstance(widget, FieldBox):
        return widget.steady_minimum_width()
    return widget.minimumSizeHint().width()


def _uncut(widget: QWidget) -> int:
    """``widget``'s minimum width, widened by what its line edits lack there to show
    their usual width and their example (the placeholder) uncut. Wrapped text counts
    with its longest word only, as in the minimum: a message or a Test's result, which
    wrap, change nothing."""
    edits = [widget] if isinstance(widget, QLineEdit) else widget.findChildren(QLineEdit)
    lacking = 0
    for edit in edits:
        metrics = edit.fontMetrics()
        hint = edit.sizeHint().width()
        padding = hint - LINE_EDIT_CHARS * metrics.horizontalAdvance("x")
        example = metrics.horizontalAdvance(edit.placeholderText()) + padding
        needed = min(max(hint, example), edit.maximumWidth())
        lacking = max(lacking, needed - edit.minimumSizeHint().width())
    return _minimum(widget) + lacking


def group_width(group: QGroupBox, width: Callable[[QWidget], int] = _uncut) -> int:
    """The width ``group`` needs with every row of its form shown, also those hidden for
    the interface shown now (the days of a weekly one, the Offene-Posten checks): the
    columns must not change with the interface. ``_uncut``: every field shows whole."""
    layout = group.layout()
    assert isinstance(layout, QFormLayout)  # interface_form_fields.new_form_layout
    labels = fields = spanning = 0
    role = QFormLayout.ItemRole
    for row in range(layout.rowCount()):
        # A row spanning both columns answers for the field's role too: asked once.
        spans = layout.itemAt(row, role.SpanningRole) is not None
        for item_role in (role.SpanningRole,) if spans else (role.LabelRole, role.FieldRole):
            item = layout.itemAt(row, item_role)
            widget = item.widget() if item is not None else None
            if widget is None:
                continue
            if item_role is role.LabelRole:
                labels = max(labels, width(widget))
            elif item_role is role.FieldRole:
                fields = max(fields, width(widget))
            else:
                spanning = max(spanning, width(widget))
    margins = layout.contentsMargins()
    frame = group.contentsMargins()
    inner = max(labels + layout.horizontalSpacing() + fields, spanning)
    outer = inner + margins.left() + margins.right() + frame.left() + frame.right()
    return max(outer, _minimum(group))


class FormColumns:
    """Configuration, E-Mail and the checks left; the details right (or all below each
    other, in that order, which is also the tab order's)."""

    def __init__(
        self,
        configuration: QGroupBox,
        details: QGroupBox,
        email: QGroupBox,
        matching: QGroupBox,
    ):
        self.groups = (configuration, details, email, matching)
        self._left = QVBoxLayout()
        for group in (configuration, email, matching):
            self._left.addWidget(group)
        self._left.addStretch(1)
        self._right = QVBoxLayout()
        self._right.addWidget(details)
        self._right.addStretch(1)
        self.fields = QWidget()
        self._columns = QHBoxLayout(self.fields)
        self._columns.setContentsMargins(0, 0, 0, 0)
        self._columns.addLayout(self._left, 1)
        self._columns.addLayout(self._right, 1)
        self.one_column = False
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no tab stop of its own
        self.scroll.setWidget(self.fields)

    def two_column_width(self) -> int:
        """The width at which both columns show every field uncut, for any interface."""
        configuration, details, *below = self.groups
        left = max(group_width(group) for group in (configuration, *below))
        return left + self._columns.spacing() + group_width(details)

    def one_column_width(self) -> int:
        """The width the groups need one below the other, comfortably (not squeezed)."""
        widest = max(group_width(group, _minimum) for group in self.groups)
        return int(widest * ONE_COLUMN_ROOM)

    def scroll_extra(self) -> int:
        """A vertical scroll bar may appear when messages make the form long."""
        style = self.scroll.style()
        return (
            style.pixelMetric(style.PixelMetric.PM_ScrollBarExtent) + 2 * self.scroll.frameWidth()
        )

    def fit(self) -> None:
        """After a resize: the scroll area's width less a scroll bar, whether one shows or
        not, so the choice does not flip when one column brings the vertical bar."""
        room = self.scroll.width() - self.scroll_extra()
        self._set_one_column(room < self.two_column_width())

    def _set_one_column(self, one: bool) -> None:
        if one == self.one_column:
            return
        self.one_column = one
        for group in self.groups[2:]:  # E-Mail, then the invoice numbers and checks
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

    def keep_in_view(self, panel: QWidget) -> None:
        """Later, once ``panel`` (the Test's results) has its new height: scroll so it
        shows, all of it if it fits, else from its top."""
        QTimer.singleShot(0, panel, lambda: self._scroll_to(panel))

    def _scroll_to(self, panel: QWidget) -> None:
        if not panel.isVisible():
            return
        top = panel.mapTo(self.fields, QPoint(0, 0)).y()
        bottom = top + panel.height()
        bar = self.scroll.verticalScrollBar()
        visible = self.scroll.viewport().height()
        if bottom > bar.value() + visible:
            bar.setValue(min(top, bottom - visible))
