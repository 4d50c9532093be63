"""A real server program started for a test: waiting until it listens, and stopping it."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.interface import Protocol
from tests.conftest import need

from .servers import Certificate


@dataclass
class FtpServerProcess:
    """A server program serving FTP, or FTPS when it has a certificate."""

    host: str
    port: int
    root: Path  # the "/" the client sees
    process: subprocess.Popen
    fingerprint: str | None  # of its certificate; None: plain FTP

    @property
    def protocol(self) -> Protocol:
        return Protocol.FTP if self.fingerprint is None else Protocol.FTPS

    def stop(self) -> None:
        stop(self.process)


def serve(
    tmp_path: Path,
    certificate: Callable[[str], Certificate],
    protocol: Protocol,
    name: str,
    start: Callable[[Path, Certificate | None], Any] | None,
    missing: str,
) -> Iterator[Any]:
    """A fixture's body: ``start`` (None: the program is missing, see ``need``) the server
    ``name`` in a folder of its own, with a certificate for FTPS; stop it afterwards."""
    need(start is not None, missing)
    assert start is not None
    directory = tmp_path / name
    directory.mkdir()
    server = start(directory, certificate(name) if protocol is Protocol.FTPS else None)
    yield server
    server.stop()


def wait_until_listening(
    process: subprocess.Popen, host: str, port: int, name: str, seconds: float = 10
) -> None:
    """Return once ``host:port`` takes connections; raise with the program's output if it
    ended instead, or stop it if it did not listen within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"{name} ended at once ({process.returncode}): {output}")
        try:
            socket.create_connection((host, port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    stop(process)
    raise RuntimeError(f"{name} did not listen within {seconds:g} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
