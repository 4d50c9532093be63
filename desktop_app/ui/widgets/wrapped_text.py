"""Small dialogs with word-wrapped text that always fits.

A word-wrapped QLabel reports a height for its width only when it knows that width, and a
top-level dialog does not grow on its own when a message appears. So the wrapped labels
get one fixed width, and the dialog takes exactly the size its contents need, whenever a
message shows or hides.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLayout, QWidget

from .message_label import MessageLabel

TEXT_WIDTH_CHARS = 60


def text_width(widget: QWidget, chars: int = TEXT_WIDTH_CHARS) -> int:
    return widget.fontMetrics().averageCharWidth() * chars


def fit_to_text(layout: QLayout, width: int, *labels: QLabel) -> None:
    """``labels`` wrap at ``width``; the dialog owning ``layout`` follows its contents."""
    for label in labels:
        _fix_width(label, width)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)


def fit_to_content(layout: QLayout, least_width: int, *labels: QLabel) -> None:
    """Like ``fit_to_text``, but the texts take the whole width the other contents give
    the dialog (at least ``least_width``), each less the margins of the groups around it:
    wrapped at a narrower width they would add lines, and height, for nothing."""
    window = layout.parentWidget()
    assert window is not None, "the layout of a dialog"
    shown = [label for label in labels if not label.isHidden()]
    for label in shown:
        label.hide()  # what the rest needs, without the texts' guessed widths
    layout.invalidate()
    margins = layout.contentsMargins()
    width = max(least_width, layout.totalSizeHint().width() - margins.left() - margins.right())
    for label in shown:
        label.show()
    for label in labels:
        _fix_width(label, width - _inset(label, window))
    layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)


def _inset(label: QLabel, window: QWidget) -> int:
    """The horizontal margins of the widgets between ``label`` and ``window``."""
    inset = 0
    parent = label.parentWidget()
    while parent is not None and parent is not window:
        margins = parent.contentsMargins()
        inset += margins.left() + margins.right()
        inner = parent.layout()
        if inner is not None:
            margins = inner.contentsMargins()
            inset += margins.left() + margins.right()
        parent = parent.parentWidget()
    return inset


def _fix_width(label: QLabel, width: int) -> None:
    label.setWordWrap(True)
    label.setFixedWidth(width)
    if not isinstance(label, MessageLabel):  # that one measures itself as it changes
        # QLabel's own size hint guesses a width for wrapped text; this is exact.
        label.setMinimumHeight(label.heightForWidth(width))
