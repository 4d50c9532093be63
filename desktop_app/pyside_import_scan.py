"""PySide6 reads the source of every module imported after it.

Its ``__feature__`` support (``from __feature__ import snake_case``) replaces Python's
``__import__`` and, after each new module, reads the module's whole source file and
searches it for the word "PySide6", to mark the modules that might select features. This
program selects none, so the answer changes nothing; but the window's start imports some
600 modules after PySide6 (SQLAlchemy's large ones among them), and reading them cost
60-70 ms of its 0.5 s of imports and 23 MiB of memory (every source stays in
``linecache``), more where a virus checker scans each file read.

``skip_source_scan`` answers the question from the module's name instead: the program's
own modules and PySide6's count as using PySide6 (the feature setting 0, "none selected",
as the scan gives them), any other module as not (-1, "not switched"). With no feature
ever selected both settings mean the same. A PySide6 without this internal function is
left alone.
"""

from __future__ import annotations

import sys
from types import ModuleType

_USES_PYSIDE = ("desktop_app", "PySide6", "shiboken6")


def skip_source_scan() -> bool:
    """Install the name-based answer; True if PySide6 has the scan (and now skips it)."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", _uses_pyside)  # noqa: B010 - not in its stubs
    return True


def _uses_pyside(module: ModuleType) -> bool:
    name = getattr(module, "__name__", None)
    return isinstance(name, str) and name.split(".", 1)[0] in _USES_PYSIDE
