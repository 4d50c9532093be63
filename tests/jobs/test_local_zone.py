"""The scheduler's zone agrees with the C library's (the log, ``astimezone()``) for every
form of TZ, including POSIX rules that have no IANA key."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# Each case runs in its own process: TZ is read once by the C library and cached by tzlocal.
PROBE = r"""
import json, logging, time
from datetime import UTC, datetime, timedelta
logging.basicConfig(level=logging.WARNING, format="%(message)s")
from desktop_app.jobs.local_zone import local_zone
zone = local_zone()
local_zone()  # asked again: explained once only
start = datetime(2027, 1, 1, tzinfo=UTC)
mismatches = []
for hour in range(0, 366 * 24, 7):  # every 7 hours through a year: both DST switches
    instant = start + timedelta(hours=hour)
    ours = instant.astimezone(zone)
    theirs = time.localtime(instant.timestamp())
    if (ours.utcoffset().total_seconds(), ours.hour) != (theirs.tm_gmtoff, theirs.tm_hour):
        mismatches.append(instant.isoformat())
from datetime import date, time as wall
from desktop_app.domain.schedule import localise
# 02:30 on the spring and autumn switch days in Europe/Berlin: a gap and a fold.
switch_days = [localise(date(2027, 3, 28), wall(2, 30), zone), localise(date(2027, 10, 31),
               wall(2, 30), zone)]
print(json.dumps({"mismatches": mismatches[:5], "offset": datetime(2027, 7, 1, 12, tzinfo=UTC)
      .astimezone(zone).utcoffset().total_seconds(), "hash": hash(zone) == hash(zone),
      "switch_days": [d.astimezone(UTC).isoformat() for d in switch_days]}))
"""


def probe(tz: str) -> tuple[dict, str]:
    env = {**os.environ, "TZ": tz}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout), done.stderr


@pytest.mark.parametrize(
    ("tz", "july_offset_hours", "explained"),
    [
        ("Europe/Berlin", 2, False),
        (":America/New_York", -4, False),
        ("DEMO-9", 9, True),  # a POSIX zone without DST, as the service tests use
        ("XYZ+5", -5, True),  # POSIX offsets are west-positive
        ("CET-1CEST,M3.5.0,M10.5.0/3", 2, True),  # a POSIX rule with DST
        ("EST5EDT,M3.2.0,M11.1.0", -4, True),
    ],
)
def test_local_zone_agrees_with_the_c_library(tz, july_offset_hours, explained):
    result, log = probe(tz)
    assert result["mismatches"] == []
    assert result["offset"] == july_offset_hours * 3600
    assert log.count("Local time zone") == (1 if explained else 0), log


def test_a_posix_rule_plans_the_dst_days_as_its_iana_twin():
    posix, _ = probe("CET-1CEST,M3.5.0,M10.5.0/3")
    iana, _ = probe("Europe/Berlin")
    # The gap's 02:30 runs at 03:00 CEST; the fold's 02:30 is its first occurrence (CEST).
    assert iana["switch_days"] == ["2027-03-28T01:00:00+00:00", "2027-10-31T00:30:00+00:00"]
    assert posix["switch_days"] == iana["switch_days"]


def test_a_zone_from_a_file_path():
    path = "/usr/share/zoneinfo/Asia/Tokyo"
    if not os.path.exists(path):
        pytest.skip("no system zoneinfo files on this OS")
    result, _ = probe(path)
    assert result["mismatches"] == []
    assert result["offset"] == 9 * 3600
