"""What the main window remembers between starts (settings.ini, never a secret): its
geometry and toolbars, the split between the list and the form, the list's columns."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
SPLITTER_KEY = "main_window/splitter"
LIST_HEADER_KEY = "main_window/list_header"
# The first start's size, cut to the screen's free area: a 1280×800 screen gives all of it
# (the form in one column beside the list); from about 1366 pixels the form's two
# columns stand beside a list that can still be read.
DEFAULT_SIZE = (1440, 900)
LIST_WIDTH_RANGE = (300, 560)  # the list's share of a default split
# Less than this beside a two-column form, the list cuts its names and run times to a few
# letters: the form goes to one column instead.
LIST_COMFORT_WIDTH = 440


class WindowState:
    """Restores and saves the window's layout; the split only once the splitter exists."""

    def __init__(self, window: QMainWindow, settings: QSettings):
        self._window = window
        self._settings = settings
        self.splitter_restored = False
        self.header_restored = False

    def restore_window(self) -> None:
        window = self._window
        geometry = self._settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
            available = window.screen().availableGeometry()
            window.resize(
                min(DEFAULT_SIZE[0], available.width()), min(DEFAULT_SIZE[1], available.height())
            )
        state = self._settings.value(STATE_KEY)
        if isinstance(state, QByteArray):
            window.restoreState(state)

    def restore_list_header(self, header: QHeaderView) -> bool:
        """The columns as the user left them; False: none saved (the default order)."""
        saved = self._settings.value(LIST_HEADER_KEY)
        self.header_restored = isinstance(saved, QByteArray) and header.restoreState(saved)
        return self.header_restored

    def restore_splitter(self, splitter: QSplitter, default: Callable[[], list[int]]) -> None:
        """The saved split, else ``default()``; once, when the splitter has its real width."""
        if self.splitter_restored:
            return
        self.splitter_restored = True
        saved = self._settings.value(SPLITTER_KEY)
        if not (isinstance(saved, QByteArray) and splitter.restoreState(saved)):
            splitter.setSizes(default())

    def save(self, splitter: QSplitter | None, header: QByteArray | None) -> None:
        """On close (``header``: the list header's state). Closed before the list and form
        stood, the split and the columns were never set up: what they were saved as last
        time stays."""
        window = self._window
        self._settings.setValue(GEOMETRY_KEY, window.saveGeometry())
        self._settings.setValue(STATE_KEY, window.saveState())
        if splitter is not None and self.splitter_restored:
            self._settings.setValue(SPLITTER_KEY, splitter.saveState())
        if header is not None:
            self._settings.setValue(LIST_HEADER_KEY, header)
        self._settings.sync()


def default_split(total: int, two_columns: int, one_column: int) -> list[int]:
    """The form gets the width its two columns need (``two_columns``), the list the rest.
    Where that leaves the list too little to read (a 1024 pixel screen), the form goes to
    one column (``one_column``) and the list gets the room it would have had. The test is
    a fixed width, not the form's: a narrower form (shorter English labels) must not
    leave a narrower list."""
    low, high = LIST_WIDTH_RANGE
    list_width = total - two_columns
    if list_width < LIST_COMFORT_WIDTH:
        list_width = max(list_width, total - one_column)
    list_width = max(low, min(high, list_width))
    return [list_width, max(0, total - list_width)]
