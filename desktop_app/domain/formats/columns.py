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
    values (more decimals, huge, ``-0.00``) exactly as they are in a side table."""

    __slots__ = ("_cents", "_exact")

    def __init__(self, length: int = 0) -> None:
        """``length`` rows of ``None`` to start with, to be set by index."""
        self._cents = array("q", [_NONE]) * length
        self._exact: dict[int, Decimal] = {}

    def __len__(self) -> int:
        return len(self._cents)

    def __setitem__(self, index: int, value: Decimal | None) -> None:
        index %= len(self._cents)
        self._exact.pop(index, None)
        self._cents[index] = self._encode(index, value)

    def append(self, value: Decimal | None) -> None:
        self._cents.append(self._encode(len(self._cents), value))

    def append_cents(self, cents: int) -> None:
        """The fast path for a parser that read whole cents itself (|cents| < 10**18)."""
        self._cents.append(cents)

    def __getitem__(self, index: int) -> Decimal | None:
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

    def add(self, key: int, amount: Decimal) -> None:
        block = self._blocks.get(key >> self._SHIFT)
        cents = cents_of(amount)
        if block is not None and cents is not None:
            # The usual case in whole cents: the same sum, and the same representation
            # (two decimals), as adding the Decimals.
            slot = key & self._MASK
            current = block[slot]
            if current == _NONE:
                block[slot] = cents
                self._size += 1
                return
            if current != _ELSEWHERE and -_LIMIT < current + cents < _LIMIT:
                block[slot] = current + cents
                return
        current_value = self.get(key)
        self[key] = amount if current_value is None else current_value + amount

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
    """A column of few distinct values (Mandant, date, status): one small index a row."""

    __slots__ = ("_index", "_rows", "_values")

    def __init__(self) -> None:
        self._values: list[T | None] = [None]  # index 0 is None
        self._index: dict[T, int] = {}
        self._rows = array("I")

    def __len__(self) -> int:
        return len(self._rows)

    def code(self, value: T | None) -> int:
        if value is None:
            return 0
        code = self._index.get(value)
        if code is None:
            code = self._index[value] = len(self._values)
            self._values.append(value)
        return code

    def append(self, value: T | None) -> None:
        self._rows.append(self.code(value))

    def __getitem__(self, index: int) -> T | None:
        return self._values[self._rows[index]]
