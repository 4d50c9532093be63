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
        label.setWordWrap(True)
        label.setFixedWidth(width)
        if not isinstance(label, MessageLabel):  # that one measures itself as it changes
            # QLabel's own size hint guesses a width for wrapped text; this is exact.
            label.setMinimumHeight(label.heightForWidth(width))
    layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
