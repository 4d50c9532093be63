"""Finding invoice numbers in a bank line's free text (MT940 ``:86:``, camt ``RmtInf``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import normalise_invoice_number

#: The shop's own numbers: RE-2026-0001, RE 2026 1, RE20260001.
DEFAULT_INVOICE_PATTERN = r"RE[- ]?\d{4}[- ]?\d{1,6}"

# When the configured pattern finds nothing: a keyword, then one token holding a digit.
_FALLBACK = re.compile(
    r"(?<![A-Z0-9])(?:RECHNUNGSNUMMER|RECHNUNGSNR|RECHNUNG|RECHN|RGNR|RG|INVOICE|INV)"
    r"\.?\s*(?:NR\.?|NUMMER)?\s*[:#]?\s*"
    r"(?P<ref>[A-Z0-9][A-Z0-9/-]{0,30}\d[A-Z0-9/-]{0,30}|\d)",
    re.IGNORECASE,
)


def compile_invoice_pattern(pattern: str) -> re.Pattern[str]:
    """Wrap a configured pattern so it never matches inside a longer word or number.

    Without the guards ``RE-2026-12`` would be found inside ``RE-2026-1234567``.
    """
    return re.compile(rf"(?<![A-Z0-9])(?:{pattern})(?![0-9])", re.IGNORECASE)


def find_invoice_references(texts: Iterable[str], pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Raw invoice references in priority order, without duplicates (by normalised form).

    Each text is searched as written, then with spaces removed (a bank wraps lines in
    the middle of numbers: ``RE-2026- 0001``); the generic keyword fallback is used only
    when the configured pattern found nothing anywhere.
    """
    texts = [t for t in texts if t]
    found: list[str] = []
    seen: set[str] = set()

    def add(raw: str) -> None:
        key = normalise_invoice_number(raw)
        if key and key not in seen:
            seen.add(key)
            found.append(raw.strip())

    for text in texts:
        for m in pattern.finditer(text):
            add(m.group())
    if not found:
        for text in texts:
            for m in pattern.finditer(text.replace(" ", "")):
                add(m.group())
    if not found:
        for text in texts:
            for m in _FALLBACK.finditer(text):
                add(m.group("ref"))
    return tuple(found)
