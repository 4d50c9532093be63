"""Names as ftplib sends them and as the program shows them.

Names travel as latin-1 inside ftplib (every byte maps to one character, so nothing is
lost) and are decoded here: UTF-8 when they are valid UTF-8, else latin-1.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace

from .remote import RemoteEntry, join_remote


class WireNames:
    """The names of one session: which came as latin-1, and the home directory that a
    relative path starts from."""

    def __init__(self) -> None:
        self.home = "/"
        self._latin1_names: set[str] = set()

    def to_wire(self, path: str) -> str:
        """The absolute path as ftplib must send it."""
        parts = [
            part if part in self._latin1_names else part.encode("utf-8").decode("latin-1")
            for part in path.split("/")
        ]
        wire = "/".join(parts)
        return wire if wire.startswith("/") else posixpath.join(self.home, wire)

    def learn_from(self, other: WireNames) -> None:
        """What ``other``, an earlier session with the same server, learned of its names:
        a name listed there as latin-1 must go out as latin-1 here too."""
        self._latin1_names |= other._latin1_names

    def from_wire(self, name: str) -> str:
        try:
            return name.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            self._latin1_names.add(name)
            return name

    def decoded(self, entry: RemoteEntry, directory: str) -> RemoteEntry:
        name = self.from_wire(entry.name)
        return replace(entry, name=name, path=join_remote(directory, name))
