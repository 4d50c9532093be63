"""This computer's name (Rechner): what a workstation-bound interface names, what the
scheduler and the password records go by."""

from __future__ import annotations

import socket


def this_computer() -> str:
    return socket.gethostname()
