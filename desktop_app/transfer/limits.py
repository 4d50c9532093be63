"""How much a download may bring and how long it may take.

A server decides how many bytes it sends and how fast. Without bounds a server that
lists 68 bytes and sends a gigabyte fills the disk, and one that trickles a kilobyte every
few seconds keeps a run going for ever. Every download is therefore bounded while it
runs: by the size the listing gave (or the file size limit) and by a deadline that grows
with that size, at a minimum rate far below any real office line.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from ..domain.file_limits import MAX_FILE_BYTES
from ..domain.interface import (
    DEFAULT_DOWNLOAD_GRACE_SECONDS,
    DEFAULT_DOWNLOAD_MIN_KIB_PER_SECOND,
    ChainOptions,
)
from .file_errors import DownloadTooLarge, LocalWriteFailed, RemoteFileChanged


@dataclass(frozen=True)
class DownloadLimits:
    """The chain options' download settings (their defaults say why), in bytes and seconds."""

    min_rate: int = DEFAULT_DOWNLOAD_MIN_KIB_PER_SECOND * 1024  # bytes per second
    grace: float = DEFAULT_DOWNLOAD_GRACE_SECONDS  # seconds
    max_bytes: int = MAX_FILE_BYTES

    def __post_init__(self) -> None:
        if self.min_rate <= 0 or self.grace <= 0 or self.max_bytes <= 0:
            raise ValueError("download limits must be positive")

    @classmethod
    def from_options(cls, options: ChainOptions) -> DownloadLimits:
        return cls(options.download_min_kib_per_second * 1024, options.download_grace_seconds)

    def file_seconds(self, size: int | None) -> float:
        """A file's deadline: the grace plus its size (the limit if unknown) at min_rate."""
        return self.grace + (self.max_bytes if size is None else size) / self.min_rate

    def run_seconds(self, sizes: Iterable[int | None]) -> float:
        """A run's deadline after listing: one grace for the run, and each file's own."""
        return self.grace + sum(self.file_seconds(size) for size in sizes)

    def listing_seconds(self, received: int) -> float:
        """A listing may go on while it comes at min_rate at least, after the grace."""
        return self.grace + received / self.min_rate


@dataclass(frozen=True)
class Deadline:
    at: float  # on the time.monotonic() clock
    seconds: float  # the budget it was made with, for messages

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds, seconds)

    def left(self) -> float:
        return self.at - time.monotonic()


class BoundedSink:
    """Where a download's bytes go: never one byte more than the listing said.

    A chunk that would go past the listed size (or, with none listed, the limit) is not
    written; the download stops there with RemoteFileChanged or DownloadTooLarge.
    """

    def __init__(self, out: BinaryIO, path: str, expected: int | None, max_bytes: int) -> None:
        self._out, self.path, self.expected, self.max_bytes = out, path, expected, max_bytes
        self.received = 0

    @property
    def allowed(self) -> int:
        """The most bytes this download may bring."""
        return self.expected if self.expected is not None else self.max_bytes

    @property
    def name(self) -> str:
        return getattr(self._out, "name", self.path)

    def write(self, chunk: bytes | memoryview) -> int:
        after = self.received + len(chunk)
        if self.expected is not None and after > self.expected:
            raise RemoteFileChanged(self.path, self.expected, after)
        if after > self.max_bytes:
            raise DownloadTooLarge(self.path, self.max_bytes)
        try:
            self._out.write(chunk)
        except OSError as exc:
            raise LocalWriteFailed(self.name, exc.strerror or str(exc)) from exc
        self.received = after
        return len(chunk)
