"""Compact storage for a million rows: column arrays instead of one object per value.

A payment file of a branch chain can hold a million rows. As Python objects every row
costs over a kilobyte (a record, its strings, two Decimals, a date); kept column by
column it costs a few dozen bytes. Values go in and come out as the same Python objects
(``Decimal`` for money, always); only the storage in between is compact.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterator
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)

_NONE = -(2**63)  # no value
_ELSEWHERE = _NONE + 1  # the value is not whole cents: kept as it is in a side table
_MAX_DIGITS = 18  # fits an int64 with room to spare
_LIMIT = 10**_MAX_DIGITS


def cents_of(value: Decimal) -> int | None:
    """``value`` as whole cents when that keeps it exactly, down to its representation.

    Only a value written with exactly two decimals qualifies (``Decimal("59.90")``, not
    ``Decimal("59.9")`` or ``Decimal("-0.00")``), so that ``decimal_of`` gives back an
    identical Decimal, not just an equal one: reports print amounts as they were read.
    """
    # str() writes exponent -2 as "123.45", always (never "1.2345E+2"), and only a
    # finite value with exponent -2 has its "." third from the end. Faster than as_tuple.
    text = str(value)
    if text[-3:-2] != "." or text == "-0.00":
        return None
    cents = int(text[:-3] + text[-2:])
    return cents if -_LIMIT < cents < _LIMIT else None


def decimal_of(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


class MoneyColumn:
    """One optional ``Decimal`` per row: whole cents in an int64 array, the rare other
    values (more decimals, huge, ``-0.00``) exactly as they are in a side table. A
    column of nothing but ``None`` (a format without that field) takes no array."""

    __slots__ = ("_cents", "_exact", "_nones")

    def __init__(self, length: int = 0) -> None:
        """``length`` rows of ``None`` to start with, to be set by index."""
        self._cents: array | None = None
        self._nones = length  # rows while _cents is None: all of them None
        self._exact: dict[int, Decimal] = {}

    def __len__(self) -> int:
        return self._nones if self._cents is None else len(self._cents)

    def _array(self) -> array:
        if self._cents is None:
            self._cents = array("q", [_NONE]) * self._nones
        return self._cents

    def __setitem__(self, index: int, value: Decimal | None) -> None:
        index %= len(self)
        if value is None and self._cents is None:
            return
        self._exact.pop(index, None)
        self._array()[index] = self._encode(index, value)

    def set_cents(self, index: int, cents: int) -> None:
        """``self[index] = decimal_of(cents)``, for a caller that has the cents already."""
        if self._exact:
            self._exact.pop(index % len(self), None)
        self._array()[index] = cents

    def append(self, value: Decimal | None) -> None:
        if value is None and self._cents is None:
            self._nones += 1
        else:
            self._array().append(self._encode(len(self), value))

    def append_cents(self, cents: int) -> None:
        """The fast path for a parser that read whole cents itself (|cents| < 10**18)."""
        self._array().append(cents)

    def values(self, start: int, stop: int) -> list[Decimal | None]:
        """Rows ``start`` to ``stop`` (0 <= start <= stop <= len)."""
        if self._cents is None:
            return [None] * (stop - start)
        exact = self._exact
        return [
            None
            if cents == _NONE
            else exact[start + i]
            if cents == _ELSEWHERE
            else decimal_of(cents)
            for i, cents in enumerate(self._cents[start:stop])
        ]

    def cents(self, index: int) -> int | Decimal | None:
        """Whole cents (``int``) where the value is whole cents, else the ``Decimal``."""
        if self._cents is None:
            return None
        cents = self._cents[index]
        if cents == _NONE:
            return None
        if cents == _ELSEWHERE:
            return self._exact[index % len(self._cents)]
        return cents

    def __getitem__(self, index: int) -> Decimal | None:
        if self._cents is None:
            if not -self._nones <= index < self._nones:
                raise IndexError(index)
            return None
        cents = self._cents[index]
        if cents == _NONE:
            return None
        if cents == _ELSEWHERE:
            return self._exact[index % len(self._cents)]
        return decimal_of(cents)

    def _encode(self, index: int, value: Decimal | None) -> int:
        if value is None:
            return _NONE
        cents = cents_of(value)
        if cents is None:
            self._exact[index] = value
            return _ELSEWHERE
        return cents


class MoneyById:
    """A ``Decimal`` per integer key (an invoice id), compact for many keys.

    Blocks of 32 consecutive ids share one int64 array: the ids of one ledger are dense,
    so a million of them take about 13 MB here against about 110 MB in a dict of
    Decimals. Iteration is in ascending key order.
    """

    __slots__ = ("_blocks", "_exact", "_size")
    _SHIFT = 5
    _MASK = (1 << _SHIFT) - 1
    _EMPTY = array("q", [_NONE]) * (1 << _SHIFT)

    def __init__(self) -> None:
        self._blocks: dict[int, array] = {}
        self._exact: dict[int, Decimal] = {}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def get(self, key: int) -> Decimal | None:
        block = self._blocks.get(key >> self._SHIFT)
        if block is None:
            return None
        cents = block[key & self._MASK]
        if cents == _NONE:
            return None
        if cents == _ELSEWHERE:
            return self._exact[key]
        return decimal_of(cents)

    def __setitem__(self, key: int, value: Decimal) -> None:
        block = self._blocks.get(key >> self._SHIFT)
        if block is None:
            block = self._blocks[key >> self._SHIFT] = array("q", self._EMPTY)
        slot = key & self._MASK
        if block[slot] == _NONE:
            self._size += 1
        elif block[slot] == _ELSEWHERE:
            del self._exact[key]
        cents = cents_of(value)
        if cents is None:
            self._exact[key] = value
            cents = _ELSEWHERE
        block[slot] = cents

    def keep_first(self, key: int, value: Decimal) -> None:
        """``self[key] = value`` unless ``key`` has a value already."""
        block = self._blocks.get(key >> self._SHIFT)
        if block is None or block[key & self._MASK] == _NONE:
            self[key] = value

    def add(self, key: int, amount: Decimal) -> None:
        cents = cents_of(amount)
        if cents is not None:
            self.add_cents(key, cents)
            return
        current = self.get(key)
        self[key] = amount if current is None else current + amount

    def add_cents(self, key: int, cents: int) -> None:
        """``add(key, decimal_of(cents))``, for a caller that has the cents already."""
        block = self._blocks.get(key >> self._SHIFT)
        if block is None:
            block = self._blocks[key >> self._SHIFT] = array("q", self._EMPTY)
        slot = key & self._MASK
        current = block[slot]
        if current == _NONE:
            block[slot] = cents
            self._size += 1
        elif current != _ELSEWHERE and -_LIMIT < current + cents < _LIMIT:
            # Whole cents plus whole cents: the same sum, with the same two decimals,
            # as adding the Decimals.
            block[slot] = current + cents
        else:
            self[key] = self.get(key) + decimal_of(cents)  # type: ignore[operator]

    def cents_items(self) -> Iterator[tuple[int, int | Decimal]]:
        """As ``items``, with ``int`` whole cents where the value is whole cents."""
        for number in sorted(self._blocks):
            block = self._blocks[number]
            base = number << self._SHIFT
            for slot, cents in enumerate(block):
                if cents == _NONE:
                    continue
                key = base + slot
                yield key, self._exact[key] if cents == _ELSEWHERE else cents

    def items(self) -> Iterator[tuple[int, Decimal]]:
        for number in sorted(self._blocks):
            block = self._blocks[number]
            base = number << self._SHIFT
            for slot, cents in enumerate(block):
                if cents == _NONE:
                    continue
                key = base + slot
                yield key, self._exact[key] if cents == _ELSEWHERE else decimal_of(cents)


class Interned(Generic[T]):
    """A column of few distinct values (Mandant, date, note): a small code a row, one
    byte while there are fewer than 256 distinct values."""

    __slots__ = ("_index", "_rows", "_values")

    def __init__(self, length: int = 0) -> None:
        """``length`` rows of ``None`` to start with, to be set by index."""
        self._values: list[T | None] = [None]  # code 0 is None
        self._index: dict[T, int] = {}
        self._rows = array("B", bytes(length))

    def __len__(self) -> int:
        return len(self._rows)

    def code(self, value: T | None) -> int:
        if value is None:
            return 0
        code = self._index.get(value)
        if code is None:
            code = self._index[value] = len(self._values)
            self._values.append(value)
            if code == 256:
                self._rows = array("I", self._rows)
        return code

    def append(self, value: T | None) -> None:
        code = self.code(value)  # first: it may widen self._rows
        self._rows.append(code)

    def __setitem__(self, index: int, value: T | None) -> None:
        code = self.code(value)  # first: it may widen self._rows
        self._rows[index] = code

    def __getitem__(self, index: int) -> T | None:
        return self._values[self._rows[index]]

    def values(self, start: int, stop: int) -> list[T | None]:
        """Rows ``start`` to ``stop``."""
        values = self._values
        return [values[code] for code in self._rows[start:stop]]


class StringColumn:
    """Many short strings (invoice numbers): joined into one string per 4,096 rows with
    the end of each, instead of one object of about 60 bytes each."""

    __slots__ = ("_blocks", "_ends", "_pending")
    _BLOCK = 4096

    def __init__(self) -> None:
        self._blocks: list[str] = []
        self._ends = array("I")  # where each row's string ends in its block
        self._pending: list[str] = []

    def __len__(self) -> int:
        return len(self._blocks) * self._BLOCK + len(self._pending)

    def append(self, value: str) -> None:
        self._pending.append(value)
        if len(self._pending) == self._BLOCK:
            end = 0
            for text in self._pending:
                end += len(text)
                self._ends.append(end)
            self._blocks.append("".join(self._pending))
            self._pending = []

    def __getitem__(self, index: int) -> str:
        if index < 0:
            index += len(self)
        block, offset = divmod(index, self._BLOCK)
        if block == len(self._blocks):
            return self._pending[offset]
        start = self._ends[index - 1] if offset else 0
        return self._blocks[block][start : self._ends[index]]

    def values(self, start: int, stop: int) -> list[str]:
        """Rows ``start`` to ``stop`` (0 <= start <= stop <= len): faster than by index."""
        out: list[str] = []
        ends, size = self._ends, self._BLOCK
        index = start
        while index < stop:
            block, offset = divmod(index, size)
            until = min(stop, (block + 1) * size)
            if block == len(self._blocks):
                out.extend(self._pending[offset : offset + until - index])
            else:
                text = self._blocks[block]
                previous = ends[index - 1] if offset else 0
                for end in ends[index:until]:
                    out.append(text[previous:end])
                    previous = end
            index = until
        return out
