"""Finding invoice numbers in a payment's text by the ledger.

No pattern decides what an invoice number looks like: a text is cut into words, every
run of up to ``MAX_SPAN_WORDS`` words joined only by spaces, hyphens or slashes is a
candidate (compared without case, spaces, hyphens and slashes), and a candidate is a
reference when the ledger has an invoice with that number. A candidate must be a whole
token: it neither starts nor ends inside a hyphenated word, so ``42`` is never found in
``0420`` or in ``RE-2026-42``. The caller looks candidates up (``TextTokens.candidates``) and
then asks which of them stand as references (``TextTokens.hits``).

A number of digits alone is only taken where nothing else could be meant: as the whole
field, or right after a word such as "Rechnung" or "RG-Nr."; elsewhere in a text it is
only a possible match for a person (a customer number or a date part can look the same).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .text import normalise_invoice_number

#: A candidate joins at most this many words: "RE 2026 0001" is three, a wrapped line
#: "RE-2026- 0001" also three.
MAX_SPAN_WORDS = 8
#: The longest invoice number the ledger stores (normalised, ``Invoice.number_norm``).
MAX_NUMBER_CHARS = 64

_WORD = re.compile(r"[^\W_]+")
_SOFT_CHARS = frozenset(" \t\r\n/")
_GLUE_CHARS = frozenset("-_")
_SPACE_CHARS = frozenset(" \t\r\n")

# What stands between two words: a hyphen (inside a token), a slash (between tokens or
# inside a number like 2026/17), spaces (between tokens or a wrapped line), anything else.
GLUE, SLASH, SOFT, HARD = 0, 1, 2, 3

#: Words after which a number of digits alone is taken as an invoice number.
INVOICE_KEYWORDS = frozenset(
    {
        "RECHNUNG", "RECHNUNGEN", "RECHNUNGSNR", "RECHNUNGSNUMMER", "RECHN", "RECHNR",
        "RG", "RGNR", "RGN", "RE", "RENR", "RNR", "INV", "INVOICE", "INVOICENO", "INVNR",
        "INVNO", "BELEG", "BELEGNR", "BELEGNUMMER", "FAKTURA", "FAKTURANR", "RECHNUNGNR",
        "INVOICENUMBER", "FACTUUR", "FACTUURNR", "FACTUURNUMMER",
    }
)  # fmt: skip
_NUMBER_WORDS = frozenset({"NR", "NO", "NUMMER", "NUMBER"})


def _gap_kind(gap: str, before: str, after: str) -> int:
    if not gap:
        return GLUE  # a letter next to a non-word letter class: part of one word
    chars = set(gap)
    if chars <= _SOFT_CHARS | _GLUE_CHARS:
        if chars & _SPACE_CHARS:
            return SOFT
        return SLASH if "/" in chars else GLUE
    # "13.02.21" and "1.234,56" are one token: a date or an amount is never cut apart.
    if gap in (".", ",") and before[-1:].isdigit() and after[:1].isdigit():
        return GLUE
    return HARD


@dataclass(frozen=True, slots=True)
class Hit:
    number: str  # normalised, as the ledger has it
    first: int  # word positions
    last: int
    whole_field: bool  # the hit is all the field holds
    after_keyword: bool
    formatted: bool  # written with a hyphen or slash inside, like "2026-17"

    @property
    def digits_only(self) -> bool:
        return self.number.isdigit() and not self.formatted

    @property
    def strong(self) -> bool:
        """Taken as the payment's reference; else only a possible match."""
        return not self.digits_only or self.whole_field or self.after_keyword


