"""Print the next instant at which the clocks in a zone show a time of day (ISO 8601).

Used by .ci/run for the night-time and DST passes, which move the wall clock there with
datefudge; ``--seconds`` prints the offset from now instead (for ``faketime -f +N``).

    python tools/clock_target.py 03:30 --zone UTC
    python tools/clock_target.py 21:59 --zone Europe/Berlin --dst-switch autumn
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def dst_switch_day(zone: ZoneInfo, after: date, season: str) -> date:
    """The next day on which the zone's UTC offset changes, in spring or in autumn."""
    day = after
    for _ in range(2 * 366):
        day += timedelta(days=1)
        before = datetime.combine(day, time(0), zone).utcoffset()
        after_day = datetime.combine(day + timedelta(days=1), time(0), zone).utcoffset()
        if before != after_day and (season == "spring") == (after_day > before):
            return day
    raise SystemExit(f"{zone.key} has no {season} DST switch")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("at", help="local time of day, HH:MM")
    parser.add_argument("--zone", default="UTC", help="IANA zone the time is meant in")
    parser.add_argument("--dst-switch", choices=("spring", "autumn"), help="on that DST day")
    parser.add_argument("--seconds", action="store_true", help="print the offset from now")
    args = parser.parse_args()
    zone = ZoneInfo(args.zone)
    now = datetime.now(UTC)
    today = now.astimezone(zone).date()
    day = dst_switch_day(zone, today, args.dst_switch) if args.dst_switch else today
    target = datetime.combine(day, time.fromisoformat(args.at), zone)
    while target <= now:
        target += timedelta(days=1)
    print(int((target - now).total_seconds()) if args.seconds else target.isoformat())


if __name__ == "__main__":
    main()
