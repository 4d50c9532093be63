"""The computer's time zone, read the way the C library reads it.

The log's time stamps and every ``astimezone()`` shown in the window come from the C
library, so the scheduler must plan in the very same zone or "07:30" would mean three
different instants. An IANA key (from ``TZ``, the system's configuration or the Windows
registry, found by tzlocal) gives the zone with its full DST history; anything else the C
library accepts (a POSIX rule such as ``CET-1CEST,M3.5.0,M10.5.0/3``) is read through the C
library itself.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfoNotFoundError

import tzlocal
from dateutil import tz as dateutil_tz

log = logging.getLogger(__name__)

_explained: set[str] = set()


def local_zone() -> tzinfo:
    """The local zone with its DST rules (a fixed offset would be wrong half the year)."""
    try:
        zone: tzinfo = tzlocal.get_localzone()
    except ZoneInfoNotFoundError as exc:
        _explain_once(f"no IANA time zone ({exc}); using the C library's reading of it")
        return _c_library_zone()
    if _disagrees_with_c_library(zone):
        _explain_once(
            f"{zone} disagrees with the C library's local time; using the C library's reading"
        )
        return _c_library_zone()
    return zone


class _CLibraryZone(dateutil_tz.tzlocal):
    """dateutil's reading of the C library's zone, hashable like every other tzinfo (the
    schedule caches a day's slots per zone)."""

    __hash__ = object.__hash__  # type: ignore[assignment]  # stubs: tzlocal is unhashable


def _c_library_zone() -> tzinfo:
    return _CLibraryZone()


def _disagrees_with_c_library(zone: tzinfo) -> bool:
    now = datetime.now(UTC)
    return now.astimezone(zone).utcoffset() != now.astimezone().utcoffset()


def _explain_once(message: str) -> None:
    """Said once per process and setting: the loop asks at every re-plan."""
    key = f"{os.environ.get('TZ')!r}:{message}"
    if key in _explained:
        return
    _explained.add(key)
    log.warning("Local time zone (TZ=%r): %s", os.environ.get("TZ"), message)
