"""Parsing FTP directory listings: MLSD facts, and LIST output in Unix and DOS/IIS style.

LIST has no standard format. These two cover the servers branch offices meet (vsftpd,
ProFTPD, Pure-FTPd, FileZilla Server, IIS); lines in any other format are counted as
unparsed so the client can fall back to NLST and SIZE. Times in LIST are server-local
and of unknown zone; they are returned as UTC, good enough for ordering only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta

from .remote import RemoteEntry, join_remote

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}

# DOTALL: a name may hold a line feed (see LineSplitter); it is kept, then refused whole.
_UNIX = re.compile(
    r"^(?P<type>[-dlcbps])[-rwxsStTl]{9}[+@.]?\s+\d+\s+\S+\s+(?:\S+\s+)?"
    r"(?P<size>\d+)\s+(?P<month>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+"
    r"(?P<when>\d{1,2}:\d{2}|\d{4})\s+(?P<name>.+)\Z",
    re.DOTALL,
)
_DOS = re.compile(
    r"^(?P<month>\d{2})-(?P<day>\d{2})-(?P<year>\d{2}|\d{4})\s+"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[AaPp][Mm])?\s+"
    r"(?P<size><DIR>|\d+)\s+(?P<name>.+)\Z",
    re.DOTALL,
)


class LineSplitter:
    """The lines of a listing as its blocks arrive, in bounded memory.

    RFC 959 ends every line with CRLF, so a line feed alone inside a line is part of a
    file name (Unix allows one): splitting on it too cut such a name in two, and the
    half was then "no longer on the server". A listing with a CRLF in it is split on
    CRLF only; one without (some servers end lines with LF or CR alone) on that, decided
    once a line's worth has arrived without a CRLF. A CR in a name travels as CR NUL
    (RFC 3659 2.2). A line longer than ``maxline`` is skipped and its start kept in
    ``skipped`` (for the log) instead of failing the whole listing.
    """

    def __init__(self, maxline: int) -> None:
        self.maxline = maxline
        self.skipped: list[str] = []
        self._ending: str | None = None
        self._carry = ""
        self._skipping = False  # inside an over-long line: drop until its end

    def feed(self, text: str) -> list[str]:
        text = self._carry + text
        if self._ending is None:
            self._ending = _line_ending(text, decide=len(text) > self.maxline + 2)
            if self._ending is None:
                self._carry = text
                return []
        *parts, carry = text.split(self._ending)
        lines = [line for line in map(self._line, parts) if line is not None]
        if len(carry) > self.maxline + 1:  # + 1: a CR that may start the CRLF
            self._line(carry)
            self._skipping = True
            carry = "\r" if carry.endswith("\r") else ""
        self._carry = carry
        return lines

    def end(self) -> list[str]:
        text, self._carry = self._carry, ""
        if self._ending is None:
            self._ending = _line_ending(text, decide=True) or "\r\n"
        last = text.removesuffix("\r") if self._ending == "\r\n" else text
        lines = [self._line(part) for part in last.split(self._ending)] if last else []
        return [line for line in lines if line is not None]

    def _line(self, part: str) -> str | None:
        if self._skipping:
            self._skipping = False  # the rest of an over-long line
            return None
        if len(part) > self.maxline:
            self.skipped.append(part[:80])
            return None
        return part.replace("\r\x00", "\r") or None  # an empty line lists nothing


def _line_ending(text: str, *, decide: bool) -> str | None:
    """CRLF when the listing has one; else, once ``decide``, LF or CR; None: not yet known."""
    if "\r\n" in text:
        return "\r\n"
    if not decide:
        return None
    if "\n" in text:
        return "\n"
    return "\r" if "\r" in text.replace("\r\x00", "") else None


def parse_mlsd(
    directory: str,
    facts_by_name: Iterable[tuple[str, Mapping[str, str]]],
    decode: Callable[[str], str] | None = None,
) -> list[RemoteEntry]:
    """Entries of an MLSD listing; ``decode`` turns a name as sent into the name shown."""
    entries = []
    for name, facts in facts_by_name:
        kind = facts.get("type", "").lower()
        if kind in ("cdir", "pdir") or name in (".", ".."):
            continue
        if decode is not None:
            name = decode(name)
        size = facts.get("size") or facts.get("sizd")
        entries.append(
            RemoteEntry(
                name=name,
                size=int(size) if size and size.isdigit() else None,
                mtime=parse_mlsd_time(facts.get("modify", "")),
                is_dir=kind == "dir",
                path=join_remote(directory, name),
            )
        )
    return entries


def mlsd_facts(line: str) -> tuple[str, dict[str, str]]:
    """One MLSD line as ftplib.FTP.mlsd gives it: (name, {fact: value})."""
    facts_found, _, name = line.partition(" ")
    facts = {}
    for fact in facts_found[:-1].split(";"):
        key, _, value = fact.partition("=")
        facts[key.lower()] = value
    return name, facts


_MLSD_TIME = re.compile(r"[0-9]{14}")


def parse_mlsd_time(value: str) -> datetime | None:
    # RFC 3659: YYYYMMDDHHMMSS[.sss] in UTC. Not strptime: that was a third of the
    # client's time for a 10,000-file listing (bench/ftp_transfer.py).
    if not _MLSD_TIME.match(value):
        return None
    try:
        return datetime.fromisoformat(f"{value[:8]}T{value[8:14]}+00:00")
    except ValueError:
        return None


def parse_list(
    directory: str, lines: Iterable[str], now: datetime
) -> tuple[list[RemoteEntry], int]:
    """The entries of a LIST output, and how many non-empty lines could not be parsed."""
    entries: list[RemoteEntry] = []
    unparsed = 0
    for line in lines:
        if not line.strip() or line.lower().startswith("total "):
            continue
        entry = parse_unix_line(line, now) or parse_dos_line(line)
        if entry is None:
            unparsed += 1
        elif entry.name not in (".", ".."):
            entries.append(
                RemoteEntry(
                    entry.name,
                    entry.size,
                    entry.mtime,
                    entry.is_dir,
                    join_remote(directory, entry.name),
                )
            )
    return entries, unparsed


def parse_unix_line(line: str, now: datetime) -> RemoteEntry | None:
    match = _UNIX.match(line)
    if not match or match["month"].lower() not in _MONTHS:
        return None
    kind, name = match["type"], match["name"]
    if kind == "l":
        name = name.split(" -> ", 1)[0]
    mtime = _unix_time(match["month"], match["day"], match["when"], now)
    # a link's own size says nothing about its target: the client asks the server (SIZE)
    size = None if kind == "l" else int(match["size"])
    return RemoteEntry(name=name, size=size, mtime=mtime, is_dir=kind == "d")


def _unix_time(month: str, day: str, when: str, now: datetime) -> datetime | None:
    try:
        if ":" in when:
            hour, minute = (int(x) for x in when.split(":"))
            stamp = datetime(now.year, _MONTHS[month.lower()], int(day), hour, minute, tzinfo=UTC)
            # "Mon DD HH:MM" means within the last six months, so a future date is last year
            if stamp > now + timedelta(days=1):
                stamp = stamp.replace(year=now.year - 1)
            return stamp
        return datetime(int(when), _MONTHS[month.lower()], int(day), tzinfo=UTC)
    except ValueError:
        return None


def parse_dos_line(line: str) -> RemoteEntry | None:
    match = _DOS.match(line)
    if not match:
        return None
    year = int(match["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    hour = int(match["hour"]) % 12 if match["ampm"] else int(match["hour"])
    if match["ampm"] and match["ampm"].lower() == "pm":
        hour += 12
    try:
        mtime = datetime(
            year, int(match["month"]), int(match["day"]), hour, int(match["minute"]), tzinfo=UTC
        )
    except ValueError:
        mtime = None
    is_dir = match["size"] == "<DIR>"
    return RemoteEntry(
        name=match["name"],
        size=None if is_dir else int(match["size"]),
        mtime=mtime,
        is_dir=is_dir,
    )
