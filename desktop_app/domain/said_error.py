"""The base of an error a person is told about: ``message_de`` and ``message_en`` say
what happened and what to do (``language.error_message`` picks one); ``str()`` is the
English log text, the English message unless the log needs another."""

from __future__ import annotations


class SaidError(Exception):
    def __init__(self, message_de: str, message_en: str, log_en: str | None = None):
        super().__init__(message_en if log_en is None else log_en)
        self.message_de = message_de
        self.message_en = message_en
