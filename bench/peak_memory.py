"""This process's peak resident memory in MB, on Linux, macOS and Windows.

``resource`` exists only on POSIX; Windows has the same figure as the peak working set
(``GetProcessMemoryInfo``). The benchmarks run their measured work in a subprocess and
print this at its end.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def peak_rss_mb() -> float:
    """The peak resident set size of this process so far, in MB (2**20 bytes)."""
    if sys.platform == "win32":
        return _windows_peak_working_set() / 2**20
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux counts ru_maxrss in KiB, macOS in bytes.
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def high_water_mark_mb() -> float | None:
    """Linux's VmHWM (this process image only, unlike ru_maxrss across execve), in MB;
    None where /proc does not exist."""
    status = Path("/proc/self/status")
    if not status.exists():
        return None
    hwm = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
    return int(hwm.group(1)) / 1024 if hwm else None


def _windows_peak_working_set() -> int:
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    kernel32 = ctypes.WinDLL("kernel32")
    psapi = ctypes.WinDLL("psapi")
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    psapi.GetProcessMemoryInfo.argtypes = [wintypes.HANDLE, ctypes.c_void_p, wintypes.DWORD]
    psapi.GetProcessMemoryInfo.restype = wintypes.BOOL
    if not psapi.GetProcessMemoryInfo(
        kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb
    ):
        raise ctypes.WinError()
    return int(counters.PeakWorkingSetSize)
