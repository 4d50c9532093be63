"""Reading a camt.053 document as a stream: each closed entry is handed over, then dropped.

Elements are named by local name, so one code path reads every version; the root and
its namespace are checked as soon as they open.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from defusedxml.ElementTree import DefusedXMLParser

from .context import ParseContext
from .errors import WrongFormatError
from .text import shorten

_NAMESPACE = re.compile(r"urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3})\.001\.(\d{2})")
_SUPPORTED_VERSIONS = range(2, 9)
LINE = "_line"  # set on every element: its line in the file, for messages
_OTHER_CAMT = {
    "camt.052": ("camt.052 (Umsätze während des Tages)", "camt.052 (intraday transactions)"),
    "camt.054": ("camt.054 (Sammelbuchungsdatei/Avis)", "camt.054 (batch booking file/advice)"),
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class StreamingTarget:
    """Builds the tree by local names, checks the root, hands over each closed entry."""

    def __init__(
        self,
        ctx: ParseContext,
        on_entry: Callable[[ET.Element, ET.Element], None],
        on_statement: Callable[[ET.Element], None],
    ) -> None:
        self.ctx = ctx
        self.parser: DefusedXMLParser | None = None
        self._builder = ET.TreeBuilder()
        self._stack: list[ET.Element] = []
        self._statement: ET.Element | None = None
        self._on_entry = on_entry
        self._on_statement = on_statement
        self.version = ""

    def _current_line(self) -> int:
        return self.parser.parser.CurrentLineNumber if self.parser else 0

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        name = _local(tag)
        depth = len(self._stack)
        if depth == 0:
            self._check_root(tag, name)
        elif depth == 1 and name != "BkToCstmrStmt":
            raise WrongFormatError(
                f"Das Dokument enthält „{shorten(name)}“ statt „BkToCstmrStmt“; "
                "es ist kein camt.053-Kontoauszug.",
                f"The document holds “{shorten(name)}” instead of “BkToCstmrStmt”; it is not "
                "a camt.053 bank statement.",
                log_en=f"the document holds {name!r}, not BkToCstmrStmt",
                file_name=self.ctx.file_name,
                line=self._current_line(),
                field=name,
            )
        element = self._builder.start(name, {**attrs, LINE: str(self._current_line())})
        if name == "Stmt" and depth == 2:
            self._statement = element
        self._stack.append(element)
        return element

    def _check_root(self, tag: str, name: str) -> None:
        namespace = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
        m = _NAMESPACE.fullmatch(namespace)
        kind = m.group(1) if m else ""
        if name == "Document" and kind in _OTHER_CAMT:
            other, other_en = _OTHER_CAMT[kind]
            detail, detail_en = (
                f"Die Datei ist {other}; gebucht wird nur camt.053.",
                f"The file is {other_en}; only camt.053 is booked.",
            )
        elif m is None or name != "Document" or kind != "camt.053":
            detail, detail_en = (
                "Die Datei ist kein camt.053-Kontoauszug (Namensraum/Wurzelelement).",
                "The file is not a camt.053 bank statement (namespace/root element).",
            )
        elif int(m.group(2)) not in _SUPPORTED_VERSIONS:
            detail, detail_en = (
                f"camt.053 Version .{m.group(2)} wird nicht unterstützt (.02 bis .08).",
                f"Version .{m.group(2)} of camt.053 is not supported (.02 to .08).",
            )
        else:
            self.version = m.group(2)
            return
        raise WrongFormatError(
            detail,
            detail_en,
            log_en=f"not a supported camt.053 document: {shorten(tag)!r}",
            file_name=self.ctx.file_name,
            line=self._current_line(),
            field=name,
        )

    def end(self, tag: str) -> ET.Element:
        element = self._builder.end(_local(tag))
        self._stack.pop()
        parent = self._stack[-1] if self._stack else None
        if element.tag == "Ntry" and self._statement is not None and parent is not None:
            self._on_entry(self._statement, element)
            parent.remove(element)  # bounded memory: an entry is done once read
        elif element.tag == "Stmt" and element is self._statement and parent is not None:
            self._on_statement(element)
            parent.remove(element)
            self._statement = None
        return element

    def data(self, text: str) -> None:
        self._builder.data(text)

    def close(self) -> ET.Element:
        return self._builder.close()
