"""A list of bookings that may be long (a whole ledger's): streamed, at most a limit, and
never cut short without saying so: once read it knows whether the limit cut it and how
many bookings there are in all."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import closing

from ..store.booking_list import BookingRecord, count_bookings, stream_bookings
from ..store.db import Database

DEFAULT_LIMIT = 10_000


class BookingListing:
    """Bookings in the order they were made, at most ``limit`` (None: all of them)."""

    def __init__(
        self,
        db: Database,
        *,
        invoice_ids: Sequence[int] | None = None,
        case_id: int | None = None,
        mandant_id: int | None = None,
        limit: int | None = DEFAULT_LIMIT,
    ) -> None:
        if limit is not None and limit < 1:
            raise ValueError("limit must be positive")
        self._db, self._invoice_ids, self._case_id = db, invoice_ids, case_id
        self._mandant_id = mandant_id
        self.limit = limit
        self.shown = 0
        self.truncated = False  # the limit left bookings out

    def __iter__(self) -> Iterator[BookingRecord]:
        """Reads the bookings as they are used; one more than the limit tells whether the
        limit cut the list."""
        self.shown, self.truncated = 0, False
        fetch = None if self.limit is None else self.limit + 1
        rows = stream_bookings(
            self._db,
            invoice_ids=self._invoice_ids,
            case_id=self._case_id,
            mandant_id=self._mandant_id,
            limit=fetch,
        )
        with closing(rows):
            for record in rows:
                if self.shown == self.limit:
                    self.truncated = True
                    return
                self.shown += 1
                yield record

    def total(self) -> int:
        """After reading: how many bookings there are in all (counted only when the limit
        cut the list; bookings made meanwhile count too)."""
        if not self.truncated:
            return self.shown
        counted = count_bookings(
            self._db,
            invoice_ids=self._invoice_ids,
            case_id=self._case_id,
            mandant_id=self._mandant_id,
        )
        return max(counted, self.shown + 1)
