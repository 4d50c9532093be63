"""Which remote names a run reads: the Dateiname filter and the date directories.

The run (``transfer/listing.py``) fetches by these rules, and the form warns with them
when two interfaces would fetch the same files (``shared_folders.py``).
"""

from __future__ import annotations

import fnmatch
import re
from datetime import date

_DASHED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_WILDCARDS = ("*", "?")


def matches_filter(name: str, name_filter: str) -> bool:
    """Dateiname: a case-insensitive part of the name; empty matches every file. With
    ``*`` or ``?`` it is a pattern of the whole name (``*.sta``), as users type it."""
    wanted = name_filter.strip().casefold()
    if any(mark in wanted for mark in _WILDCARDS):
        # Only * and ?: a [ in a file name stays itself.
        pattern = fnmatch.translate(wanted.replace("[", "[[]"))
        return re.fullmatch(pattern, name.casefold()) is not None
    return wanted in name.casefold()


def filters_overlap(first: str, second: str) -> bool:
    """Whether two Dateinamen surely fetch some of the same files: equal ones, or one
    that matches the other read as a name (``Zahlungen`` and ``Zahlungen_Nord``, ``*``
    and anything, an empty one and anything). Patterns that only might meet
    (``*.csv`` and ``Zahlungen``) do not count: two Mandanten may read one folder."""
    a, b = first.strip().casefold(), second.strip().casefold()
    return a == b or matches_filter(a, b) or matches_filter(b, a)


def date_of_directory(name: str) -> date | None:
    """The date of a ``YYYY-MM-DD`` or ``YYYYMMDD`` directory name, else None."""
    match = _DASHED.match(name) or _COMPACT.match(name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def is_date_path(relative: str) -> bool:
    """Whether ``relative`` (below a directory, without slashes at its ends) is one of
    the date directories a run searches there: ``YYYY-MM-DD``, ``YYYYMMDD`` or
    ``YYYY/MM/DD``."""
    parts = relative.split("/")
    if len(parts) == 1:
        return date_of_directory(parts[0]) is not None
    if len(parts) == 3 and [len(p) for p in parts] == [4, 2, 2]:
        return date_of_directory("".join(parts)) is not None
    return False
