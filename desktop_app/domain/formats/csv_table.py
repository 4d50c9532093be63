"""``;``-separated files with a header line: rows with their physical line numbers."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .errors import BadRowError, FileTooLargeError, WrongFormatError
from .text import normalise_header, normalise_invoice_number, shorten


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # first physical line of the row (a quoted field may span several)
    cells: list[str]

    def get(self, index: int | None) -> str:
        """The cell, stripped; "" when the column is absent or the row is shorter."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    @property
    def is_blank(self) -> bool:
        return _is_blank(self.cells)


def _is_blank(cells: list[str]) -> bool:
    # Same as "no cell has a non-space character", without a generator per row.
    return not "".join(cells).strip()


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def _checked_lines(text: str, *, file_name: str, max_chars: int) -> Iterator[str]:
    """The physical lines with their endings, refusing overlong ones (as ``iter_lines``,
    without its per-line tuple: this runs once per line of a million-line file).

    Not ``io.StringIO``: that would copy the text at four bytes a character."""
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group()
        if not line:
            return  # the empty match at the very end
        if len(line) > max_chars and len(line.rstrip("\r\n")) > max_chars:
            raise FileTooLargeError(
                f"Die Zeile ist länger als {max_chars // 1024} KiB.",
                f"The line is longer than {max_chars // 1024} KiB.",
                log_en=f"the line is longer than {max_chars // 1024} KiB",
                file_name=file_name,
                line=number,
            )
        yield line


def read_cells(text: str, *, file_name: str, max_line_chars: int) -> Iterator[tuple[int, list]]:
    """``(first physical line, cells)`` of every non-blank row, in order. Quoted fields
    may hold ``;``, quotes and line breaks. The cells are not stripped."""
    lines = _checked_lines(text, file_name=file_name, max_chars=max_line_chars)
    # strict: a quote left open must be an error, not one row swallowing the rows after it
    # (csv's process-wide 128 KiB field limit also bounds such a field; left as it is).
    reader = csv.reader(lines, delimiter=";", quotechar='"', doublequote=True, strict=True)
    consumed = 0
    while True:
        start = consumed + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BadRowError(
                "Die Zeile ist kein gültiges CSV (Anführungszeichen nicht geschlossen oder "
                "falsch gesetzt, oder ein Feld ist zu lang).",
                "The line is not valid CSV (quotation marks not closed or misplaced, or a "
                "field is too long).",
                log_en=f"not valid CSV: {exc}",
                file_name=file_name,
                line=start,
            ) from None
        consumed = reader.line_num
        if not _is_blank(cells):
            yield start, cells


def read_rows(text: str, *, file_name: str, max_line_chars: int) -> Iterator[CsvRow]:
    """Every non-blank row in order, as ``CsvRow``; see ``read_cells``."""
    for line, cells in read_cells(text, file_name=file_name, max_line_chars=max_line_chars):
        yield CsvRow(line, cells)


def column_map(header: CsvRow, synonyms: Mapping[str, Iterable[str]]) -> dict[str, int | None]:
    """Column index per logical name, by header synonyms; ``None`` when absent. Where
    several columns fit, the earlier synonym wins, not the column further left:
    "Belegnummer;Rechnungsnummer" has its invoice numbers in "Rechnungsnummer"."""
    position: dict[str, int] = {}
    for i, cell in enumerate(header.cells):
        position.setdefault(normalise_header(cell), i)
    found: dict[str, int | None] = {}
    for name, words in synonyms.items():
        keys = (normalise_header(word) for word in words)
        found[name] = next((position[k] for k in keys if k in position), None)
    return found


def refuse_look_alikes(
    header: CsvRow,
    columns: Mapping[str, int | None],
    look_alikes: Mapping[str, tuple[str, str]],
    *,
    file_name: str,
) -> None:
    """Refuse a file whose header has a column that is not read but looks like an
    optional one that is missing (``look_alikes``: name → (word, label)): "Betrag (EUR)"
    unread would book every invoice of a closed-items list in full, "Mandant-Nummer"
    unread would book rows of other Mandanten."""
    read = {index for index in columns.values() if index is not None}
    for name, (word, label) in look_alikes.items():
        if columns.get(name) is not None:
            continue
        for index, cell in enumerate(header.cells):
            if index not in read and word in normalise_header(cell):
                raise WrongFormatError(
                    f"Die Spalte „{shorten(cell.strip())}“ ist keine bekannte Spalte, sieht "
                    f"aber nach „{label}“ aus. Damit nichts ohne diese Angabe gebucht wird, "
                    f"wird die Datei nicht gebucht; bitte die Spalte in „{label}“ umbenennen "
                    "oder entfernen.",
                    f"The column “{shorten(cell.strip())}” is not a known column, but looks "
                    f"like “{label}”. So that nothing is booked without this information, the "
                    f"file is not booked; please rename the column to “{label}” or remove it.",
                    log_en=f"the column '{shorten(cell.strip())}' is not a known column but "
                    f"looks like '{label}'",
                    file_name=file_name,
                    line=header.line,
                    field=shorten(cell.strip()),
                )


def require_column(
    columns: Mapping[str, int | None], name: str, label: str, *, file_name: str, line: int
) -> int:
    index = columns.get(name)
    if index is None:
        raise WrongFormatError(
            f"Die Kopfzeile enthält keine Spalte „{label}“.",
            f"The header line has no column “{label}”.",
            log_en=f"the header line has no column '{label}'",
            file_name=file_name,
            line=line,
            field=label,
        )
    return index


def read_header(rows: Iterator[CsvRow | tuple[int, list]], *, file_name: str) -> CsvRow:
    """The first row of ``read_rows`` or ``read_cells``; there must be one."""
    header = next(rows, None)
    if header is None:
        raise WrongFormatError(
            "Die Datei ist leer; es fehlt die Kopfzeile.",
            "The file is empty; the header line is missing.",
            log_en="the file is empty, the header line is missing",
            file_name=file_name,
            line=1,
        )
    return header if isinstance(header, CsvRow) else CsvRow(*header)


def invoice_cell(row: CsvRow, index: int, *, file_name: str, label: str) -> tuple[str, str]:
    """The raw and normalised invoice number; a row without one cannot be booked."""
    raw = row.get(index)
    normalised = normalise_invoice_number(raw)
    if not normalised:
        if raw:
            detail, detail_en = (
                f"„{shorten(raw)}“ enthält keine Buchstaben oder Ziffern.",
                f"“{shorten(raw)}” contains no letters or digits.",
            )
        else:
            detail, detail_en = ("Die Rechnungsnummer fehlt.", "The invoice number is missing.")
        raise BadRowError(
            detail,
            detail_en,
            log_en=f"no invoice number in {raw!r}",
            file_name=file_name,
            line=row.line,
            field=label,
        )
    return raw, normalised
