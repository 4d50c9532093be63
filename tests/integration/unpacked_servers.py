"""Where the FTP servers unpacked by tools/fetch_ftp_servers.sh are found.

Debian installs only one FTP server package at a time, so ProFTPD and Pure-FTPd are
unpacked beside the repository (``.test-servers``) rather than installed; a machine that
has one of them installed normally uses that. ``TEST_FTP_SERVERS`` names another root.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
FETCH_HINT = "tools/fetch_ftp_servers.sh"


def unpacked_root() -> Path:
    return Path(os.environ.get("TEST_FTP_SERVERS") or REPOSITORY / ".test-servers")


def server_file(relative: str) -> Path | None:
    """``relative`` (e.g. "usr/sbin/pure-ftpd") in the unpacked root, else on this system."""
    for candidate in (unpacked_root() / relative, Path("/") / relative):
        if candidate.exists():
            return candidate
    found = shutil.which(Path(relative).name)
    return Path(found) if found else None
