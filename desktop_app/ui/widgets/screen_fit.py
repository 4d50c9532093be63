"""Windows no larger than the screen they open on (1024×768 included)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = (16, 48)  # the window manager's frame and title bar, roughly


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """``width`` × ``height``, or less where the screen's free area is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - FRAME_ALLOWANCE[0])
        height = min(height, area.height() - FRAME_ALLOWANCE[1])
    widget.resize(width, height)
