"""What every format parser is given besides the bytes."""

from __future__ import annotations

from dataclasses import dataclass

from .options import ParseOptions
from .records import RecordSource


@dataclass(frozen=True)
class ParseContext:
    file_name: str
    file_sha256: str
    options: ParseOptions

    def source(self, entry_id: str, line: int | None) -> RecordSource:
        return RecordSource(self.file_sha256, entry_id, line)
