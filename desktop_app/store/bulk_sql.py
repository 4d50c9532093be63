"""Bulk SQL through the driver: long IN look-ups and executemany, for large imports.

SQLAlchemy compiles each statement once; the values go to the driver as they are. Used by
the ledger's readers and the booking writer, where a file may name a million invoices.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Delete, Insert, Select, Update

CHUNK = 500  # rows per IN (...) look-up: below every database's parameter limit


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def max_in_values(connection: Connection) -> int:
    """How many values one ``IN (...)`` may hold on this connection: a power of two, at
    most 8,192 (see ``padded``).

    SQLite allows 32,766 variables per statement since 3.32 and 999 before; PostgreSQL
    65,535. Fewer, larger look-ups are much faster than chunks of ``CHUNK``.
    """
    limit = 8192
    if connection.dialect.name == "sqlite":
        driver = connection.connection.driver_connection
        variables = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # type: ignore[union-attr]
        while limit > 16 and limit > variables - 100:  # room for the other parameters
            limit //= 2
    return limit


def padded(values: list) -> list:
    """``values`` repeated at the end up to the next power of two (at least 16).

    The driver keeps a prepared statement per distinct SQL text (sqlite3: the last 128),
    and an ``IN`` of n values is its own text for every n: thousands of values each, the
    cached statements alone took over 100 MB in a million-row import. Padded, there are a
    dozen texts. A repeated value changes nothing in what ``IN`` selects.
    """
    size = 16
    while size < len(values):
        size *= 2
    return values + values[-1:] * (size - len(values))


class _Slot:
    """Stands for the i-th value of an IN list while a statement is compiled."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


class InSelect:
    """A SELECT with one long ``IN`` list of strings or integers, run through the driver.

    SQLAlchemy renders an expanding ``IN`` anew at every execution, a few µs a value,
    and wraps and converts every result row; for look-ups of thousands of values that
    cost half as much again as the database's own work. Here the statement is compiled
    once per list length (``padded`` lengths are few), the values go to the driver as
    they are, and the rows come back as the driver returns them: convert a column with
    ``processors[i]`` where that is not ``None`` (SQLite's dates are ISO text, say).
    """

    def __init__(self, connection: Connection, build: Callable[[list], Select]) -> None:
        """``build(values)``: the statement with ``column.in_(values)`` in it."""
        self.connection = connection
        self.build = build
        dialect = connection.dialect
        self.processors = [
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in build([]).selected_columns
        ]
        self._compiled: dict[int, tuple[str, Any]] = {}

    def _template(self, size: int) -> tuple[str, Any]:
        compiled_for = self._compiled.get(size)
        if compiled_for is None:
            statement = self.build([_Slot(i) for i in range(size)])
            compiled = statement.compile(
                dialect=self.connection.dialect, compile_kwargs={"render_postcompile": True}
            )
            params = compiled.construct_params()  # name -> fixed value or _Slot
            if compiled.positional:
                layout: Any = [params[name] for name in compiled.positiontup or ()]
            else:
                layout = params
            compiled_for = self._compiled[size] = (compiled.string, layout)
        return compiled_for

    def rows(self, values: list) -> Sequence[Sequence[Any]]:
        sql, layout = self._template(len(values))
        if isinstance(layout, list):
            params: Any = tuple(values[p.index] if type(p) is _Slot else p for p in layout)
        else:
            params = {k: values[p.index] if type(p) is _Slot else p for k, p in layout.items()}
        return self.connection.exec_driver_sql(sql, params).fetchall()


def executemany_raw(
    connection: Connection,
    statement: Insert | Update | Delete,
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    chunk: int = 10_000,
) -> int:
    """Run ``statement`` once per row, straight through the driver's ``executemany``, in
    chunks of ``chunk`` rows; returns the number of rows affected.

    SQLAlchemy compiles the statement for this database once. Its per-row parameter
    handling would cost more than the database's own work on a row of a bulk write, so
    every value must already be what the driver takes: converted by the column type's
    ``bind_processor`` (``driver_value``) where it has one. ``names`` are the statement's
    parameters (for an INSERT: its columns) in the order of each row's values.
    """
    # An INSERT gets exactly the columns given (no defaults of its own to fill in).
    keys = list(names) if isinstance(statement, Insert) else None
    compiled = statement.compile(dialect=connection.dialect, column_keys=keys)
    convert: Callable[[Sequence[Any]], Any] | None
    if compiled.positional:
        order = compiled.positiontup or []
        missing = sorted(set(order) - set(names))
        if missing:
            raise ValueError(f"no values for {missing}")
        positions = [names.index(name) for name in order]
        if positions == list(range(len(names))):
            convert = None  # the rows are in the statement's order already
        else:
            pick = itemgetter(*positions)
            convert = (lambda row: (pick(row),)) if len(positions) == 1 else pick
    else:
        names = tuple(names)

        def convert(row: Sequence[Any]) -> dict[str, Any]:
            return dict(zip(names, row, strict=True))

    affected = 0
    rows = iter(rows)
    while batch := (
        list(islice(rows, chunk)) if convert is None else [convert(r) for r in islice(rows, chunk)]
    ):
        affected += connection.exec_driver_sql(compiled.string, batch).rowcount
    return affected


def driver_value(connection: Connection, column: Any, value: Any) -> Any:
    """``value`` as the driver takes it for ``column``: what SQLAlchemy would send.

    ``dialect_impl`` first: a plain ``Date`` has no conversion of its own, SQLite's
    version of it writes the ISO text that SQLAlchemy reads back.
    """
    processor = column.type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    return value if processor is None else processor(value)