class TextTokens:
    """One text (a field or free text) cut into words, with its candidate numbers."""

    __slots__ = ("_gaps", "_spans", "_words", "structured")

    def __init__(self, text: str, *, structured: bool) -> None:
        self.structured = structured
        words: list[str] = []
        gaps: list[int] = []  # gaps[i]: what stands before word i; one more at the end
        previous_end, previous = 0, ""
        for m in _WORD.finditer(text):
            word = m.group()
            gap = text[previous_end : m.start()]
            gaps.append(_gap_kind(gap, previous, word) if words else HARD)
            words.append(normalise_invoice_number(word))
            previous_end, previous = m.end(), word
        gaps.append(HARD)
        self._words = words
        self._gaps = gaps
        self._spans: list[tuple[str, int, int]] | None = None

    def spans(self) -> list[tuple[str, int, int]]:
        """Every whole-token candidate ``(number, first, last)`` holding a digit."""
        if self._spans is None:
            self._spans = list(self._candidate_spans())
        return self._spans

    def _candidate_spans(self) -> Iterator[tuple[str, int, int]]:
        words = self._words
        whole = "".join(words)
        whole_seen = False
        for span in self._word_spans():
            whole_seen = whole_seen or span == (whole, 0, len(words) - 1)
            yield span
        # A field or a pattern's hit may be the number as a whole though a dot or a hash
        # cuts it into words (RE.2026.0007): as when the reference field alone is read.
        fits = len(whole) <= MAX_NUMBER_CHARS and any(c.isdigit() for c in whole)
        if self.structured and not whole_seen and fits:
            yield whole, 0, len(words) - 1

    def _word_spans(self) -> Iterator[tuple[str, int, int]]:
        words, gaps = self._words, self._gaps
        count = len(words)
        for first in range(count):
            if gaps[first] == GLUE:
                continue  # would start inside a hyphenated word
            key = ""
            has_digit = False
            for last in range(first, min(count, first + MAX_SPAN_WORDS)):
                if last > first and gaps[last] == HARD:
                    break
                key += words[last]
                if len(key) > MAX_NUMBER_CHARS:
                    break
                has_digit = has_digit or any(c.isdigit() for c in words[last])
                if has_digit and key and gaps[last + 1] != GLUE:
                    yield key, first, last

    def candidates(self) -> set[str]:
        return {key for key, _, _ in self.spans()}

    def hits(self, known: Callable[[str], bool]) -> list[Hit]:
        """The candidates the ledger knows; where two overlap, the longer one."""
        found = [(k, f, last) for k, f, last in self.spans() if known(k)]
        if not found:
            return []
        found.sort(key=lambda s: (s[2] - s[1], len(s[0])), reverse=True)
        taken: list[tuple[str, int, int]] = []
        for key, first, last in found:
            if all(last < f or first > la for _, f, la in taken):
                taken.append((key, first, last))
        taken.sort(key=lambda s: s[1])
        whole = self.structured
        end = len(self._words) - 1
        gaps = self._gaps
        return [
            Hit(
                key,
                first,
                last,
                whole and first == 0 and last == end,
                self._after_keyword(first),
                any(gaps[i] in (GLUE, SLASH) for i in range(first + 1, last + 1)),
            )
            for key, first, last in taken
        ]

    def _after_keyword(self, first: int) -> bool:
        words = self._words
        before = words[first - 1] if first >= 1 else ""
        if before in INVOICE_KEYWORDS:
            return True
        return before in _NUMBER_WORDS and first >= 2 and words[first - 2] in INVOICE_KEYWORDS


#: A record's texts cut into words: structured fields, free text, what the interface's
#: pattern found (``ReferenceTexts.tokens``).
Groups = tuple[list[TextTokens], ...]


@dataclass(frozen=True, slots=True)
class ReferenceTexts:
    """What a record offers for matching: structured fields first, then free text; and
    what an interface's own pattern found in either (``patterned``), which adds to them."""

    fields: tuple[str, ...] = ()
    free: tuple[str, ...] = ()
    patterned: tuple[str, ...] = ()

    def tokens(self) -> Groups:
        return (
            [TextTokens(t, structured=True) for t in self.fields if t],
            [TextTokens(t, structured=False) for t in self.free if t],
            [TextTokens(t, structured=True) for t in self.patterned if t],
        )


@dataclass(frozen=True, slots=True)
class Found:
    """The invoice numbers a record names: ``strong`` to book by, ``weak`` (digits alone,
    not where a number is expected) only to be shown as possible matches."""

    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


NOTHING = Found()


def find_references(groups: Groups, known: Callable[[str], bool]) -> Found:
    """The numbers of ``groups`` that the ledger knows: those of the structured fields,
    else of the free text; and with them every number of a third group (an interface's
    pattern's hits, wherever they stand). A pattern adds references: taken in place of
    the text's own, it would book on one invoice while the text names another."""
    weak: dict[str, None] = {}
    strong: dict[str, None] = {}
    for group in groups[:2]:
        for tokens in group:
            for hit in tokens.hits(known):
                (strong if hit.strong else weak)[hit.number] = None
        if strong:
            break
    for group in groups[2:]:
        for tokens in group:
            for hit in tokens.hits(known):
                (strong if hit.strong else weak)[hit.number] = None
    if strong:
        return Found(tuple(strong))
    return Found((), tuple(weak)) if weak else NOTHING


def all_keys(groups: Groups) -> set[str]:
    return {key for group in groups for tokens in group for key in tokens.candidates()}


def compile_invoice_pattern(pattern: str) -> re.Pattern[str]:
    """An interface's own invoice-number pattern, guarded so that it never matches
    inside a longer word or number (``RE-2026-12`` inside ``RE-2026-1234567``)."""
    return re.compile(rf"(?<![^\W_])(?:{pattern})(?![^\W_])", re.IGNORECASE)


def pattern_references(texts: Iterable[str], pattern: re.Pattern[str] | None) -> tuple[str, ...]:
    """What an interface's pattern finds in ``texts``: ``ReferenceTexts.patterned``."""
    if pattern is None:
        return ()
    found: dict[str, None] = {}
    for text in texts:
        for m in pattern.finditer(text):
            if normalise_invoice_number(m.group()):
                found[m.group().strip()] = None
    return tuple(found)
