"""Qt's ``QT_TRANSLATE_NOOP``, typed as what it does: marks a text for the translation
catalogue (lupdate finds it by this name) and returns the text unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # PySide6's stub says (object, object) -> object; the function returns its message.
    def QT_TRANSLATE_NOOP(context: str, message: str, /) -> str: ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["QT_TRANSLATE_NOOP"]
